"""Open data copies of the score pages: a unit's scores and each ranking table, as CSV and JSON.

Plain numbers (a decimal point, the published precision) and stable column order. Published
totals, ranks and sources are written as published; derived figures (computed rank, band,
change) are labelled as such. CSV is UTF-8 with a byte order mark so spreadsheet programs
read the Vietnamese names correctly.
"""

from __future__ import annotations

from typing import Any

from ..derive.scores import ScoreBook, Standing
from ..records.schema import FrameworkVersion, IndexDefinition, Unit
from .datafiles import csv_bytes, json_bytes

#: Columns of one result (unit × index × year), shared by the unit and the ranking files.
RESULT_COLUMNS = (
    "ma_chi_so", "nam", "ma_don_vi", "ten_don_vi", "loai_don_vi", "khong_cham_diem", "ly_do",
    "tong_diem", "diem_toi_da", "ty_le_phan_tram", "xep_hang", "xep_hang_chinh_thuc",
    "xep_hang_tinh_toan", "so_don_vi_xep_hang", "xep_loai", "phien_ban", "nam_truoc",
    "thay_doi", "doi_bo_tieu_chi", "nguon_van_ban", "nguon_ngay", "nguon_lien_ket",
)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def result_record(s: Standing, definition: IndexDefinition) -> dict[str, Any]:
    """One result as plain data (JSON types; None for absent values)."""
    digits = definition.thang_do.so_chu_so_thap_phan
    return {
        "ma_chi_so": s.index_id, "nam": s.year, "ma_don_vi": s.unit_id,
        "ten_don_vi": s.unit_name, "loai_don_vi": s.unit_kind,
        "khong_cham_diem": not s.scored, "ly_do": s.reason,
        "tong_diem": s.score, "diem_toi_da": s.maximum if s.scored else None,
        "ty_le_phan_tram": _round(s.percent, 4),
        "xep_hang": s.shown_rank, "xep_hang_chinh_thuc": s.official_rank,
        "xep_hang_tinh_toan": s.rank, "so_don_vi_xep_hang": s.denominator,
        "xep_loai": s.band, "phien_ban": s.version, "nam_truoc": s.previous_year,
        "thay_doi": _round(s.score_change.delta, digits),
        "doi_bo_tieu_chi": s.methodology_break,
        "nguon_van_ban": s.source.van_ban if s.source else None,
        "nguon_ngay": s.source.ngay.isoformat() if s.source and s.source.ngay else None,
        "nguon_lien_ket": s.source.lien_ket if s.source else None,
    }


def _with_components(s: Standing, definition: IndexDefinition) -> dict[str, Any]:
    record = result_record(s, definition)
    record["thanh_phan"] = [
        {"ma": c.code, "ten": c.name, "diem": c.score, "diem_toi_da": c.maximum,
         "xep_hang_tinh_toan": c.rank, "so_don_vi_co_diem": c.peers_scored}
        for c in s.components
    ]
    return record








def unit_files(book: ScoreBook, unit: Unit) -> tuple[bytes, bytes]:
    """CSV (totals, one row per index and year) and JSON (with components) of one unit."""
    rows, indexes = [], {}
    for index_id in sorted(unit.diem_so):
        definition = book.indexes[index_id]
        history = book.history(unit.ma_don_vi, index_id)
        rows += [result_record(s, definition) for s in history]
        indexes[index_id] = {"ten": definition.ten, "ten_viet_tat": definition.ten_viet_tat,
                             "ket_qua": [_with_components(s, definition) for s in history]}
    data = {"ma_don_vi": unit.ma_don_vi, "ten_don_vi": unit.ten_don_vi,
            "loai_don_vi": unit.loai_don_vi, "sap_nhap_vao": unit.sap_nhap_vao,
            "chi_so": indexes}
    return csv_bytes(RESULT_COLUMNS, rows), json_bytes(data, sort_keys=False)


def ranking_files(rows: list[Standing], definition: IndexDefinition, year: int, unit_kind: str,
                  version: FrameworkVersion | None) -> tuple[bytes, bytes]:
    """CSV (one column per component of the year's version) and JSON of one ranking table."""
    codes = [c.ma for c in version.thanh_phan] if version else []
    columns = list(RESULT_COLUMNS) + [f"thanh_phan:{code}" for code in codes]
    flat = _flat_rows(rows, definition, codes)
    data = {
        "ma_chi_so": definition.ma_chi_so, "ten_chi_so": definition.ten, "nam": year,
        "loai_don_vi": unit_kind, "phien_ban": version.ma if version else None,
        "thanh_phan": [{"ma": c.ma, "ten": c.ten, "diem_toi_da": c.diem_toi_da}
                       for c in (version.thanh_phan if version else [])],
        "bang_xep_hang": [_with_components(s, definition) for s in rows],
    }
    return csv_bytes(columns, flat), json_bytes(data, sort_keys=False)


def index_files(book: ScoreBook, definition: IndexDefinition,
                unit_kinds: list[str]) -> tuple[bytes, bytes]:
    """CSV and JSON of every result on one index (open data `api/diem-so/<index>.*`).

    Rows: by year, then unit kind in `unit_kinds` order, then as the ranking table orders them
    (N/A units last). The CSV has one column per component of any framework version.
    """
    index_id = definition.ma_chi_so
    rows = [s for year in book.years(index_id) for kind in unit_kinds
            for s in book.ranking_table(index_id, year, kind)]
    codes: list[str] = []
    for version in sorted(definition.phien_ban, key=lambda v: (v.tu_nam, v.ma)):
        codes += [c.ma for c in version.thanh_phan if c.ma not in codes]
    codes += sorted({c.code for s in rows for c in s.components} - set(codes))
    columns = list(RESULT_COLUMNS) + [f"thanh_phan:{code}" for code in codes]
    flat = _flat_rows(rows, definition, codes)
    data = {
        "ma_chi_so": index_id, "ten_chi_so": definition.ten,
        "ten_viet_tat": definition.ten_viet_tat, "cao_hon_la_tot": definition.cao_hon_la_tot,
        "so_ket_qua": len(rows),
        "dinh_nghia": definition.model_dump(mode="json", exclude_none=True),
        "ket_qua": [_with_components(s, definition) for s in rows],
    }
    return csv_bytes(columns, flat), json_bytes(data, sort_keys=False)


def _flat_rows(rows: list[Standing], definition: IndexDefinition,
               codes: list[str]) -> list[dict[str, Any]]:
    """Result records with one `thanh_phan:<code>` column per component code (CSV shape)."""
    flat = []
    for s in rows:
        record = result_record(s, definition)
        values = {c.code: c.score for c in s.components}
        record.update({f"thanh_phan:{code}": values.get(code) for code in codes})
        flat.append(record)
    return flat
