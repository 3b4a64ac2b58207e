"""Derivations behind the unit score pages and ranking tables (stage "derive" of the pipeline).

Pure functions over validated records: no I/O, no MkDocs. The rules come from the domain notes
on score indexes (PAR Index, ICT Index, ...):

* ranks are competition ranks ("1-2-2-4"); an unscored unit (N/A) gets no rank and never shifts
  anyone else's; a publisher's official rank is shown when given, otherwise ours is;
* peers are the units of the same kind (`loai_don_vi`) with a result on the same index and year;
* bands and framework versions are data (`IndexDefinition.bandset_for`, `.version_for`);
* published totals are never recomputed from components (weights are often unpublished);
* a change of framework version between two scored years is a methodology break: the figures
  on either side are not directly comparable and the page must say so;
* a merged unit keeps its own history: scores stay attached to the record they were given to.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..records.schema import (
    BandSet,
    FrameworkVersion,
    IndexDefinition,
    ScoreEntry,
    ScoreSource,
    Unit,
)
from ..records.validate import RecordSet
from ..vietnamese import sort_key

#: Direction of a change. For scores it is numeric (up = larger value, which is worse when the
#: index is lower-is-better); for ranks it is positional (up = closer to first place).
Direction = Literal["up", "down", "unchanged", "none"]

#: Percentages are rounded before comparing with a band threshold, so float noise
#: (0.9 / 1 * 100 == 90.00000000000001) cannot lift a unit over a strict ">" threshold.
_THRESHOLD_DIGITS = 9


def competition_rank(values: Sequence[float | None],
                     higher_is_better: bool = True) -> list[int | None]:
    """Competition ranks ("1-2-2-4") in input order; None (unscored) gets None and shifts nobody."""
    scored = [v for v in values if v is not None]
    ranks: list[int | None] = []
    for value in values:
        if value is None:
            ranks.append(None)
            continue
        ahead = sum(1 for o in scored if (o > value if higher_is_better else o < value))
        ranks.append(ahead + 1)
    return ranks


def band_for(score: float | None, maximum: float | None,
             bands: BandSet | None) -> str | None:
    """The band name for `score`, using the issuer's rule (">=" or ">") and unit (% or points)."""
    if score is None or bands is None:
        return None
    if bands.theo == "phan-tram":
        if not maximum:
            return None
        value = score / maximum * 100
    else:
        value = score
    value = round(value, _THRESHOLD_DIGITS)
    for band in bands.muc:  # ordered from the highest threshold down (checked in crosscheck)
        if (value >= band.nguong) if bands.so_sanh == ">=" else (value > band.nguong):
            return band.ten
    return bands.duoi_nguong


@dataclass(frozen=True)
class Change:
    """A figure compared with the same unit's previous *scored* year."""

    direction: Direction
    delta: float | None = None  # current - previous (for ranks: previous - current, so + is up)
    previous: float | None = None
    previous_year: int | None = None


NO_CHANGE = Change("none")


def _direction(delta: float) -> Direction:
    rounded = round(delta, _THRESHOLD_DIGITS)
    return "up" if rounded > 0 else "down" if rounded < 0 else "unchanged"


def value_change(current: float | None, previous: float | None,
                 previous_year: int | None) -> Change:
    """Numeric change of a score; "none" when either side is missing."""
    if current is None or previous is None:
        return NO_CHANGE
    return Change(_direction(current - previous), current - previous, previous, previous_year)


def rank_change(current: int | None, previous: int | None,
                previous_year: int | None) -> Change:
    """Positional change of a rank: going from 5th to 3rd is "up" with delta +2."""
    if current is None or previous is None:
        return NO_CHANGE
    delta = previous - current
    return Change(_direction(delta), float(delta), previous, previous_year)


@dataclass(frozen=True)
class ComponentStanding:
    """One component (lĩnh vực / chỉ số thành phần) of one unit's result, against its peers."""

    code: str
    name: str
    score: float | None
    maximum: float | None  # None while the framework's maximum is unpublished
    percent: float | None
    rank: int | None  # among peers that have a value for this component
    peers_scored: int
    change: Change
    peer_average: float | None
    best: tuple[str, ...]  # unit id(s) with the best value; several on a tie
    best_score: float | None


@dataclass(frozen=True)
class Standing:
    """One unit's result on one index in one year, with everything the score page shows."""

    unit_id: str
    unit_name: str
    unit_kind: str
    index_id: str
    year: int
    scored: bool
    reason: str | None  # why the unit was not scored (N/A)
    score: float | None
    maximum: float | None
    percent: float | None
    rank: int | None  # computed competition rank among scored peers
    official_rank: int | None
    denominator: int | None  # official table size when published, else scored peers
    band: str | None
    version: str | None  # framework version code
    previous_year: int | None  # previous *scored* year
    score_change: Change
    rank_change: Change
    methodology_break: bool  # framework changed since previous_year: not directly comparable
    components: tuple[ComponentStanding, ...]
    source: ScoreSource | None

    @property
    def shown_rank(self) -> int | None:
        """The rank to display: the publisher's when given, otherwise the computed one."""
        return self.official_rank if self.official_rank is not None else self.rank

    @property
    def rank_text(self) -> str | None:
        """"5/63"; None for an unscored unit."""
        if self.shown_rank is None:
            return None
        return f"{self.shown_rank}/{self.denominator}" if self.denominator else str(self.shown_rank)


