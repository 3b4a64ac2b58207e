"""Split the national portal's flattened table text back into record structure.

The portal shows channels, dossier components, legal basis and outcomes as HTML tables; the
public crawler (samples/README.md) ran the cells together into one string, e.g.
"Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việcMiễn phí(…)Dịch vụ bưu chính…".
There is no markup left, so every splitter here leans on what the cells *look like*: a channel
name followed by a number, a copy count "1 bản chính", a document number "123/2015/NĐ-CP",
a result code after "Mã:". Where the text is ambiguous the parser keeps the words (never drops
or rewrites legal text) and adds a note for the import report.

Each `parse_*` function returns `(value, notes)`: notes are Vietnamese sentences for the report.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ...records.vocab import NO_INFO

# --- Text cleaning --------------------------------------------------------------------------


def clean(text: str | None) -> str:
    """NFC text with tidy whitespace; the portal's "Không có thông tin" becomes ""."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    # NBSP and tabs are layout, not content; trailing spaces would force YAML quoting.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\t", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return "" if text == NO_INFO else text


def split_list(text: str) -> list[str]:
    """Comma-separated values, ignoring commas inside parentheses
    ("Tổ chức (không bao gồm doanh nghiệp, HTX), Công dân Việt Nam")."""
    items: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in clean(text):
        if ch == "," and depth == 0:
            items.append("".join(current))
            current = []
            continue
        depth += (ch == "(") - (ch == ")")
        current.append(ch)
    items.append("".join(current))
    return [item.strip().rstrip(".").strip() for item in items if item.strip()]


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _is_lower(ch: str) -> bool:
    return ch.isalpha() and ch.islower()


def _is_upper(ch: str) -> bool:
    return ch.isalpha() and ch.isupper()


# --- Document numbers (123/2015/NĐ-CP) ------------------------------------------------------

#: Issuer codes that end a document number. Known codes let us stop at "BTC" in
#: "85/2019/TT-BTCNghị định…", where the next title starts glued to the number.
_KNOWN_CODES = sorted(
    ["CP", "TTg", "BTC", "BTP", "BCA", "BXD", "BNNMT", "BNNPTNT", "BTNMT", "BGTVT", "BLĐTBXH",
     "BYT", "BKHĐT", "BCT", "BNV", "BQP", "NHNN", "VPCP", "BHXH", "UBND", "HĐND", "TANDTC",
     "VKSNDTC", "BTTTT", "BVHTTDL", "BGDĐT", "BKHCN", "BNG", "KTNN", "HĐTP", "CTN"],
    key=len, reverse=True,
)
_CODE_WITH_NUMBER = re.compile(r"(?:UBTV)?QH\d{2}")
_PART = r"(?:TTg|[A-ZĐ][A-ZĐ0-9]*)"
#: "123/2015/NĐ-CP", "66.7/2025/NQ-CP", and yearless ones with a hyphen: "2222/QĐ-BHXH",
#: "48/VBHN-VPQH". No look-behind: a search from the end of a number may start right after it
#: ("Luật 60/2014/QH13" + "60/2014/QH13"), and a leftmost search starts a digit run anyway.
_DOC_NUMBER = re.compile(
    rf"(\d+(?:\.\d+)?)/(?:(\d{{4}})/({_PART}(?:\s?-\s?{_PART})*)|({_PART}(?:\s?-\s?{_PART})+))"
)
_YEAR_PREFIX = re.compile(r"(?:19|20)\d\d")


def _trim_suffix(suffix: str, following: str) -> str:
    """Cut the issuer part where the next, glued-on word begins."""
    parts = re.split(r"(\s?-\s?)", suffix)
    last = parts[-1]
    match = _CODE_WITH_NUMBER.match(last)
    known = next((code for code in _KNOWN_CODES if last.startswith(code)), None)
    if match:
        last = match.group()  # "QH1360/2014/QH13": the next number follows
    elif known:
        last = known  # "TT-BTCNghị định…", "TT-BCAQUY ĐỊNH…": the next title follows
    elif following[:1] and _is_lower(following[0]):
        last = last[:-1]  # "NĐ-CQuy định": the Q starts the next title
    if not last and len(parts) > 1:
        return "".join(parts[:-2])  # "NĐ-CP-Quy định…": drop the dangling hyphen
    return "".join(parts[:-1]) + last


