"""Search under `mkdocs serve`: the index is rebuilt in the background, never before the preview.

Indexing the whole site takes seconds to minutes; an editor waiting for an edited record must
not wait for it. Under `serve` the plugin swaps the new site in first, carrying over the previous
search bundle (so search keeps working, a little behind), then re-indexes in a background thread.
Pages built for the preview say so in the search dialog (`partials/search.html`, flag
`congkhai_search_preview`). `mkdocs build` is unchanged: the index is built before the swap.

Kept apart from the rest of the plugin on purpose: the search engine is being replaced, and only
`index_site` and `BUNDLE_DIR` are used here.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path

from ..site.search.pagefind import BUNDLE_DIR, SearchIndexError, index_site

log = logging.getLogger("mkdocs.plugins.congkhai")


class BackgroundIndex:
    """At most one indexing run at a time; a newer build's request supersedes an older one."""

    def __init__(self) -> None:
        self._counter = threading.Lock()
        self._running = threading.Lock()
        self._generation = 0

    def carry_over(self, site_dir: Path, staging: Path) -> None:
        """Move the last bundle into the new site before the swap: search works at once."""
        old = site_dir / BUNDLE_DIR
        if old.is_dir() and not (staging / BUNDLE_DIR).exists():
            # If it cannot move, the preview has no search until the new index is ready.
            with contextlib.suppress(OSError):
                old.rename(staging / BUNDLE_DIR)

    def start(self, site_dir: Path) -> None:
        with self._counter:  # never waits for a running index
            self._generation += 1
            generation = self._generation
        threading.Thread(target=self._run, args=(site_dir, generation), daemon=True,
                         name="congkhai-search-index").start()

    def _run(self, site_dir: Path, generation: int) -> None:
        with self._running:  # one Pagefind run at a time; a superseded request does nothing
            if generation != self._generation:
                return
            try:
                report = index_site(site_dir)
            except (SearchIndexError, OSError) as failed:
                if generation == self._generation:
                    log.warning(f"chỉ mục tìm kiếm chưa cập nhật được: {failed}")
                return
        log.info(f"{report.summary()} (chạy nền, sau khi trang xem trước đã sẵn sàng)")
