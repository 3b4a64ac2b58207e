"""Checks that need more than one record: duplicates, references, scores against definitions."""

from __future__ import annotations

import functools
from collections.abc import Collection
from typing import Any

from pydantic import BaseModel

from ..problems import Problem
from .config import ProjectConfig
from .crosscheck_scores import index_problems, score_problems
from .crosscheck_slugs import slug_problems
from .fields import Shape, shape_of
from .kinds import KINDS
from .loader import Path_
from .shapes import FromCatalogue, marker
from .validate import RecordSet, Sourced, did_you_mean
from .vocab import ABOLISHED, ABOLITION, AMENDING, ONLINE


def check_records(records: RecordSet, config: ProjectConfig,
                  only: Collection[str] | None = None) -> list[Problem]:
    """Every problem between records and against the configuration's catalogues.

    `only` (record paths as shown): the caller reports problems of these files only, so the
    checks of one record against the configuration (catalogue values) skip the others —
    `congkhai check FILE` and the quick preview answer in a second at 20,000. (The checks of
    one record alone, such as the source's gaps and smells, are `validate.load_record`'s:
    the build cache keeps their answer with the record.)"""
    problems: list[Problem] = []
    problems += _duplicates(records)
    problems += slug_problems(records, config)
    problems += _catalogues(records, config, only)
    problems += _procedures(records, only)
    problems += _units(records)
    problems += index_problems(records)
    problems += score_problems(records)
    return problems


def _duplicates(records: RecordSet) -> list[Problem]:
    problems = []
    for kind in KINDS:
        first: dict[str, Sourced[Any]] = {}
        for src in records.of(kind):
            value = kind.code_of(src.record)
            if value in first:
                path, line, _ = first[value].at(kind.code_field)
                problems.append(src.problem((kind.code_field,),
                                     f"{kind.code_label} «{value}» đã dùng ở {path}:{line}",
                                     "mỗi hồ sơ phải có mã riêng; sửa hoặc xóa hồ sơ trùng"))
            else:
                first[value] = src
    return problems


# --- Values from the configuration's catalogues (fields marked `FromCatalogue`) -------------

#: What an unknown value of each catalogue is called, and the hint when no name is close.
CATALOGUE_WORDS: dict[str, tuple[str, str | None]] = {
    "linh_vuc": ("lĩnh vực «{value}» không có trong danh mục",
                 "thêm lĩnh vực vào danh mục linh_vuc trong mkdocs.yml"),
    "cap_thuc_hien": ("cấp «{value}» không có trong danh mục", "các cấp hợp lệ: {allowed}"),
    "loai_don_vi": ("loại đơn vị «{value}» không có trong danh mục",
                    "các loại hợp lệ: {allowed}"),
}


def _catalogues(records: RecordSet, config: ProjectConfig,
                only: Collection[str] | None) -> list[Problem]:
    problems = []
    for src in records.all():
        if only is not None and src.doc.path not in only:
            continue
        for loc, option, value in catalogue_values(src.record):
            allowed = config.catalogue(option)
            if not allowed or value in allowed:
                continue  # an empty catalogue means "not checked"
            message, otherwise = CATALOGUE_WORDS[option]
            hint = did_you_mean(value, allowed) or (otherwise or "").format(
                allowed="; ".join(allowed)) or None
            problems.append(src.problem(loc, message.format(value=value), hint))
    return problems


def catalogue_values(record: BaseModel, loc: Path_ = ()) -> list[tuple[Path_, str, str]]:
    """(location, catalogue option, value) of every value of a `FromCatalogue` field."""
    found: list[tuple[Path_, str, str]] = []
    for name, option, nested in _catalogue_fields(type(record)):
        value = getattr(record, name)
        if value is None:
            continue
        here = loc + (name,)
        if option is not None:
            values = value if isinstance(value, list) else [value]
            found += [(here + ((i,) if isinstance(value, list) else ()), option, v)
                      for i, v in enumerate(values)]
        elif nested:
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                if isinstance(item, BaseModel):
                    found += catalogue_values(item, here + ((i,) if isinstance(value, list)
                                                            else ()))
    return found


@functools.cache
def _catalogue_fields(model: type[BaseModel]) -> tuple[tuple[str, str | None, bool], ...]:
    """(field, its catalogue option or None, whether it holds record parts) of each field of
    `model` worth walking: read once per model, not once per record (it is the slow part).
    Parts whose model holds no catalogue field, however deep, are not worth walking (a
    procedure's steps, documents and channels: twenty objects a record)."""
    fields = []
    for name, info in model.model_fields.items():
        catalogue = marker(info, FromCatalogue)
        nested = any(_catalogue_fields(m) for m in _models_in(shape_of(info.annotation)))
        if catalogue is not None or nested:
            fields.append((name, catalogue.option if catalogue else None, nested))
    return tuple(fields)


def _models_in(shape: Shape) -> list[type[BaseModel]]:
    """The record part model a field of this shape holds, itself or in a list."""
    if shape.model is not None:
        return [shape.model]
    return _models_in(shape.item) if shape.kind == "list" and shape.item is not None else []


