"""Derive, scores: what the score pages show, computed once from the `ScoreBook`.

A unit's history on one index (headline year, methodology breaks, whether bands apply), every
ranking table (index × year × unit kind) and which years compare with which. Facts only: the
wording lives in `site/scoretext.py`, the charts in `site/charts.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..records.schema import FrameworkVersion, IndexDefinition, Unit
from ..vietnamese import sort_key
from .scores import Change, ScoreBook, Standing


@dataclass(frozen=True)
class IndexHistory:
    """What a unit page shows for one index: headline, components and every year."""

    definition: IndexDefinition
    history: list[Standing]
    latest: Standing | None  # the latest *scored* year
    #: The rank's move since the previous scored year; None when the two ranks are not out of
    #: the same table size or a framework change lies between them.
    rank_change: Change | None
    has_bands: bool  # the latest year's results are classified (else no band row at all)
    any_bands: bool  # some year's results are classified (else no band column)
    later_unscored: list[Standing]  # N/A years after it
    #: Years where a new framework version starts (where charts draw a break).
    break_years: list[int]

    @property
    def shown(self) -> Standing:
        """The year a card headlines: the latest scored one, else the latest at all."""
        return self.latest or self.history[-1]


@dataclass(frozen=True)
class Comparability:
    """Years of one unit kind grouped by framework version: figures compare within a group."""

    unit_kind: str
    groups: list[tuple[str, list[int]]]  # (version name, years with results)


@dataclass(frozen=True)
class RankingTable:
    """One ranking table: index × year × unit kind, rows as `ScoreBook.ranking_table` orders
    them; `ties` are the ranks shared by several units."""

    definition: IndexDefinition
    year: int
    unit_kind: str
    rows: list[Standing]
    version: FrameworkVersion | None
    ties: frozenset[int] = frozenset()
    #: The previous year with results for this kind, and whether its framework differs.
    previous_year: int | None = None
    methodology_changed: bool = False

    @property
    def scored(self) -> int:
        return sum(1 for r in self.rows if r.scored)


def index_history(book: ScoreBook, unit: Unit, definition: IndexDefinition) -> IndexHistory:
    history = book.history(unit.ma_don_vi, definition.ma_chi_so)
    scored = [s for s in history if s.scored]
    latest = scored[-1] if scored else None
    later = [s for s in history if latest is None or s.year > latest.year]
    breaks = [_break_year(definition, s) for s in history if s.methodology_break]
    has_bands = latest is not None and definition.bandset_for(
        latest.year, unit.loai_don_vi) is not None
    any_bands = any(definition.bandset_for(s.year, unit.loai_don_vi) for s in history)
    return IndexHistory(definition, history, latest, _rank_change(book, latest), has_bands,
                        any_bands, later, breaks)


def _rank_change(book: ScoreBook, s: Standing | None) -> Change | None:
    """Rank moves compare only within one framework and one table size ("3/63" vs "5/63")."""
    if s is None or s.previous_year is None or s.methodology_break:
        return None
    previous = book.standing(s.unit_id, s.index_id, s.previous_year)
    if previous is None or previous.denominator != s.denominator:
        return None
    return s.rank_change


def _break_year(definition: IndexDefinition, s: Standing) -> int:
    """Where to draw a break: the new framework's first year, if it falls after the previous
    scored year; otherwise the year the unit was first scored under it."""
    version = definition.version_for(s.year, s.unit_kind)
    if version and s.previous_year is not None and s.previous_year < version.tu_nam <= s.year:
        return version.tu_nam
    return s.year


def unit_histories(book: ScoreBook, unit: Unit,
                   indexes: dict[str, IndexDefinition]) -> list[IndexHistory]:
    """The unit's history on every defined index it has results on, by index code."""
    return [index_history(book, unit, indexes[i]) for i in sorted(unit.diem_so)
            if i in indexes and unit.diem_so[i]]


def ordered_kinds(book: ScoreBook, index_id: str, kind_order: list[str]) -> list[str]:
    """Unit kinds with results, in the order of the project's catalogue of kinds."""
    order = {k: i for i, k in enumerate(kind_order)}
    return sorted(book.unit_kinds(index_id), key=lambda k: (order.get(k, len(order)), sort_key(k)))


def comparability(definition: IndexDefinition, book: ScoreBook, kind: str) -> Comparability:
    groups: list[tuple[str, list[int]]] = []
    previous: object = None
    for year in book.years(definition.ma_chi_so, kind):
        version = definition.version_for(year, kind)
        if groups and version == previous:
            groups[-1][1].append(year)
        else:
            groups.append((version.ten if version else "Không rõ bộ tiêu chí", [year]))
        previous = version
    return Comparability(kind, groups)


def ranking_tables(book: ScoreBook, indexes: dict[str, IndexDefinition],
                   kind_order: list[str]) -> Iterator[RankingTable]:
    for index_id, definition in indexes.items():
        for kind in ordered_kinds(book, index_id, kind_order):
            years = book.years(index_id, kind)
            for year in years:
                rows = book.ranking_table(index_id, year, kind)
                ranks = [r.shown_rank for r in rows if r.shown_rank is not None]
                ties = frozenset(r for r in ranks if ranks.count(r) > 1)
                version = definition.version_for(year, kind)
                previous = max((y for y in years if y < year), default=None)
                previous_version = (definition.version_for(previous, kind)
                                    if previous is not None else None)
                changed = previous is not None and (previous_version and previous_version.ma) \
                    != (version and version.ma)
                yield RankingTable(definition, year, kind, rows, version, ties, previous,
                                   bool(changed))
