"""Score page family: the score section of unit pages, index pages and ranking tables.

`prepare` (before unit pages are rendered) builds the `ScoreBook`, shares it as
`renderer.derived["scores"]` and fills `renderer.score_sections`; `add_to_site` adds
`/chi-so/`, `/chi-so/<index>/`, `/chi-so/<index>/<year>/<kind>/` and the CSV/JSON copies.
All figures come from `scores.py`; all wording from `scoretext.py`; charts from `charts.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from markupsafe import Markup

from . import scoretext as text
from .charts import ChartBreak, ChartPoint, line_chart
from .indexes import bandset_for, version_for
from .render import PATHS, DataFile, Renderer, SiteOutput, SitePage
from .schema import FrameworkVersion, IndexDefinition, Unit
from .score_data import ranking_files, unit_files
from .scores import ScoreBook, Standing
from .slugs import sort_key
from .textformat import plain_text

BREAK_LABEL = "Đổi bộ tiêu chí"


@dataclass(frozen=True)
class IndexHistory:
    """What a unit page shows for one index: headline, chart, components and every year."""

    definition: IndexDefinition
    history: list[Standing]
    latest: Optional[Standing]  # the latest *scored* year
    rank_change: str  # worded; empty when the two ranks are not out of the same table size
    has_bands: bool  # the latest year's results are classified (else no band row at all)
    any_bands: bool  # some year's results are classified (else no band column)
    later_unscored: list[Standing]  # N/A years after it
    summary: str
    chart: Markup
    breaks: list[ChartBreak]


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
    version: Optional[FrameworkVersion]
    ties: frozenset[int] = frozenset()


# --- prepare: unit score sections ----------------------------------------------------------


def prepare(renderer: Renderer) -> None:
    cat = renderer.cat
    book = ScoreBook(cat.units.values(), cat.indexes.values())
    renderer.derived["scores"] = book
    if not cat.indexes:
        return
    for unit_id, unit in cat.units.items():
        merged = [m for m in book.merged_from(unit_id) if any(m.diem_so.values())]
        if not any(unit.diem_so.values()) and not merged:
            continue
        path = PATHS.unit(unit_id)
        renderer.score_sections[unit_id] = renderer.render(
            "unit_scores.html", path, unit=unit, merged=merged, **template_helpers(),
            indexes=[index_history(book, unit, cat.indexes[i])
                     for i in sorted(unit.diem_so) if i in cat.indexes and unit.diem_so[i]],
        )


def template_helpers() -> dict:
    """Formatting functions every score template receives (all wording lives in scoretext)."""
    return {"decimal": text.format_decimal, "change_text": text.change_text,
            "label": text.index_label, "plain": _plain_number}


def _plain_number(value: Optional[float]) -> str:
    """Maxima and thresholds without trailing zeros: 100 → “100”, 14.5 → “14,5”."""
    if value is None:
        return "chưa công bố"
    return text.format_decimal(value, 6).rstrip("0").rstrip(",")


def index_history(book: ScoreBook, unit: Unit, definition: IndexDefinition) -> IndexHistory:
    history = book.history(unit.ma_don_vi, definition.ma_chi_so)
    scored = [s for s in history if s.scored]
    latest = scored[-1] if scored else None
    later = [s for s in history if latest is None or s.year > latest.year]
    breaks = [ChartBreak(_break_year(definition, s), BREAK_LABEL)
              for s in history if s.methodology_break]
    if latest is not None:
        summary = text.summary_sentence(latest, definition)
    else:
        summary = text.summary_sentence(history[-1], definition)
    has_bands = latest is not None and bandset_for(definition, latest.year, unit.loai_don_vi) \
        is not None
    any_bands = any(bandset_for(definition, s.year, unit.loai_don_vi) for s in history)
    return IndexHistory(definition, history, latest, _rank_change(book, latest), has_bands,
                        any_bands, later, summary, _chart(unit, definition, history, breaks),
                        breaks)


def _rank_change(book: ScoreBook, s: Optional[Standing]) -> str:
    """Rank moves compare only within one framework and one table size ("3/63" vs "5/63")."""
    if s is None or s.previous_year is None or s.methodology_break:
        return ""
    previous = book.standing(s.unit_id, s.index_id, s.previous_year)
    if previous is None or previous.denominator != s.denominator:
        return ""
    return text.rank_change_text(s.rank_change)


def _break_year(definition: IndexDefinition, s: Standing) -> int:
    """Where to draw a break: the new framework's first year, if it falls after the previous
    scored year; otherwise the year the unit was first scored under it."""
    version = version_for(definition, s.year, s.unit_kind)
    if version and s.previous_year is not None and s.previous_year < version.tu_nam <= s.year:
        return version.tu_nam
    return s.year


def _chart(unit: Unit, definition: IndexDefinition, history: list[Standing],
           breaks: list[ChartBreak]) -> Markup:
    digits = definition.thang_do.so_chu_so_thap_phan
    label = text.index_label(definition)
    described = []
    for s in history:
        if s.scored and s.score is not None:
            rank = f" (hạng {s.rank_text})" if s.rank_text else ""
            described.append(f"{s.year}: {text.format_decimal(s.score, digits)}{rank}")
        else:
            described.append(f"{s.year}: không đánh giá")
    description = f"Điểm {label} của {unit.ten_don_vi} theo năm: " + "; ".join(described) + "."
    for b in breaks:
        description += (f" Bộ tiêu chí thay đổi từ năm {b.year}: điểm từ năm {b.year} không so "
                        "sánh trực tiếp với các năm trước.")
    top = max([definition.thang_do.toi_da] + [v.tong_diem_toi_da for v in definition.phien_ban])
    return line_chart(
        f"bieu-do-{definition.ma_chi_so}", f"Điểm {label} của {unit.ten_don_vi} qua các năm",
        description, [ChartPoint(s.year, s.score if s.scored else None) for s in history],
        breaks, (definition.thang_do.toi_thieu, top),
        value_text=lambda v: text.format_decimal(v, digits),
        tick_text=text.format_decimal, missing_text="N/A",
    )


# --- add_to_site: index pages, ranking tables, data files ----------------------------------


def add_to_site(renderer: Renderer, output: SiteOutput) -> None:
    book: ScoreBook = renderer.derived["scores"]
    cat = renderer.cat
    for unit_id, unit in cat.units.items():
        if any(unit.diem_so.values()):
            csv_bytes, json_bytes = unit_files(book, unit)
            output.files.append(DataFile(PATHS.unit_scores_data(unit_id, "csv"), csv_bytes))
            output.files.append(DataFile(PATHS.unit_scores_data(unit_id, "json"), json_bytes))
    if not cat.indexes:
        return
    output.pages.extend(_index_pages(renderer, book))
    for table in ranking_tables(renderer, book):
        output.pages.append(_ranking_page(renderer, book, table))
        index_id, year, kind = table.definition.ma_chi_so, table.year, table.unit_kind
        csv_bytes, json_bytes = ranking_files(table.rows, table.definition, year, kind,
                                              table.version)
        output.files.append(DataFile(PATHS.ranking_data(index_id, year, kind, "csv"), csv_bytes))
        output.files.append(DataFile(PATHS.ranking_data(index_id, year, kind, "json"),
                                     json_bytes))


def _kinds(renderer: Renderer, book: ScoreBook, index_id: str) -> list[str]:
    """Unit kinds with results, in the order of the project's catalogue of kinds."""
    order = {k: i for i, k in enumerate(renderer.cat.config.loai_don_vi)}
    return sorted(book.unit_kinds(index_id), key=lambda k: (order.get(k, len(order)), sort_key(k)))


