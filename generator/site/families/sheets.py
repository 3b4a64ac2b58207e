"""Posting sheets and one-stop counter lists: the pages an office prints and posts.

| page | content |
|---|---|
| `thu-tuc/<ma>/niem-yet/` | one A4 posting sheet of a current procedure (QR to its page) |
| `don-vi/<id>/mot-cua/` | the unit's procedures, official columns, by sector (NĐ 61/2018) |
| `linh-vuc/<slug>/mot-cua/` | the same for one sector (counters are organised by sector) |
| `…/mot-cua/niem-yet/` | every posting sheet of that counter, one per printed page |

All are framed by `theme/sheet.html`: a plain document with its own print stylesheet
(`assets/sheet.css`), no site chrome. Abolished procedures get no sheet: nothing abolished is
posted as current.

The "print date": the site is built byte-identically from the same records, so the build
cannot stamp today's date. The sheet states the data's update date (from the record) as text,
and `assets/print-date.js` adds "In ngày …" at print time when scripts run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from ...derive.posting import (
    DOCUMENT_CHARS,
    FACT_CHARS,
    KEY_DOCUMENTS,
    NAME_CHARS,
    PLACE_CHARS,
    Short,
    key_documents,
    shorten,
)
from ...derive.summary import ProcedureSummary
from ...records.kinds import PROCEDURE, UNIT
from ...records.schema import Procedure, PublicationDecision
from ...records.vocab import ABOLITION
from ..output import Output, SitePage
from ..paths import PATHS
from ..qr import qr_svg
from ..render import Renderer, for_record
from .base import Family

TEMPLATE = "sheet.html"


@dataclass(frozen=True)
class SheetDocument:
    name: Short
    copies: str
    forms: list[str]


@dataclass(frozen=True)
class PostingSheet:
    """What one posting sheet shows, shortened to fit one A4 page."""

    p: Procedure
    s: ProcedureSummary
    name: Short
    who: Short
    time_limit: Short
    fee: Short
    place: Short
    documents: list[SheetDocument]
    #: Documents left off the sheet (they are on the full page).
    more_documents: int
    #: The publication decisions in force (not abolitions), newest last.
    decisions: list[PublicationDecision]
    #: Absolute address of the full page; None when `site_url` is not configured.
    page_url: str | None
    qr: Markup | None
    shortened: bool = field(default=False)


def copies_text(ban_chinh: int, ban_sao: int) -> str:
    parts = [f"{ban_chinh} bản chính" if ban_chinh else "", f"{ban_sao} bản sao" if ban_sao else ""]
    return ", ".join(part for part in parts if part)


# The sheet's layout (assets/sheet.css) in lines of body text (13pt): one A4 page at 10 mm
# margins holds about 42; the header rules, the documents' heading and the footer with its QR
# code take 13. Characters per line are measured on the rendered sheet, rounded down.
SHEET_LINES = 29
NAME_LINE_CHARS, NAME_LINE_HEIGHT = 48, 1.4  # the name is set larger (20pt)
FACT_LINE_CHARS = 52  # beside the 11.5em label column
DOCUMENT_LINE_CHARS = 74


def _lines(text: str, per_line: int) -> int:
    return max(1, -(-len(text) // per_line))


def posting_sheet(r: Renderer, p: Procedure) -> PostingSheet:
    """The sheet's fields, shortened, and as many key documents as the page still holds."""
    s = r.summaries[p.ma_thu_tuc]
    fields = {
        "name": shorten(p.ten_thu_tuc, NAME_CHARS),
        "who": shorten("; ".join(p.doi_tuong_thuc_hien), FACT_CHARS),
        "time_limit": shorten(s.time_limit, FACT_CHARS),
        "fee": shorten(s.fee, FACT_CHARS),
        "place": shorten(s.place, PLACE_CHARS),
    }
    channels = "; ".join(s.channels) + (f". Nộp trực tuyến: {s.online_url}" if s.online_url else "")
    used = (_lines(fields["name"].text, NAME_LINE_CHARS) * NAME_LINE_HEIGHT
            + sum(_lines(fields[k].text, FACT_LINE_CHARS)
                  for k in ("who", "time_limit", "fee", "place"))
            + _lines(channels, FACT_LINE_CHARS))
    documents = key_documents(p)
    shown: list[SheetDocument] = []
    for d in documents[:KEY_DOCUMENTS]:
        doc = SheetDocument(shorten(d.ten, DOCUMENT_CHARS), copies_text(d.ban_chinh, d.ban_sao),
                            [f.ten for f in d.mau_don][:2])
        cost = _lines(" ".join([doc.name.text, doc.copies, *doc.forms]), DOCUMENT_LINE_CHARS)
        # One line stays free for "… và N giấy tờ khác"; the first two documents always show.
        if len(shown) >= 2 and used + cost > SHEET_LINES - 1:
            break
        shown.append(doc)
        used += cost
    site_url = r.cat.config.site_url
    page_url = site_url + PATHS.procedure(p.ma_thu_tuc) if site_url else None
    shortened = (any(f.cut for f in fields.values()) or any(d.name.cut for d in shown)
                 or len(documents) > len(shown))
    return PostingSheet(
        p=p, s=s, documents=shown, more_documents=len(documents) - len(shown),
        decisions=[d for d in p.cong_bo if d.loai != ABOLITION][-2:],
        page_url=page_url,
        qr=qr_svg(page_url, f"Mã QR tới trang thủ tục: {page_url}") if page_url else None,
        shortened=shortened, **fields,
    )


