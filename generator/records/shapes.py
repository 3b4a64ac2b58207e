"""Scalar shapes shared by the record schema, each declared once with its wording.

A `Pattern` carries everything said about a text shape: the regular expression the schema
enforces, the words the editors' guide uses for it, and the message and hint a validation error
gives. The validator, the field guide, the record skeletons and the published JSON Schema all
read these objects, so the wording of a shape cannot drift between them.

Field metadata markers (`FromCatalogue`, `Element`) ride on the schema fields through
`Annotated`; pydantic keeps them in `FieldInfo.metadata` untouched.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError


@dataclass(frozen=True)
class Pattern:
    """A text shape: its regex, its name in words, and what an error says about it."""

    regex: str
    words: str  # e.g. "mã thủ tục (d.dddddd, trong ngoặc kép)", for the field tables
    message: str  # e.g. "mã thủ tục phải có dạng d.dddddd …", before ", đã gặp «…»"
    hint: str  # an example of a valid value

    def matches(self, text: str) -> bool:
        return re.fullmatch(self.regex, text) is not None


PROCEDURE_CODE = Pattern(
    r"^[0-9]\.[0-9]{6}(\.[0-9A-Za-z]+)*$",
    "mã thủ tục (d.dddddd, trong ngoặc kép)",
    "mã thủ tục phải có dạng d.dddddd (một chữ số, dấu chấm, sáu chữ số)",
    'ví dụ ma_thu_tuc: "1.001193" (luôn đặt trong dấu ngoặc kép)',
)
SLUG = Pattern(
    r"^[a-z0-9]+(-[a-z0-9]+)*$",
    "mã (chữ thường không dấu, chữ số, dấu gạch ngang)",
    "mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang",
    "ví dụ so-tu-phap",
)
URL = Pattern(
    r"^https?://\S+$",
    "địa chỉ http(s)",
    "phải là địa chỉ bắt đầu bằng http:// hoặc https://",
    "ví dụ https://dichvucong.gov.vn/",
)
LINK = Pattern(
    r"^(https?://\S+|/?[A-Za-z0-9._~%/-]+)$",
    "địa chỉ http(s) hoặc đường dẫn trong trang",
    "phải là địa chỉ http(s) hoặc đường dẫn trong trang, không có dấu cách",
    "ví dụ https://example.gov.vn/mau/to-khai.docx hoặc /tai-lieu/to-khai.pdf",
)
EMAIL = Pattern(
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "thư điện tử",
    "địa chỉ thư điện tử không hợp lệ",
    "ví dụ motcua@example.gov.vn",
)

#: Every pattern by its regex: pydantic's errors name the regex, not the Python object.
PATTERNS: dict[str, Pattern] = {p.regex: p for p in (PROCEDURE_CODE, SLUG, URL, LINK, EMAIL)}


#: The longest code (procedure, unit, index, component, version): a code is also a file name
#: and a URL segment, and file systems refuse names over 255 bytes.
MAX_CODE = 100
#: The longest URL slug (a page's folder name): file systems take 255 bytes per name, and the
#: longest national sector name ("Chuyển đổi công ty nhà nước…") makes a 193-character slug.
MAX_SLUG = 200
#: The largest magnitude of any number in a record. Real scores, thresholds and time limits
#: are far below; a number beyond it is a typing mistake that would stretch a chart's axis.
MAX_NUMBER = 1_000_000_000
#: Dates are outside this range only by a typing mistake (2205 for 2025).
MIN_YEAR, MAX_YEAR = 1900, 2100

#: Non-empty text, as typed (NFC-normalised by the loader).
Text = Annotated[str, StringConstraints(min_length=1)]
#: Long text that may use Markdown; raw HTML is shown as text, never executed.
Markdown = Annotated[str, StringConstraints(min_length=1)]
#: National procedure code, e.g. `1.001193`, with local variants such as `1.012753.H19`.
ProcedureCode = Annotated[str, StringConstraints(pattern=PROCEDURE_CODE.regex,
                                                 max_length=MAX_CODE)]
#: Identifier used in URLs: lower-case ASCII letters, digits and hyphens.
Slug = Annotated[str, StringConstraints(pattern=SLUG.regex, max_length=MAX_CODE)]
#: An absolute http(s) link or a path relative to the site (forms, documents).
Link = Annotated[str, StringConstraints(pattern=LINK.regex)]
Url = Annotated[str, StringConstraints(pattern=URL.regex)]
Email = Annotated[str, StringConstraints(pattern=EMAIL.regex)]
Year = Annotated[int, Field(ge=1990, le=2100)]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: What the guide, the skeletons and error messages say about dates.
DATE_WORDS = "ngày YYYY-MM-DD"
DATE_MESSAGE = "phải là ngày dạng YYYY-MM-DD, đã gặp {found}"
DATE_HINT = "ví dụ 2025-07-01"


def _iso_date_only(value: object) -> object:
    """pydantic also reads Unix timestamps ("0" is 1970-01-01) and date-times as dates;
    editors are told YYYY-MM-DD and nothing else may pass."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_parsing", "date must be YYYY-MM-DD")
    return value