def find_numbers(text: str) -> list[tuple[int, int, str]]:
    """Every document number in `text` as (start, end, number), left to right."""
    found: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        match = _DOC_NUMBER.search(text, pos)
        if not match:
            return found
        start = match.start()
        digits = match.group(1)
        # "…giai đoạn 2026 - 2030182/2025/NQ-HĐND": a year glued before the number.
        if len(digits) > 4 and _YEAR_PREFIX.match(digits):
            start += 4
        group = 3 if match.group(3) else 4
        head = text[start:match.start(group)]
        suffix = _trim_suffix(match.group(group), text[match.end():])
        end = match.start(group) + len(suffix)
        if not suffix or (group == 4 and "-" not in suffix):
            pos = match.start(group)
            continue
        found.append((start, end, head + suffix))
        pos = end


def normalize_number(number: str) -> str:
    return re.sub(r"\s*-\s*", "-", number)


# --- Cách thức thực hiện: rows are cut in portal_rows.py -----------------------------------

# --- Thành phần hồ sơ ------------------------------------------------------------------------

_DOSSIER_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_COUNT = re.compile(r"(\d+)\s*bản chính(?:\s*,\s*(\d+)\s*bản sao)?")
_FILE_END = re.compile(r"\.(?:docx?|pdf|xlsx?|rtf|odt|zip|rar)$", re.IGNORECASE)
#: Words a form's file name starts with, when it is glued to the document name.
_FILE_WORDS = re.compile(
    r"(?:Mẫu|Mau|mau|MAU|MẪU|Mu\d|Phụ lục|PHỤ LỤC|Phuluc|Phulục|Phlc|PL\s?\d|TK |TPHS|Don|"
    r"NA\d|M0\d|Danhmuc|văn bản|báo cáo)"
)


def _file_start(text: str, end: int) -> int | None:
    """Where the form file name ending at `end` begins.

    The "Mẫu đơn, tờ khai" cell (a file name) is glued to the document name: "…của Bộ Công
    an.NA15.pdf", "…TT-BNNMTMẫu số 03.docx", "…theo mẫuTK 1.000302.docx". Normal text puts a
    space after punctuation and before a word, so the file starts at the last place where one
    is missing: after ".;:)", before a word file names start with, or right after a document
    number. Dots inside numbers ("TT34.2025", "1.000302") are not such places.
    """
    numbers = [e for _s, e, _n in find_numbers(text[:end])]
    best = None
    for p in range(max(1, end - 150), end - 4):
        before, ch = text[p - 1], text[p]
        if ch.isspace() or ch in ".;:)-_,":
            continue
        punct = before in ".;:)" and not (before == "." and text[p - 2: p - 1].isdigit())
        word = before not in " -_(" and _FILE_WORDS.match(text, p)
        after_number = p in numbers
        if punct or word or after_number:
            best = p
    if best is None:
        # "theo quy định1.4. Don de nghi…": a file name that starts with a digit.
        for p in range(max(1, end - 150), end - 4):
            if _is_lower(text[p - 1]) and text[p].isdigit():
                best = p
    return best


def _split_forms(text: str) -> tuple[str, list[str]]:
    """"Tờ khai … (mẫu NA5) … Bộ Công an.NA5.doc" → ("Tờ khai … Bộ Công an.", ["NA5.doc"])."""
    files: list[str] = []
    end = len(text)
    while _FILE_END.search(text[:end]):
        start = _file_start(text, end)
        if start is None:
            break
        files.insert(0, text[start:end])  # "Mẫu số 11.docxMẫu số 12.docx": one file each
        end = start
    return text[:end], files


