"""The derive stage: everything the pages show that is computed rather than written.

`derive` runs once per build over the resolved `Catalogue` and returns a `SiteData`, the one
object every page family reads: procedure summaries, the score book, each unit's history on
each index, the ranking tables. Families never compute these themselves, so a fact is worded
the same on a procedure page, in a list, in an embed and in the open data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..cache import SlotCache, code_key, digest
from ..records.schema import Procedure
from ..search.synonyms import Synonyms
from .catalogue import Catalogue
from .histories import IndexHistory, RankingTable, ranking_tables, unit_histories
from .scores import ScoreBook
from .summary import ProcedureSummary, RecordReading, read_record, summarize


@dataclass(frozen=True)
class SiteData:
    """The resolved records and everything derived from them."""

    catalogue: Catalogue
    #: Per procedure code: the facts a citizen needs first (lists, pages, JSON-LD, open data).
    summaries: Mapping[str, ProcedureSummary]
    scores: ScoreBook
    #: Per unit id: its history on each index it has results on (units without any: absent).
    histories: Mapping[str, list[IndexHistory]]
    #: Every ranking table (index × year × unit kind), in page order.
    rankings: list[RankingTable]
    #: The newest date written in any record: the build's reproducible "build date".
    latest_date: dt.date | None
    #: The citizens' words the search index carries.
    synonyms: Synonyms = field(default_factory=Synonyms)

    def summary(self, code: str) -> ProcedureSummary:
        return self.summaries[code]


def derive(cat: Catalogue, synonyms: Synonyms | None = None,
           readings: SlotCache | None = None) -> SiteData:
    """`readings`: the build cache of what summaries read from each record alone (see
    `summary.RecordReading`), in each procedure's slot under its record's fingerprint."""
    book = ScoreBook(cat.units.values(), cat.indexes.values())
    histories = {}
    if cat.indexes:
        for unit_id, unit in cat.units.items():
            found = unit_histories(book, unit, cat.indexes)
            if found:
                histories[unit_id] = found
    return SiteData(
        catalogue=cat,
        summaries={p.ma_thu_tuc: summarize(p, cat, _reading(p, cat, readings))
                   for p in cat.procedures},
        scores=book,
        histories=histories,
        rankings=list(ranking_tables(book, cat.indexes, cat.config.loai_don_vi)),
        latest_date=latest_record_date(cat),
        synonyms=synonyms or Synonyms(),
    )


def _reading(p: Procedure, cat: Catalogue, readings: SlotCache | None) -> RecordReading:
    fingerprint = cat.fingerprints.get(p.ma_thu_tuc)
    if readings is None or fingerprint is None:
        return read_record(p)
    key = digest(code_key(), fingerprint)
    found = readings.get(p.ma_thu_tuc, "đọc hồ sơ", key)
    if found is None:
        found = read_record(p)
        readings.put(p.ma_thu_tuc, "đọc hồ sơ", key, found)
    return found  # type: ignore[no-any-return]


def latest_record_date(cat: Catalogue) -> dt.date | None:
    """The newest date written in any record: a reproducible stand-in for "build date"."""
    dates = [p.ngay_cap_nhat for p in cat.procedures if p.ngay_cap_nhat]
    dates += [d.ngay_ban_hanh for p in cat.procedures for d in p.cong_bo if d.ngay_ban_hanh]
    return max(dates) if dates else None
