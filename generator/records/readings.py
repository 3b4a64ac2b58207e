"""How a national record's words are read: time limits, fees, dossier rows.

The portal's cells say more, or less, than their labels: a time limit "1" without unit, "Miễn
phí" followed by an amount, a note typed as a document row. The importer keeps the source's
words in the YAML; these pure functions decide what they mean, so the summary (derive), the
editor warnings (`smells.py`) and the import report read them one way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .vocab import NO_INFO

UNKNOWN = "Chưa có thông tin"
#: Currencies whose amounts are in đồng (an amount under 1.000 đồng is suspicious).
DONG = ("VNĐ", "VND", "Việt Nam Đồng", "Đồng", "đồng")

# --- Text helpers --------------------------------------------------------------------------------


def clean(text: str | None) -> str:
    """NFC, tabs/NBSP as spaces, trimmed lines; the portal's "Không có thông tin" becomes ""."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\t", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return "" if text == NO_INFO else text


def _squash(text: str) -> str:
    return " ".join(text.split())


def same_key(text: str) -> str:
    """Comparison key for texts that differ only in case, spacing, bullets or final punctuation:
    "(- Không có)" and "(Không có)" are the same fee; "((Mức …)" and "(Mức …)" too."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"\(\s*[-+*]\s*", "(", text)
    text = re.sub(r"\(+", "(", text)
    text = re.sub(r"\)+", ")", text)
    text = re.sub(r"^[\s\-+*•]+", "", text)
    text = re.sub(r"[\s.;,:]+(?=\)|$)", "", text)
    return _squash(text)


def _take_parenthesis(text: str) -> tuple[str, str]:
    """Split "(…)rest" into ("…", "rest") (outer parentheses removed). Unbalanced text runs to
    the last ")" (the portal sometimes opens "((" and closes once)."""
    if not text.startswith("("):
        return "", text
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return text[1:i], text[i + 1:]
    last = text.rfind(")")
    return (text[1:], "") if last < 0 else (text[1:last], text[last + 1:])


def short(text: str, size: int = 80) -> str:
    """One line, at most `size` characters, cut at a word and marked with "…"."""
    text = _squash(text)
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size - 1)
    return text[: cut if cut > size // 2 else size - 1].rstrip(" ,;:") + "…"


# --- Time limit ----------------------------------------------------------------------------------

TimeStatus = Literal["ok", "no_unit", "missing", "text"]
_UNIT_WORDS = {"ngày làm việc": "ngày làm việc", "ngày": "ngày", "giờ": "giờ",
               "tháng": "tháng", "năm": "năm"}
_TIME = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ|tháng|năm)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TimeLimit:
    """A channel's time limit as the source gives it.

    status: "ok" (number and unit), "no_unit" (a number alone: the unit is not in the source),
    "missing" (nothing, "Không có thông tin", or "0"), "text" (words, e.g. "Không quy định").
    """

    raw: str
    status: TimeStatus
    so: float | None = None
    don_vi: str | None = None

    def text(self) -> str:
        """What a citizen reads. Never a bare number."""
        if self.status == "ok":
            return f"{format_number(self.so)} {self.don_vi}"
        if self.status == "no_unit":
            return f"{self.raw} (nguồn không ghi đơn vị)"
        if self.status == "missing":
            return UNKNOWN if self.raw in ("", NO_INFO) else f"{UNKNOWN} (nguồn ghi «{self.raw}»)"
        return self.raw


def format_number(value: float | None) -> str:
    """5.0 → "5"; 1.5 → "1,5" (Vietnamese decimal comma)."""
    if value is None:
        return ""
    if value == int(value):
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def parse_time(text: str | None) -> TimeLimit:
    """Read one time-limit cell: "5 Ngày làm việc", "1", "Không có thông tin", "Không quy định".

    >>> parse_time("5 Ngày làm việc").text()
    '5 ngày làm việc'
    >>> parse_time("1").text()
    '1 (nguồn không ghi đơn vị)'
    """
    raw = _squash(unicodedata.normalize("NFC", text or ""))
    if raw in ("", NO_INFO):
        return TimeLimit(raw, "missing")
    match = _TIME.fullmatch(raw)
    if match:
        number = float(match.group(1).replace(",", "."))
        if number == 0:
            return TimeLimit(raw, "missing")
        return TimeLimit(raw, "ok", number, _UNIT_WORDS[match.group(2).lower()])
    # A number alone, also in compatibility forms ("¹", full-width "５"): no unit in the source.
    plain = unicodedata.normalize("NFKC", raw)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", plain) or plain.isdigit():
        try:
            number = float(plain.replace(",", "."))
        except ValueError:  # digits of another script: still a number without its unit
            number = float("".join(str(unicodedata.digit(ch, 0)) for ch in plain
                                   if ch not in ".,") or 0)
        if number == 0:
            return TimeLimit(raw, "missing")
        return TimeLimit(raw, "no_unit", number, None)
    return TimeLimit(raw, "text")


def channel_time(so: float | None, don_vi: str | None, described: str | None) -> TimeLimit:
    """The time limit of a channel: the structured `thoi_han` (so, don_vi) and/or the words of
    `thoi_han_mo_ta` (where the importer keeps a bare "1")."""
    words = clean(described)
    if so and don_vi:
        base = TimeLimit(f"{format_number(so)} {don_vi}", "ok", so, don_vi)
        if words:
            return TimeLimit(f"{base.text()}; {words}", "text")
        return base
    return parse_time(words)


# --- Fees ----------------------------------------------------------------------------------------

FeeKind = Literal["free", "paid", "depends", "unknown", "other"]
_CURRENCY = r"(?:Việt Nam Đồng|VNĐ|VND|USD|EUR|Đồng|đồng)"
_LABEL = re.compile(r"(Miễn phí|" + NO_INFO + r"|(\d[\d.,]*)\s*(" + _CURRENCY + r"))")
#: Money named in free text: "22.500.000 đồng", "40.000đồng", "200 USD", "20.000 vnđ".
MONEY = re.compile(
    r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|đ\b|vnđ|vnd|usd|eur|triệu đồng|nghìn đồng)",
    re.IGNORECASE)
#: A clause that says there is nothing to pay.
_FREE_CLAUSE = re.compile(
    r"^\W*(?:miễn(?: thu)?(?: lệ)? phí|miễn lệ phí|không(?: thu| phải nộp| phải trả)?"
    r"(?: phí| lệ phí)?(?: có)?(?: quy định)?\b|không có|không)\W*", re.IGNORECASE)
_FREE_WHOLE = re.compile(
    r"\W*(?:không|không có|không quy định|không thu phí|không thu lệ phí|miễn phí|miễn lệ phí"
    r"|không phải nộp phí|không mất phí)\W*", re.IGNORECASE)
#: A clause that says a charge is set elsewhere (a law, a council, a circular).
_RULE = re.compile(
    r"theo quy định|do .{0,60}(?:quy định|quyết định)|thông tư|nghị định|nghị quyết|luật phí"
    r"|biểu (?:mức )?(?:thu )?phí|mức thu|mức (?:lệ )?phí|phí .{0,80}(?:theo|tại)|lệ phí .{0,80}"
    r"(?:theo|tại)|chi phí|^\W*(?:phí|lệ phí)\b", re.IGNORECASE)
#: "(1)", "(a)", "(ii)": a case number of the description column, cut off as if it were a fee.
ENUMERATOR = re.compile(r"\(?\s*(?:\d{1,2}|[a-zđ]|[ivx]{1,4})\s*\)?", re.IGNORECASE)


@dataclass(frozen=True)
class Fee:
    """A channel's fee: the portal's label cell and the explanation in parentheses.

    label: "Miễn phí", "20,000 VNĐ", or "" (the portal said "Không có thông tin", or hand-written
    text without a label). kind: free / paid / depends (a charge set by a regulation, amount not
    given) / unknown / other (words that are none of these).
    """

    label: str
    detail: str
    kind: FeeKind
    amount: float | None = None
    currency: str | None = None
    conflict: str | None = None  # why the label and the detail disagree, for the smell list
    raw: str = ""  # the text as read (label and "(explanation)"), "" when the source has none

    def text(self) -> str:
        """What a citizen reads: never "Miễn phí" next to an amount or a rule that charges."""
        detail = self.detail if self.detail and not ENUMERATOR.fullmatch(self.detail) else ""
        if self.kind == "unknown":
            return UNKNOWN
        if self.kind == "free":
            if detail and not _FREE_WHOLE.fullmatch(detail):
                return f"Miễn phí ({detail})"
            return "Miễn phí"
        if self.amount is not None and self.label:
            if self.conflict and detail:  # "20 VNĐ (20.000 vnđ /tờ khai)": the words say more
                return detail
            return f"{self.label} ({detail})" if detail else self.label
        return detail or self.label


def _amount(digits: str) -> float:
    return float(re.sub(r"[.,]", "", digits))


def classify_fee_words(text: str) -> FeeKind:
    """What a free-text fee explanation says: paid (names an amount), depends (a charge set by a
    regulation), free (says there is nothing to pay), other, or unknown (empty)."""
    text = clean(text)
    if not text or ENUMERATOR.fullmatch(text):
        return "unknown"
    if any(_amount(m.group(1)) > 0 for m in MONEY.finditer(text)):
        return "paid"
    if _FREE_WHOLE.fullmatch(text):
        return "free"
    clauses = [c for c in re.split(r"(?:[.;]\s+|\n|\s-\s|^-\s*)", text) if c.strip(" -.;")]
    charge = [c for c in clauses if not _FREE_CLAUSE.match(c) and _RULE.search(c)]
    if charge:
        return "depends"
    if any(_FREE_CLAUSE.match(c) for c in clauses):
        return "free"
    return "other"


def parse_fee(text: str | None) -> Fee:
    """Read a fee as the importer writes `phi_le_phi` ("Miễn phí (…)", "20,000 VNĐ (…)", "(…)")
    or as a cell fragment ("Miễn phí(…)"), and decide free/paid consistently.

    >>> parse_fee("Miễn phí (Lệ phí cấp mới 40.000đồng/lần)").text()
    'Lệ phí cấp mới 40.000đồng/lần'
    """
    text = clean(text)
    if not text:
        return Fee("", "", "unknown")
    return replace(_fee(text), raw=text)


def _fee(text: str) -> Fee:
    label_match = _LABEL.match(text)
    label, amount, currency = "", None, None
    rest = text
    if label_match:
        label = "" if label_match.group(1) == NO_INFO else label_match.group(1)
        rest = text[label_match.end():].lstrip()
        if label_match.group(2):
            amount, currency = _amount(label_match.group(2)), label_match.group(3)
    detail, tail = _take_parenthesis(rest)
    detail = clean(" ".join(p for p in (detail, clean(tail)) if p)) if rest.startswith("(") \
        else clean(rest)
    words = classify_fee_words(detail)
    if amount is not None:
        conflict = None
        named = [_amount(m.group(1)) for m in MONEY.finditer(detail)]
        if currency in DONG and 0 < amount < 1000 \
                and named and amount not in named:
            conflict = (f"ô phí ghi «{label}» nhưng phần giải thích ghi "
                        f"«{MONEY.search(detail).group(0)}»")  # type: ignore[union-attr]
        kind: FeeKind = "paid" if amount > 0 else "free"
        return Fee(label, detail, kind, amount=amount, currency=currency, conflict=conflict)
    if label == "Miễn phí":
        if words == "paid":
            return Fee(label, detail, "paid", conflict="ghi «Miễn phí» nhưng phần giải thích nêu "
                       f"mức thu «{MONEY.search(detail).group(0)}»")  # type: ignore[union-attr]
        if words == "depends":
            return Fee(label, detail, "depends", conflict="ghi «Miễn phí» nhưng phần giải thích "
                       f"nói phí, lệ phí thu theo quy định: «{short(detail, 70)}»")
        return Fee(label, detail, "free")
    if words == "unknown":
        return Fee(label, detail, "unknown")
    return Fee(label, detail, words)


# --- Dossier: documents, notes, headings --------------------------------------------------------

RowKind = Literal["document", "note", "heading", "quantity"]
_NOTE_LABEL = re.compile(r"^[\W\d]{0,4}(?:Lưu ý|Ghi chú|Chú ý)\b\s*:?", re.IGNORECASE)
NOTE_GROUP = re.compile(r"^[\W]{0,4}(?:Lưu ý|Ghi chú|Chú ý)[\s:.]*$", re.IGNORECASE)
_QUANTITY = re.compile(r"^[\W]{0,4}(?:Số lượng(?: hồ sơ)?\s*:|\(?0?\d+\)?\s*\(?bộ\)?(?: hồ sơ)?"
                       r"(?:\s*[.;]?\s*$|\s*\())", re.IGNORECASE)
#: Words of a rule or an instruction, not of a document's name.
_STATEMENT = re.compile(
    r"\bthì\b|\bphải\b|có trách nhiệm|không được|có quyền|\bcó thể\b|không yêu cầu|"
    r"không phải nộp|được miễn|được lựa chọn|\bđược\b.{0,40}\bthay\b", re.IGNORECASE)
#: How a document's name starts (after a bullet or a case letter).
_DOCUMENT = re.compile(
    r"^(?:[-+*•]|\(?[a-zđ0-9ivx]{1,4}[).]|\d+(?:\.\d+)*\.?)?\s*"
    r"(?:\d+\s*)?(?:bản|giấy|đơn|văn bản|tờ khai|tờ trình|báo cáo|quyết định|hợp đồng|"
    r"danh sách|danh mục|"
    r"tài liệu|bảng|hồ sơ|chứng|phiếu|sổ|biên bản|thông báo|các|hóa đơn|vận đơn|bản sao|"
    r"bản chụp|ảnh|thẻ|hộ chiếu|căn cước|dự thảo|đề án|phương án|kế hoạch|thuyết minh|"
    r"điều lệ|nghị quyết|công văn|mẫu|chứng từ|lý lịch|phiếu lý lịch|giấy phép|sơ đồ|bản đồ|"
    r"bản vẽ|tờ|hợp đồng|cam kết|bản cam kết|bản kê|bảng kê|xác nhận|ý kiến|kết quả|"
    r"đăng ký|trích lục|bằng|chứng chỉ|chứng nhận)\b",
    re.IGNORECASE)
_COPY_WORDS = re.compile(r"\b\d+\s*bản\s*(?:chính|sao|chụp|gốc)\b|bản chụp|bản sao", re.IGNORECASE)


def classify_dossier_row(name: str, ban_chinh: int = 0, ban_sao: int = 0,
                         group: str | None = None) -> RowKind:
    """Is a dossier row a document to bring, a note, a heading of the rows below, or the number
    of sets? Rules, in order:

    1. any row of a group named "Lưu ý" / "Ghi chú" / "Chú ý" is a note;
    2. a row labelled "Lưu ý:", "Ghi chú:", "* Lưu ý:" is a note, even with copies
       (the portal lets editors give a note "1 bản chính");
    3. a row with no copies that says how many sets ("Số lượng hồ sơ: 01 bộ") is the quantity;
    4. a row with no copies ending with ":" is a heading of the rows below;
    5. a row with no copies that states a rule ("… thì …", "phải", "có trách nhiệm",
       "không được"…) and does not start like a document's name is a note;
    6. everything else is a document (with no copies given: the count is unknown).
    """
    text = clean(name)
    if group is not None and NOTE_GROUP.match(clean(group)):
        return "note"
    if _NOTE_LABEL.match(text):
        return "note"
    if ban_chinh or ban_sao:
        return "document"
    if _QUANTITY.match(text):
        return "quantity"
    if text.rstrip().endswith(":"):
        return "heading"
    starts_like_document = bool(_DOCUMENT.match(text)) or bool(_COPY_WORDS.search(text[:200]))
    if _STATEMENT.search(text) and not starts_like_document:
        return "note"
    if re.match(r"^[-+*•]?\s*(?:Trường hợp|Đối với|Khi|Nếu|Người|Cơ quan|Việc|Cá nhân|Tổ chức)\b",
                text) and _STATEMENT.search(text):
        return "note"
    return "document"


def sets_from_quantity(text: str) -> int | None:
    """"Số lượng hồ sơ: 01 bộ" → 1; anything more qualified ("01 bộ đối với trực tuyến (03 bộ
    …)") → None: keep the words as a note instead."""
    match = re.fullmatch(r"\W*(?:Số lượng(?: hồ sơ)?\s*:\s*)?\(?0*(\d+)\)?\s*\(?bộ\)?(?: hồ sơ)?"
                         r"\W*", clean(text), re.IGNORECASE)
    return int(match.group(1)) if match else None


