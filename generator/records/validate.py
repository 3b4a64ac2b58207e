"""Validate records against the schema, in Vietnamese, with file:line:column for every problem.

Stage 2 of the pipeline (load → **validate** → resolve → derive → render → index). Schema
errors come from pydantic and are translated here; checks that need more than one record
(duplicate codes, references, scores against index definitions) live in `crosscheck.py`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..problems import Problem, Severity
from .kinds import KINDS, RecordKind, guess_kind
from .loader import LoadedDocument, Path_, dotted, load_file
from .schema import IndexDefinition, Procedure, Record, Unit
from .shapes import DATE_HINT, DATE_MESSAGE, EDITOR_ERROR, MAX_CODE, PATTERNS
from .smells import gap_is_present, record_smells
from .vocab import SOURCE_GAP_WORDS

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Sourced(Generic[R]):
    """A validated record and the document it came from (for locating later problems)."""

    record: R
    doc: LoadedDocument

    def at(self, *loc: str | int) -> tuple[str, int, int]:
        line, col = self.doc.locate(tuple(loc))
        return self.doc.path, line, col

    def problem(self, loc: Path_, message: str, hint: str | None = None,
                severity: Severity = "error") -> Problem:
        """A problem located at `loc` in the record's file."""
        path, line, col = self.at(*loc)
        return Problem(path, line, col, dotted(loc), message, hint, severity)


def did_you_mean(value: str, options: Iterable[str]) -> str | None:
    """“có phải ý bạn là «X»?” for the option closest to a mistyped value, if any is close."""
    found = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f"có phải ý bạn là «{found[0]}»?" if found else None


@dataclass
class RecordSet:
    """Every record of a project, in a stable order (by file path)."""

    procedures: list[Sourced[Procedure]]
    units: list[Sourced[Unit]]
    indexes: list[Sourced[IndexDefinition]]

    def of(self, kind: RecordKind) -> list[Sourced[Any]]:
        """The records of one kind (`RecordKind.plural` names the attribute)."""
        items: list[Sourced[Any]] = getattr(self, kind.plural)
        return items

    def all(self) -> list[Sourced[Any]]:
        return [src for kind in KINDS for src in self.of(kind)]


def validate_document(doc: LoadedDocument, kind: type[R]) -> tuple[R | None, list[Problem]]:
    """Check one composed document against `kind`; translate every error."""
    problems: list[Problem] = []
    try:
        record = kind.model_validate(doc.data)
    except ValidationError as error:
        problems += [translate_error(doc, kind, item) for item in error.errors()]
        record = None
    return (None if problems else record), sorted(set(problems))


def load_record(path: Path, display: str, kind: RecordKind | None
                ) -> tuple[Record | None, LoadedDocument | None, list[Problem]]:
    """Load, compose and validate one record file; `kind` is its folder's kind, if known."""
    doc, problems = load_file(path, display)
    if doc is None or not isinstance(doc.data, dict):
        return None, doc, problems
    guessed = guess_kind(doc.data)
    if kind is not None and guessed not in (None, kind) and kind.code_field not in doc.data:
        assert guessed is not None
        line, col = doc.locate((guessed.code_field,))
        return None, doc, problems + [
            Problem(display, line, col, guessed.code_field,
                    f"{guessed.noun} đặt nhầm thư mục (thư mục này chứa {kind.noun})",
                    "chuyển tệp sang đúng thư mục: " + "; ".join(
                        f"{k.noun} trong {k.plural}/" for k in KINDS))
        ]
    kind = kind or guessed
    if kind is None:
        line, col = doc.locate(())
        return None, doc, problems + [
            Problem(display, line, col, "", "không xác định được loại hồ sơ",
                    ", ".join(f"{k.noun} có `{k.code_field}`" for k in KINDS))
        ]
    record, schema_problems = validate_document(doc, kind.model)
    # Loader errors (duplicate keys) do not hide schema problems: report all in one run.
    # Loader warnings (a value cut by " #") do not reject the record.
    if any(p.severity == "error" for p in problems):
        record = None
    problems += schema_problems
    if isinstance(record, Procedure):
        # Checks of this record alone: here, so the build cache keeps their answer with it.
        problems += source_gap_problems(Sourced(record, doc))
    return record, doc, problems