@dataclass(frozen=True)
class _Base:
    """Figures of one unit in one peer group that do not depend on other years."""

    entry: ScoreEntry
    rank: int | None
    denominator: int | None
    component_ranks: dict[str, int]


@dataclass(frozen=True)
class _Group:
    """One peer group: index × year × unit kind."""

    definition: IndexDefinition
    version: FrameworkVersion | None
    bands: BandSet | None
    members: dict[str, _Base]
    component_values: dict[str, dict[str, float]]  # component code -> unit id -> value


class ScoreBook:
    """All score results of a project, indexed for the score pages and ranking tables."""

    def __init__(self, units: Iterable[Unit], indexes: Iterable[IndexDefinition]):
        self.units: dict[str, Unit] = {u.ma_don_vi: u for u in units}
        self.indexes: dict[str, IndexDefinition] = {d.ma_chi_so: d for d in indexes}
        self._groups: dict[tuple[str, int, str], _Group] = {}
        # Standings are immutable and each needs the previous year's: memoise them.
        self._standings: dict[tuple[str, str, int], Standing | None] = {}

    @classmethod
    def from_records(cls, records: RecordSet) -> ScoreBook:
        """Build from validated records (`load_project(...).records`)."""
        return cls((s.record for s in records.units), (s.record for s in records.indexes))

    # --- look-ups -------------------------------------------------------------------------

    def entry(self, unit_id: str, index_id: str, year: int) -> ScoreEntry | None:
        """The unit's recorded result for that year (scored or N/A), if any."""
        for e in self.units[unit_id].diem_so.get(index_id, []):
            if e.nam == year:
                return e
        return None

    def years(self, index_id: str, unit_kind: str | None = None) -> list[int]:
        """Years with at least one recorded result on `index_id` (for `unit_kind` if given)."""
        return sorted({e.nam for u in self.units.values()
                       if unit_kind is None or u.loai_don_vi == unit_kind
                       for e in u.diem_so.get(index_id, [])})

    def unit_kinds(self, index_id: str) -> list[str]:
        """Unit kinds that have results on `index_id` (one ranking table per kind and year)."""
        return sorted({u.loai_don_vi for u in self.units.values() if u.diem_so.get(index_id)},
                      key=sort_key)

    def peers(self, index_id: str, year: int, unit_kind: str) -> list[Unit]:
        """Units of `unit_kind` with a recorded result (scored or N/A) on the index that year."""
        return [u for u in self.units.values()
                if u.loai_don_vi == unit_kind and self.entry(u.ma_don_vi, index_id, year)]

    def merged_from(self, unit_id: str) -> list[Unit]:
        """Units merged into `unit_id`: their histories stay on their own pages."""
        return sorted((u for u in self.units.values() if u.sap_nhap_vao == unit_id),
                      key=lambda u: sort_key(u.ten_don_vi))

    # --- derived views --------------------------------------------------------------------

    def standing(self, unit_id: str, index_id: str, year: int) -> Standing | None:
        """Everything the score page shows for one unit, index and year; None if no entry."""
        key = (unit_id, index_id, year)
        if key not in self._standings:
            self._standings[key] = self._standing(unit_id, index_id, year)
        return self._standings[key]

    def _standing(self, unit_id: str, index_id: str, year: int) -> Standing | None:
        unit = self.units[unit_id]
        group = self._group(index_id, year, unit.loai_don_vi)
        base = group.members.get(unit_id)
        if base is None:
            return None
        entry = base.entry
        version = group.version.ma if group.version else None
        if entry.khong_cham_diem or entry.tong_diem is None:
            # N/A: no score, rank, band or change; it is listed, never ranked.
            return Standing(
                unit_id=unit_id, unit_name=unit.ten_don_vi, unit_kind=unit.loai_don_vi,
                index_id=index_id, year=year, scored=False, reason=entry.ly_do, score=None,
                maximum=None, percent=None, rank=None, official_rank=None, denominator=None,
                band=None, version=version, previous_year=None, score_change=NO_CHANGE,
                rank_change=NO_CHANGE, methodology_break=False, components=(), source=entry.nguon)
        maximum = self._maximum(group)
        prev_year = self._previous_scored_year(unit, index_id, year)
        prev = self.standing(unit_id, index_id, prev_year) if prev_year is not None else None
        prev_entry = self.entry(unit_id, index_id, prev_year) if prev_year is not None else None
        shown_rank = entry.xep_hang if entry.xep_hang is not None else base.rank
        return Standing(
            unit_id=unit_id, unit_name=unit.ten_don_vi, unit_kind=unit.loai_don_vi,
            index_id=index_id, year=year, scored=True, reason=None,
            score=entry.tong_diem, maximum=maximum,
            percent=entry.tong_diem / maximum * 100 if maximum else None,
            rank=base.rank, official_rank=entry.xep_hang, denominator=base.denominator,
            band=band_for(entry.tong_diem, maximum, group.bands), version=version,
            previous_year=prev_year,
            score_change=value_change(entry.tong_diem, prev.score if prev else None, prev_year),
            rank_change=rank_change(shown_rank, prev.shown_rank if prev else None, prev_year),
            methodology_break=prev is not None and prev.version != version,
            components=self._components(group, base, prev_entry.thanh_phan if prev_entry else {},
                                        prev_year),
            source=entry.nguon,
        )

    def ranking_table(self, index_id: str, year: int, unit_kind: str) -> list[Standing]:
        """Rows ordered by shown rank then name; unscored units (N/A) last, without rank."""
        rows = [s for u in self.peers(index_id, year, unit_kind)
                if (s := self.standing(u.ma_don_vi, index_id, year)) is not None]
        return sorted(rows, key=lambda s: (s.shown_rank is None, s.shown_rank or 0,
                                           sort_key(s.unit_name)))

    def history(self, unit_id: str, index_id: str) -> list[Standing]:
        """Every recorded year of the unit on the index, oldest first (N/A years included, so a
        chart can leave a gap); `methodology_break` marks a break before that point."""
        years = sorted(e.nam for e in self.units[unit_id].diem_so.get(index_id, []))
        return [s for y in years if (s := self.standing(unit_id, index_id, y)) is not None]

    # --- internals ------------------------------------------------------------------------

    def _maximum(self, group: _Group) -> float:
        # The version's total when known (provinces may score on 60 or 70 points).
        return group.version.tong_diem_toi_da if group.version else group.definition.thang_do.toi_da

    def _previous_scored_year(self, unit: Unit, index_id: str, year: int) -> int | None:
        earlier = [e.nam for e in unit.diem_so.get(index_id, [])
                   if e.nam < year and not e.khong_cham_diem and e.tong_diem is not None]
        return max(earlier) if earlier else None

    def _group(self, index_id: str, year: int, unit_kind: str) -> _Group:
        key = (index_id, year, unit_kind)
        if key in self._groups:
            return self._groups[key]
        definition = self.indexes[index_id]
        better = definition.cao_hon_la_tot
        units = self.peers(index_id, year, unit_kind)
        entries = [self.entry(u.ma_don_vi, index_id, year) for u in units]
        totals = [None if e is None or e.khong_cham_diem else e.tong_diem for e in entries]
        ranks = competition_rank(totals, better)
        scored = sum(1 for t in totals if t is not None)
        component_values: dict[str, dict[str, float]] = {}
        for u, e in zip(units, entries):
            if e is not None and not e.khong_cham_diem:
                for code, value in e.thanh_phan.items():
                    component_values.setdefault(code, {})[u.ma_don_vi] = value
        component_ranks: dict[str, dict[str, int]] = {}
        for code, by_unit in component_values.items():
            ids = list(by_unit)
            for uid, r in zip(ids, competition_rank([by_unit[i] for i in ids], better)):
                component_ranks.setdefault(uid, {})[code] = r  # type: ignore[assignment]
        members = {}
        for u, e, r in zip(units, entries, ranks):
            assert e is not None
            # "5/63": the official table size when published; else the scored peers we hold.
            denominator = e.so_don_vi_xep_hang or (scored if r is not None else None)
            members[u.ma_don_vi] = _Base(e, r, denominator, component_ranks.get(u.ma_don_vi, {}))
        group = _Group(definition, definition.version_for(year, unit_kind),
                       definition.bandset_for(year, unit_kind), members, component_values)
        self._groups[key] = group
        return group

    def _components(self, group: _Group, base: _Base, previous: dict[str, float],
                    previous_year: int | None) -> tuple[ComponentStanding, ...]:
        better = group.definition.cao_hon_la_tot
        declared = {c.ma: c for c in group.version.thanh_phan} if group.version else {}
        # The version's order first, then any codes the version does not declare (crosscheck
        # reports those as errors; they are still shown rather than silently dropped).
        codes = [c for c in declared if c in base.entry.thanh_phan]
        codes += [c for c in base.entry.thanh_phan if c not in declared]
        result = []
        for code in codes:
            score = base.entry.thanh_phan[code]
            component = declared.get(code)
            maximum = component.diem_toi_da if component else None
            values = group.component_values.get(code, {})
            best_score = (max if better else min)(values.values()) if values else None
            result.append(ComponentStanding(
                code=code, name=component.ten if component else code, score=score,
                maximum=maximum, percent=score / maximum * 100 if maximum else None,
                rank=base.component_ranks.get(code), peers_scored=len(values),
                change=value_change(score, previous.get(code), previous_year),
                peer_average=sum(values.values()) / len(values) if values else None,
                best=tuple(sorted(uid for uid, v in values.items() if v == best_score)),
                best_score=best_score,
            ))
        return tuple(result)
