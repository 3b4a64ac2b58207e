"""What rendering produces: pages (a body fragment + the theme template that frames it) and data
files, plain values that any site engine can write. The MkDocs adapter hands them to MkDocs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup


@dataclass(frozen=True)
class SitePage:
    """One generated page. `path` is the URL path below the site root, e.g. `thu-tuc/1.001193/`."""

    path: str
    title: str
    body: Markup
    template: str = "main.html"
    description: str = ""
    jsonld: str | None = None
    updated: dt.date | None = None
    kind: str = "page"
    #: Extra values for the page template (e.g. what a frame template shows), plain data only.
    extra: dict[str, Any] = field(default_factory=dict)
    #: The build cache's key of everything the page holds, when it was cached (see `Stored`).
    source: str | None = None

    @property
    def src_uri(self) -> str:
        return src_uri(self.path)


@dataclass(frozen=True)
class DataFile:
    path: str
    content: bytes
    #: The build cache's key of everything the file holds, when it was cached (see `Stored`).
    source: str | None = None


@dataclass(frozen=True)
class Stored:
    """A page or data file that the build cache holds under `source` (see
    `Renderer.memo`), not read yet: the writer needs its path and key first, and reads the rest
    only if it writes the file (`load`). After one edit most of the site is already in the
    site folder as it would be written, so most outputs are never read; and a build holds no
    body it does not write."""

    path: str
    source: str
    #: The cache folder holding the entry (`cache.OutputCache.load`).
    folder: str
    #: A page's template ("" for a data file) and kind: what MkDocs needs of a page it reads
    #: before it writes any (the template, and the kind the sitemap leaves embeds out by).
    template: str = ""
    kind: str = ""

    @property
    def is_page(self) -> bool:
        return bool(self.template)

    @property
    def src_uri(self) -> str:
        return src_uri(self.path)

    def load(self) -> SitePage | DataFile:
        from ..cache import OutputCache  # the cache module does not import the site's
        found = OutputCache.load(self.folder, self.source)
        if not isinstance(found, SitePage | DataFile) or found.path != self.path:
            raise LookupError(f"bộ đệm dựng trang thiếu mục của {self.path}: hãy dựng lại")
        return found


def src_uri(path: str) -> str:
    return path + "index.md" if path else "index.md"


@dataclass
class SiteOutput:
    pages: list[SitePage | Stored] = field(default_factory=list)
    files: list[DataFile | Stored] = field(default_factory=list)
    #: Sections appended to the hand-written home page (docs/index.md).
    home_sections: Markup = field(default_factory=Markup)
    #: Latest date found in the records: the build's reproducible "build date".
    latest_date: dt.date | None = None


#: What a page family yields.
Output = SitePage | DataFile | Stored