def source_gap_problems(src: Sourced[Procedure]) -> list[Problem]:
    """`chua_co_thong_tin` only on imported records and only for what is still missing; then
    each gap and each smell (smells.py) as a located warning."""
    p = src.record
    problems = []
    if p.chua_co_thong_tin and not p.nguon:
        problems.append(src.problem(("chua_co_thong_tin",),
                                    "chỉ hồ sơ nhập từ Cơ sở dữ liệu quốc gia (có nguon) mới "
                                    "được ghi chua_co_thong_tin",
                                    "hồ sơ tự soạn phải có đủ thành phần: bổ sung thành phần "
                                    "rồi xóa chua_co_thong_tin"))
        return problems
    for i, name in enumerate(p.chua_co_thong_tin):
        if gap_is_present(p, name):
            problems.append(src.problem(("chua_co_thong_tin", i),
                                        f"hồ sơ đã có {SOURCE_GAP_WORDS[name]}",
                                        "xóa dòng này khỏi chua_co_thong_tin"))
    problems += [src.problem(s.loc, s.message, s.hint, "warning")
                 for s in record_smells(p) if s.severity == "warning"]
    return problems


# --- Walking the schema along a location ---------------------------------------------------


def _unwrap(tp: Any) -> Any:
    """Strip Optional / list / Annotated down to the element type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        elif origin is list:
            tp = typing.get_args(tp)[0]
        else:
            return tp


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _walk(model: type[BaseModel], loc: Path_) -> tuple[type[BaseModel] | None, str | None, Any]:
    """Follow `loc` through the schema: (model owning the last key, that key, type at `loc`)."""
    current: Any = model
    owner: type[BaseModel] | None = None
    key: str | None = None
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int) or current is None:
            continue
        if _is_model(current):
            owner, key = current, str(part)
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            current = None
    return owner, key, current


def _model_field(model: type[BaseModel], loc: Path_) -> tuple[type[BaseModel] | None, str | None]:
    """The model owning the last key of `loc`, and that key."""
    owner, key, _ = _walk(model, loc)
    return owner, key


def _owner_of(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model whose fields are allowed in the mapping at `loc`."""
    current = _unwrap(_walk(model, loc)[2])
    return current if _is_model(current) else None


# --- Translating pydantic's errors ----------------------------------------------------------


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


_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_type",
                "date_from_datetime_inexact", "date_future", "date_past"}


def translate_error(doc: LoadedDocument, model: type[BaseModel], error: Any) -> Problem:
    loc: Path_ = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if loc and loc[-1] == "[key]":
        # A mapping key (an index code under diem_so) failed: point at the key itself.
        loc = loc[:-1]
        value = loc[-1]
    field = dotted(loc)
    owner, key = _model_field(model, loc)
    description = None
    if owner is not None and key in owner.model_fields:
        description = owner.model_fields[key].description
    hint: str | None = None

    if kind == "missing":
        message = "thiếu trường bắt buộc"
        if owner is not None and key in owner.model_fields:
            hint = _missing_hint(key, owner.model_fields[key].annotation, description)
        line, col = doc.locate(loc[:-1])
    elif kind == "extra_forbidden":
        owner_model = _owner_of(model, loc[:-1])
        names = list(owner_model.model_fields) if owner_model else []
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
        message = "trường không có trong lược đồ"
        if close:
            hint = f"có phải ý bạn là `{close[0]}`?"
        else:
            present = _value_at(doc.data, loc[:-1])
            unused = [n for n in names if not isinstance(present, dict) or n not in present]
            if unused:
                hint = "các trường còn lại có thể dùng ở đây: " + ", ".join(unused)
        line, col = doc.locate(loc)
    else:
        line, col = doc.locate(loc)
        if isinstance(loc[-1], int):
            # An empty list item (a lone "- "): the item, not the field, is what to fix.
            message, hint = _message_for(kind, value, ctx, None, False)
            if value is None:
                hint = "ghi giá trị sau dấu “- ”, hoặc xóa dòng này"
        else:
            required = owner is not None and key in owner.model_fields \
                and owner.model_fields[key].is_required()
            message, hint = _message_for(kind, value, ctx, description, required)
    return Problem(doc.path, line, col, field, message, hint)


def _missing_hint(key: str, annotation: Any, description: str | None) -> str:
    """How to add a missing field, shaped like its value (text, list or sub-fields)."""
    inner = annotation
    while typing.get_origin(inner) is typing.Annotated:
        inner = typing.get_args(inner)[0]
    if typing.get_origin(inner) is list:
        how = f"thêm dòng `{key}:` rồi mỗi mục một dòng “- …” bên dưới"
    elif _is_model(_unwrap(inner)):
        how = f"thêm dòng `{key}:` rồi các trường con, thụt lề bên dưới"
    else:
        how = f"thêm dòng `{key}: …`"
    return _with_description(how, description)