FORM_NAME = re.compile(r"^(?:tờ khai|đơn\b|mẫu\b|giấy đề nghị|văn bản đề nghị|phiếu đề nghị"
                        r"|bản khai)", re.IGNORECASE)
CONDITIONAL = re.compile(r"^(?:trường hợp|đối với|nếu|khi)\b|\(nếu có\)|trong trường hợp",
                          re.IGNORECASE)
ENUM_LABEL = re.compile(r"^\s*(?:[-+*•]\s*)?\(?([a-zđ]|[ivx]{1,4}|\d{1,2})[).]\s*", re.IGNORECASE)
_VI_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def enumeration_order(names: Sequence[str]) -> list[int] | None:
    """When every row of a group starts with a case label ("a)", "b)", "(ii)", "3.") and the labels
    are exactly the first N of one sequence (Vietnamese letters a b c d đ e g h…, numbers,
    Roman numerals), the row order the labels give; else None. The portal returns rows in
    an arbitrary order ("c) …", "a) …", "b) …"): the labels are the source's own order."""
    labels = []
    for name in names:
        match = ENUM_LABEL.match(clean(name))
        if not match:
            return None
        labels.append(match.group(1).lower())
    if len(labels) < 2:
        return None
    sequences = [[str(n) for n in range(1, 100)], list(_VI_LETTERS), _ROMAN]
    for seq in sequences:
        if all(label in seq for label in labels):
            positions = [seq.index(label) for label in labels]
            if sorted(positions) == list(range(len(labels))):
                return sorted(range(len(labels)), key=positions.__getitem__)
    return None


def short_document_name(text: str, size: int = 90) -> str:
    """The head of a document's name: bullets and case letters dropped, cut before a
    parenthesis, ";" or ":" that comes after the first few words, then at most `size` chars."""
    text = _squash(clean(text))
    text = ENUM_LABEL.sub("", text, count=1)
    text = re.sub(r"^[-+*•]\s*", "", text)
    for mark in (" (", ";", ":"):
        pos = text.find(mark)
        if pos >= 20:
            text = text[:pos].rstrip(" ,.") + "…"
            break
    return short(text, size) if len(text) > size else text
