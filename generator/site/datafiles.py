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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_value(row.get(c)) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=sort_keys)
    return (text + "\n").encode("utf-8")