def _with_description(hint: str, description: str | None) -> str:
    """`hint — what the field is`, so a hint also says what belongs there."""
    if not description:
        return hint
    return f"{hint} — {description.rstrip('.')}" if hint else description.rstrip(".")


def _value_at(data: Any, loc: Path_) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _number(value: Any) -> str:
    """0.0 → "0", 14.5 → "14.5": bounds read as the editor wrote them."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _message_for(kind: str, value: Any, ctx: dict[str, Any], description: str | None,
                 required: bool) -> tuple[str, str | None]:
    found = _describe(value)
    if isinstance(value, list) or (value is None and kind == "list_type"):
        fill = "thêm các mục bên dưới, mỗi mục một dòng bắt đầu bằng “- ”"
    else:
        fill = "ghi giá trị sau dấu hai chấm"
    if not required:
        fill += ", hoặc xóa cả dòng nếu không có thông tin"
    if value is None and kind in ("string_type", "list_type", "model_type", "dict_type",
                                  "model_attributes_type", "int_type", "float_type",
                                  "bool_type", "date_type", "literal_error"):
        return "không được để trống", _with_description(fill, description)
    if kind == "string_type" and isinstance(value, dict):
        # Nearly always "Bước 1: …" unquoted: YAML reads "text: text" as a key and its value.
        return (f"phải là văn bản, đã gặp {found}",
                "giá trị có dấu hai chấm và dấu cách ở giữa (ví dụ “Bước 1: …”) phải đặt trong "
                "dấu ngoặc kép")
    if kind == "string_type" and isinstance(value, list):
        return (f"phải là văn bản, đã gặp {found}",
                "trường này nhận một văn bản; gộp các mục thành một đoạn (dùng “|” để viết "
                "nhiều dòng)")
    if kind == "string_type":
        return f"phải là văn bản, đã gặp {found}", "viết giá trị trên cùng dòng, sau dấu hai chấm"
    if kind == "string_too_short":
        return "không được để trống", _with_description(fill, description)
    if kind == "string_pattern_mismatch":
        pattern = PATTERNS.get(ctx.get("pattern", ""))
        if pattern is None:
            return f"sai định dạng, đã gặp {found}", None
        return f"{pattern.message}, đã gặp {found}", pattern.hint
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"phải là số nguyên, đã gặp {found}", "ghi chữ số, không có dấu chấm, dấu phẩy"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"phải là số, đã gặp {found}", "dùng dấu chấm thập phân, ví dụ 92.18"
    if kind in ("bool_parsing", "bool_type"):
        return f"phải là true hoặc false, đã gặp {found}", "true là có, false là không"
    if kind == EDITOR_ERROR:
        return str(ctx.get("message")), ctx.get("hint")
    if kind == "string_too_long":
        return (f"dài quá {ctx.get('max_length', MAX_CODE)} ký tự, đã gặp {found}",
                "mã cũng là tên tệp và một phần địa chỉ trang; rút ngắn mã")
    if kind in _DATE_ERRORS:
        return DATE_MESSAGE.format(found=found), DATE_HINT
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"có phải ý bạn là «{close[0]}»?" if close else None
        return f"phải là một trong: {'; '.join(options)}, đã gặp {found}", hint
    if kind == "list_type":
        return f"phải là danh sách, đã gặp {found}", "mỗi mục một dòng, bắt đầu bằng “- ”"
    if kind == "too_short":
        return (f"phải có ít nhất {ctx.get('min_length', 1)} mục",
                _with_description("mỗi mục một dòng, bắt đầu bằng “- ”", description))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"phải là một bảng khóa: giá trị, đã gặp {found}",
                "xuống dòng và ghi các trường con, thụt lề sâu hơn tên trường này")
    if kind == "greater_than":
        return f"phải lớn hơn {_number(ctx.get('gt'))}, đã gặp {found}", None
    if kind == "greater_than_equal":
        return f"phải từ {_number(ctx.get('ge'))} trở lên, đã gặp {found}", None
    if kind == "less_than_equal":
        return f"phải không quá {_number(ctx.get('le'))}, đã gặp {found}", None
    if kind == "less_than":
        return f"phải nhỏ hơn {_number(ctx.get('lt'))}, đã gặp {found}", None
    return f"giá trị không hợp lệ, đã gặp {found}", _with_description("", description) or None
