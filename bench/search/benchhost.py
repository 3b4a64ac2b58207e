"""The bench's static host: serves a site folder under a sub-path like a static host does.

Text and JSON responses are gzip-compressed (level 6, as common hosts do); everything else is
sent as is (Pagefind's index files are gzip files already). Two flavours:

* HTTP/1.1 (``http.server``): the browser opens at most 6 connections per host, so a round of
  more than 6 requests waits for a second round trip — the worst case of an old server;
* HTTP/2 over TLS (Hypercorn, self-signed certificate): one connection carries every request
  at once, as GitHub Pages, Netlify, Cloudflare and most CDNs serve static sites today.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import http.server
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

PREFIX = "/a/b/tthc/"
TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
}
BINARY_TYPES = {".wasm": "application/wasm"}
#: Every response says its length. A 404 without Content-Length on an HTTP/1.1 keep-alive
#: connection has no end: the browser reads it until the connection closes, which the server
#: never does, so the connection is lost for good. Chromium asks for /favicon.ico at each
#: history.replaceState (the search page puts the query in the URL after every search): after
#: six queries all six connections to the host were stuck and every later index request waited
#: forever — the quality pass "hung" at 2,500 and 20,000 procedures.
NOT_FOUND = (404, [("Content-Type", "text/plain"), ("Content-Length", "9")], b"not found")


class Files:
    """Resolves request paths to (status, headers, body), compressing text once."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.cache: dict[Path, bytes] = {}

    def get(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        path = path.split("?")[0]
        if not path.startswith(PREFIX):
            return NOT_FOUND
        target = (self.root / path[len(PREFIX) :]).resolve()
        if target.is_dir():
            target = target / "index.html"
        if self.root not in target.parents or not target.is_file():
            return NOT_FOUND
        text = target.suffix in TEXT_TYPES
        body = self.cache.get(target)
        if body is None:
            body = target.read_bytes()
            body = gzip.compress(body, compresslevel=6, mtime=0) if text else body
            self.cache[target] = body
        ctype = (
            TEXT_TYPES.get(target.suffix)
            or BINARY_TYPES.get(target.suffix)
            or "application/octet-stream"
        )
        headers = [
            ("Content-Type", ctype),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-cache"),
        ]
        if text:
            headers.append(("Content-Encoding", "gzip"))
        return 200, headers, body


def _http1_handler(files: Files) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, headers, body = files.get(self.path)
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

        timeout = 60  # an idle connection is closed: no server thread waits forever

    return Handler


@contextlib.contextmanager
def _serve_http1(files: Files) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _http1_handler(files))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def _asgi(files: Files):
    async def app(scope, receive, send):  # ASGI: one static response per request
        if scope["type"] != "http":
            return
        status, headers, body = files.get(scope["path"])
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(k.lower().encode(), v.encode()) for k, v in headers],
            }
        )
        await send({"type": "http.response.body", "body": body})

    return app


@contextlib.contextmanager
def _serve_http2(files: Files) -> Iterator[str]:
    from hypercorn.asyncio import serve
    from hypercorn.config import Config

    with tempfile.TemporaryDirectory() as tmp:
        cert, key = Path(tmp) / "cert.pem", Path(tmp) / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        config = Config()
        config.bind = [f"127.0.0.1:{port}"]
        config.certfile, config.keyfile = str(cert), str(key)
        config.alpn_protocols = ["h2", "http/1.1"]
        config.accesslog = config.errorlog = None
        loop = asyncio.new_event_loop()
        stop = asyncio.Event()
        ready = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(loop)
            loop.call_soon(ready.set)
            loop.run_until_complete(serve(_asgi(files), config, shutdown_trigger=stop.wait))

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        if not ready.wait(timeout=30):
            raise RuntimeError("the HTTP/2 test server did not start")
        _wait_for_port(port)
        try:
            yield f"https://127.0.0.1:{port}{PREFIX}"
        finally:
            loop.call_soon_threadsafe(stop.set)
            thread.join(timeout=10)


def _wait_for_port(port: int) -> None:
    for _ in range(100):
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.1),
        ):
            return
        threading.Event().wait(0.05)
    raise RuntimeError("the HTTP/2 test server did not start")


@contextlib.contextmanager
def serve(site: Path, http2: bool = False) -> Iterator[str]:
    """Serve ``site`` under PREFIX; yields the base URL of the site."""
    files = Files(site)
    with _serve_http2(files) if http2 else _serve_http1(files) as url:
        yield url
