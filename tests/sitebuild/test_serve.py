"""`mkdocs serve` as an editor uses it (real server on the loopback address).

An edited record shows in the preview; a broken edit prints its located message and the last
good preview stays served (MkDocs itself would hold every request until the next good build);
the search index (built with the pages) follows the edit in the same rebuild.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from .conftest import FIXTURE, copy_project

RECORD = "procedures/1.001193.yaml"
LIMIT = 300.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _until(test, what: str) -> None:
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        if test():
            return
        time.sleep(0.2)
    raise AssertionError(f"not seen within {LIMIT:.0f} s: {what}")


def test_preview_follows_edits_and_keeps_the_last_good_one(tmp_path: Path) -> None:
    project = copy_project(FIXTURE, tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    assert server.stderr is not None
    stream = server.stderr
    threading.Thread(target=lambda: log.extend(iter(stream.readline, "")), daemon=True).start()
    try:
        page = f"http://127.0.0.1:{port}/tthc/thu-tuc/1.001193/"
        _until(lambda: _get(page) is not None, "the first page")
        manifest = f"http://127.0.0.1:{port}/tthc/tim-kiem/chi-muc/manifest.json"
        before = _get(manifest)
        assert before is not None

        record = project / RECORD
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("ten_thu_tuc: ", "ten_thu_tuc: Đã sửa ", 1),
                          encoding="utf-8")
        _until(lambda: "Đã sửa " in (_get(page) or ""), "the edited record")
        assert _get(manifest) != before, "the search index is rebuilt with the pages"

        seen = len(log)
        record.write_text(text + "\n  thừa: [\n", encoding="utf-8")
        _until(lambda: any(line.startswith(f"{RECORD}:") for line in log[seen:]),
               "the located message of the broken edit")
        assert "Đã sửa " in (_get(page) or ""), "the last good preview is still served"
        assert "bản xem trước giữ nguyên bản dựng tốt gần nhất" in "".join(log[seen:])
    finally:
        server.terminate()
        server.wait(timeout=60)