def _comparability(definition: IndexDefinition, book: ScoreBook, kind: str) -> Comparability:
    groups: list[tuple[str, list[int]]] = []
    previous: object = None
    for year in book.years(definition.ma_chi_so, kind):
        version = version_for(definition, year, kind)
        if groups and version == previous:
            groups[-1][1].append(year)
        else:
            groups.append((version.ten if version else "Không rõ bộ tiêu chí", [year]))
        previous = version
    return Comparability(kind, groups)


def _index_pages(renderer: Renderer, book: ScoreBook) -> Iterator[SitePage]:
    cat = renderer.cat
    overview = []
    for index_id, definition in cat.indexes.items():
        kinds = _kinds(renderer, book, index_id)
        tables = [(kind, book.years(index_id, kind)) for kind in kinds]
        overview.append((definition, tables))
        path = PATHS.index(index_id)
        label = text.index_label(definition)
        body = renderer.render(
            "score_index.html", path, d=definition, tables=tables, **template_helpers(),
            versions=sorted(definition.phien_ban, key=lambda v: (v.tu_nam, sort_key(v.ma))),
            bandsets=[(b, text.band_rules(b)) for b in definition.phan_loai],
            comparability=[_comparability(definition, book, k) for k in kinds],
            year_span=text.year_span,
        )
        title = f"{definition.ten} ({label})" if definition.ten_viet_tat else definition.ten
        yield SitePage(path=path, title=title, body=body, template="listing.html",
                       kind="score-index",
                       description=(plain_text(definition.mo_ta) or title)[:300])
    yield SitePage(PATHS.indexes, "Chỉ số đánh giá",
                   renderer.render("score_index.html", PATHS.indexes, d=None, overview=overview,
                                   **template_helpers()),
                   template="listing.html", kind="score-indexes",
                   description="Các chỉ số đánh giá đơn vị, bảng xếp hạng theo năm và loại "
                   "đơn vị.")


def ranking_tables(renderer: Renderer, book: ScoreBook) -> Iterator[RankingTable]:
    for index_id, definition in renderer.cat.indexes.items():
        for kind in _kinds(renderer, book, index_id):
            for year in book.years(index_id, kind):
                rows = book.ranking_table(index_id, year, kind)
                ranks = [r.shown_rank for r in rows if r.shown_rank is not None]
                ties = frozenset(r for r in ranks if ranks.count(r) > 1)
                yield RankingTable(definition, year, kind, rows,
                                   version_for(definition, year, kind), ties)


def _ranking_page(renderer: Renderer, book: ScoreBook, table: RankingTable) -> SitePage:
    d, year, kind = table.definition, table.year, table.unit_kind
    path = PATHS.ranking(d.ma_chi_so, year, kind)
    label = text.index_label(d)
    years = book.years(d.ma_chi_so, kind)
    previous = max((y for y in years if y < year), default=None)
    previous_version = version_for(d, previous, kind) if previous is not None else None
    changed = previous is not None and (previous_version and previous_version.ma) != (
        table.version and table.version.ma)
    bands = bandset_for(d, year, kind)
    title = f"Bảng xếp hạng {label} năm {year}: {kind}"
    body = renderer.render(
        "ranking.html", path, t=table, d=d, title=title, previous=previous,
        methodology_changed=changed, bands=bands,
        band_rules=text.band_rules(bands) if bands else [], **template_helpers(),
        scored=sum(1 for r in table.rows if r.scored),
    )
    return SitePage(path=path, title=title, body=body, template="listing.html", kind="ranking",
                    description=f"{title}: thứ hạng, tổng điểm, xếp loại và điểm thành phần.")