def _page(path: str, title: str, body: Markup, full_page: str, kind: str,
          description: str) -> SitePage:
    return SitePage(path=path, title=title, body=body, template=TEMPLATE, kind=kind,
                    description=description, extra={"full_page": full_page})


class SheetCache:
    """Each sheet rendered once: it appears on its own page and on two counter pages (unit,
    sector), and holds no relative link, so the same HTML serves every page."""

    def __init__(self, r: Renderer) -> None:
        self.r = r
        self.macro = r.env.get_template("_sheet.html").module.posting_sheet  # type: ignore[attr-defined]
        self.html: dict[str, Markup] = {}

    def __call__(self, p: Procedure) -> Markup:
        html = self.html.get(p.ma_thu_tuc)
        if html is None:
            html = self.html[p.ma_thu_tuc] = self.r.per_procedure(
                "tờ niêm yết", p, lambda q: Markup(self.macro(posting_sheet(self.r, q))))
        return html


def sheet_page(r: Renderer, p: Procedure, sheets: SheetCache) -> SitePage:
    path = PATHS.posting_sheet(p.ma_thu_tuc)
    body = r.render("posting_sheet.html", path, sheets=[sheets(p)], title=None,
                    back=PATHS.procedure(p.ma_thu_tuc))
    return _page(path, f"Niêm yết: {p.ten_thu_tuc}", body, PATHS.procedure(p.ma_thu_tuc),
                 "posting-sheet", f"Trang niêm yết (một trang A4) của thủ tục {p.ten_thu_tuc}.")


def counter_pages(r: Renderer, sheets: SheetCache, counter: str, back: str, name: str,
                  procedures: list[Procedure], group_by_sector: bool) -> Iterator[Output]:
    """The counter's printable list and the page holding all its posting sheets (from the
    build cache when none of its procedures changed: they are all the two pages show)."""
    sheets_path = PATHS.counter_sheets(counter)
    shown = [counter, back, name, str(group_by_sector), *(r.procedure_key(p) for p in procedures)]

    def counter_list() -> SitePage:
        title = f"Danh mục thủ tục hành chính tại Bộ phận Một cửa: {name}"
        body = r.render("counter_list.html", counter, title=title, name=name,
                        procedures=procedures, group_by_sector=group_by_sector,
                        sheets_path=sheets_path, back=back)
        return _page(counter, title, body, back, "counter-list",
                     f"{len(procedures)} thủ tục hành chính của {name}, để in và niêm yết.")

    def counter_sheets() -> SitePage:
        title = f"Trang niêm yết các thủ tục: {name}"
        body = r.render("posting_sheet.html", sheets_path,
                        sheets=[sheets(p) for p in procedures], title=title, back=counter)
        return _page(sheets_path, title, body, back, "counter-sheets",
                     f"{len(procedures)} trang niêm yết thủ tục của {name}, mỗi thủ tục một "
                     "trang A4.")

    yield r.output("quầy một cửa", shown, counter_list)
    yield r.output("trang niêm yết quầy", shown, counter_sheets)


def generate(r: Renderer) -> Iterator[Output]:
    cat = r.cat
    sector_order = {term.name: i for i, term in enumerate(cat.sectors)}
    sheets = SheetCache(r)
    for p in cat.current:
        with for_record(cat.where(PROCEDURE.plural, p.ma_thu_tuc)):
            yield r.procedure_output("trang niêm yết", p, lambda q: sheet_page(r, q, sheets))
    for unit_id, procedures in cat.procedures_of_unit.items():
        if unit_id not in cat.units:
            continue
        unit = cat.units[unit_id]
        ordered = sorted(procedures, key=lambda p: sector_order.get(p.linh_vuc, 0))
        with for_record(cat.where(UNIT.plural, unit_id)):
            yield from counter_pages(r, sheets, PATHS.unit_counter(unit_id), PATHS.unit(unit_id),
                                     unit.ten_don_vi, ordered, group_by_sector=True)
    by_sector: dict[str, list[Procedure]] = {}
    for p in cat.current:
        by_sector.setdefault(p.linh_vuc, []).append(p)
    for term in cat.sectors:
        items = by_sector.get(term.name, [])
        yield from counter_pages(r, sheets, PATHS.sector_counter(term), PATHS.sector(term),
                                 f"lĩnh vực {term.name}", items, group_by_sector=False)


FAMILY = Family("niêm yết", generate)
