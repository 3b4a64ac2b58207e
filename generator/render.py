"""Stage 5 of the pipeline: render the catalogue into pages (HTML bodies) and data files.

Engine-independent: the result is a list of `SitePage` (a URL path, a plain-text title, the
body HTML and the name of the theme template that frames it) plus `DataFile`s. The MkDocs
plugin only hands these to MkDocs. Fragments are rendered by our own Jinja environment with
autoescape ON: every record value is escaped unless it went through `textformat`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from . import textformat
from .catalogue import Catalogue, Term
from .schema import Procedure
from .slugs import slugify
from .summary import ProcedureSummary, format_date, format_number, summarize

TEMPLATES = Path(__file__).parent / "templates"


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
    #: Extra values for the page template (e.g. pagefind filters), plain data only.
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
    home_sections: Markup = Markup("")
    #: Latest date found in the records: the build's reproducible "build date".
    latest_date: dt.date | None = None


def relative_url(target: str, page_path: str) -> str:
    """Link from the page at `page_path` to `target` (both below the site root), relatively,
    so the site works under any sub-path and from any static host.

    Every generated page is a directory (`thu-tuc/1.001193/`); this runs tens of thousands of
    times per build, so it compares path segments instead of calling posixpath.relpath.
    """
    if target.startswith(("http://", "https://", "mailto:", "tel:", "#")):
        return target
    base = [part for part in page_path.split("/") if part]
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    rel = "../" * (len(base) - common) + "/".join(parts[common:])
    return rel or "./"


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(
        markdown=textformat.markdown_html,
        inline=textformat.inline_html,
        format_date=format_date,
        number=format_number,
    )
    env.filters["slugify"] = __import__("generator.slugs", fromlist=["slugify"]).slugify
    return env


class Renderer:
    """Render fragments with links made relative to the page being rendered."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self.env = make_environment()
        self.summaries: dict[str, ProcedureSummary] = {
            p.ma_thu_tuc: summarize(p, cat) for p in cat.procedures
        }
        #: Per unit id, the HTML of its score section (see `score_pages.prepare`).
        self.score_sections: dict[str, Markup] = {}
        #: Shared derived data that extra modules hand to each other (e.g. the ScoreBook).
        self.derived: dict[str, Any] = {}
        self._rows: dict[tuple[str, str, bool], str] = {}

    def render(self, template: str, page_path: str, **context: Any) -> Markup:
        url: Callable[[str], str] = lambda target: relative_url(target, page_path)
        html = self.env.get_template(template).render(
            cat=self.cat, url=url, summaries=self.summaries, page_path=page_path,
            paths=PATHS, any_remote=self.any_remote, count=self.count,
            list_row=self.list_row, **context,
        )
        return Markup(html)

    def list_row(self, p: Procedure, number: int, page_path: str, remote: bool) -> Markup:
        """A list row, cached per procedure and page depth: each procedure appears in several
        lists (all, sector, level, unit, decision) and the rows are the bulk of their HTML."""
        key = (p.ma_thu_tuc, relative_url("", page_path), remote)
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = str(self.render(
                "_row.html", page_path, p=p, s=self.summaries[p.ma_thu_tuc], remote=remote,
                number_placeholder=Markup("\x00")))
        return Markup(row.replace("\x00", str(number), 1))

    def any_remote(self, procedures: list[Procedure]) -> bool:
        """Whether a list needs the “Cách thức thực hiện” column (TT 01/2018 Điều 3)."""
        return any(self.summaries[p.ma_thu_tuc].has_remote_channel for p in procedures)

    def count(self, kind: str, term: Term) -> int:
        if kind == "sector":
            return sum(1 for p in self.cat.current if p.linh_vuc == term.name)
        return sum(1 for p in self.cat.current if term.name in p.cap_thuc_hien)

    def unit_scores(self, unit_id: str) -> Markup | None:
        """The score section of a unit page; `score_pages.prepare` fills `score_sections`."""
        return self.score_sections.get(unit_id)


class PATHS:
    """The site's stable URL scheme (documented in the README)."""

    home = ""
    procedures = "thu-tuc/"
    abolished = "da-bai-bo/"
    sectors = "linh-vuc/"
    levels = "cap/"
    units = "don-vi/"
    decisions = "cong-bo/"

    @staticmethod
    def procedure(code: str) -> str:
        return f"thu-tuc/{code}/"

    @staticmethod
    def sector(term: Term) -> str:
        return f"linh-vuc/{term.slug}/"

    @staticmethod
    def level(term: Term) -> str:
        return f"cap/{term.slug}/"

    @staticmethod
    def unit(unit_id: str) -> str:
        return f"don-vi/{unit_id}/"

    @staticmethod
    def decision(slug: str) -> str:
        return f"cong-bo/{slug}/"

    # Score pages (score_pages.py): indexes, their ranking tables, and open data copies.
    indexes = "chi-so/"

    @staticmethod
    def index(index_id: str) -> str:
        return f"chi-so/{index_id}/"

    @staticmethod
    def ranking(index_id: str, year: int, unit_kind: str) -> str:
        return f"chi-so/{index_id}/{year}/{slugify(unit_kind)}/"

    @staticmethod
    def ranking_data(index_id: str, year: int, unit_kind: str, ext: str) -> str:
        return f"chi-so/{index_id}/{year}/{slugify(unit_kind)}/bang-xep-hang.{ext}"

    @staticmethod
    def unit_scores_data(unit_id: str, ext: str) -> str:
        return f"don-vi/{unit_id}/diem-so.{ext}"

    # Embeds (embeds.py): chrome-less copies of the pages above, for other sites' iframes.
    @staticmethod
    def embed_procedure(code: str) -> str:
        return f"embed/thu-tuc/{code}/"

    @staticmethod
    def embed_unit_scores(unit_id: str, index_id: str) -> str:
        return f"embed/don-vi/{unit_id}/{index_id}/"

    @staticmethod
    def embed_ranking(index_id: str, year: int, unit_kind: str) -> str:
        return "embed/" + PATHS.ranking(index_id, year, unit_kind)


def jsonld_script(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> block; `<` is escaped so no record text can
    close the script element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def procedures_in(procedures: list[Procedure], predicate: Callable[[Procedure], bool]) -> list[Procedure]:
    return [p for p in procedures if predicate(p)]
