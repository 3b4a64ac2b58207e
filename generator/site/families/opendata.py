"""Open data page family: machine-readable copies of the records under `api/`.

| file | content |
|---|---|
| `api/thu-tuc.json`, `.csv` | every current procedure, one row each (the list's columns) |
| `api/thu-tuc/<ma>.json` | one procedure (abolished ones too): its record, summary and URLs |
| `api/don-vi.json` | every unit: its record and URLs |
| `api/diem-so/<chi_so>.json`, `.csv` | every result on one index (`score_data.index_files`) |
| `api/schema/*.schema.json` | the records' JSON Schema (`jsonschema_export.render_schemas`) |
| `api/thay-doi.json`, `.xml` | change feed, JSON Feed 1.1 and Atom (`feeds.py`) |
| `api/cpsv-ap.jsonld` | current procedures in CPSV-AP 3.2 (`cpsv.py`) |

Documented for the public on the hand-written page `docs/du-lieu-mo.md`. Output is
deterministic: keys sorted, rows in a fixed order (procedures and units by code), no build
timestamp; "updated" dates come from the records. URLs inside the files are paths relative to
the site root (`thu-tuc/1.001193/`) unless a format needs absolute ones (feeds, JSON-LD).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from ...derive.histories import ordered_kinds
from ...derive.summary import ProcedureSummary
from ...records.jsonschema import render_schemas
from ...records.schema import Procedure
from ..cpsv import CONTEXT as CPSV_CONTEXT
from ..cpsv import public_service, service_duration
from ..datafiles import csv_join, csv_line, encode_json, encode_json_with_items, json_text
from ..feeds import ATOM_PATH, JSON_FEED_PATH, atom_feed, json_feed
from ..output import DataFile, Output
from ..paths import PATHS
from ..render import Renderer
from ..score_data import index_files
from .base import Family


class API:
    """Paths of the open data files, below the site root."""

    procedures_json = "api/thu-tuc.json"
    procedures_csv = "api/thu-tuc.csv"
    units = "api/don-vi.json"
    feed_json = JSON_FEED_PATH
    feed_atom = ATOM_PATH
    cpsv = "api/cpsv-ap.jsonld"

    @staticmethod
    def procedure(code: str) -> str:
        return f"api/thu-tuc/{code}.json"

    @staticmethod
    def scores(index_id: str, ext: str) -> str:
        return f"api/diem-so/{index_id}.{ext}"

    @staticmethod
    def schema(name: str) -> str:
        return f"api/schema/{name}"


#: Columns of `api/thu-tuc.csv` (and keys of each item of `api/thu-tuc.json`). Lists
#: (levels, channels) are joined with "; " in the CSV.
PROCEDURE_COLUMNS = (
    "ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "cap_thuc_hien", "ma_don_vi", "ten_don_vi",
    "thoi_han_giai_quyet", "phi_le_phi", "dia_diem_thuc_hien", "cach_thuc_thuc_hien",
    "muc_do_dvc", "dia_chi_truc_tuyen", "duong_dan", "du_lieu", "quyet_dinh_moi_nhat",
    "ngay_quyet_dinh_moi_nhat", "loai_quyet_dinh_moi_nhat", "ngay_cap_nhat",
)


def generate(r: Renderer) -> Iterator[Output]:
    cat, summaries = r.cat, r.summaries

    def whole(path: str, produce: Callable[[], bytes]) -> Output:
        """A file made of the whole catalogue: rebuilt when any record changed (the bytes are
        cached here, so not also by the encoded-document cache)."""
        return r.output("dữ liệu mở", [path, r.catalogue_key()],
                        lambda: DataFile(path, produce()))

    def each(what: str, produce: Callable[[Procedure], str]) -> list[str]:
        """Every current procedure's part of a file made of them all: only the parts of the
        procedures that changed are made again."""
        return [r.fragment(what, p, produce, parts="du-lieu-mo") for p in current]

    def row(p: Procedure) -> dict[str, Any]:
        return procedure_row(p, summaries[p.ma_thu_tuc])

    current = sorted(cat.current, key=lambda p: p.ma_thu_tuc)
    yield whole(API.procedures_json, lambda: encode_json_with_items(
        {"co_quan_chu_quan": cat.config.co_quan_chu_quan, "so_thu_tuc": len(current)},
        "thu_tuc", each("dòng json", lambda p: json_text(row(p), sort_keys=True)),
        sort_keys=True))
    yield whole(API.procedures_csv, lambda: csv_join(
        PROCEDURE_COLUMNS, each("dòng csv", lambda p: csv_line(PROCEDURE_COLUMNS, row(p)))))
    for p in sorted(cat.procedures, key=lambda p: p.ma_thu_tuc):
        # The record and its summary are all the document holds (see Renderer.per_procedure);
        # the bytes are cached there, so not also by the encoded-document cache.
        yield r.procedure_output("dữ liệu mở", p, lambda q: DataFile(
            API.procedure(q.ma_thu_tuc),
            encode_json(procedure_document(q, summaries[q.ma_thu_tuc]), sort_keys=True)))
    yield whole(API.units, lambda: encode_json(_units(r), sort_keys=True))
    book = r.site.scores
    for index_id, definition in cat.indexes.items():
        if not book.years(index_id):
            continue
        kinds = ordered_kinds(book, index_id, cat.config.loai_don_vi)
        table_csv, table_json = index_files(book, definition, kinds)
        yield DataFile(API.scores(index_id, "csv"), table_csv)
        yield DataFile(API.scores(index_id, "json"), table_json)
    for name, text in render_schemas(cat.config).items():
        yield DataFile(API.schema(name), text.encode("utf-8"))
    yield DataFile(API.feed_json, json_feed(cat, summaries))
    yield DataFile(API.feed_atom, atom_feed(cat, summaries))
    yield whole(API.cpsv, lambda: encode_json_with_items(
        {"@context": CPSV_CONTEXT}, "@graph",
        each("cpsv", lambda p: json_text(public_service(p, summaries[p.ma_thu_tuc],
                                                        cat.config.site_url), sort_keys=True)),
        sort_keys=True))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def procedure_row(p: Procedure, s: ProcedureSummary) -> dict[str, Any]:
    """One procedure as a list row; the "latest decision" is the last of its history."""
    latest = p.cong_bo[-1]
    return {
        "ma_thu_tuc": p.ma_thu_tuc, "ten_thu_tuc": p.ten_thu_tuc, "linh_vuc": p.linh_vuc,
        "cap_thuc_hien": list(p.cap_thuc_hien), "ma_don_vi": s.unit.ma_don_vi,
        "ten_don_vi": s.unit.ten_don_vi, "thoi_han_giai_quyet": s.time_limit,
        "phi_le_phi": s.fee, "dia_diem_thuc_hien": s.place,
        "cach_thuc_thuc_hien": list(s.channels), "muc_do_dvc": s.online_level,
        "dia_chi_truc_tuyen": s.online_url, "duong_dan": PATHS.procedure(p.ma_thu_tuc),
        "du_lieu": API.procedure(p.ma_thu_tuc), "quyet_dinh_moi_nhat": latest.so_quyet_dinh,
        "ngay_quyet_dinh_moi_nhat": _iso(latest.ngay_ban_hanh),
        "loai_quyet_dinh_moi_nhat": latest.loai, "ngay_cap_nhat": _iso(s.updated),
    }


def procedure_document(p: Procedure, s: ProcedureSummary) -> dict[str, Any]:
    """`api/thu-tuc/<ma>.json`: the record as editors wrote it (valid against
    `api/schema/procedure.schema.json`) plus what the site derives from it."""
    summary = procedure_row(p, s)
    summary["thoi_han_iso8601"] = service_duration(p)
    summary["dang_ap_dung"] = s.current
    return {
        "ma_thu_tuc": p.ma_thu_tuc,
        "trang_thai": p.trang_thai,
        "duong_dan": PATHS.procedure(p.ma_thu_tuc),
        "ban_nhung": PATHS.embed_procedure(p.ma_thu_tuc),
        "tom_tat": summary,
        "record": p.model_dump(mode="json", exclude_none=True),
    }


def _units(renderer: Renderer) -> dict[str, Any]:
    cat = renderer.cat
    units = []
    for unit_id in sorted(cat.units):
        unit = cat.units[unit_id]
        scored = any(unit.diem_so.values())
        units.append({
            "ma_don_vi": unit_id, "ten_don_vi": unit.ten_don_vi,
            "loai_don_vi": unit.loai_don_vi, "duong_dan": PATHS.unit(unit_id),
            "so_thu_tuc_dang_ap_dung": len(cat.procedures_of_unit.get(unit_id, [])),
            "chi_so": sorted(i for i, entries in unit.diem_so.items() if entries),
            "du_lieu_diem": PATHS.unit_scores_data(unit_id, "json") if scored else None,
            "record": unit.model_dump(mode="json", exclude_none=True),
        })
    return {"so_don_vi": len(units), "don_vi": units}


FAMILY = Family("dữ liệu mở", generate)
