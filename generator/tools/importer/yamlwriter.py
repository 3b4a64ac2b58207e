"""Write a record as YAML that an editor can read and that loads back to the same record.

Used by `congkhai import` and `congkhai new`. The output:

* starts with `# yaml-language-server: $schema=<ref>` so editors get completion and checks;
* lists keys in the schema's field order (nested parts too), unknown keys last, as given;
* omits None and empty lists/mappings (the schema's defaults stand for them);
* keeps Vietnamese as typed (allow_unicode) and long text unfolded on one line;
* writes multi-line text as literal blocks (`|-`, `|`), so steps and notes read as typed;
* double-quotes every string YAML would read as something else (`1.000120`, `no`, dates,
  numbers) or that plain style cannot carry (`: `, ` #`, a leading `-`, `*`, `&`, `!`, `[`…),
  and always quotes `ma_thu_tuc`, the one value editors must never see re-formatted.

Our loader (`loader.py`) keeps every scalar as text, but the editor's YAML language server reads
YAML 1.2 and other tools YAML 1.1: a string is written plain only if both read it as that string.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from ...records.kinds import guess_kind
from ...records.schema import Record

#: Keys whose value is always double-quoted, whatever it looks like.
ALWAYS_QUOTED = {"ma_thu_tuc", "thu_tuc_thay_the", "thu_tuc_lien_quan"}

_STR_TAG = "tag:yaml.org,2002:str"
_WIDTH = 1_000_000  # never fold long lines: diffs of edited records stay one line per change


class _Quoted(str):
    """A string that must be written double-quoted."""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that indents list items under their key ("key:" then "  - item")."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _analysis(text: str) -> Any:
    # The emitter's own analysis tells whether plain style would survive a round trip.
    emitter = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
    return emitter.analyze_scalar(text)


#: YAML 1.2 core-schema scalars that are not strings (the editor's language server reads YAML
#: 1.2; PyYAML's resolver below is YAML 1.1). Either reading must give back the text.
_YAML12_NON_STRING = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_RESOLVER = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=4096)
def needs_quotes(text: str) -> bool:
    """True if `text` written plain would be read back as another value or type."""
    if _YAML12_NON_STRING.match(text):
        return True
    if _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != _STR_TAG:
        return True  # YAML 1.1 too: no, yes, on, 2026-01-01, 12:30, 1_000 …
    analysis = _analysis(text)
    return analysis.multiline or not analysis.allow_block_plain


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if isinstance(text, _Quoted):
        return dumper.represent_scalar(_STR_TAG, str(text), style='"')
    if "\n" in text:
        # The emitter falls back to double quotes when a literal block cannot carry the text
        # exactly (trailing spaces before a line break, control characters).
        return dumper.represent_scalar(_STR_TAG, text, style="|")
    return dumper.represent_scalar(_STR_TAG, text, style='"' if needs_quotes(text) else None)


def _represent_date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, _represent_str)
_Dumper.add_representer(dt.date, _represent_date)


# --- Ordering keys by the schema ------------------------------------------------------------


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The record part inside `Optional[...]`, `list[...]` or `Annotated[...]`, if any."""
    stack = [annotation]
    while stack:
        current = stack.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        stack.extend(typing.get_args(current))
    return None


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (list, dict, tuple)) and not value)


def _prepare(value: Any, model: type[BaseModel] | None, key: str | None = None) -> Any:
    """Order mappings by `model`'s fields, drop empty values, mark strings to quote."""
    if isinstance(value, BaseModel):
        model = type(value)
        value = value.model_dump(exclude_none=True)
    if isinstance(value, dict):
        fields = model.model_fields if model else {}
        ordered = [k for k in fields if k in value] + [k for k in value if k not in fields]
        result = {}
        for k in ordered:
            v = value[k]
            if _is_empty(v):
                continue
            sub = _model_of(fields[k].annotation) if k in fields else None
            result[k] = _prepare(v, sub, k)
        return result
    if isinstance(value, (list, tuple)):
        return [_prepare(item, model, key) for item in value]
    if isinstance(value, str) and key in ALWAYS_QUOTED:
        return _Quoted(value)
    if isinstance(value, dt.datetime):
        return _Quoted(value.isoformat())
    return value


def dump_record(data: dict[str, Any], schema_ref: str, kind: type[Record] | None = None) -> str:
    """Return `data` as YAML text (see module docstring); deterministic for equal input."""
    if kind is None:
        found = guess_kind(data)  # by its key field: ma_thu_tuc, ma_don_vi, ma_chi_so
        kind = found.model if found else None
    prepared = _prepare(data, kind)
    body = yaml.dump(
        prepared,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=_WIDTH,
        indent=2,
    )
    return f"# yaml-language-server: $schema={schema_ref}\n{body}"

