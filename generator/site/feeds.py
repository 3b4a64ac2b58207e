"""The change feed of procedures (open data `api/thay-doi.json` and `api/thay-doi.xml`).

One item per procedure and publication decision: new, amended, replaced, abolished. Both files
hold the same items in the same order:

* dated decisions first, newest first (then by decision number, kind of change, procedure);
* decisions without a date last. National records rarely carry the decision's date; such an
  item is kept (a subscriber still learns of the procedure) but has no publication date.
  Atom requires a date on every entry, so there its `updated` is the procedure's own update
  date (`ngay_cap_nhat`, else its newest dated decision), else the feed's;
* at most `FEED_LIMIT` items (each procedure's full history is in `api/thu-tuc/<ma>.json`).

Dates are calendar dates in Vietnam: written as midnight in UTC+07:00 (RFC 3339 needs a time).
Feed addresses must be absolute: with `site_url` they are; without it, JSON Feed items get
relative URLs and ids, and Atom ids fall back to `urn:congkhai:` names (RFC 4287 wants IRIs).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..derive.catalogue import Catalogue, Decision, procedure_order
from ..derive.summary import ProcedureSummary, format_date
from ..records.schema import Procedure, PublicationDecision
from ..records.vocab import CHANGE_KINDS
from ..vietnamese import slugify, sort_key
from .paths import PATHS
from .textformat import plain_text

FEED_LIMIT = 200
JSON_FEED_PATH = "api/thay-doi.json"
ATOM_PATH = "api/thay-doi.xml"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KIND_ORDER = CHANGE_KINDS
#: Atom needs some date even when no record has one.
NO_DATE = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Change:
    """One procedure's entry in one publication decision."""

    procedure: Procedure
    entry: PublicationDecision
    decision: Decision

    @property
    def date(self) -> dt.date | None:
        return self.entry.ngay_ban_hanh or self.decision.date

    @property
    def key(self) -> str:
        """Unique within the feed and stable over time."""
        return (f"{self.procedure.ma_thu_tuc}/#cong-bo-{self.decision.slug}-"
                f"{slugify(self.entry.loai)}")


def changes(cat: Catalogue) -> list[Change]:
    """Every change, in feed order (see the module docstring), at most FEED_LIMIT."""
    items = [Change(p, entry, decision) for decision in cat.decisions
             for pairs in decision.entries.values() for p, entry in pairs]
    items.sort(key=lambda c: (c.date is None, -(c.date.toordinal() if c.date else 0),
                              sort_key(c.decision.number), KIND_ORDER.index(c.entry.loai),
                              procedure_order(c.procedure)))
    return items[:FEED_LIMIT]


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+07:00"


def _title(c: Change) -> str:
    return f"{c.entry.loai[0].upper()}{c.entry.loai[1:]}: {c.procedure.ten_thu_tuc}"


def _text(c: Change) -> str:
    p, e = c.procedure, c.entry
    when = f" ngày {format_date(c.date)}" if c.date else ""
    issuer = f" của {e.co_quan_ban_hanh}" if e.co_quan_ban_hanh else ""
    text = (f"Quyết định {e.so_quyet_dinh}{when}{issuer}: {e.loai} thủ tục “{p.ten_thu_tuc}” "
            f"(mã {p.ma_thu_tuc}, lĩnh vực {p.linh_vuc}).")
    if e.noi_dung_thay_doi:
        text += f" Nội dung: {plain_text(e.noi_dung_thay_doi)}"
    if e.ngay_hieu_luc:
        text += f" Có hiệu lực từ ngày {format_date(e.ngay_hieu_luc)}."
    return text


def _feed_title(cat: Catalogue) -> str:
    return f"Thay đổi thủ tục hành chính: {cat.config.co_quan_chu_quan}"


DESCRIPTION = ("Thủ tục hành chính mới ban hành, sửa đổi, bổ sung, thay thế và bãi bỏ theo "
               "quyết định công bố; quyết định mới nhất trước, quyết định không ghi ngày ở cuối.")


def json_feed(cat: Catalogue, summaries: Mapping[str, ProcedureSummary]) -> bytes:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/)."""
    site = cat.config.site_url
    feed: dict[str, Any] = {"version": JSON_FEED_VERSION, "title": _feed_title(cat),
                            "description": DESCRIPTION, "language": "vi",
                            "authors": [{"name": cat.config.co_quan_chu_quan}]}
    if site:
        feed["home_page_url"] = site
        feed["feed_url"] = site + JSON_FEED_PATH
    items = []
    for c in changes(cat):
        p, e = c.procedure, c.entry
        page = PATHS.procedure(p.ma_thu_tuc)
        item: dict[str, Any] = {
            "id": (site or "") + "thu-tuc/" + c.key,
            "url": site + page if site else "../" + page,
            "title": _title(c),
            "content_text": _text(c),
            "tags": [e.loai, p.linh_vuc],
            "_congkhai": {
                "ma_thu_tuc": p.ma_thu_tuc, "ten_thu_tuc": p.ten_thu_tuc, "loai": e.loai,
                "so_quyet_dinh": e.so_quyet_dinh,
                "ngay_ban_hanh": c.date.isoformat() if c.date else None,
                "ngay_hieu_luc": e.ngay_hieu_luc.isoformat() if e.ngay_hieu_luc else None,
                "co_quan_ban_hanh": e.co_quan_ban_hanh,
                "du_lieu": f"thu-tuc/{p.ma_thu_tuc}.json",
            },
        }
        if c.date:
            item["date_published"] = _timestamp(c.date)
        elif (updated := summaries[p.ma_thu_tuc].updated) is not None:
            item["date_modified"] = _timestamp(updated)
        items.append(item)
    feed["items"] = items
    return (json.dumps(feed, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def atom_feed(cat: Catalogue, summaries: Mapping[str, ProcedureSummary]) -> bytes:
    """Atom (RFC 4287), the same items as the JSON Feed."""
    site = cat.config.site_url
    items = changes(cat)
    entry_dates = [c.date or summaries[c.procedure.ma_thu_tuc].updated for c in items]
    newest = max((d for d in entry_dates if d), default=None) or NO_DATE

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "vi"})
    _add(feed, "id", site + ATOM_PATH if site else "urn:congkhai:thay-doi")
    _add(feed, "title", _feed_title(cat))
    _add(feed, "subtitle", DESCRIPTION)
    _add(feed, "updated", _timestamp(newest))
    author = _add(feed, "author")
    _add(author, "name", cat.config.co_quan_chu_quan)
    if site:
        _add(feed, "link", rel="self", type="application/atom+xml", href=site + ATOM_PATH)
        _add(feed, "link", rel="alternate", type="text/html", href=site)
    for c, updated in zip(items, entry_dates):
        p = c.procedure
        page = PATHS.procedure(p.ma_thu_tuc)
        entry = _add(feed, "entry")
        _add(entry, "id", site + "thu-tuc/" + c.key if site else
             f"urn:congkhai:thu-tuc:{p.ma_thu_tuc}:{c.decision.slug}:{slugify(c.entry.loai)}")
        _add(entry, "title", _title(c))
        _add(entry, "updated", _timestamp(updated or newest))
        if c.date:
            _add(entry, "published", _timestamp(c.date))
        _add(entry, "link", rel="alternate", type="text/html",
             href=site + page if site else "../" + page)
        _add(entry, "category", term=c.entry.loai)
        _add(entry, "category", term=p.linh_vuc)
        _add(entry, "summary", _text(c), type="text")
    ET.indent(feed, space=" ")
    text: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element
