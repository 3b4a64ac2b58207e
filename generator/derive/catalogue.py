"""Resolve: the references between validated records, followed once.

The `Catalogue` is what every later stage reads: procedures split into current and abolished,
units by id (with the reverse "merged from" links), publication decisions gathered across
procedures, and the sectors and levels in use. It knows nothing of MkDocs or HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..records.config import ProjectConfig
from ..records.kinds import KINDS
from ..records.schema import Feedback, IndexDefinition, Procedure, PublicationDecision, Unit
from ..records.validate import RecordSet
from ..records.vocab import ABOLISHED, ABOLITION, AMENDING, CHANGE_KINDS, CURRENT, NEW
from ..vietnamese import slugify, sort_key


@dataclass(frozen=True)
class Term:
    """A sector or level: its name as editors write it and its URL slug."""

    name: str
    slug: str


@dataclass
class Decision:
    """A publication decision and the procedures it published, amended or abolished."""

    number: str
    slug: str
    date: dt.date | None
    issuer: str | None
    link: str | None
    #: (procedure, the decision entry in that procedure's history), per change kind.
    entries: dict[str, list[tuple[Procedure, PublicationDecision]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def published(self, kind: str) -> list[tuple[Procedure, PublicationDecision]]:
        return self.entries.get(kind, [])

    @property
    def new_current(self) -> list[Procedure]:
        """Procedures it published as new that are still in force."""
        return [p for p, _ in self.published(NEW) if p.trang_thai == CURRENT]

    @property
    def new_abolished(self) -> list[Procedure]:
        """Procedures it published as new that were abolished since."""
        return [p for p, _ in self.published(NEW) if p.trang_thai == ABOLISHED]

    @property
    def amended(self) -> list[tuple[Procedure, PublicationDecision]]:
        """Its second list: procedures amended, supplemented or replaced."""
        return [pair for kind in AMENDING for pair in self.published(kind)]

    @property
    def abolished(self) -> list[tuple[Procedure, PublicationDecision]]:
        return self.published(ABOLITION)

    def counts(self) -> list[tuple[str, int]]:
        """(change kind, number of procedures) for every kind it has, in the legal order."""
        return [(k, len(self.entries[k])) for k in CHANGE_KINDS if self.entries.get(k)]


@dataclass
class Catalogue:
    config: ProjectConfig
    procedures: list[Procedure]
    units: dict[str, Unit]
    indexes: dict[str, IndexDefinition]
    current: list[Procedure] = field(default_factory=list)
    abolished: list[Procedure] = field(default_factory=list)
    by_code: dict[str, Procedure] = field(default_factory=dict)
    sectors: list[Term] = field(default_factory=list)
    levels: list[Term] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    decision_by_number: dict[str, Decision] = field(default_factory=dict)
    merged_from: dict[str, list[Unit]] = field(default_factory=dict)
    procedures_of_unit: dict[str, list[Procedure]] = field(default_factory=dict)
    #: The file each record came from, by (kind, code): failures name the record's file.
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Per procedure code, a key of its record (its file's path and bytes), when read from a
    #: file: equal fingerprints, equal records (for the same code). The build cache keys what
    #: one record alone determines by it (`summary.summarize`, `Renderer.procedure_key`).
    fingerprints: dict[str, str] = field(default_factory=dict)

    def where(self, kind: str, code: str) -> str:
        """“procedures/1.001193.yaml (mã 1.001193)”: a record, as messages name it."""
        path = self.files.get((kind, code))
        return f"{path} (mã {code})" if path else f"mã {code}"

    def sector(self, name: str) -> Term:
        return Term(name, slugify(name))

    def level(self, name: str) -> Term:
        return Term(name, slugify(name))

    def unit(self, unit_id: str) -> Unit:
        return self.units[unit_id]

    def decision_slug(self, number: str) -> str:
        return self.decision_by_number[number].slug

    def count_in(self, kind: str, term: Term) -> int:
        """How many current procedures a sector ("sector") or a level ("level") holds."""
        return self._counts.get((kind, term.name), 0)

    @functools.cached_property
    def _counts(self) -> dict[tuple[str, str], int]:
        # Counted once: every list page shows the counts of every sector and level.
        counts: Counter[tuple[str, str]] = Counter()
        for p in self.current:
            counts["sector", p.linh_vuc] += 1
            counts.update(("level", name) for name in set(p.cap_thuc_hien))
        return dict(counts)

    def feedback_for(self, unit_id: str | None) -> Feedback | None:
        """The unit's own feedback details, else its parent's, else the site-wide default."""
        seen = set()
        while unit_id and unit_id in self.units and unit_id not in seen:
            seen.add(unit_id)
            unit = self.units[unit_id]
            if unit.phan_anh_kien_nghi:
                return unit.phan_anh_kien_nghi
            unit_id = unit.don_vi_cap_tren
        return self.config.phan_anh_kien_nghi


def procedure_order(p: Procedure) -> tuple:
    """Stable order for lists: by name (accent-aware), then by code."""
    return (sort_key(p.ten_thu_tuc), p.ma_thu_tuc)


def resolve(records: RecordSet, config: ProjectConfig) -> Catalogue:
    procedures = sorted((s.record for s in records.procedures), key=procedure_order)
    units = {u.ma_don_vi: u for u in sorted((s.record for s in records.units),
                                            key=lambda u: u.ma_don_vi)}
    indexes = {d.ma_chi_so: d for d in sorted((s.record for s in records.indexes),
                                              key=lambda d: d.ma_chi_so)}
    cat = Catalogue(config, procedures, units, indexes)
    cat.files = {(kind.plural, kind.code_of(src.record)): src.doc.path
                 for kind in KINDS for src in records.of(kind)}
    cat.by_code = {p.ma_thu_tuc: p for p in procedures}
    cat.fingerprints = {src.record.ma_thu_tuc: f"{src.doc.path}\n{src.doc.source_digest}"
                        for src in records.procedures if src.doc.source_digest}
    cat.current = [p for p in procedures if p.trang_thai != ABOLISHED]
    cat.abolished = [p for p in procedures if p.trang_thai == ABOLISHED]

    # Sectors (used ones only) in Vietnamese alphabetical order, as every list of names; levels
    # in the configured order (it follows the administrative hierarchy, not the alphabet).
    used_sectors = {p.linh_vuc for p in cat.current}
    cat.sectors = [cat.sector(n) for n in sorted(used_sectors, key=sort_key)]
    used_levels = {lv for p in cat.current for lv in p.cap_thuc_hien}
    cat.levels = [cat.level(n) for n in config.cap_thuc_hien if n in used_levels]

    by_number: dict[str, Decision] = {}
    for p in procedures:
        for entry in p.cong_bo:
            decision = by_number.get(entry.so_quyet_dinh)
            if decision is None:
                decision = by_number[entry.so_quyet_dinh] = Decision(
                    entry.so_quyet_dinh, slugify(entry.so_quyet_dinh), entry.ngay_ban_hanh,
                    entry.co_quan_ban_hanh, entry.lien_ket,
                )
            # A record that gives the link completes one that does not (differing links are
            # refused by the records stage), so no written link is dropped.
            decision.link = decision.link or entry.lien_ket
            decision.entries[entry.loai].append((p, entry))
    # Newest first; undated (national records rarely carry a date) last, by number.
    cat.decisions = sorted(
        by_number.values(),
        key=lambda d: (d.date is None, -(d.date.toordinal() if d.date else 0), sort_key(d.number)),
    )
    cat.decision_by_number = by_number

    merged: dict[str, list[Unit]] = defaultdict(list)
    for unit in units.values():
        if unit.sap_nhap_vao:
            merged[unit.sap_nhap_vao].append(unit)
    cat.merged_from = dict(merged)
    handled: dict[str, list[Procedure]] = defaultdict(list)
    for p in cat.current:
        handled[p.co_quan_thuc_hien].append(p)
    # In the units' Vietnamese alphabetical order, as every list of names.
    cat.procedures_of_unit = dict(sorted(
        handled.items(), key=lambda item: (sort_key(cat.unit(item[0]).ten_don_vi)
                                           if item[0] in units else sort_key(item[0]))))
    return cat
