"""Cross-record checks of index definitions and unit scores (see `crosscheck.py`).

Scores are kept as published: a result above its maximum or for a year no framework version
covers is an error, but an official rank that contradicts the published scores is only a
warning (`congkhai check` shows it; the page keeps the publisher's figure).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..problems import Problem
from .loader import Path_
from .schema import FrameworkVersion, IndexDefinition, ScoreEntry, Unit
from .validate import RecordSet, Sourced, did_you_mean

#: Ranked results of one peer group (index, year, unit kind): (record, entry index, score, rank).
Ranked = list[tuple[Sourced[Unit], int, float, int]]


def index_problems(records: RecordSet) -> list[Problem]:
    problems = []
    for src in records.indexes:
        d = src.record
        for i, version in enumerate(d.phien_ban):
            if version.den_nam is not None and version.den_nam < version.tu_nam:
                problems.append(src.problem(("phien_ban", i, "den_nam"), "den_nam trước tu_nam"))
            names = [c.ma for c in version.thanh_phan]
            for j, name in enumerate(names):
                if names.index(name) != j:
                    problems.append(src.problem(("phien_ban", i, "thanh_phan", j, "ma"),
                                        f"mã thành phần «{name}» bị lặp"))
            for other in d.phien_ban[:i]:
                if _overlap(version, other):
                    problems.append(src.problem(("phien_ban", i, "tu_nam"),
                                        f"phiên bản «{version.ma}» trùng năm với «{other.ma}» "
                                        "cho cùng loại đơn vị",
                                        "mỗi năm và loại đơn vị chỉ có một phiên bản"))
        for i, bands in enumerate(d.phan_loai):
            if bands.den_nam is not None and bands.den_nam < bands.tu_nam:
                problems.append(src.problem(("phan_loai", i, "den_nam"), "den_nam trước tu_nam"))
            thresholds = [b.nguong for b in bands.muc]
            if thresholds != sorted(thresholds, reverse=True) \
                    or len(set(thresholds)) != len(thresholds):
                problems.append(src.problem(("phan_loai", i, "muc"),
                                    "các mức phải xếp từ cao xuống thấp với ngưỡng khác nhau"))
    return problems


def _overlap(a: FrameworkVersion, b: FrameworkVersion) -> bool:
    a_end = a.den_nam or 9999
    b_end = b.den_nam or 9999
    years = a.tu_nam <= b_end and b.tu_nam <= a_end
    kinds = not a.ap_dung_cho or not b.ap_dung_cho or set(a.ap_dung_cho) & set(b.ap_dung_cho)
    return bool(years and kinds)


def score_problems(records: RecordSet) -> list[Problem]:
    problems = []
    definitions = {s.record.ma_chi_so: s.record for s in records.indexes}
    ranked: dict[tuple[str, int, str], Ranked] = defaultdict(list)
    for src in records.units:
        u = src.record
        for index_id, entries in u.diem_so.items():
            definition = definitions.get(index_id)
            if definition is None:
                problems.append(src.problem(("diem_so", index_id),
                                    f"không có chỉ số «{index_id}» trong indexes/",
                                    did_you_mean(index_id, definitions)))
                continue
            seen: set[int] = set()
            for i, e in enumerate(entries):
                loc: Path_ = ("diem_so", index_id, i)
                if e.nam in seen:
                    problems.append(src.problem((*loc, "nam"), f"năm {e.nam} bị lặp"))
                seen.add(e.nam)
                problems += _entry_problems(src, loc, e, definition)
                if e.xep_hang is not None and e.tong_diem is not None and not e.khong_cham_diem:
                    ranked[(index_id, e.nam, u.loai_don_vi)].append(
                        (src, i, e.tong_diem, e.xep_hang))
    for (index_id, _year, _kind), rows in ranked.items():
        problems += _rank_contradictions(index_id, rows, definitions[index_id].cao_hon_la_tot)
    return problems


def _entry_problems(src: Sourced[Unit], loc: Path_, e: ScoreEntry,
                    definition: IndexDefinition) -> list[Problem]:
    """What is wrong with one year's result of one unit on one index."""
    problems = []
    index_id, kind = definition.ma_chi_so, src.record.loai_don_vi
    version = definition.version_for(e.nam, kind)
    if version is None:
        problems.append(src.problem((*loc, "nam"),
                            f"năm {e.nam} không thuộc phiên bản nào của chỉ số «{index_id}» "
                            f"cho loại đơn vị «{kind}»",
                            "thêm phiên bản vào indexes/ hoặc sửa năm"))
    if e.khong_cham_diem:
        if e.tong_diem is not None or e.thanh_phan or e.xep_hang:
            problems.append(src.problem((*loc, "khong_cham_diem"),
                                "năm không đánh giá không được có điểm hoặc thứ hạng"))
        return problems
    if e.tong_diem is None:
        problems.append(src.problem(loc, "thiếu tong_diem",
                            "ghi tổng điểm đã công bố, hoặc `khong_cham_diem: true`"))
        return problems
    if e.nguon is None:
        problems.append(src.problem(loc, "thiếu nguồn công bố (nguon)",
                            "ghi văn bản, ngày và liên kết công bố điểm số"))
    scale_max = version.tong_diem_toi_da if version else definition.thang_do.toi_da
    if e.tong_diem > scale_max:
        problems.append(src.problem((*loc, "tong_diem"),
                            f"tổng điểm {e.tong_diem:g} vượt điểm tối đa {scale_max:g}",
                            "kiểm tra lại điểm đã công bố, hoặc điểm tối đa của "
                            f"phiên bản trong định nghĩa chỉ số «{index_id}»"))
    if version is not None:
        problems += _component_problems(src, loc, e, version, index_id)
    if e.xep_hang is not None and e.so_don_vi_xep_hang is not None \
            and e.xep_hang > e.so_don_vi_xep_hang:
        problems.append(src.problem((*loc, "xep_hang"),
                            f"thứ hạng {e.xep_hang} lớn hơn số đơn vị được xếp hạng "
                            f"({e.so_don_vi_xep_hang})",
                            "kiểm tra lại xep_hang và so_don_vi_xep_hang"))
    return problems


