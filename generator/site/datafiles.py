"""Encoders shared by every downloadable file (open data, score tables)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..cache import EncodedCache

#: A cell starting with one of these is a formula to spreadsheet programs (OWASP, "CSV
#: Injection"): `=HYPERLINK(…)` typed into a record would run when the download is opened.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: Any) -> str:
    """One cell: numbers as numbers; text that a spreadsheet would run as a formula gets a
    leading apostrophe (shown as text, never evaluated)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)  # a negative score stays a number
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if text.startswith(FORMULA_START):
        text = "'" + text
    # Rows end with "\n", so only a cell holding "\n" is quoted: a lone "\r" would split a row.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def csv_bytes(columns: Iterable[str], rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte order mark, so spreadsheet programs read Vietnamese correctly."""
    columns = list(columns)
    return csv_join(columns, [csv_line(columns, row) for row in rows])


def csv_line(columns: Iterable[str], row: dict[str, Any]) -> str:
    """One row of `csv_bytes`, as text (for a caller that keeps rows apart: see `csv_join`)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([csv_value(row.get(c)) for c in columns])
    return buffer.getvalue()


def csv_join(columns: Iterable[str], lines: list[str]) -> bytes:
    """`csv_bytes` of rows given as `csv_line`s."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(list(columns))
    return ("\ufeff" + buffer.getvalue() + "".join(lines)).encode("utf-8")


#: Encoded documents from earlier builds (set by `build.build_site`, see `cache.EncodedCache`):
#: Python's JSON encoder has no C path for indented output, and open data is thousands of files.
encoded: EncodedCache | None = None


def json_bytes(data: Any, *, sort_keys: bool) -> bytes:
    if encoded is not None:
        return encoded.json(data, sort_keys, encode_json)
    return encode_json(data, sort_keys)


def encode_json(data: Any, sort_keys: bool) -> bytes:
    """`json_bytes` without the cache of encoded documents, for a caller that caches the bytes
    itself (a procedure's open data document, see `Renderer.per_procedure`)."""
    return (json_text(data, sort_keys) + "\n").encode("utf-8")


def json_text(data: Any, sort_keys: bool) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=sort_keys)


#: Stands for a list whose items come encoded already (`encode_json_with_items`). Record text
#: holds no NUL character (the loader refuses one), so the encoded marker occurs only here.
_ITEMS = "\x00congkhai-items\x00"


def encode_json_with_items(data: dict[str, Any], key: str, items: list[str],
                           sort_keys: bool) -> bytes:
    """`encode_json(data | {key: [...]})`, byte for byte, for a top-level list whose items
    are given as `json_text` each: a document of thousands of procedures is encoded from the
    items of the procedures that changed and the cached text of the others. (With `indent`,
    an item's lines sit two levels deeper in the document than on their own; JSON text has no
    raw line break inside a string, so every line break is one of the layout's.)"""
    if not items:
        return encode_json(data | {key: []}, sort_keys)
    text = json_text(data | {key: [_ITEMS]}, sort_keys)
    marker = json.dumps(_ITEMS, ensure_ascii=False)
    inner = ",\n  ".join(item.replace("\n", "\n  ") for item in items)
    return (text.replace(marker, inner, 1) + "\n").encode("utf-8")
