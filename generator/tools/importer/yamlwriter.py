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


# --- The emitter's scalar analysis, without its loop over every character ------------------
# PyYAML's pure-Python emitter looks at a scalar one character at a time to choose its style
# (`Emitter.analyze_scalar`), and again to write it plain; on a national import that is most of
# the time spent. `_analysis` computes exactly the same answer (for allow_unicode=True, the only
# way the writer dumps) with a few regular expressions; tests/test_yamlwriter.py compares the
# two on every scalar of the committed records and on generated text.

_BREAKS = "\n\x85\u2028\u2029"
_SPACE_OR_BREAK = "\0 \t\r" + _BREAKS
_HAS_BREAK = re.compile(f"[{_BREAKS}]")
#: What allow_unicode=True still escapes: control characters, surrogates, BOM, U+FFFE/U+FFFF.
_SPECIAL = re.compile("[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010fffe]|\ufeff")
_FIRST_BOTH = frozenset("#,[]{}&*!|>'\"%@`")
_INNER_FLOW = re.compile(r"[,?\[\]{}:]")
#: After the first character: ": " (or ":" last) and " #" are block indicators too.
_INNER_BLOCK = re.compile(f"(?s).:(?:[{_SPACE_OR_BREAK}]|\\Z)|[{_SPACE_OR_BREAK}]#")
_BREAK_SPACE = re.compile(f"[{_BREAKS}] ")
_SPACE_BREAK = re.compile(f" [{_BREAKS}]")


@functools.lru_cache(maxsize=8192)
def _analysis(scalar: str) -> yaml.emitter.ScalarAnalysis:
    """`yaml.emitter.Emitter(…, allow_unicode=True).analyze_scalar(scalar)`, faster."""
    if not scalar:
        return yaml.emitter.ScalarAnalysis(
            scalar=scalar, empty=True, multiline=False, allow_flow_plain=False,
            allow_block_plain=True, allow_single_quoted=True, allow_double_quoted=True,
            allow_block=False)
    first = scalar[0]
    followed = len(scalar) == 1 or scalar[1] in _SPACE_OR_BREAK
    flow = block = scalar.startswith(("---", "..."))
    if first in _FIRST_BOTH or (first == "-" and followed):
        flow = block = True
    elif first in "?:":
        flow = True
        block = block or followed
    if _INNER_FLOW.search(scalar, 1):
        flow = True
    if _INNER_BLOCK.search(scalar):
        flow = block = True
    line_breaks = _HAS_BREAK.search(scalar) is not None
    special = _SPECIAL.search(scalar) is not None
    trailing_space = scalar[-1] == " "
    break_space = line_breaks and _BREAK_SPACE.search(scalar) is not None
    space_break = line_breaks and _SPACE_BREAK.search(scalar) is not None

    flow_plain = block_plain = single_quoted = allow_block = True
    if first == " " or first in _BREAKS or trailing_space or scalar[-1] in _BREAKS:
        flow_plain = block_plain = False
    if trailing_space:
        allow_block = False
    if break_space:
        flow_plain = block_plain = single_quoted = False
    if space_break or special:
        flow_plain = block_plain = single_quoted = allow_block = False
    if line_breaks:
        flow_plain = block_plain = False
    if flow:
        flow_plain = False
    if block:
        block_plain = False
    return yaml.emitter.ScalarAnalysis(
        scalar=scalar, empty=False, multiline=line_breaks, allow_flow_plain=flow_plain,
        allow_block_plain=block_plain, allow_single_quoted=single_quoted,
        allow_double_quoted=True, allow_block=allow_block)


class _Dumper(yaml.SafeDumper):
    """SafeDumper that indents list items under their key ("key:" then "  - item").

    Two of the emitter's per-character loops are replaced by equivalents that give the same
    output: the scalar analysis (`_analysis`) and writing a one-line plain scalar (it is only
    ever folded past `best_width`, and the writer never lets a line get that long)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def analyze_scalar(self, scalar: str) -> yaml.emitter.ScalarAnalysis:
        if not self.allow_unicode:
            return super().analyze_scalar(scalar)
        return _analysis(scalar)

    def write_plain(self, text: str, split: bool = True) -> None:
        if (self.encoding or not text or _HAS_BREAK.search(text)
                or self.column + 1 + len(text) > self.best_width):
            super().write_plain(text, split)
            return
        if self.root_context:
            self.open_ended = True
        if not self.whitespace:
            self.stream.write(" ")
            self.column += 1
        self.whitespace = False
        self.indention = False
        self.stream.write(text)
        self.column += len(text)


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

