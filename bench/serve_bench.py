"""Preview benchmark: how long an editor waits under `mkdocs serve`.

Starts `mkdocs serve` on a copy of a project (loopback only), then measures:
- first page: from start until the home page is served;
- edit: from saving an edited record until its page shows the change (the quick preview);
- full site after edit: until the full build has replaced that page (lists, search index…);
- broken edit: from saving a record with a YAML error until the located message is printed,
  and whether the last good preview is still served.
Every wait is bounded; the server is stopped at the end (by its own process id).

    .venv/bin/python bench/serve_bench.py /path/to/project [port]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "bench" / "out"
LIMIT = 900.0  # seconds: no wait is longer


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait(test, limit: float = LIMIT) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if test():
            return time.perf_counter() - started
        time.sleep(0.1)
    raise SystemExit("timed out")


def _peak_mb(pid: int) -> float | None:
    """The server's peak resident memory so far (Linux), in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else None


def run(project: Path, port: int) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    record = sorted((project / "procedures").glob("*.yaml"))[0]
    code = record.stem
    log: list[str] = []
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert server.stderr is not None
    stream = server.stderr
    threading.Thread(target=lambda: log.extend(iter(stream.readline, "")), daemon=True).start()
    try:
        _wait(lambda: any("Serving on" in line for line in log))
        base = re.search(r"Serving on (\S+)", "".join(log)).group(1)  # type: ignore[union-attr]
        if not base.endswith("/"):
            base += "/"
        _wait(lambda: _get(base) is not None)
        first_page = time.perf_counter() - started
        page = f"{base}thu-tuc/{code}/"
        text = record.read_text(encoding="utf-8")
        marker = f"Đã sửa {time.time_ns()}"
        record.write_text(text.replace("ten_thu_tuc: ", f"ten_thu_tuc: {marker} ", 1),
                          encoding="utf-8")
        saved = time.perf_counter()
        edit = _wait(lambda: marker in (_get(page) or ""))
        # The quick page says the rest of the site is being rebuilt; the full build removes it.
        _wait(lambda: "congkhai-xem-truoc" not in (_get(page) or "congkhai-xem-truoc"))
        full_site = time.perf_counter() - saved
        before = len(log)
        broken_at = time.perf_counter()
        record.write_text(text + "\n  thừa: [\n", encoding="utf-8")
        _wait(lambda: any(f"{record.name}:" in line for line in log[before:]))
        broken = time.perf_counter() - broken_at
        shown = _get(page)
        kept = shown is not None and marker in shown
        if not kept:
            print("after broken edit:", "no page" if shown is None else shown[:300], "".join(log[before:])[-3000:], file=sys.stderr)
        record.write_text(text, encoding="utf-8")
        peak = _peak_mb(server.pid)
        return {"peak_memory_mb": peak, "first_page_s": first_page, "edit_s": edit, "full_site_after_edit_s": full_site,
                "broken_edit_message_s": broken,
                "last_good_preview_kept": kept}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str]) -> None:
    source = Path(argv[0])
    port = int(argv[1]) if len(argv) > 1 else 8765
    with tempfile.TemporaryDirectory(prefix="congkhai-serve-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(source, project, ignore=shutil.ignore_patterns("site", ".congkhai-cache"))
        result = run(project, port)
    result["records"] = len(list((source / "procedures").glob("*.yaml")))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "serve.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
