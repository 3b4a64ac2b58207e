"""Score derivations: competition ranks, N/A, bands at thresholds, changes, breaks, peers."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.derive.scores import ScoreBook, band_for, competition_rank, rank_change, value_change
from generator.records.config import load_config
from generator.records.project import load_project
from generator.records.schema import Band, BandSet, IndexDefinition, ScoreEntry, ScoreSource, Unit

SO = "Sở, ban, ngành"
TINH = "Tỉnh, thành phố"
SRC = ScoreSource(van_ban="Số liệu kiểm thử")

# --- Fixture -------------------------------------------------------------------------------
# One index with a framework change in 2022 (v1: components a, b; v2: a, c with c's maximum
# unpublished); strict ">" bands for departments, ">=" bands for provinces.
INDEX = IndexDefinition.model_validate({
    "ma_chi_so": "chi-so-thu",
    "ten": "Chỉ số thử",
    "thang_do": {"toi_da": 100},
    "phien_ban": [
        {"ma": "v1", "ten": "Phiên bản 1", "tu_nam": 2021, "den_nam": 2021,
         "tong_diem_toi_da": 100,
         "thanh_phan": [{"ma": "a", "ten": "A", "diem_toi_da": 50},
                        {"ma": "b", "ten": "B", "diem_toi_da": 50}]},
        {"ma": "v2", "ten": "Phiên bản 2", "tu_nam": 2022, "tong_diem_toi_da": 100,
         "thanh_phan": [{"ma": "a", "ten": "A", "diem_toi_da": 60}, {"ma": "c", "ten": "C"}]},
    ],
    "phan_loai": [
        {"co_quan_ban_hanh": "UBND tỉnh", "ap_dung_cho": [SO], "tu_nam": 2021, "so_sanh": ">",
         "muc": [{"ten": "Xuất sắc", "nguong": 90}, {"ten": "Tốt", "nguong": 76},
                 {"ten": "Khá", "nguong": 50}], "duoi_nguong": "Yếu"},
        {"co_quan_ban_hanh": "Bộ Nội vụ", "ap_dung_cho": [TINH], "tu_nam": 2021,
         "so_sanh": ">=",
         "muc": [{"ten": "Nhóm A", "nguong": 90}, {"ten": "Nhóm B", "nguong": 80},
                 {"ten": "Nhóm C", "nguong": 70}]},
    ],
})


def scored(year, total, rank=None, of=None, **components):
    return ScoreEntry(nam=year, tong_diem=total, thanh_phan=components, xep_hang=rank,
                      so_don_vi_xep_hang=of, nguon=SRC)


def na(year):
    return ScoreEntry(nam=year, khong_cham_diem=True, ly_do="Không đánh giá")


def unit(uid, name, entries, kind=SO, **extra):
    return Unit(ma_don_vi=uid, ten_don_vi=name, loai_don_vi=kind,
                diem_so={"chi-so-thu": entries}, **extra)


UNITS = [
    unit("s1", "Sở Một", [scored(2021, 90, a=45, b=45), scored(2022, 92, a=55, c=37),
                          scored(2023, 92, a=56, c=36)]),
    unit("s2", "Sở Hai", [scored(2021, 85, a=40, b=45), scored(2022, 92, a=56, c=36),
                          scored(2023, 90, a=52, c=38)]),
    unit("s3", "Sở Ba", [scored(2021, 85, a=45, b=40), scored(2022, 88, a=50, c=38),
                         scored(2023, 95, a=57, c=38)]),
    unit("s4", "Sở Bốn", [na(2021), scored(2022, 80, a=50, c=30), scored(2023, 76.5)]),
    unit("s5", "Sở Năm", [scored(2021, 70, a=35, b=35), na(2022), scored(2023, 77)]),
    unit("s-cu", "Sở Cũ", [scored(2021, 60, a=30, b=30), scored(2022, 76, a=46, c=30)],
         hieu_luc_den="2022-12-31", sap_nhap_vao="s-moi"),
    unit("s-moi", "Sở Mới", [scored(2023, 81)], hieu_luc_tu="2023-01-01"),
    unit("p1", "Tỉnh Một", [scored(2022, 90, rank=1, of=63)], kind=TINH),
    unit("p2", "Tỉnh Hai", [scored(2022, 89.99, rank=2, of=63)], kind=TINH),
    unit("p3", "Tỉnh Ba", [scored(2022, 70, rank=40, of=63)], kind=TINH),
    unit("p4", "Tỉnh Bốn", [scored(2022, 69.99)], kind=TINH),
]


@pytest.fixture()
def book() -> ScoreBook:
    return ScoreBook(UNITS, [INDEX])


# --- Ranks ---------------------------------------------------------------------------------


def test_competition_rank_ties_skip_next_rank():
    assert competition_rank([90, 85, 85, 70]) == [1, 2, 2, 4]
    assert competition_rank([5, 5, 5]) == [1, 1, 1]


def test_competition_rank_unscored_gets_none_and_shifts_nobody():
    assert competition_rank([85, None, 90, 85, None, 70]) == [2, None, 1, 2, None, 4]
    assert competition_rank([None, None]) == [None, None]
    assert competition_rank([]) == []


def test_competition_rank_lower_is_better():
    ranks = competition_rank([3.0, 1.0, 1.0, None, 7.0], higher_is_better=False)
    assert ranks == [3, 1, 1, None, 4]


def test_ranking_table_ties_and_na_last(book):
    rows = book.ranking_table("chi-so-thu", 2021, SO)
    assert [(r.unit_id, r.rank) for r in rows] == [
        ("s1", 1), ("s3", 2), ("s2", 2), ("s5", 4), ("s-cu", 5), ("s4", None)]
    # Tied units are ordered by name ("Sở Ba" before "Sở Hai"); N/A rows carry no rank.
    na_row = rows[-1]
    assert not na_row.scored and na_row.reason == "Không đánh giá"
    assert na_row.rank_text is None and na_row.band is None
    assert rows[0].rank_text == "1/5"  # denominator: scored peers only


def test_official_rank_shown_with_official_denominator(book):
    p1 = book.standing("p1", "chi-so-thu", 2022)
    assert p1.official_rank == 1 and p1.rank_text == "1/63"
    p3 = book.standing("p3", "chi-so-thu", 2022)
    assert p3.rank == 3 and p3.shown_rank == 40 and p3.rank_text == "40/63"
    p4 = book.standing("p4", "chi-so-thu", 2022)  # no official rank: computed, among scored peers
    assert p4.official_rank is None and p4.rank_text == "4/4"
    rows = book.ranking_table("chi-so-thu", 2022, TINH)
    assert [r.unit_id for r in rows] == ["p1", "p2", "p4", "p3"]


# --- Bands ---------------------------------------------------------------------------------


def bands(rule, theo="phan-tram", below=None):
    return BandSet(co_quan_ban_hanh="x", tu_nam=2020, so_sanh=rule, theo=theo,
                   muc=[Band(ten="Cao", nguong=90), Band(ten="Vừa", nguong=80)],
                   duoi_nguong=below)


def test_band_at_threshold_inclusive_rule():
    assert band_for(90, 100, bands(">=")) == "Cao"
    assert band_for(89.99, 100, bands(">=")) == "Vừa"
    assert band_for(80, 100, bands(">=")) == "Vừa"
    assert band_for(79.99, 100, bands(">=")) is None


def test_band_at_threshold_strict_rule():
    assert band_for(90, 100, bands(">")) == "Vừa"
    assert band_for(90.01, 100, bands(">")) == "Cao"
    assert band_for(80, 100, bands(">", below="Thấp")) == "Thấp"


def test_band_threshold_not_moved_by_float_noise():
    # 0.9 / 1 * 100 is 90.00000000000001 in floating point: still "at" the threshold.
    assert band_for(0.9, 1, bands(">")) == "Vừa"
    assert band_for(0.9, 1, bands(">=")) == "Cao"
    # Percent of a maximum other than 100 (e.g. a province scoring on 70 points).
    assert band_for(63, 70, bands(">=")) == "Cao"
    assert band_for(63, 70, bands(">")) == "Vừa"


def test_band_in_points():
    assert band_for(90, 200, bands(">=", theo="diem")) == "Cao"
    assert band_for(90, 200, bands(">", theo="diem")) == "Vừa"


def test_band_from_index_data(book):
    assert book.standing("p1", "chi-so-thu", 2022).band == "Nhóm A"  # 90 with ">="
    assert book.standing("p2", "chi-so-thu", 2022).band == "Nhóm B"
    assert book.standing("p3", "chi-so-thu", 2022).band == "Nhóm C"  # 70 with ">="
    assert book.standing("p4", "chi-so-thu", 2022).band is None  # no band below 70
    assert book.standing("s2", "chi-so-thu", 2023).band == "Tốt"  # 90 with ">"
    assert book.standing("s-cu", "chi-so-thu", 2022).band == "Khá"  # 76 with ">"
    assert book.standing("s4", "chi-so-thu", 2023).band == "Tốt"  # 76.5 > 76


# --- Changes and methodology breaks --------------------------------------------------------


def test_change_states():
    assert value_change(92, 88, 2022).direction == "up"
    assert value_change(88, 92, 2022).direction == "down"
    assert value_change(92, 92, 2022).direction == "unchanged"
    assert value_change(0.1 + 0.2, 0.3, 2022).direction == "unchanged"
    assert value_change(92, None, None).direction == "none"
    assert rank_change(1, 3, 2022).direction == "up" and rank_change(1, 3, 2022).delta == 2
    assert rank_change(3, 1, 2022).direction == "down"
    assert rank_change(2, 2, 2022).direction == "unchanged"
    assert rank_change(None, 2, 2022).direction == "none"


def test_changes_against_previous_year(book):
    s1 = book.standing("s1", "chi-so-thu", 2023)
    assert s1.previous_year == 2022
    assert s1.score_change.direction == "unchanged"
    assert s1.rank_change.direction == "down" and s1.rank_change.previous == 1  # tied 1st → 2nd
    s3 = book.standing("s3", "chi-so-thu", 2023)
    assert s3.score_change.direction == "up" and s3.score_change.delta == pytest.approx(7)
    assert s3.rank_change.direction == "up" and s3.rank_change.delta == 2
    s2 = book.standing("s2", "chi-so-thu", 2023)
    assert (s2.score_change.direction, s2.rank_change.direction) == ("down", "down")
    first = book.standing("s1", "chi-so-thu", 2021)
    assert first.previous_year is None
    assert first.score_change.direction == first.rank_change.direction == "none"


def test_previous_scored_year_skips_na_and_marks_break(book):
    s5 = book.standing("s5", "chi-so-thu", 2023)
    assert s5.previous_year == 2021  # 2022 was N/A
    assert s5.score_change.direction == "up" and s5.score_change.previous == 70
    assert s5.version == "v2" and s5.methodology_break  # v1 → v2 lies between
    s4 = book.standing("s4", "chi-so-thu", 2023)
    assert s4.previous_year == 2022 and not s4.methodology_break
    assert book.standing("s4", "chi-so-thu", 2022).score_change.direction == "none"  # 2021 N/A


def test_history_marks_breaks_and_keeps_na(book):
    history = book.history("s5", "chi-so-thu")
    assert [(h.year, h.scored, h.methodology_break) for h in history] == [
        (2021, True, False), (2022, False, False), (2023, True, True)]
    assert [h.methodology_break for h in book.history("s1", "chi-so-thu")] == [False, True, False]


# --- Merged units --------------------------------------------------------------------------


def test_merged_unit_keeps_its_history(book):
    old = book.history("s-cu", "chi-so-thu")
    assert [(h.year, h.score) for h in old] == [(2021, 60), (2022, 76)]
    assert "s-cu" in [r.unit_id for r in book.ranking_table("chi-so-thu", 2022, SO)]
    assert "s-cu" not in [r.unit_id for r in book.ranking_table("chi-so-thu", 2023, SO)]
    new = book.history("s-moi", "chi-so-thu")
    assert [(h.year, h.previous_year, h.score_change.direction) for h in new] == [
        (2023, None, "none")]
    assert [u.ma_don_vi for u in book.merged_from("s-moi")] == ["s-cu"]


# --- Components ----------------------------------------------------------------------------


def test_components_rank_average_best(book):
    s1 = book.standing("s1", "chi-so-thu", 2022)
    a, c = s1.components
    assert (a.code, a.maximum, a.percent) == ("a", 60, pytest.approx(55 / 60 * 100))
    assert a.rank == 2 and a.peers_scored == 5  # s2 56 > s1 55 > s3, s4 50 > s-cu 46
    assert a.peer_average == pytest.approx((55 + 56 + 50 + 50 + 46) / 5)
    assert a.best == ("s2",) and a.best_score == 56
    assert c.maximum is None and c.percent is None  # maximum unpublished
    assert c.best == ("s3",) and c.peer_average == pytest.approx(34.2)
    assert c.change.direction == "none"  # component c did not exist in 2021
    assert a.change.direction == "up" and a.change.previous == 45
    s3 = book.standing("s3", "chi-so-thu", 2022)
    assert [x.rank for x in s3.components] == [3, 1]
    s4 = book.standing("s4", "chi-so-thu", 2022)
    assert s4.components[0].rank == 3  # tie with s3 on a
    assert s4.components[1].rank == 4  # c: 30, tied with s-cu
    assert book.standing("s-cu", "chi-so-thu", 2022).components[1].rank == 4


def test_component_tie_for_best(book):
    a = book.standing("s1", "chi-so-thu", 2021).components[0]
    assert a.best == ("s1", "s3") and a.rank == 1


# --- The project's sample data -------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample():
    # procedures/ is being written by others: only units/ and indexes/ are asserted on here.
    result = load_project(ROOT, load_config(ROOT / "mkdocs.yml"))
    problems = [p for p in result.errors if p.path.startswith(("units/", "indexes/"))]
    assert problems == []
    return ScoreBook.from_records(result.records)


def test_sample_real_province_figures(sample):
    qn = sample.standing("quang-ninh", "par-index", 2023)
    assert qn.score == 92.18 and qn.rank_text == "1/63" and qn.band == "Nhóm A"
    assert qn.score_change.direction == "up" and qn.rank_change.direction == "unchanged"
    assert not qn.methodology_break and qn.version == "qd-876"
    rows = sample.ranking_table("par-index", 2023, TINH)
    assert [r.unit_id for r in rows][:5] == ["quang-ninh", "hai-phong", "ha-noi", "bac-giang",
                                             "ba-ria-vung-tau"]
    assert rows[-1].unit_id == "an-giang" and rows[-1].rank_text == "63/63"
    assert rows[-1].band == "Nhóm B" and rows[-1].methodology_break  # 2012 → 2023


def test_sample_ict_gap_and_break(sample):
    history = sample.history("quang-ninh", "ict-index")
    assert [(h.year, h.scored) for h in history] == [(2019, True), (2021, False), (2023, True)]
    assert "2021" in history[1].reason
    last = history[2]
    assert last.previous_year == 2019 and last.methodology_break
    assert last.score_change.direction == "down"
    # Published order kept even where scores disagree with it (Bắc Ninh 0.664 listed 4th).
    bn = sample.standing("bac-ninh", "ict-index", 2023)
    assert bn.shown_rank == 4 and bn.rank == 3


def test_sample_test_bed_properties(sample):
    for kind in (SO, "Xã, phường, đặc khu"):
        for index_id in ("par-index", "ict-index"):
            years = sample.years(index_id, kind)
            assert len(years) >= 3
            for year in years:
                for row in sample.ranking_table(index_id, year, kind):
                    for comp in row.components:
                        assert comp.maximum is None or comp.score <= comp.maximum
    tables = [sample.ranking_table(i, y, k) for i in ("par-index", "ict-index")
              for k in (SO, "Xã, phường, đặc khu") for y in sample.years(i, k)]
    ranks = [[r.rank for r in t if r.scored] for t in tables]
    assert any(len(r) != len(set(r)) for r in ranks)  # at least one tie
    assert any(not r.scored for t in tables for r in t)  # at least one N/A
    assert sample.standing("so-tu-phap", "par-index", 2024).band == "Tốt"  # 90.00 with ">"
    assert sample.standing("ubnd-xa-quang-la", "par-index", 2022).band == "Khá"  # 80.00 with ">"


def test_sample_merged_department(sample):
    old = sample.units["so-tai-nguyen-va-moi-truong"]
    assert old.sap_nhap_vao == "so-nong-nghiep-va-moi-truong"
    assert [h.year for h in sample.history(old.ma_don_vi, "par-index")] == [2022, 2023, 2024]
    merged = [u.ma_don_vi for u in sample.merged_from("so-nong-nghiep-va-moi-truong")]
    assert "so-tai-nguyen-va-moi-truong" in merged
