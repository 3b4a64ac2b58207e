"""Derive: the summary a citizen reads first (derive/summary.py), computed once per procedure."""

from __future__ import annotations

from generator.derive.site_data import SiteData
from generator.derive.summary import format_date, format_number, iso_duration
from generator.records.schema import TimeLimit


def test_abolished_procedure_knows_its_abolition_and_replacement(site: SiteData) -> None:
    s = site.summary("1.000419")
    assert not s.current
    assert s.abolition is not None and s.abolition.so_quyet_dinh == "200/QĐ-UBND"
    assert s.replacement is not None and s.replacement.ma_thu_tuc == "1.000656"
    assert s.time_limit == "5 ngày làm việc"
    assert s.fee == "Miễn phí"


def test_current_procedures_have_no_abolition(site: SiteData) -> None:
    for code, s in site.summaries.items():
        assert (s.abolition is None) == s.current, code


def test_number_and_duration_wording() -> None:
    assert format_number(5.0) == "5"
    assert format_number(1.5) == "1,5"
    assert iso_duration(TimeLimit(so=3, don_vi="ngày làm việc")) == "P3D"
    assert iso_duration(TimeLimit(so=4, don_vi="giờ")) == "PT4H"
    assert format_date(None) == "Không có thông tin"


def test_histories_and_rankings_are_derived_once(site: SiteData) -> None:
    assert site.rankings, "the fixture has scores"
    for table in site.rankings:
        assert table.scored == sum(1 for r in table.rows if r.scored)
    for unit_id, histories in site.histories.items():
        assert histories == sorted(histories, key=lambda h: h.definition.ma_chi_so), unit_id
        for h in histories:
            assert h.shown in h.history
