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

    @property
    def src_uri(self) -> str:
        return self.path + "index.md" if self.path else "index.md"


@dataclass(frozen=True)
class DataFile:
    path: str
    content: bytes


@dataclass
class SiteOutput:
    pages: list[SitePage] = field(default_factory=list)
    files: list[DataFile] = field(default_factory=list)
    #: Sections appended to the hand-written home page (docs/index.md).
    home_sections: Markup = field(default_factory=Markup)
    #: Latest date found in the records: the build's reproducible "build date".
    latest_date: dt.date | None = None


#: What a page family yields.
Output = SitePage | DataFile