def _plausible_year(value: dt.date) -> dt.date:
    """Far-future dates overflow date arithmetic in the feeds and are never meant."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise editor_error(f"năm phải từ {MIN_YEAR} đến {MAX_YEAR}, đã gặp «{value.isoformat()}»",
                           "kiểm tra lại năm; thường do gõ nhầm chữ số")
    return value


#: A calendar date written as YYYY-MM-DD.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only), AfterValidator(_plausible_year)]

#: pydantic error type whose message and hint are already the editor's words.
EDITOR_ERROR = "congkhai"


def editor_error(message: str, hint: str | None = None) -> PydanticCustomError:
    """A validation error the validator prints as written (braces are not templates)."""
    return PydanticCustomError(EDITOR_ERROR, "{message}", {"message": message, "hint": hint})


def grouped(n: float) -> str:
    """1000000000 → "1.000.000.000": the Vietnamese grouping of a whole number."""
    return f"{n:,.0f}".replace(",", ".")


def check_magnitude(value: Any) -> Any:
    """Refuse any number (alone, in a list or in a mapping) beyond ±MAX_NUMBER."""
    numbers = value.values() if isinstance(value, dict) else \
        value if isinstance(value, list) else [value]
    for number in numbers:
        if isinstance(number, int | float) and not isinstance(number, bool) \
                and abs(number) > MAX_NUMBER:
            raise editor_error(f"số quá lớn (tối đa {grouped(MAX_NUMBER)}), đã gặp «{number:g}»"
                               if isinstance(number, float) else
                               f"số quá lớn (tối đa {grouped(MAX_NUMBER)}), đã gặp «{number}»",
                               "kiểm tra lại số đã gõ; dùng dấu chấm thập phân, ví dụ 92.18")
    return value


# --- Field metadata markers ----------------------------------------------------------------


@dataclass(frozen=True)
class FromCatalogue:
    """The field's values come from a catalogue of the project configuration (mkdocs.yml):
    `option` names it (`linh_vuc`, `cap_thuc_hien`, `loai_don_vi`). The cross-record checks
    and the published JSON Schema (as an `enum`) both read this marker."""

    option: str


@dataclass(frozen=True)
class Element:
    """A nested field that is a legal element of its own (NĐ 63/2010 Điều 8): reports name a
    change to it by `label`, not by the field that holds it (a fee is recorded per channel but
    is the element “Phí, lệ phí”)."""

    label: str


def marker(info: FieldInfo, kind: type[Any]) -> Any:
    """The field's metadata marker of type `kind`, or None."""
    return next((m for m in info.metadata if isinstance(m, kind)), None)
