"""Hypothesis strategies for what careless and hostile editors type into records and mkdocs.yml."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

#: Characters that have broken, or could break, something downstream: YAML syntax, controls,
#: lone surrogates, invisible and look-alike characters, separators that vanish from slugs.
TRICKY = (
    "\x00\x07\x08\x0b\x1b\x7f\x85\x9f\ud800\udfff\ufffe\u200b\u00a0\u202e\u2028\ufeff"
    ":#-&*!|>%@`'\"[]{},?/\\\t\n =+—…ĐđQĐ"
)

hostile_text = st.text(
    alphabet=st.one_of(st.sampled_from(TRICKY), st.characters(codec="utf-8"),
                       st.characters(min_codepoint=0, max_codepoint=0xFFFF)),
    max_size=40,
)

#: Values known to have slipped past a check once, or shaped like the classes of the issue.
KNOWN = st.sampled_from([
    "javascript:alert(1)", "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "9999-12-31",
    "0001-01-01", "1899-12-31", "2100-12-31", "2025-02-30", "1e308", "-1e308", "1e-320", "-0",
    "NaN", ".inf", "-.inf", "", "~", "null", "yes", "no", "…", "—/—", "163-QĐ-BTP",
    "163/qđ-btp", "163 QĐ BTP", "Hộ Tịch", "ho tich", "hộ tịch", "Sở, ban ngành", "Sở ban ngành",
    "Cấp Xã", "A" * 300, "1." + "0" * 200, "1.000" + "1" * 150, "a" * 101, "so-tu-phap\u200b",
    "https://example.gov.vn/\u202e", "http://", "https://x y",
])

scalars: st.SearchStrategy[Any] = st.one_of(
    hostile_text, KNOWN,
    st.integers(min_value=-10**40, max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(), st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)


def _nest(depth: int) -> Any:
    value: Any = "x"
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


#: Anything a field could be given: scalars, small lists and mappings of them, deep nesting.
values: st.SearchStrategy[Any] = st.one_of(
    scalars,
    st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)),
        max_leaves=6),
    st.integers(min_value=30, max_value=300).map(_nest),
)


def paths_in(data: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location in `data` (mapping keys and list positions), the root excluded."""
    found: list[tuple[Any, ...]] = []
    items = data.items() if isinstance(data, dict) else enumerate(data) \
        if isinstance(data, list) else []
    for key, value in items:
        found.append(here + (key,))
        found += paths_in(value, here + (key,))
    return found


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of `data` with the value at `path` replaced (or, for a missing key, added)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        copy = dict(data)
        copy[head] = replaced(data.get(head), rest, value)
        return copy
    if isinstance(data, list) and isinstance(head, int) and head < len(data):
        copy_list = list(data)
        copy_list[head] = replaced(data[head], rest, value)
        return copy_list
    return value
