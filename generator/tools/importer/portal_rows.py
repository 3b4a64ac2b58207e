"""Rows of the portal's channel and dossier tables, and the page's keywords.

The channel cell runs the table together ("Trực tiếp1Miễn phí(Không có)Dịch vụ bưu chính…");
a row may give a bare number as time, a text time ("Không quy định"), or a case number "(1)"
right after the fee. The dossier table mixes documents with notes, headings and "Số lượng hồ
sơ". What the words *mean* is decided in `records/readings.py`; here they are only cut into
rows and moved (a note out of the document list) without dropping a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...records.readings import (
    Fee,
    TimeLimit,
    channel_time,
    classify_dossier_row,
    clean,
    parse_fee,
    parse_time,
    sets_from_quantity,
    short,
)
from ...records.vocab import NO_INFO, SOURCE_GAPS

_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|VND|USD|EUR|Đồng|đồng)"
_LABEL = re.compile(r"(Miễn phí|" + NO_INFO + r"|(\d[\d.,]*)\s*(" + _CURRENCY + r"))")


def _take_parenthesis(text: str) -> tuple[str, str]:
    """Split "(…)rest" into ("…", "rest"); unbalanced text runs to the last ")"."""
    if not text.startswith("("):
        return "", text
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return text[1:i], text[i + 1:]
    last = text.rfind(")")
    return (text[1:], "") if last < 0 else (text[1:last], text[last + 1:])


_CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_FEE_AHEAD = r"(?:Miễn phí|" + NO_INFO + r"|\d[\d.,]*\s*" + _CURRENCY + ")"
#: A row starts with a channel name and then a number, "Không có thông tin", or a short text
#: time ("Không quy định", "Không phải trả kết quả cho người nộp thuế") right before a fee label.
_ROW = re.compile(
    r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)"
    r"(?=\d|" + NO_INFO + r"|Không[^\n()]{0,60}?" + _FEE_AHEAD + ")")
_VALID_AMOUNT = re.compile(r"(?:0|[1-9]\d{0,2}(?:[.,]\d{3})*|[1-9]\d*)")


@dataclass(frozen=True)
class ChannelRow:
    """One row of the channel table."""

    channel: str
    time: TimeLimit
    fee: Fee
    description: str = ""
    notes: tuple[str, ...] = ()  # how the row was read, for the import report


def _split_time(body: str) -> tuple[str, str, list[str]]:
    """Cut the time cell off the front of a row body: returns (time text, rest, notes)."""
    if body.startswith(NO_INFO):
        return "", body[len(NO_INFO):], []
    unit = re.match(r"(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ|Tháng|Năm)", body)
    if unit:
        return unit.group(), body[unit.end():], []
    if body[:1].isdigit():
        fused = re.match(r"(\d[\d.,]*)\s*" + _CURRENCY, body)
        if fused:  # "120,000 VNĐ": time "1" glued to the fee "20,000 VNĐ"
            digits = fused.group(1)
            for cut in range(1, len(digits)):
                if _VALID_AMOUNT.fullmatch(digits[cut:]):
                    note = (f"thời hạn và phí dính liền «{short(body, 24)}»: đọc là thời hạn "
                            f"«{digits[:cut]}» (không có đơn vị) và phí «{body[cut:fused.end()]}»")
                    return digits[:cut], body[cut:], [note]
        number = re.match(r"\d+(?:[.,]\d+)?", body).group()  # type: ignore[union-attr]
        return number, body[len(number):], []
    text = re.match(r"[^\n()]*?(?=" + _FEE_AHEAD + ")", body)
    if text:
        return text.group(), body[text.end():], []
    return "", body, ["không tách được thời hạn"]


def _split_fee(rest: str) -> tuple[str, str]:
    """Cut the fee cell (label + "(explanation)") off the front; the rest is the description.
    A case number such as "(1) Trường hợp …" starts the description, not the fee."""
    label = _LABEL.match(rest)
    head = label.group() if label else ""
    after = rest[len(head):]
    head = "" if head == NO_INFO else head
    enumerated = re.match(r"\((?:\d{1,2}|[a-zđ]|[ivx]{1,4})\)\s", after, re.IGNORECASE)
    if after.startswith("(") and not enumerated:
        inner, tail = _take_parenthesis(after)
        return f"{head} ({inner})" if head else f"({inner})", tail
    return head, after


def parse_channel_cell(cell: str | None) -> list[ChannelRow]:
    """Split the crawled "Cách thức thực hiện" cell into rows.

    "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp1Miễn phí(Không có)Dịch vụ bưu chính…"
    → one `ChannelRow` per row, with the time limit, the fee and the description as the portal
    gives them. Several rows may share a channel (one per case).
    """
    text = unicodedata.normalize("NFC", cell or "")
    if text.startswith(_CHANNEL_HEADER):
        text = text[len(_CHANNEL_HEADER):]
    starts = list(_ROW.finditer(text))
    first = re.match(r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)([^()]{1,300}?)" + _FEE_AHEAD, text)
    if first and (not starts or starts[0].start() > 0):
        # A cell whose time is a sentence ("Hệ thống … phản hồi tự động …"): every row starts with
        # a channel name followed by the same words.
        words = re.escape(first.group(2)[:30])
        starts = list(re.finditer(r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=" + words + ")",
                                  text))
    rows = []
    for i, start in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        body = text[start.end():end]
        time_text, rest, notes = _split_time(body)
        fee_text, description = _split_fee(rest)
        rows.append(ChannelRow(start.group(1), parse_time(time_text), parse_fee(fee_text),
                               clean(description), tuple(notes)))
    return rows


def row_to_channel(row: ChannelRow) -> dict[str, Any]:
    """A row as the importer writes a channel (today's schema): the unit-less number or the text
    goes to `thoi_han_mo_ta` verbatim, the fee is kept verbatim in `phi_le_phi` (the page derives
    free/paid from it, so `congkhai check` can still see what the source said)."""
    channel: dict[str, Any] = {"hinh_thuc": row.channel}
    if row.time.status == "ok":
        so = row.time.so
        channel["thoi_han"] = {"so": int(so) if so == int(so) else so,  # type: ignore[arg-type]
                               "don_vi": row.time.don_vi}
    elif row.time.raw and row.time.raw != NO_INFO:
        channel["thoi_han_mo_ta"] = row.time.raw
    if row.fee.raw:
        channel["phi_le_phi"] = row.fee.raw
    if row.description:
        channel["mo_ta"] = row.description
    return channel


def restructure_dossier(groups: Sequence[Mapping[str, Any]]) -> tuple[list[dict[str, Any]],
                                                                       int | None]:
    """Move what is not a document out of the checklist, keeping every word.

    Input: `thanh_phan_ho_so` as today's importer writes it. Output: (groups, so_bo_ho_so):
    notes become the group's `ghi_chu` (a Markdown list, in source order); a heading row starts
    a new group named after it; a "Lưu ý" group keeps its name and has notes only; a plain
    "Số lượng hồ sơ: 01 bộ" becomes `so_bo_ho_so`. A group may end with no documents (only
    `ghi_chu`): the schema must allow that (see REPORT.md).
    """
    out: list[dict[str, Any]] = []
    sets: int | None = None

    def new_group(name: str | None) -> dict[str, Any]:
        group: dict[str, Any] = {"giay_to": [], "_notes": []}
        if name:
            group["nhom"] = name
        out.append(group)
        return group

    for source in groups:
        name = source.get("nhom")
        current = new_group(name)
        for doc in source.get("giay_to", []):
            kind = classify_dossier_row(doc.get("ten", ""), doc.get("ban_chinh", 0) or 0,
                                        doc.get("ban_sao", 0) or 0, name)
            text = clean(doc.get("ten", ""))
            if kind == "document":
                current["giay_to"].append(dict(doc))
            elif kind == "heading":
                current = new_group(re.sub(r"^[-+*•\s]+", "", text).rstrip(": ").strip())
            elif kind == "quantity" and sets is None and sets_from_quantity(text):
                sets = sets_from_quantity(text)
            else:
                current["_notes"].append(text)
    result = []
    for group in out:
        notes = group.pop("_notes")
        if notes:
            group["ghi_chu"] = "\n".join(
                "- " + re.sub(r"^[-+*•]\s*", "", n).replace("\n", "\n  ") for n in notes)
        if group["giay_to"] or notes:
            result.append(group)
        elif group.get("nhom") and result:  # a heading with nothing under it: keep its words
            prev = result[-1]
            prev["ghi_chu"] = (prev.get("ghi_chu", "") + "\n" if prev.get("ghi_chu") else "") + \
                f"- {group['nhom']}"
    return result, sets


#: The last "Từ khóa … Mô tả …" of the page (a step may quote "Từ khóa:" earlier, 1.014314).
_TAIL = re.compile(r"Từ khóa(?P<kw>(?:(?!Từ khóa).)*?)Mô tả(?P<desc>.*?)"
                   r"(?=Chọn cơ quan thực hiện|$)", re.DOTALL)


def _tail(raw_text: str) -> re.Match[str] | None:
    raw = unicodedata.normalize("NFC", raw_text or "")
    matches = list(_TAIL.finditer(raw))
    return matches[-1] if matches else None


def extract_keywords(raw_text: str | None) -> list[str]:
    """The "Từ khóa" section of the page text as a list.

    "…Từ khóaTài sản mã hóa, khai thuếMô tả…" → ["Tài sản mã hóa", "khai thuế"];
    "Không có thông tin" → []. Split at commas and semicolons outside parentheses; words kept
    as written (spaces tidied), duplicates dropped.
    """
    match = _tail(raw_text or "")
    if not match:
        return []
    text = clean(match.group("kw"))
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in ",;\n" and depth == 0:
            items.append("".join(current))
            current = []
            continue
        depth += (ch == "(") - (ch == ")")
        current.append(ch)
    items.append("".join(current))
    out: list[str] = []
    for item in items:
        item = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")",  " ".join(item.split()))).strip(" .")
        if item and item not in out:
            out.append(item)
    return out


def extract_portal_description(raw_text: str | None) -> str:
    """The portal's "Mô tả" section after "Từ khóa" (a free note, e.g. "Thời hạn của Quyết
    định công nhận phân bón lưu hành tại Việt Nam là 10 năm."); "" when empty. Today's
    importer drops it."""
    match = _tail(raw_text or "")
    return clean(match.group("desc")) if match else ""


def _time(channel: Mapping[str, Any]) -> TimeLimit:
    limit = channel.get("thoi_han") or {}
    return channel_time(limit.get("so"), limit.get("don_vi"), channel.get("thoi_han_mo_ta"))


def source_gaps(record: Mapping[str, Any]) -> list[str]:
    """Required elements the record lacks, in `SOURCE_GAPS` order: the value for
    `chua_co_thong_tin` when the record comes from the national database. A time limit "1"
    without unit is *not* a gap (the source says something): it is a smell."""
    gaps: set[str] = {key for key in SOURCE_GAPS
                      if key != "thoi_han_giai_quyet" and not record.get(key)}
    channels = record.get("cach_thuc_thuc_hien") or []
    if not clean(record.get("thoi_han_giai_quyet")) and all(
            _time(c).status == "missing" for c in channels):
        gaps.add("thoi_han_giai_quyet")
    return [key for key in SOURCE_GAPS if key in gaps]


