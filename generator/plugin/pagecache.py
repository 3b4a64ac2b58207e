"""Generated pages written from the persistent build cache when nothing they show has changed.

Rendering a generated page through Material's templates is the largest part of a build. The
final HTML of each generated page is kept in the cache (`generator.cache`) under a key of all it
depends on:

- the page itself: every field of its `SitePage` (body, title, template, description, JSON-LD,
  dates, extra values), so an edited record changes exactly the pages that show it — its page
  and embed, the lists, decision and unit pages that list it;
- the whole build (`site_key`): the code (package source, library versions), the resolved
  configuration (mkdocs.yml text, site address, theme folders and the site's own overrides) and
  what the navigation every page shows is made of: the navigation written in mkdocs.yml, every
  hand-written page (its titles) and the title of each generated page the navigation names
  (`nav_sources`). So the key is
  known before MkDocs reads any page, and a page the site folder already holds is never read
  (`carry.py`); the navigation MkDocs then builds is checked against the one the site folder
  was written with (`nav_digest`).

On a hit the page's template is swapped for `congkhai-cached.html` (`{{ page.content }}`) and
the cached HTML is its content, so MkDocs writes the same bytes without rendering Material's
templates. A miss renders as usual and stores the result (`on_post_page`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..cache import CACHE_DIR, BuildCache, code_key, digest, tree_parts
from ..site.output import SitePage, Stored

#: The pass-through template of cached pages (in the plugin's theme folder).
CACHED_TEMPLATE = "congkhai-cached.html"
#: The frame of embeds: a page of its own, with no navigation (theme/embed.html).
FRAME_ONLY_TEMPLATE = "embed.html"


class PageCache:
    """Decides, page by page, whether MkDocs renders a generated page or copies it."""

    def __init__(self, root: Path, config: MkDocsConfig, search: bool) -> None:
        self.store_ = BuildCache(root / CACHE_DIR, "trang")
        self.config_key = digest(code_key(), _config_text(config), f"{search}")
        self.site_key = self.config_key
        self.keys: dict[str, str] = {}
        self.hits: set[str] = set()
        self.copied = 0
        self.carried = 0
        self.rendered = 0
        self.started = time.perf_counter()

    def frame_key(self, generated: SitePage | Stored) -> str | None:
        """The key of a page whose frame shows no navigation (an embed), or None.

        Such a page's key needs no navigation, so it is known before MkDocs reads any page."""
        if generated.template != FRAME_ONLY_TEMPLATE:
            return None
        return digest(self.config_key, page_text(generated))

    def frame_only(self, key: str) -> bytes | None:
        """The cached HTML of a frame-only page (see `frame_key`), or None: on a hit the plugin
        hands MkDocs the HTML as a plain file and the page skips MkDocs' page pipeline."""
        data = self.store_.get(key)
        if data is not None:
            self.copied += 1
        return data

    def begin(self, config: MkDocsConfig, named: list[str]) -> None:
        """Fix `site_key` (see the module's docstring), before MkDocs reads any page; `named`:
        the titles of the generated pages the navigation names, in `nav_sources` order."""
        self.site_key = digest(self.config_key, *tree_parts(Path(config.docs_dir)), *named)

    def page_key(self, generated: SitePage | Stored) -> str:
        return digest(self.config_key if generated.template == FRAME_ONLY_TEMPLATE
                      else self.site_key, page_text(generated))

    def start(self, files: Files, pages: dict[str, SitePage | Stored]) -> None:
        """Key every generated page MkDocs read (the others were carried over unread)."""
        for src, generated in pages.items():
            file = files.get_file_from_path(src)
            if file is None or file.page is None:
                continue
            self.keys[src] = self.page_key(generated)

    def keep(self, key: str) -> None:
        """A page the site folder already holds (carried over, see `carry.py`): not rendered,
        not read, but its entry stays in the cache."""
        self.store_.used.add(key)
        self.carried += 1

    def look_up(self, page: Page) -> None:
        """Point an unchanged page at the pass-through template (its HTML comes from the cache)."""
        key = self.keys.get(page.file.src_uri)
        if key is not None and self.store_.has(key):
            self.hits.add(page.file.src_uri)
            page.meta["template"] = CACHED_TEMPLATE

    def cached_html(self, page: Page) -> str | None:
        src = page.file.src_uri
        if src not in self.hits:
            return None
        data = self.store_.get(self.keys[src])
        if data is None:  # removed since start(): render this page after all
            raise RuntimeError(f"bộ đệm dựng trang ({CACHE_DIR}) vừa mất trang {src}: hãy dựng lại")
        return data.decode("utf-8")

    def store(self, page: Page, output: str) -> None:
        src = page.file.src_uri
        if src in self.keys and src not in self.hits:
            self.rendered += 1
            # Encoded as MkDocs writes pages, so a copy is the same bytes.
            self.store_.put(self.keys[src], output.encode("utf-8", errors="xmlcharrefreplace"))

    def finish(self) -> str:
        removed = self.store_.prune()
        return (f"congkhai: {len(self.hits) + self.copied + self.carried} trang lấy từ bộ đệm, "
                f"{self.rendered} trang dựng lại, {removed} mục cũ đã xóa")


