"""Names that become page addresses: two different names must never make the same address.

A sector, a level, a unit kind and a publication decision each get a page (or, for a unit kind,
a ranking table) whose address is the slug of the name as written: `Hộ tịch` → `ho-tich`. Two
spellings that differ only by case, punctuation or spacing (“163/QĐ-UBND” and “163-QĐ-UBND”)
would write the same page and the later one would silently replace the earlier. This runs in the
records stage, so `congkhai check` and the build both stop before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..problems import Problem
from ..vietnamese import slugify
from .loader import Path_
from .slug_rules import CATALOGUES, FAMILY_NOUNS, SAME_SLUG_HINT, slug_message
from .validate import RecordSet, Sourced

if TYPE_CHECKING:  # config.py reads catalogues with this module's rule
    from .config import ProjectConfig

@dataclass(frozen=True)
class Named:
    """One name, written at `loc` of one record."""

    family: str
    value: str
    src: Sourced[Any]
    loc: Path_


def named_values(records: RecordSet) -> Iterator[Named]:
    """Every name that becomes a page address, in record order."""
    for src in records.procedures:
        p = src.record
        yield Named("linh_vuc", p.linh_vuc, src, ("linh_vuc",))
        for i, level in enumerate(p.cap_thuc_hien):
            yield Named("cap_thuc_hien", level, src, ("cap_thuc_hien", i))
        for i, entry in enumerate(p.cong_bo):
            yield Named("so_quyet_dinh", entry.so_quyet_dinh, src, ("cong_bo", i, "so_quyet_dinh"))
    for unit in records.units:
        yield Named("loai_don_vi", unit.record.loai_don_vi, unit, ("loai_don_vi",))
        if unit.record.cap:
            yield Named("cap_thuc_hien", unit.record.cap, unit, ("cap",))


def slug_problems(records: RecordSet, config: ProjectConfig) -> list[Problem]:
    """Empty, over-long and colliding addresses, each located; a collision names both records.

    A family with a configured catalogue is left to the catalogue check: every value must be
    one of its names, and the configuration reader already refuses colliding names there.
    """
    problems: list[Problem] = []
    first: dict[tuple[str, str], Named] = {}
    for named in named_values(records):
        if named.family in CATALOGUES and config.catalogue(named.family):
            continue
        noun = FAMILY_NOUNS[named.family]
        slug = slugify(named.value)
        unusable = slug_message(noun, named.value, slug)
        if unusable is not None:
            problems.append(named.src.problem(named.loc, *unusable))
            continue
        earlier = first.setdefault((named.family, slug), named)
        if earlier.value != named.value:
            path, line, _ = earlier.src.at(*earlier.loc)
            problems.append(named.src.problem(
                named.loc,
                f"{noun} «{named.value}» và «{earlier.value}» ở {path}:{line} cùng tạo địa chỉ "
                f"trang «{slug}»", SAME_SLUG_HINT))
    return problems
