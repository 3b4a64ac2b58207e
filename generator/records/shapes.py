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

from pydantic import BeforeValidator, Field, StringConstraints
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


#: Non-empty text, as typed (NFC-normalised by the loader).
Text = Annotated[str, StringConstraints(min_length=1)]
#: Long text that may use Markdown; raw HTML is shown as text, never executed.
Markdown = Annotated[str, StringConstraints(min_length=1)]
#: National procedure code, e.g. `1.001193`, with local variants such as `1.012753.H19`.
ProcedureCode = Annotated[str, StringConstraints(pattern=PROCEDURE_CODE.regex)]
#: Identifier used in URLs: lower-case ASCII letters, digits and hyphens.
Slug = Annotated[str, StringConstraints(pattern=SLUG.regex)]
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


#: A calendar date written as YYYY-MM-DD.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]


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