def _item_name(text: str) -> str:
    text = clean(text)
    return re.sub(r"^-\s*", "", text).strip()


def _group_name(text: str) -> str | None:
    name = clean(text).strip("-* ").rstrip(":").strip()
    return name or None


def _real_counts(segment: str) -> list[re.Match[str]]:
    """Copy counts that close a table row, not "nộp 02 bản chính tờ khai" inside a name."""
    counts = []
    for match in _COUNT.finditer(segment):
        if match.start() == 0 or segment[match.start() - 1] != " ":
            counts.append(match)
    return counts


def _document(name: str, chinh: str, sao: str | None, notes: list[str]) -> dict[str, Any] | None:
    if len(chinh) > 4 and _YEAR_PREFIX.match(chinh):
        name, chinh = name + chinh[:4], chinh[4:]  # "Luật Đất đai năm 2024" + "0 bản chính"
    elif len(chinh) > 1 and name and name[-1] in "./-":
        name, chinh = name + chinh[:-1], chinh[-1]  # "theo mẫu BM.NCC.20.03" + "1 bản chính"
    name, files = _split_forms(_item_name(name))
    name = name.strip()
    if not name:
        if not files:
            notes.append("thành phần hồ sơ: bỏ qua số lượng không kèm tên giấy tờ")
            return None
        name = files[0]
    doc: dict[str, Any] = {"ten": name}
    if files:
        doc["mau_don"] = [{"ten": f} for f in files]
    doc["ban_chinh"] = int(chinh)
    if sao and int(sao):
        doc["ban_sao"] = int(sao)
    return doc