def _procedures(records: RecordSet, only: Collection[str] | None) -> list[Problem]:
    problems = []
    unit_ids = {u.record.ma_don_vi for u in records.units}
    codes = {p.record.ma_thu_tuc for p in records.procedures}
    decisions: dict[str, tuple[Sourced, int]] = {}
    for src in records.procedures:
        p = src.record
        if p.co_quan_thuc_hien not in unit_ids:
            problems.append(src.problem(("co_quan_thuc_hien",),
                                 f"không có đơn vị «{p.co_quan_thuc_hien}» trong units/",
                                 did_you_mean(p.co_quan_thuc_hien, unit_ids)
                                 or "thêm hồ sơ đơn vị hoặc sửa mã đơn vị"))
        if "thoi_han_giai_quyet" not in p.chua_co_thong_tin and not p.thoi_han_giai_quyet \
                and not any(c.thoi_han or c.thoi_han_mo_ta for c in p.cach_thuc_thuc_hien):
            problems.append(src.problem(("cach_thuc_thuc_hien",), "thiếu thời hạn giải quyết",
                                 "ghi `thoi_han` cho từng cách thức hoặc `thoi_han_giai_quyet`"))
        abolitions = [i for i, d in enumerate(p.cong_bo) if d.loai == ABOLITION]
        if p.trang_thai == ABOLISHED and not abolitions:
            problems.append(src.problem(("trang_thai",),
                                 "thủ tục đã bãi bỏ nhưng thiếu quyết định bãi bỏ",
                                 "thêm vào cong_bo một mục có `loai: bãi bỏ`"))
        if abolitions and p.trang_thai != ABOLISHED:
            problems.append(src.problem(("cong_bo", abolitions[0], "loai"),
                                 "có quyết định bãi bỏ nhưng trang_thai vẫn là «đang áp dụng»",
                                 "ghi `trang_thai: đã bãi bỏ`"))
        for i, d in enumerate(p.cong_bo):
            if d.loai in AMENDING and not d.noi_dung_thay_doi:
                problems.append(src.problem(("cong_bo", i, "loai"),
                                     f"công bố «{d.loai}» nhưng không ghi nội dung thay đổi",
                                     "thêm `noi_dung_thay_doi:` nêu bộ phận được sửa đổi"))
            key = d.so_quyet_dinh
            if key in decisions:
                other, j = decisions[key]
                od = other.record.cong_bo[j]
                if (od.ngay_ban_hanh, od.co_quan_ban_hanh) != (d.ngay_ban_hanh, d.co_quan_ban_hanh):
                    # Located only now: locating reads the other record's document.
                    path, line, _ = other.at("cong_bo", j)
                    problems.append(src.problem(("cong_bo", i, "so_quyet_dinh"),
                                         f"quyết định {key} ghi ngày hoặc cơ quan ban hành khác "
                                         f"với {path}:{line}",
                                         "một quyết định phải có cùng ngày và cơ quan ở mọi hồ sơ"))
                if od.lien_ket and d.lien_ket and od.lien_ket != d.lien_ket:
                    path, line, _ = other.at("cong_bo", j)
                    # The decision's page links one document; the other would vanish unseen.
                    problems.append(src.problem(("cong_bo", i, "lien_ket"),
                                         f"quyết định {key} ghi liên kết khác với {path}:{line} "
                                         f"(«{d.lien_ket}» và «{od.lien_ket}»)",
                                         "một quyết định chỉ có một văn bản; ghi cùng một liên "
                                         "kết ở mọi hồ sơ"))
            else:
                decisions[key] = (src, i)
        dates = [d.ngay_ban_hanh for d in p.cong_bo if d.ngay_ban_hanh]
        if dates != sorted(dates):
            problems.append(src.problem(("cong_bo",),
                                        "các quyết định công bố phải xếp từ cũ đến mới"))
        if p.thu_tuc_thay_the and p.thu_tuc_thay_the not in codes:
            problems.append(src.problem(("thu_tuc_thay_the",),
                                 f"không có thủ tục «{p.thu_tuc_thay_the}» trong procedures/",
                                 None, "warning"))
        if p.muc_do_dvc and not any(c.hinh_thuc == ONLINE for c in p.cach_thuc_thuc_hien):
            problems.append(src.problem(("muc_do_dvc",),
                                 f"có mức độ «{p.muc_do_dvc}» nhưng không có cách thức Trực tuyến",
                                 "thêm cách thức `hinh_thuc: Trực tuyến` hoặc bỏ muc_do_dvc"))
    return problems


def _units(records: RecordSet) -> list[Problem]:
    problems = []
    ids = {u.record.ma_don_vi for u in records.units}
    for src in records.units:
        u = src.record
        for key in ("don_vi_cap_tren", "sap_nhap_vao"):
            ref = getattr(u, key)
            if ref and ref not in ids:
                problems.append(src.problem((key,), f"không có đơn vị «{ref}» trong units/",
                                     did_you_mean(ref, ids) or "thêm hồ sơ đơn vị hoặc sửa mã"))
            if ref and ref == u.ma_don_vi:
                problems.append(src.problem((key,), "đơn vị không thể tham chiếu tới chính nó"))
        if u.sap_nhap_vao and not u.hieu_luc_den:
            problems.append(src.problem(("sap_nhap_vao",),
                                        "đơn vị đã sáp nhập phải có hieu_luc_den",
                                 "ghi ngày thôi hoạt động, ví dụ hieu_luc_den: 2025-06-30"))
        if u.hieu_luc_tu and u.hieu_luc_den and u.hieu_luc_den < u.hieu_luc_tu:
            problems.append(src.problem(("hieu_luc_den",), "hieu_luc_den trước hieu_luc_tu"))
    return problems
