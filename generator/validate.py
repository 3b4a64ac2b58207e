"""Validate records against the schema, in Vietnamese, with file:line:column for every problem.

Stage 2 of the pipeline (load → **validate** → resolve → derive → render → index). Schema
errors come from pydantic and are translated here; checks that need more than one record
(duplicate codes, references, scores against index definitions) live in `crosscheck.py`.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from . import schema
from .loader import LoadedDocument, Path_, _dotted, load_file
from .problems import Problem
from .schema import IndexDefinition, Procedure, Record, Unit

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Sourced(Generic[R]):
    """A validated record and the document it came from (for locating later problems)."""

    record: R
    doc: LoadedDocument

    def at(self, *loc: str | int) -> tuple[str, int, int]:
        line, col = self.doc.locate(tuple(loc))
        return self.doc.path, line, col


@dataclass
class RecordSet:
    """Every record of a project, in a stable order (by file path)."""

    procedures: list[Sourced[Procedure]]
    units: list[Sourced[Unit]]
    indexes: list[Sourced[IndexDefinition]]


KIND_BY_KEY: dict[str, type[Record]] = {
    "ma_thu_tuc": Procedure,
    "ma_don_vi": Unit,
    "ma_chi_so": IndexDefinition,
}


def guess_kind(data: Any) -> type[Record] | None:
    if isinstance(data, dict):
        for key, kind in KIND_BY_KEY.items():
            if key in data:
                return kind
    return None


def validate_document(doc: LoadedDocument, kind: type[R]) -> tuple[R | None, list[Problem]]:
    """Check one composed document against `kind`; translate every error."""
    try:
        return kind.model_validate(doc.data), []
    except ValidationError as error:
        problems = [_translate(doc, kind, item) for item in error.errors()]
        return None, sorted(set(problems))


def load_record(path: Path, display: str, kind: type[R] | None) -> tuple[R | None, LoadedDocument | None, list[Problem]]:
    doc, problems = load_file(path, display)
    if doc is None or not isinstance(doc.data, dict):
        return None, doc, problems
    kind = kind or guess_kind(doc.data)  # type: ignore[assignment]
    if kind is None:
        return None, doc, problems + [
            Problem(display, 1, 1, "", "không xác định được loại hồ sơ",
                    "hồ sơ thủ tục có `ma_thu_tuc`, đơn vị có `ma_don_vi`, chỉ số có `ma_chi_so`")
        ]
    record, schema_problems = validate_document(doc, kind)
    # Loader problems (duplicate keys) do not hide schema problems: report all in one run.
    if problems:
        return None, doc, problems + schema_problems
    return record, doc, schema_problems


# --- Translating pydantic's errors ----------------------------------------------------------


def _model_field(model: type[BaseModel], loc: Path_) -> tuple[type[BaseModel] | None, str | None]:
    """Walk `loc` through the schema; return the model owning the last key and that key."""
    current: Any = model
    owner: type[BaseModel] | None = None
    key: str | None = None
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int) or current is None:
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            owner, key = current, part
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            current = None
    return owner, key


def _unwrap(tp: Any) -> Any:
    """Strip Optional / list / Annotated down to the element type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        elif origin is list:
            tp = typing.get_args(tp)[0]
        else:
            return tp


def _describe(value: Any) -> str:
    if value is None:
        return "để trống"
    if isinstance(value, dict):
        return "một bảng khóa: giá trị"
    if isinstance(value, list):
        return "một danh sách"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return f"«{text}»"


_PATTERN_MESSAGES = {
    schema.PROCEDURE_CODE_PATTERN: (
        "mã thủ tục phải có dạng d.dddddd",
        'ví dụ ma_thu_tuc: "1.001193" (luôn đặt trong dấu ngoặc kép)',
    ),
    schema.SLUG_PATTERN: (
        "mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang",
        "ví dụ so-tu-phap",
    ),
    schema.URL_PATTERN: ("phải là địa chỉ bắt đầu bằng http:// hoặc https://", None),
    schema.LINK_PATTERN: (
        "phải là địa chỉ http(s) hoặc đường dẫn trong trang, không có dấu cách",
        None,
    ),
    schema.EMAIL_PATTERN: ("địa chỉ thư điện tử không hợp lệ", "ví dụ motcua@example.gov.vn"),
}

_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_type",
                "date_from_datetime_inexact"}


def _translate(doc: LoadedDocument, model: type[BaseModel], error: Any) -> Problem:
    loc: Path_ = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = _dotted(loc)
    owner, key = _model_field(model, loc)
    description = None
    if owner is not None and key in owner.model_fields:
        description = owner.model_fields[key].description
    hint: str | None = None

    if kind == "missing":
        message = "thiếu trường bắt buộc"
        hint = f"thêm `{key}:` — {description}" if description else None
        line, col = doc.locate(loc[:-1])
    elif kind == "extra_forbidden":
        owner_model = _owner_of(model, loc[:-1])
        names = list(owner_model.model_fields) if owner_model else []
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
        message = "trường không có trong lược đồ"
        hint = f"có phải ý bạn là `{close[0]}`?" if close else (
            "các trường hợp lệ: " + ", ".join(names) if names else None)
        line, col = doc.locate(loc)
    else:
        line, col = doc.locate(loc)
        message, hint = _message_for(kind, value, ctx, description)
    return Problem(doc.path, line, col, field, message, hint)


def _owner_of(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model whose fields are allowed at `loc` (a mapping inside the record)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _message_for(kind: str, value: Any, ctx: dict[str, Any], description: str | None) -> tuple[str, str | None]:
    found = _describe(value)
    if kind in ("string_type",) and value is None:
        return "không được để trống", description
    if kind == "string_type":
        return f"phải là văn bản, đã gặp {found}", "viết giá trị trên cùng dòng, sau dấu hai chấm"
    if kind == "string_too_short":
        return "không được để trống", description
    if kind == "string_pattern_mismatch":
        message, hint = _PATTERN_MESSAGES.get(ctx.get("pattern", ""), ("sai định dạng", None))
        return f"{message}, đã gặp {found}", hint
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"phải là số nguyên, đã gặp {found}", None
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"phải là số, đã gặp {found}", "dùng dấu chấm thập phân, ví dụ 92.18"
    if kind in ("bool_parsing", "bool_type"):
        return f"phải là true hoặc false, đã gặp {found}", None
    if kind in _DATE_ERRORS:
        return f"phải là ngày dạng YYYY-MM-DD, đã gặp {found}", "ví dụ 2025-07-01"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(", ")]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"có phải ý bạn là «{close[0]}»?" if close else None
        return f"phải là một trong: {'; '.join(options)}, đã gặp {found}", hint
    if kind == "list_type":
        return f"phải là danh sách, đã gặp {found}", "mỗi mục một dòng, bắt đầu bằng “- ”"
    if kind == "too_short":
        return f"phải có ít nhất {ctx.get('min_length', 1)} mục", description
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"phải là một bảng khóa: giá trị, đã gặp {found}", description
    if kind == "greater_than":
        return f"phải lớn hơn {ctx.get('gt')}, đã gặp {found}", None
    if kind == "greater_than_equal":
        return f"phải từ {ctx.get('ge')} trở lên, đã gặp {found}", None
    if kind == "less_than_equal":
        return f"phải không quá {ctx.get('le')}, đã gặp {found}", None
    return f"giá trị không hợp lệ ({kind}), đã gặp {found}", description
