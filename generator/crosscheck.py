"""Checks that need more than one record: duplicates, references, scores against definitions."""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Iterable

from .config import ProjectConfig
from .indexes import component_names, version_for
from .loader import _dotted
from .problems import Problem
from .validate import RecordSet, Sourced


def _closest(value: str, options: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f"có phải ý bạn là «{found[0]}»?" if found else None


def check_records(records: RecordSet, config: ProjectConfig) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates(records)
    problems += _procedures(records, config)
    problems += _units(records, config)
    problems += _indexes(records, config)
    problems += _scores(records)
    return problems


def _err(src: Sourced, loc: tuple, message: str, hint: str | None = None,
         severity: str = "error") -> Problem:
    path, line, col = src.at(*loc)
    return Problem(path, line, col, _dotted(loc), message, hint, severity)  # type: ignore[arg-type]


def _duplicates(records: RecordSet) -> list[Problem]:
    problems = []
    for items, key, label in (
        (records.procedures, "ma_thu_tuc", "mã thủ tục"),
        (records.units, "ma_don_vi", "mã đơn vị"),
        (records.indexes, "ma_chi_so", "mã chỉ số"),
    ):
        first: dict[str, Sourced] = {}
        for src in items:
            value = getattr(src.record, key)
            if value in first:
                other = first[value]
                path, line, _ = other.at(key)
                problems.append(_err(src, (key,), f"{label} «{value}» đã dùng ở {path}:{line}",
                                     "mỗi hồ sơ phải có mã riêng; sửa hoặc xóa hồ sơ trùng"))
            else:
                first[value] = src
    return problems


def _procedures(records: RecordSet, config: ProjectConfig) -> list[Problem]:
    problems = []
    unit_ids = {u.record.ma_don_vi for u in records.units}
    codes = {p.record.ma_thu_tuc for p in records.procedures}
    decisions: dict[str, tuple[Sourced, int]] = {}
    for src in records.procedures:
        p = src.record
        if config.linh_vuc and p.linh_vuc not in config.linh_vuc:
            problems.append(_err(src, ("linh_vuc",), f"lĩnh vực «{p.linh_vuc}» không có trong danh mục",
                                 _closest(p.linh_vuc, config.linh_vuc)
                                 or "thêm lĩnh vực vào danh mục linh_vuc trong mkdocs.yml"))
        for i, level in enumerate(p.cap_thuc_hien):
            if level not in config.cap_thuc_hien:
                problems.append(_err(src, ("cap_thuc_hien", i), f"cấp «{level}» không có trong danh mục",
                                     _closest(level, config.cap_thuc_hien)
                                     or "các cấp hợp lệ: " + "; ".join(config.cap_thuc_hien)))
        if p.co_quan_thuc_hien not in unit_ids:
            problems.append(_err(src, ("co_quan_thuc_hien",),
                                 f"không có đơn vị «{p.co_quan_thuc_hien}» trong units/",
                                 _closest(p.co_quan_thuc_hien, unit_ids)
                                 or "thêm hồ sơ đơn vị hoặc sửa mã đơn vị"))
        if not p.thoi_han_giai_quyet and not any(
            c.thoi_han or c.thoi_han_mo_ta for c in p.cach_thuc_thuc_hien
        ):
            problems.append(_err(src, ("cach_thuc_thuc_hien",), "thiếu thời hạn giải quyết",
                                 "ghi `thoi_han` cho từng cách thức hoặc `thoi_han_giai_quyet`"))
        abolitions = [i for i, d in enumerate(p.cong_bo) if d.loai == "bãi bỏ"]
        if p.trang_thai == "đã bãi bỏ" and not abolitions:
            problems.append(_err(src, ("trang_thai",),
                                 "thủ tục đã bãi bỏ nhưng thiếu quyết định bãi bỏ",
                                 "thêm vào cong_bo một mục có `loai: bãi bỏ`"))
        if abolitions and p.trang_thai != "đã bãi bỏ":
            problems.append(_err(src, ("cong_bo", abolitions[0], "loai"),
                                 "có quyết định bãi bỏ nhưng trang_thai vẫn là «đang áp dụng»",
                                 "ghi `trang_thai: đã bãi bỏ`"))
        for i, d in enumerate(p.cong_bo):
            if d.loai in ("sửa đổi, bổ sung", "thay thế") and not d.noi_dung_thay_doi:
                problems.append(_err(src, ("cong_bo", i, "loai"),
                                     f"công bố «{d.loai}» nhưng không ghi nội dung thay đổi",
                                     "thêm `noi_dung_thay_doi:` nêu bộ phận được sửa đổi"))
            key = d.so_quyet_dinh
            if key in decisions:
                other, j = decisions[key]
                od = other.record.cong_bo[j]
                if (od.ngay_ban_hanh, od.co_quan_ban_hanh) != (d.ngay_ban_hanh, d.co_quan_ban_hanh):
                    path, line, _ = other.at("cong_bo", j)
                    problems.append(_err(src, ("cong_bo", i, "so_quyet_dinh"),
                                         f"quyết định {key} ghi ngày hoặc cơ quan ban hành khác "
                                         f"với {path}:{line}",
                                         "một quyết định phải có cùng ngày và cơ quan ở mọi hồ sơ"))
            else:
                decisions[key] = (src, i)
        dates = [d.ngay_ban_hanh for d in p.cong_bo if d.ngay_ban_hanh]
        if dates != sorted(dates):
            problems.append(_err(src, ("cong_bo",), "các quyết định công bố phải xếp từ cũ đến mới",
                                 None))
        if p.thu_tuc_thay_the and p.thu_tuc_thay_the not in codes:
            problems.append(_err(src, ("thu_tuc_thay_the",),
                                 f"không có thủ tục «{p.thu_tuc_thay_the}» trong procedures/",
                                 None, "warning"))
        if p.muc_do_dvc and not any(c.hinh_thuc == "Trực tuyến" for c in p.cach_thuc_thuc_hien):
            problems.append(_err(src, ("muc_do_dvc",),
                                 f"có mức độ «{p.muc_do_dvc}» nhưng không có cách thức Trực tuyến",
                                 "thêm cách thức `hinh_thuc: Trực tuyến` hoặc bỏ muc_do_dvc"))
    return problems


def _units(records: RecordSet, config: ProjectConfig) -> list[Problem]:
    problems = []
    ids = {u.record.ma_don_vi for u in records.units}
    for src in records.units:
        u = src.record
        problems += _unknown_kinds(src, [(("loai_don_vi",), u.loai_don_vi)], config)
        if u.cap and u.cap not in config.cap_thuc_hien:
            problems.append(_err(src, ("cap",), f"cấp «{u.cap}» không có trong danh mục",
                                 _closest(u.cap, config.cap_thuc_hien)))
        for key in ("don_vi_cap_tren", "sap_nhap_vao"):
            ref = getattr(u, key)
            if ref and ref not in ids:
                problems.append(_err(src, (key,), f"không có đơn vị «{ref}» trong units/",
                                     _closest(ref, ids) or "thêm hồ sơ đơn vị hoặc sửa mã"))
            if ref and ref == u.ma_don_vi:
                problems.append(_err(src, (key,), "đơn vị không thể tham chiếu tới chính nó"))
        if u.sap_nhap_vao and not u.hieu_luc_den:
            problems.append(_err(src, ("sap_nhap_vao",), "đơn vị đã sáp nhập phải có hieu_luc_den",
                                 "ghi ngày thôi hoạt động, ví dụ hieu_luc_den: 2025-06-30"))
        if u.hieu_luc_tu and u.hieu_luc_den and u.hieu_luc_den < u.hieu_luc_tu:
            problems.append(_err(src, ("hieu_luc_den",), "hieu_luc_den trước hieu_luc_tu"))
    return problems


def _unknown_kinds(src: Sourced, located: Iterable[tuple[tuple, str]],
                   config: ProjectConfig) -> list[Problem]:
    """Unit kinds (at their locations) missing from the `loai_don_vi` catalogue, if one is set."""
    if not config.loai_don_vi:
        return []
    return [
        _err(src, loc, f"loại đơn vị «{kind}» không có trong danh mục",
             _closest(kind, config.loai_don_vi)
             or "các loại hợp lệ: " + "; ".join(config.loai_don_vi))
        for loc, kind in located if kind not in config.loai_don_vi
    ]


def _applies_to(src: Sourced, loc: tuple, kinds: list[str], config: ProjectConfig) -> list[Problem]:
    """A typo in `ap_dung_cho` would silently leave units without a version or bands."""
    return _unknown_kinds(src, [(loc + (j,), kind) for j, kind in enumerate(kinds)], config)


def _indexes(records: RecordSet, config: ProjectConfig) -> list[Problem]:
    problems = []
    for src in records.indexes:
        d = src.record
        for i, version in enumerate(d.phien_ban):
            problems += _applies_to(src, ("phien_ban", i, "ap_dung_cho"), version.ap_dung_cho,
                                    config)
            if version.den_nam is not None and version.den_nam < version.tu_nam:
                problems.append(_err(src, ("phien_ban", i, "den_nam"), "den_nam trước tu_nam"))
            names = [c.ma for c in version.thanh_phan]
            for j, name in enumerate(names):
                if names.index(name) != j:
                    problems.append(_err(src, ("phien_ban", i, "thanh_phan", j, "ma"),
                                         f"mã thành phần «{name}» bị lặp"))
            for j, other in enumerate(d.phien_ban[:i]):
                if _overlap(version, other):
                    problems.append(_err(src, ("phien_ban", i, "tu_nam"),
                                         f"phiên bản «{version.ma}» trùng năm với «{other.ma}» "
                                         "cho cùng loại đơn vị",
                                         "mỗi năm và loại đơn vị chỉ có một phiên bản"))
        for i, bands in enumerate(d.phan_loai):
            problems += _applies_to(src, ("phan_loai", i, "ap_dung_cho"), bands.ap_dung_cho,
                                    config)
            if bands.den_nam is not None and bands.den_nam < bands.tu_nam:
                problems.append(_err(src, ("phan_loai", i, "den_nam"), "den_nam trước tu_nam"))
            thresholds = [b.nguong for b in bands.muc]
            if thresholds != sorted(thresholds, reverse=True) or len(set(thresholds)) != len(thresholds):
                problems.append(_err(src, ("phan_loai", i, "muc"),
                                     "các mức phải xếp từ cao xuống thấp với ngưỡng khác nhau"))
    return problems


def _overlap(a, b) -> bool:
    a_end = a.den_nam or 9999
    b_end = b.den_nam or 9999
    years = a.tu_nam <= b_end and b.tu_nam <= a_end
    kinds = not a.ap_dung_cho or not b.ap_dung_cho or set(a.ap_dung_cho) & set(b.ap_dung_cho)
    return bool(years and kinds)


def _scores(records: RecordSet) -> list[Problem]:
    problems = []
    definitions = {s.record.ma_chi_so: s.record for s in records.indexes}
    by_key: dict[tuple[str, int, str], list[tuple[Sourced, int, float, int]]] = defaultdict(list)
    for src in records.units:
        u = src.record
        for index_id, entries in u.diem_so.items():
            definition = definitions.get(index_id)
            if definition is None:
                problems.append(_err(src, ("diem_so", index_id), f"không có chỉ số «{index_id}» trong indexes/",
                                     _closest(index_id, definitions)))
                continue
            seen: set[int] = set()
            for i, e in enumerate(entries):
                loc = ("diem_so", index_id, i)
                if e.nam in seen:
                    problems.append(_err(src, loc + ("nam",), f"năm {e.nam} bị lặp"))
                seen.add(e.nam)
                version = version_for(definition, e.nam, u.loai_don_vi)
                if version is None:
                    problems.append(_err(src, loc + ("nam",),
                                         f"năm {e.nam} không thuộc phiên bản nào của chỉ số «{index_id}» "
                                         f"cho loại đơn vị «{u.loai_don_vi}»",
                                         "thêm phiên bản vào indexes/ hoặc sửa năm"))
                if e.khong_cham_diem:
                    if e.tong_diem is not None or e.thanh_phan or e.xep_hang:
                        problems.append(_err(src, loc + ("khong_cham_diem",),
                                             "năm không đánh giá không được có điểm hoặc thứ hạng"))
                    continue
                if e.tong_diem is None:
                    problems.append(_err(src, loc, "thiếu tong_diem",
                                         "ghi tổng điểm đã công bố, hoặc `khong_cham_diem: true`"))
                    continue
                if e.nguon is None:
                    problems.append(_err(src, loc, "thiếu nguồn công bố (nguon)",
                                         "ghi văn bản, ngày và liên kết công bố điểm số"))
                scale_max = definition.thang_do.toi_da
                if version is not None:
                    scale_max = version.tong_diem_toi_da
                if e.tong_diem > scale_max:
                    problems.append(_err(src, loc + ("tong_diem",),
                                         f"tổng điểm {e.tong_diem:g} vượt điểm tối đa {scale_max:g}",
                                         "kiểm tra lại điểm đã công bố, hoặc điểm tối đa của "
                                         f"phiên bản trong định nghĩa chỉ số «{index_id}»"))
                if version is not None:
                    components = {c.ma: c for c in version.thanh_phan}
                    for name, value in e.thanh_phan.items():
                        component = components.get(name)
                        if component is None:
                            problems.append(_err(src, loc + ("thanh_phan", name),
                                                 f"không có thành phần «{name}» trong phiên bản "
                                                 f"«{version.ma}» của «{index_id}»",
                                                 _closest(name, components)
                                                 or "các mã hợp lệ: " + ", ".join(component_names(version))))
                        elif component.diem_toi_da is not None and value > component.diem_toi_da:
                            problems.append(_err(src, loc + ("thanh_phan", name),
                                                 f"điểm {value:g} vượt điểm tối đa "
                                                 f"{component.diem_toi_da:g} của thành phần",
                                                 "kiểm tra lại điểm đã công bố, hoặc điểm tối đa "
                                                 f"của thành phần trong «{index_id}»"))
                if e.xep_hang is not None and e.so_don_vi_xep_hang is not None \
                        and e.xep_hang > e.so_don_vi_xep_hang:
                    problems.append(_err(src, loc + ("xep_hang",),
                                         f"thứ hạng {e.xep_hang} lớn hơn số đơn vị được xếp hạng "
                                         f"({e.so_don_vi_xep_hang})",
                                         "kiểm tra lại xep_hang và so_don_vi_xep_hang"))
                if e.xep_hang is not None:
                    by_key[(index_id, e.nam, u.loai_don_vi)].append((src, i, e.tong_diem, e.xep_hang))
    for (index_id, year, _kind), rows in by_key.items():
        higher_is_better = definitions[index_id].cao_hon_la_tot
        for src, i, score, rank in rows:
            for _osrc, _j, oscore, orank in rows:
                better = oscore > score if higher_is_better else oscore < score
                if better and orank >= rank or (oscore == score and orank != rank):
                    problems.append(_err(src, ("diem_so", index_id, i, "xep_hang"),
                                         f"thứ hạng chính thức {rank} mâu thuẫn với điểm: "
                                         f"{_osrc.record.ma_don_vi} có điểm {oscore:g}, hạng {orank}",
                                         "giữ nguyên số liệu đã công bố; kiểm tra lại nguồn",
                                         "warning"))
                    break
    return problems
