"""`mkdocs serve` in two steps: the edited record's page at once, the whole site in the background.

MkDocs rebuilds the whole site on every save and holds every request while it builds; on a
national catalogue that is half a minute. `QuickServe` takes the server's place as builder:

1. when only procedure records changed, `preview.quick_preview` renders their pages against the
   last good build (records checked with the whole project, as the build checks them), and they
   are written into the served site through the same theme templates — the browser reloads in
   about a second; a record with errors prints its located messages at once and the preview is
   left as it was;
2. the full build (MkDocs' own builder, unchanged) then runs in a background thread — requests
   are served meanwhile, from the last good site plus the quick pages — and its staging folder
   is swapped in (`staging.py`); the browsers reload again. The quick page says the rest of the
   site, search index included, is being rebuilt, until the full build replaces it.

Any change the quick step cannot answer exactly (configuration, theme, pages, units, a new or
deleted record) goes straight to the full build. Only the full build ever updates the snapshot
the quick step renders against, so a quick page never outlives the next full build.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from ..preview import BuildState, quick_preview
from ..records.project import RECORD_SUFFIXES
from ..site.output import SitePage

log = logging.getLogger("mkdocs.plugins.congkhai")

#: Sets a MkDocs page's meta and content for a generated page (the plugin's `page_meta`).
PageMeta = Callable[[SitePage], dict[str, Any]]


@dataclass(frozen=True)
class Snapshot:
    """The last good full build: what the quick step renders against."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    state: BuildState
    site_dir: Path


class QuickServe:
    """The server's builder under `mkdocs serve` (see the module docstring)."""

    def __init__(self, server: Any, builder: Callable[[], None], page_meta: PageMeta,
                 snapshot: Callable[[], Snapshot | None]) -> None:
        self.server = server
        self.full_build = builder
        self.page_meta = page_meta
        self.snapshot = snapshot
        self._changed: set[Path] = set()
        self._lock = threading.Lock()
        self._pending = False
        self._worker: threading.Thread | None = None
        server.builder = self.build

    def watch(self, folder: Path) -> None:
        """Note which files change under `folder` (MkDocs' own watch only says that some did)."""
        import watchdog.events

        def noted(event: Any) -> None:
            if event.is_directory:
                return
            with self._lock:
                for name in (event.src_path, getattr(event, "dest_path", "")):
                    if name:
                        self._changed.add(Path(os.fsdecode(name)))
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = noted  # type: ignore[method-assign]
        self.server.observer.schedule(handler, str(folder), recursive=True)

    def build(self, config: MkDocsConfig | None = None) -> None:
        """Called by the server on every change: the quick step, then the full build queued."""
        with self._lock:
            changed, self._changed = sorted(self._changed), set()
        snapshot = self.snapshot()
        # Hidden files are never records (editors' swap files); a vanished file that is not a
        # record was an editor's temporary file. Whatever is left decides the step.
        relevant = [p for p in changed if not p.name.startswith(".")
                    and (p.exists() or p.suffix in RECORD_SUFFIXES)]
        if snapshot is not None and relevant:
            started = time.perf_counter()
            try:
                quick = quick_preview(snapshot.state, relevant)
            except Exception as error:  # the full build reports it, located
                log.debug(f"congkhai: xem trước nhanh không được ({error!r}); dựng toàn bộ")
                quick = None
            if quick is not None:
                for problem in quick.problems:
                    (log.error if problem.severity == "error" else log.info)(problem.format())
                if quick.errors:
                    log.error("hồ sơ có lỗi: bản xem trước giữ nguyên bản dựng tốt gần nhất.")
                    return  # the full build would stop on the same errors
                for page in quick.pages:
                    self._write(snapshot, page)
                log.info(f"congkhai: xem trước nhanh {', '.join(p.path for p in quick.pages)} "
                         f"({time.perf_counter() - started:.1f} s); đang dựng lại toàn bộ trang")
        self._queue_full_build()

    def _write(self, snapshot: Snapshot, generated: SitePage) -> None:
        """Render one generated page with the theme's templates and replace it in the site."""
        file = snapshot.files.get_file_from_path(generated.src_uri)
        if file is None or file.page is None:
            return
        page = file.page
        page.meta = self.page_meta(generated)
        page.content = str(generated.body)
        page.active = True
        try:
            context = get_context(snapshot.nav, snapshot.files, snapshot.config, page)
            html = snapshot.env.get_template(generated.template).render(context)
        finally:
            page.active = False
            page.content = ""
        target = snapshot.site_dir / file.dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed over, so the server never sends half a page.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as out:
            out.write(html.encode("utf-8", errors="xmlcharrefreplace"))
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)

    def _queue_full_build(self) -> None:
        with self._lock:
            self._pending = True
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="congkhai-full-build",
                                                daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    self._worker = None
                    return
                self._pending = False
            try:
                self.full_build()
            except Exception as error:  # as MkDocs' own loop does: report, keep serving
                log.error(f"{error}\nbản xem trước giữ nguyên bản dựng tốt gần nhất.")
                continue
            self._reload_browsers()

    def _reload_browsers(self) -> None:
        """Tell open pages that the site changed (MkDocs does so only after its own builds)."""
        server = self.server
        try:
            cond = server._epoch_cond
            with cond:
                # Not while the server's own loop is mid-build: it reloads them when it ends.
                cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch, timeout=60)
                server._wanted_epoch = server._visible_epoch = round(time.monotonic() * 1000)
                cond.notify_all()
        except AttributeError:  # another MkDocs: the next save reloads them
            pass
