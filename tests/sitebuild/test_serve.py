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

from bs4 import BeautifulSoup

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


def _article(html: str) -> str:
    """The page's article with the quick preview's notice taken out."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    for notice in article.select(".congkhai-xem-truoc"):
        notice.decompose()
    return str(article)


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

        # An edit: the record's own page first (quick step, with its notice), then the whole
        # site, search index included, from the full build in the background.
        record = project / RECORD
        text = record.read_text(encoding="utf-8")
        seen = len(log)
        record.write_text(text.replace("ten_thu_tuc: ", "ten_thu_tuc: Đã sửa ", 1),
                          encoding="utf-8")
        shown: list[str] = []
        _until(lambda: "Đã sửa " in _remember(shown, _get(page)), "the edited record")
        quick = shown[-1]
        assert BeautifulSoup(quick, "html.parser").select_one(
            "article .congkhai-xem-truoc") is not None, "the first answer is the quick page"
        assert any("xem trước nhanh thu-tuc/1.001193/" in line for line in log[seen:])
        _until(lambda: _get(manifest) != before, "the search index of the full build")
        _until(lambda: "congkhai-xem-truoc" not in (_get(page) or "x"), "the full build's page")
        full = _get(page)
        assert full is not None and "Đã sửa " in full
        assert _article(quick) == _article(full), "the quick page shows what the build shows"

        # A mistake only the whole project reveals (a sector not in the catalogue) is reported
        # located at once, and the preview stays.
        seen = len(log)
        record.write_text(text.replace("linh_vuc: Hộ tịch", "linh_vuc: Hộ tịchh", 1),
                          encoding="utf-8")
        _until(lambda: any(f"{RECORD}:4:1: linh_vuc: lĩnh vực «Hộ tịchh»" in line
                           for line in log[seen:]), "the located message of the unknown sector")
        assert "Đã sửa " in (_get(page) or ""), "the last good preview is still served"

        seen = len(log)
        record.write_text(text + "\n  thừa: [\n", encoding="utf-8")
        _until(lambda: any(f"{RECORD}:" in line for line in log[seen:]),
               "the located message of the broken edit")
        assert "Đã sửa " in (_get(page) or ""), "the last good preview is still served"
        assert "bản xem trước giữ nguyên bản dựng tốt gần nhất" in "".join(log[seen:])
    finally:
        server.terminate()
        server.wait(timeout=60)


def _remember(seen: list[str], html: str | None) -> str:
    if html is not None:
        seen.append(html)
    return html or ""
