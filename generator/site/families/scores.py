"""Score pages: the score section of unit pages, index pages and ranking tables.

Adds `/chi-so/`, `/chi-so/<index>/`, `/chi-so/<index>/<year>/<kind>/` and the CSV/JSON copies of
unit scores and ranking tables. All figures come from the derive stage (`derive/scores.py`,
`derive/histories.py`); all wording from `scoretext.py`; charts from `charts.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from ...derive.histories import IndexHistory, RankingTable, comparability, ordered_kinds
from ...records.kinds import UNIT
from ...records.schema import Unit
from ...vietnamese import sort_key
from .. import scoretext as text
from ..charts import ChartBreak, ChartPoint, line_chart
from ..output import DataFile, Output, SitePage
from ..paths import PATHS
from ..render import Renderer, for_record
from ..score_data import ranking_files, unit_files
from ..textformat import plain_text
from .base import Family

BREAK_LABEL = "Đổi bộ tiêu chí"


def template_helpers() -> dict[str, Any]:
    """Formatting functions every score template receives (all wording lives in scoretext)."""
    return {"decimal": text.format_decimal, "change_text": text.change_text,
            "rank_change_text": text.rank_change_text, "label": text.index_label,
            "plain": _plain_number, "summary_sentence": text.summary_sentence,
            "chart": chart}


def _plain_number(value: float | None) -> str:
    """Maxima and thresholds without trailing zeros: 100 → “100”, 14.5 → “14,5”."""
    if value is None:
        return "chưa công bố"
    return text.format_decimal(value, 6).rstrip("0").rstrip(",")


# --- Unit pages: the score section ---------------------------------------------------------


def score_section(r: Renderer, unit_id: str) -> Markup | None:
    """The score section of a unit page, or None when neither the unit nor a unit merged into
    it has results."""
    site = r.site
    if not r.cat.indexes:
        return None
    unit = r.cat.units[unit_id]
    merged = [m for m in site.scores.merged_from(unit_id) if any(m.diem_so.values())]
    histories = site.histories.get(unit_id, [])
    if not any(unit.diem_so.values()) and not merged:
        return None
    return r.render("unit_scores.html", PATHS.unit(unit_id), unit=unit, merged=merged,
                    indexes=histories, **template_helpers())


def chart(unit: Unit, ih: IndexHistory) -> Markup:
    """The inline SVG chart of a unit's scores on one index, described in words."""
    definition = ih.definition
    digits = definition.thang_do.so_chu_so_thap_phan
    label = text.index_label(definition)
    described = []
    for s in ih.history:
        if s.scored and s.score is not None:
            rank = f" (hạng {s.rank_text})" if s.rank_text else ""
            described.append(f"{s.year}: {text.format_decimal(s.score, digits)}{rank}")
        else:
            described.append(f"{s.year}: không đánh giá")
    description = f"Điểm {label} của {unit.ten_don_vi} theo năm: " + "; ".join(described) + "."
    breaks = [ChartBreak(year, BREAK_LABEL) for year in ih.break_years]
    for b in breaks:
        description += (f" Bộ tiêu chí thay đổi từ năm {b.year}: điểm từ năm {b.year} không so "
                        "sánh trực tiếp với các năm trước.")
    top = max([definition.thang_do.toi_da] + [v.tong_diem_toi_da for v in definition.phien_ban])
    return line_chart(
        f"bieu-do-{definition.ma_chi_so}", f"Điểm {label} của {unit.ten_don_vi} qua các năm",
        description, [ChartPoint(s.year, s.score if s.scored else None) for s in ih.history],
        breaks, (definition.thang_do.toi_thieu, top),
        value_text=lambda v: text.format_decimal(v, digits),
        tick_text=text.format_decimal, missing_text="N/A",
    )


# --- Index pages, ranking tables, data files -------------------------------------------------


def generate(r: Renderer) -> Iterator[Output]:
    site, cat = r.site, r.cat
    for unit_id, unit in cat.units.items():
        if any(unit.diem_so.values()):
            with for_record(cat.where(UNIT.plural, unit_id)):
                csv_bytes, json_bytes = unit_files(site.scores, unit)
            yield DataFile(PATHS.unit_scores_data(unit_id, "csv"), csv_bytes)
            yield DataFile(PATHS.unit_scores_data(unit_id, "json"), json_bytes)
    if not cat.indexes:
        return
    yield from _index_pages(r)
    for table in site.rankings:
        yield _ranking_page(r, table)
        index_id, year, kind = table.definition.ma_chi_so, table.year, table.unit_kind
        csv_bytes, json_bytes = ranking_files(table.rows, table.definition, year, kind,
                                              table.version)
        yield DataFile(PATHS.ranking_data(index_id, year, kind, "csv"), csv_bytes)
        yield DataFile(PATHS.ranking_data(index_id, year, kind, "json"), json_bytes)


def _index_pages(r: Renderer) -> Iterator[SitePage]:
    book, cat = r.site.scores, r.cat
    overview = []
    for index_id, definition in cat.indexes.items():
        kinds = ordered_kinds(book, index_id, cat.config.loai_don_vi)
        tables = [(kind, book.years(index_id, kind)) for kind in kinds]
        overview.append((definition, tables))
        path = PATHS.index(index_id)
        label = text.index_label(definition)
        body = r.render(
            "score_index.html", path, d=definition, tables=tables, **template_helpers(),
            versions=sorted(definition.phien_ban, key=lambda v: (v.tu_nam, sort_key(v.ma))),
            bandsets=[(b, text.band_rules(b)) for b in definition.phan_loai],
            comparability=[comparability(definition, book, k) for k in kinds],
            year_span=text.year_span,
        )
        title = f"{definition.ten} ({label})" if definition.ten_viet_tat else definition.ten
        yield SitePage(path=path, title=title, body=body, template="listing.html",
                       kind="score-index",
                       description=(plain_text(definition.mo_ta) or title)[:300])
    yield SitePage(PATHS.indexes, "Chỉ số đánh giá",
                   r.render("score_index.html", PATHS.indexes, d=None, overview=overview,
                            **template_helpers()),
                   template="listing.html", kind="score-indexes",
                   description="Các chỉ số đánh giá đơn vị, bảng xếp hạng theo năm và loại "
                   "đơn vị.")


def ranking_title(table: RankingTable) -> str:
    label = text.index_label(table.definition)
    return f"Bảng xếp hạng {label} năm {table.year}: {table.unit_kind}"


def _ranking_page(r: Renderer, table: RankingTable) -> SitePage:
    d, year, kind = table.definition, table.year, table.unit_kind
    path = PATHS.ranking(d.ma_chi_so, year, kind)
    bands = d.bandset_for(year, kind)
    title = ranking_title(table)
    body = r.render(
        "ranking.html", path, t=table, d=d, title=title, previous=table.previous_year,
        methodology_changed=table.methodology_changed, bands=bands,
        band_rules=text.band_rules(bands) if bands else [], **template_helpers(),
        scored=table.scored,
    )
    return SitePage(path=path, title=title, body=body, template="listing.html", kind="ranking",
                    description=f"{title}: thứ hạng, tổng điểm, xếp loại và điểm thành phần.")


FAMILY = Family("điểm số", generate)