def _component_problems(src: Sourced[Unit], loc: Path_, e: ScoreEntry,
                        version: FrameworkVersion, index_id: str) -> list[Problem]:
    problems = []
    components = {c.ma: c for c in version.thanh_phan}
    for name, value in e.thanh_phan.items():
        component = components.get(name)
        if component is None:
            problems.append(src.problem((*loc, "thanh_phan", name),
                                f"không có thành phần «{name}» trong phiên bản "
                                f"«{version.ma}» của «{index_id}»",
                                did_you_mean(name, components)
                                or "các mã hợp lệ: " + ", ".join(version.component_codes)))
        elif component.diem_toi_da is not None and value > component.diem_toi_da:
            problems.append(src.problem((*loc, "thanh_phan", name),
                                f"điểm {value:g} vượt điểm tối đa "
                                f"{component.diem_toi_da:g} của thành phần",
                                "kiểm tra lại điểm đã công bố, hoặc điểm tối đa "
                                f"của thành phần trong «{index_id}»"))
    return problems


def _rank_contradictions(index_id: str, rows: Ranked, higher_is_better: bool) -> list[Problem]:
    """Warn where an official rank contradicts the published scores of the same peer group."""
    problems = []
    for src, i, score, rank in rows:
        for other, _j, other_score, other_rank in rows:
            better = other_score > score if higher_is_better else other_score < score
            if (better and other_rank >= rank) or (other_score == score and other_rank != rank):
                problems.append(src.problem(("diem_so", index_id, i, "xep_hang"),
                                    f"thứ hạng chính thức {rank} mâu thuẫn với điểm: "
                                    f"{other.record.ma_don_vi} có điểm {other_score:g}, "
                                    f"hạng {other_rank}",
                                    "giữ nguyên số liệu đã công bố; kiểm tra lại nguồn",
                                    "warning"))
                break
    return problems


__all__: list[Any] = ["index_problems", "score_problems"]