def stored_key(source: str) -> str:
    """The key of a page or data file the build cache holds under `source`: that key covers
    all the output holds, so it stands for it."""
    return f"stored {source}"


def page_text(page: SitePage | Stored) -> str:
    """Every field of a generated page, as text (the page's share of its cache key); for a page
    from the build cache, the key it is stored under (a key of all it holds: see `Stored`),
    whether it was just rendered or is still unread."""
    if page.source is not None:
        return stored_key(page.source)
    assert isinstance(page, SitePage)
    return repr((page.path, page.title, str(page.body), page.template, page.description,
                 page.jsonld, page.updated, page.kind, sorted(page.extra.items())))


def _config_text(config: MkDocsConfig) -> str:
    """The configuration as resolved (command-line options and `mkdocs serve` included)."""
    parts: list[Any] = []
    if config.config_file_path:
        parts.append(Path(config.config_file_path).read_bytes())
    for name in ("site_name", "site_url", "site_description", "site_author", "copyright",
                 "use_directory_urls", "repo_url", "repo_name", "edit_uri", "extra",
                 "extra_css", "extra_javascript", "docs_dir"):
        parts.append(repr((name, config.get(name))))
    parts.append(repr(sorted(config.theme.items(), key=lambda kv: kv[0])))
    parts.append(repr(config.theme.dirs))
    if config.theme.custom_dir and Path(config.theme.custom_dir).is_dir():
        parts.extend(tree_parts(Path(config.theme.custom_dir)))
    return digest(*[p if isinstance(p, bytes) else str(p) for p in parts])


def nav_sources(nav: Any) -> list[str]:
    """Every page mkdocs.yml's `nav` names, in order (no `nav`: none, as generated pages stay
    out of a navigation MkDocs makes itself)."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [f for v in nav.values() for f in nav_sources(v)]
    if isinstance(nav, list):
        return [f for v in nav for f in nav_sources(v)]
    return []


def nav_digest(nav: Navigation) -> str:
    """The navigation as MkDocs built it: what `site_key` stands for (see `begin`)."""
    return digest(_nav_text(nav))


def _nav_text(nav: Navigation) -> str:
    """Titles and addresses of the navigation, in order: every page shows them."""
    lines: list[str] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, Section):
                lines.append(f"{depth} section {item.title}")
                walk(item.children, depth + 1)
            elif isinstance(item, Link):
                lines.append(f"{depth} link {item.title} {item.url}")
            else:
                lines.append(f"{depth} page {item.title} {item.url}")
    walk(nav.items, 0)
    return "\n".join(lines)
