"""Validate, across records (records/crosscheck.py): catalogues read from the schema's markers."""

from __future__ import annotations

from generator.records.crosscheck import catalogue_values
from generator.records.project import LoadResult
from generator.records.schema import IndexDefinition
from generator.records.validate import did_you_mean


def test_catalogue_values_follow_the_from_catalogue_markers(loaded: LoadResult) -> None:
    procedure = next(s.record for s in loaded.records.procedures)
    found = catalogue_values(procedure)
    assert ("linh_vuc",) in [loc for loc, _, _ in found]
    assert {option for _, option, _ in found} == {"linh_vuc", "cap_thuc_hien"}
    levels = [(loc, v) for loc, option, v in found if option == "cap_thuc_hien"]
    assert levels == [(("cap_thuc_hien", i), v) for i, v in enumerate(procedure.cap_thuc_hien)]


def test_nested_catalogue_fields_are_found(loaded: LoadResult) -> None:
    definition: IndexDefinition = next(s.record for s in loaded.records.indexes)
    nested = [loc for loc, option, _ in catalogue_values(definition) if option == "loai_don_vi"]
    assert all(loc[0] in ("phien_ban", "phan_loai") and loc[2] == "ap_dung_cho"
               for loc in nested)


def test_did_you_mean() -> None:
    assert did_you_mean("Hộ tich", ["Hộ tịch", "Chứng thực"]) == "có phải ý bạn là «Hộ tịch»?"
    assert did_you_mean("zzz", ["Hộ tịch"]) is None
