"""Resolve: references between records followed once (derive/catalogue.py)."""

from __future__ import annotations

from generator.derive.catalogue import Catalogue


def test_current_and_abolished_are_split(catalogue: Catalogue) -> None:
    assert [p.ma_thu_tuc for p in catalogue.abolished] == ["1.000419"]
    assert "1.000419" not in {p.ma_thu_tuc for p in catalogue.current}
    assert len(catalogue.current) + len(catalogue.abolished) == len(catalogue.procedures)


def test_decisions_are_gathered_across_procedures_newest_first_undated_last(
        catalogue: Catalogue) -> None:
    dated = [d for d in catalogue.decisions if d.date]
    assert [d.date for d in dated] == sorted((d.date for d in dated), reverse=True)
    undated = [d.number for d in catalogue.decisions if d.date is None]
    assert catalogue.decisions[-len(undated):] == [catalogue.decision_by_number[n]
                                                   for n in undated]
    national = catalogue.decision_by_number["163/QĐ-BTP"]
    assert national.slug == "163-qd-btp"
    assert "1.000419" in {p.ma_thu_tuc for p, _ in national.published("mới ban hành")}
    # A procedure published new and abolished since is in the decision's second sub-list.
    assert "1.000419" in {p.ma_thu_tuc for p in national.new_abolished}
    assert "1.000419" not in {p.ma_thu_tuc for p in national.new_current}


def test_abolishing_decision_lists_the_procedure(catalogue: Catalogue) -> None:
    decision = catalogue.decision_by_number["200/QĐ-UBND"]
    assert [p.ma_thu_tuc for p, _ in decision.abolished] == ["1.000419"]
    assert decision.counts() == [("bãi bỏ", 1)]


def test_units_know_their_current_procedures_and_records_their_files(
        catalogue: Catalogue) -> None:
    handled = {unit: sorted(p.ma_thu_tuc for p in ps)
               for unit, ps in catalogue.procedures_of_unit.items()}
    assert all("1.000419" not in codes for codes in handled.values())
    assert catalogue.where("procedures", "1.001193") == \
        "procedures/1.001193.yaml (mã 1.001193)"
    assert catalogue.where("procedures", "9.999999") == "mã 9.999999"


def test_feedback_falls_back_from_unit_to_parent_to_site(catalogue: Catalogue) -> None:
    site_default = catalogue.config.phan_anh_kien_nghi
    for unit_id, unit in catalogue.units.items():
        found = catalogue.feedback_for(unit_id)
        if unit.phan_anh_kien_nghi:
            assert found == unit.phan_anh_kien_nghi
        elif not unit.don_vi_cap_tren:
            assert found == site_default
    assert catalogue.feedback_for(None) == site_default
    assert catalogue.feedback_for("khong-co") == site_default
