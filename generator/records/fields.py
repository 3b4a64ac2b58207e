"""Describe the schema's fields for people: shapes, types in Vietnamese words, short labels.

Read by the record skeletons (`scaffold.py`), the editors' field table (`fieldguide.py`) and the
reviewers' change report (`diff.py`), so that all three follow `schema.py` as it is, nested
parts included, and a new field cannot be left out of any of them.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Union

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import schema
from .schema import Record, Unit
from .shapes import DATE_WORDS, PATTERNS, Element, marker

# --- Shapes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """What a field holds once `Optional` and `Annotated` are stripped.

    `kind` is "model" (a record part), "list", "dict" or "scalar". Lists and mappings carry the
    shape of their items (`item`); scalars carry their Python type and constraints.
    """

    kind: Literal["model", "list", "dict", "scalar"]
    model: type[BaseModel] | None = None
    item: Shape | None = None
    scalar: Any = None
    metadata: tuple[Any, ...] = ()


def shape_of(annotation: Any, metadata: tuple[Any, ...] = ()) -> Shape:
    """Classify a field's annotation; `metadata` holds the constraints pydantic moved off it."""
    meta = tuple(metadata)
    tp = annotation
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            tp = args[0]
            for extra in args[1:]:
                # `Annotated[int, Field(ge=1990)]` keeps its constraints on the FieldInfo.
                meta += tuple(extra.metadata) if isinstance(extra, FieldInfo) else (extra,)
        elif origin in (Union, types.UnionType):
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(options) != 1:
                return Shape("scalar", scalar=tp, metadata=meta)
            tp = options[0]
        else:
            break
    origin = typing.get_origin(tp)
    if origin is list:
        return Shape("list", item=shape_of(typing.get_args(tp)[0]), metadata=meta)
    if origin is dict:
        return Shape("dict", item=shape_of(typing.get_args(tp)[1]), metadata=meta)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return Shape("model", model=tp, metadata=meta)
    return Shape("scalar", scalar=tp, metadata=meta)


def field_shape(info: FieldInfo) -> Shape:
    return shape_of(info.annotation, tuple(info.metadata))


# --- Types in words -------------------------------------------------------------------------


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _bounds(metadata: tuple[Any, ...]) -> str:
    """`Ge(1990), Le(2100)` → "từ 1990 đến 2100"; `Gt(0)` → "lớn hơn 0"."""
    low = high = None
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            low = f"từ {_number(item.ge)}"
        elif isinstance(item, annotated_types.Gt):
            low = f"lớn hơn {_number(item.gt)}"
        elif isinstance(item, annotated_types.Le):
            high = f"đến {_number(item.le)}" if low and low.startswith("từ") \
                else f"không quá {_number(item.le)}"
        elif isinstance(item, annotated_types.Lt):
            high = f"nhỏ hơn {_number(item.lt)}"
    if low == "từ 0" and high is None:
        low = "không âm"
    elif low and low.startswith("từ") and high is None:
        low += " trở lên"
    return " ".join(part for part in (low, high) if part)


def type_words(shape: Shape) -> str:
    """The field's type in Vietnamese words, e.g. "danh sách mã thủ tục", "ngày YYYY-MM-DD"."""
    if shape.kind == "model":
        return "nhóm trường"
    if shape.kind == "list":
        assert shape.item is not None
        inner = "mục (nhóm trường)" if shape.item.kind == "model" else type_words(shape.item)
        words = f"danh sách {inner}"
        if any(isinstance(m, annotated_types.MinLen) and m.min_length >= 1
               for m in shape.metadata):
            words += ", ít nhất một mục"
        return words
    if shape.kind == "dict":
        assert shape.item is not None
        return f"bảng mã → {type_words(shape.item)}"
    tp = shape.scalar
    if typing.get_origin(tp) is Literal:
        return "một trong: " + "; ".join(f"«{v}»" for v in typing.get_args(tp))
    if tp is str:
        for item in shape.metadata:
            pattern = PATTERNS.get(getattr(item, "pattern", None) or "")
            if pattern is not None:
                return pattern.words
        return "văn bản"
    if tp is bool:
        return "true hoặc false"
    if tp is dt.date:
        return DATE_WORDS
    if tp in (int, float):
        words = "số nguyên" if tp is int else "số"
        bounds = _bounds(shape.metadata)
        if tp is int and bounds == "từ 1990 đến 2100":
            return "năm (từ 1990 đến 2100)"
        return f"{words} {bounds}".strip() if bounds else words
    return str(tp)  # pragma: no cover - the schema uses only the types above


# --- Walking every field, nested parts included ----------------------------------------------


@dataclass(frozen=True)
class FieldDoc:
    """One field of a record kind, at its path from the record's top."""

    path: str  # e.g. "cach_thuc_thuc_hien[].thoi_han.so", "diem_so.<mã>[].nam"
    name: str
    owner: type[BaseModel]
    info: FieldInfo
    shape: Shape
    depth: int

    @property
    def required(self) -> bool:
        return self.info.is_required()

    @property
    def description(self) -> str:
        return self.info.description or ""


#: How a mapping's keys are named in paths and examples, by (model, field).
DICT_KEYS: dict[tuple[type[BaseModel], str], tuple[str, str]] = {
    # (placeholder in a path, example key in a skeleton)
    (Unit, "diem_so"): ("<mã chỉ số>", "par-index"),
    (schema.ScoreEntry, "thanh_phan"): ("<mã thành phần>", "ma-thanh-phan"),
}


def dict_key(owner: type[BaseModel], name: str) -> tuple[str, str]:
    return DICT_KEYS.get((owner, name), ("<mã>", "ma"))


def _suffix(shape: Shape, owner: type[BaseModel], name: str) -> tuple[str, Shape]:
    """Path suffix for a field's items (`[]`, `.<mã>`) and the shape that ends it."""
    suffix = ""
    while shape.kind in ("list", "dict"):
        assert shape.item is not None
        suffix += "[]" if shape.kind == "list" else "." + dict_key(owner, name)[0]
        shape = shape.item
    return suffix, shape


def walk_fields(model: type[BaseModel], prefix: str = "", depth: int = 0) -> Iterator[FieldDoc]:
    """Every field of `model` in declaration order, each followed by its own sub-fields."""
    for name, info in model.model_fields.items():
        shape = field_shape(info)
        path = f"{prefix}.{name}" if prefix else name
        yield FieldDoc(path, name, model, info, shape, depth)
        suffix, inner = _suffix(shape, model, name)
        if inner.kind == "model" and inner.model is not None:
            yield from walk_fields(inner.model, path + suffix, depth + 1)


# --- Labels ---------------------------------------------------------------------------------


def field_label(info: FieldInfo, name: str) -> str:
    """A field's label (its `title` in the schema), else its key."""
    return info.title or name


def label(kind: type[Record], path: str) -> str:
    """The label of the element at `path` (dotted, no indexes): the deepest field on the path
    marked `Element`, else the top-level field's title."""
    parts = path.split(".")
    model: type[BaseModel] | None = kind
    found = None
    top = None
    for depth, part in enumerate(parts):
        info = model.model_fields.get(part) if model is not None else None
        if info is None:
            break
        if depth == 0:
            top = field_label(info, part)
        element = marker(info, Element)
        if element is not None:
            found = element.label
        _, inner = _suffix(field_shape(info), model, part)  # type: ignore[arg-type]
        model = inner.model if inner.kind == "model" else None
    return found or top or parts[0]