def parse_dossier(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    # A tab before a count is the cell border: drop it before `clean` turns it into a space.
    text = clean(re.sub(r"\t+(?=\d+\s*bản chính)", "", text or ""))
    notes: list[str] = []
    if not text:
        return [], notes
    parts = text.split(_DOSSIER_HEADER)
    if len(parts) == 1:
        notes.append(f"thành phần hồ sơ: không nhận ra bảng giấy tờ trong «{_short(text)}»")
        return [], notes
    groups = []
    name = _group_name(parts[0])
    for index, segment in enumerate(parts[1:], start=1):
        counts = _real_counts(segment)
        documents, previous = [], 0
        for match in counts:
            doc = _document(segment[previous:match.start()], match.group(1), match.group(2), notes)
            if doc:
                documents.append(doc)
            previous = match.end()
        tail = segment[previous:]
        if index == len(parts) - 1 and clean(tail):
            # The last row has no count: keep the words, with no copies.
            doc = _document(tail, "0", None, notes)
            if doc:
                documents.append(doc)
                notes.append(f"thành phần hồ sơ: giấy tờ «{_short(doc['ten'])}» không ghi số lượng")
            tail = ""
        if documents:
            groups.append({"nhom": name, "giay_to": documents} if name else {"giay_to": documents})
        elif name:
            notes.append(f"thành phần hồ sơ: nhóm «{_short(name)}» không có giấy tờ nào, bỏ qua")
        name = _group_name(tail)
    return groups, notes


# --- Căn cứ pháp lý ---------------------------------------------------------------------------

_LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"


def _code_start(row: str, number_start: int, number_ends: list[int]) -> int:
    """Where the "Mã văn bản" cell begins inside a row that ends at `number_start` + number."""
    if 0 < number_start < len(row) and not row[number_start - 1].isspace() \
            and row[number_start - 1] != "(":
        return number_start  # "…Luật Hộ tịch123/2015/NĐ-CP": the cell is the bare number
    best = 0
    for p in range(1, number_start):
        before, ch = row[p - 1], row[p]
        decimal = before == "." and row[p - 2: p - 1].isdigit()
        glued = (_is_lower(before) and _is_upper(ch)) or (
            before in ".;:)" and ch.isalnum() and not decimal
        ) or (p in number_ends and not ch.isspace())
        if glued:
            best = p
    return best


def _legal_document(row: str, notes: list[str]) -> dict[str, Any] | None:
    row = row.strip()
    if not row:
        return None
    numbers = find_numbers(row)
    ends = [e for _s, e, _n in numbers]
    if numbers and numbers[-1][1] == len(row):
        start, _end, number = numbers[-1]
        cut = _code_start(row, start, ends)
        code_cell = row[cut:].strip()
        number = normalize_number(number)
    else:
        cut = _code_start(row, len(row), ends)
        code_cell = number = row[cut:].strip()
        notes.append(f"căn cứ pháp lý: mã văn bản «{_short(code_cell)}» "
                     "không có dạng số/năm/ký hiệu")
    title = clean(row[:cut]).strip() or (code_cell if code_cell != number else "")
    doc: dict[str, Any] = {"so_ky_hieu": number}
    if title and title != number:
        doc["trich_yeu"] = title
    return doc


def parse_legal(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    text = clean(text)
    notes: list[str] = []
    if not text:
        return [], notes
    if text.startswith(_LEGAL_HEADER):
        text = text[len(_LEGAL_HEADER):]
    # A number ends a row when the next title follows it (capital letter, digit, end of text),
    # or when it is glued to the title before it (the "Mã văn bản" cell), unless the very
    # same number follows: then it was the title ("Luật 60/2014/QH13" + "60/2014/QH13").
    rows: list[tuple[int, int, str]] = []
    start = 0
    for n_start, n_end, number in find_numbers(text):
        after = text[n_end:]
        if after.startswith(number):
            continue
        following = after.lstrip()[:1]
        glued = n_start > 0 and not text[n_start - 1].isspace() and text[n_start - 1] != "("
        if not following or after[:1].isdigit() or _is_upper(following) or glued:
            rows.append((start, n_end, normalize_number(number)))
            start = n_end
    # A title that itself starts with the number ("Thông tư số 66/2023/TT-BCA Sửa đổi…") was
    # cut off as a row of its own: join it to the row whose code is the same number.
    merged: list[tuple[int, int, str]] = []
    for row in rows:
        if merged and merged[-1][2] == row[2]:
            merged[-1] = (merged[-1][0], row[1], row[2])
        else:
            merged.append(row)
    documents: list[dict[str, Any]] = []
    spans = [text[s:e] for s, e, _n in merged]
    if text[start:].strip():
        spans.append(text[start:])
    for span in spans:
        doc = _legal_document(span, notes)
        if doc and doc not in documents:
            documents.append(doc)
    return documents, notes


# --- Kết quả thực hiện --------------------------------------------------------------------------

_RESULT_CODE = re.compile(r"Mã:\s*")


def _result_code(text: str) -> tuple[str, str]:
    """"KQ.G01.000014Biển số xe…" → ("KQ.G01.000014", "Biển số xe…")."""
    match = re.match(r"[A-Z0-9][A-Z0-9.\-]*", text)
    if not match:
        return "", text
    end = match.end()
    if end < len(text) and _is_lower(text[end]) and _is_upper(text[end - 1]):
        end -= 1  # the capital starts the next outcome's name
    code = text[:end].rstrip(".-")
    return code, text[len(code):]


def parse_outcomes(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    text = unicodedata.normalize("NFC", text or "")
    # The crawler appended the page's search form ("Từ khóa…Chọn cơ quan thực hiện…").
    for marker in ("Từ khóa", "Chọn cơ quan thực hiện"):
        if marker in text:
            text = text[: text.index(marker)]
    text = clean(text)
    notes: list[str] = []
    if not text:
        return [], notes
    pieces = _RESULT_CODE.split(text)
    outcomes = []
    name = pieces[0]
    for piece in pieces[1:]:
        code, rest = _result_code(piece)
        outcome: dict[str, Any] = {"ten": _item_name(name)}
        if code:
            outcome["ma"] = code
        if outcome["ten"]:
            outcomes.append(outcome)
        name = rest
    if clean(name):
        outcomes.append({"ten": _item_name(name)})
    return outcomes, notes


# --- Trình tự thực hiện -----------------------------------------------------------------------

_STEP_WORD = re.compile(r"^[-+*]?\s*(?:[a-zđ]\)\s*)?Bước\s*\d", re.IGNORECASE)
_DASH = re.compile(r"^-\s*")
_NOTE = re.compile(r"^\*\s*Lưu ý", re.IGNORECASE)
_BULLET = re.compile(r"^[-+*]\s*")


def parse_steps(text: str) -> tuple[list[str], list[str]]:
    """One item per step. With "Bước N" lines, split only there (their "- " lines are parts of
    the step); otherwise split on "- " and "* " lines. (i)/(ii)/"+" lines stay in their step,
    and a "* Lưu ý:" block is kept whole as the last item (its "- " lines are notes, not steps)."""
    text = clean(text)
    # Indentation in the flattened page text is noise; only the line starts carry structure.
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    by_word = any(_STEP_WORD.match(line) for line in lines)
    steps: list[list[str]] = []
    in_note = False
    for line in lines:
        if by_word:
            starts = bool(_STEP_WORD.match(line))
        elif in_note:
            starts = False
        else:
            in_note = bool(_NOTE.match(line))
            starts = in_note or bool(_DASH.match(line)) or line.startswith("* ")
        if starts:
            steps.append([_BULLET.sub("", line)])  # the list item itself is the bullet
        elif steps:
            steps[-1].append(line)
        else:
            steps.append([line])
    return ["\n".join(step) for step in steps], []


# --- Quyết định công bố ---------------------------------------------------------------------------

DECISION_ISSUERS = {
    "BTP": "Bộ Tư pháp",
    "BXD": "Bộ Xây dựng",
    "BTC": "Bộ Tài chính",
    "BCA": "Bộ Công an",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TANDTC": "Tòa án nhân dân tối cao",
}


def decision_issuer(number: str) -> str | None:
    """"163/QĐ-BTP" → "Bộ Tư pháp"; "885/QĐ-BCA-C06" → "Bộ Công an"; unknown → None."""
    for token in re.split(r"[-/\s]+", number):
        if token in DECISION_ISSUERS:
            return DECISION_ISSUERS[token]
    return None


# --- Sections of the page text ----------------------------------------------------------------

#: Field → (label that opens its section in `raw_text`, what may follow the label).
_SECTION_LABELS = [
    ("trinh_tu_thuc_hien", "Trình Tự Thực Hiện", ""),
    ("cach_thuc_thuc_hien", "Cách Thức Thực Hiện", "(?=Hình thức nộp|" + NO_INFO + ")"),
    ("thanh_phan_ho_so", "Thành phần hồ sơ", ""),
    ("can_cu_phap_ly", "Căn cứ pháp lý", "(?=Tên văn bản pháp lý|" + NO_INFO + ")"),
    ("co_quan_thuc_hien", "Cơ quan thực hiện", ""),
    ("yeu_cau_dieu_kien", "Yêu cầu, điều kiện thực hiện", ""),
    ("ket_qua_xu_ly", "Kết quả xử lý", ""),
]


SECTION_FIELDS = [key for key, _label, _after in _SECTION_LABELS]


def raw_sections(raw: str) -> dict[str, str]:
    """Cut the page text at its section labels, in page order.

    The crawler's own fields are sometimes cut at a label quoted *inside* the text (a step
    that says "theo quy định tại mục Thành phần hồ sơ" ends the steps there). Searching each
    label only after the previous one, and the table labels together with their table header,
    avoids that. Returns {} when a label is missing; callers then keep the crawler's fields.
    """
    raw = unicodedata.normalize("NFC", raw or "")
    starts = []
    pos = 0
    for field, label, lookahead in _SECTION_LABELS:
        match = re.compile(re.escape(label) + lookahead).search(raw, pos)
        if not match:
            return {}
        starts.append((field, match.start(), match.end()))
        pos = match.end()
    sections = {}
    for i, (field, _start, body_start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(raw)
        sections[field] = raw[body_start:end]
    return sections
