"""The YAML writer: what it writes must load back (through our loader) to the same record."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.records.loader import load_text
from generator.records.schema import Procedure, Unit
from generator.records.validate import validate_document
from generator.tools.importer import yamlwriter
from generator.tools.importer.yamlwriter import dump_record, needs_quotes

from .hypothesis_settings import examples

ROOT = Path(__file__).resolve().parents[1]

REF = "../schema/procedure.schema.json"

RECORD = {
    # Deliberately out of schema order: the writer must reorder.
    "cong_bo": [{"loai": "mới ban hành", "so_quyet_dinh": "163/QĐ-BTP",
                 "co_quan_ban_hanh": "Bộ Tư pháp"},
                {"so_quyet_dinh": "2150/QĐ-UBND", "ngay_ban_hanh": dt.date(2026, 3, 16),
                 "loai": "sửa đổi, bổ sung", "noi_dung_thay_doi": "Sửa đổi: thời hạn giải quyết."}],
    "ma_thu_tuc": "1.000120",
    "ten_thu_tuc": "no",
    "linh_vuc": "Hộ tịch",
    "cap_thuc_hien": ["Cấp xã"],
    "doi_tuong_thuc_hien": ["Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"],
    "co_quan_thuc_hien": "ubnd-xa-a",
    "trinh_tu_thuc_hien": [
        "Bước 1: Nộp hồ sơ.\n(i) Trường hợp hồ sơ đầy đủ thì tiếp nhận;\n"
        "+ Trường hợp khác: bổ sung.",
        "- bắt đầu bằng gạch đầu dòng",
        "dòng có khoảng trắng cuối  \nvà dòng sau",
        "  thụt đầu dòng\nvà xuống dòng cuối\n",
    ],
    "cach_thuc_thuc_hien": [{"hinh_thuc": "Trực tiếp",
                             "thoi_han": {"so": 5, "don_vi": "ngày làm việc"},
                             "phi_le_phi": "10 USD (10 USD/người)", "mo_ta": None},
                            {"hinh_thuc": "Trực tuyến", "thoi_han_mo_ta": "1",
                             "phi_le_phi": "Miễn phí"}],
    "thanh_phan_ho_so": [{"nhom": "Giấy tờ phải nộp", "giay_to": [
        {"ten": "Tờ khai: theo mẫu #1", "mau_don": [{"ten": "Mẫu số 01.docx"}], "ban_chinh": 1},
        {"ten": "* Lưu ý: bản chụp", "ban_chinh": 0, "ban_sao": 2, "mau_don": []}]}],
    "ket_qua_thuc_hien": [{"ten": "Giấy khai sinh", "ma": "KQ.G15.000031"}],
    "can_cu_phap_ly": [{"so_ky_hieu": "60/2014/QH13", "trich_yeu": "Luật Hộ tịch"}],
    "thu_tuc_lien_quan": ["1.000656"],
    "thu_tuc_thay_the": None,
    "ngay_cap_nhat": dt.date(2026, 11, 20),
}


def _load(text: str) -> dict:
    doc, problems = load_text(text, "x.yaml")
    assert problems == []
    return doc


def test_round_trip_gives_an_equal_model():
    text = dump_record(RECORD, REF)
    doc = _load(text)
    model, problems = validate_document(doc, Procedure)
    assert problems == []
    assert model == Procedure.model_validate(RECORD)


def test_code_stays_text_and_is_always_double_quoted():
    text = dump_record(RECORD, REF)
    assert 'ma_thu_tuc: "1.000120"\n' in text
    assert '  - "1.000656"\n' in text
    assert _load(text).data["ma_thu_tuc"] == "1.000120"


def test_no_stays_the_string_no():
    text = dump_record(RECORD, REF)
    assert 'ten_thu_tuc: "no"\n' in text
    assert _load(text).data["ten_thu_tuc"] == "no"


def test_multiline_text_is_a_literal_block_and_intact():
    text = dump_record(RECORD, REF)
    assert ("  - |-\n    Bước 1: Nộp hồ sơ.\n"
            "    (i) Trường hợp hồ sơ đầy đủ thì tiếp nhận;\n") in text
    steps = _load(text).data["trinh_tu_thuc_hien"]
    assert steps == RECORD["trinh_tu_thuc_hien"]


def test_first_line_keys_in_schema_order_and_empty_values_omitted():
    text = dump_record(RECORD, REF)
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/procedure.schema.json"
    keys = [line.split(":")[0] for line in lines[1:] if line and not line.startswith((" ", "#"))]
    assert keys == [k for k in Procedure.model_fields if k in keys]
    assert keys[0] == "ma_thu_tuc" and keys[-1] == "ngay_cap_nhat"
    assert "thu_tuc_thay_the" not in text and " mo_ta:" not in text and "mau_don: []" not in text
    # Nested parts follow their own model's order too.
    assert ("  - so_quyet_dinh: 163/QĐ-BTP\n    co_quan_ban_hanh: Bộ Tư pháp\n"
            "    loai: mới ban hành\n") in text


def test_vietnamese_is_kept_and_dates_are_plain():
    text = dump_record(RECORD, REF)
    assert "linh_vuc: Hộ tịch\n" in text and "\\u" not in text
    assert "ngay_cap_nhat: 2026-11-20\n" in text
    assert "ngay_ban_hanh: 2026-03-16\n" in text


def test_output_is_deterministic():
    assert dump_record(RECORD, REF) == dump_record(dict(reversed(list(RECORD.items()))), REF)


@pytest.mark.parametrize("value", [
    "1.000120", "no", "yes", "on", "Off", "true", "null", "~", "", "2026-01-01", "12:30", "10",
    "1.5", "1e3", "0o17", "0x1F", ".inf", "- a", "* b", "& c", "! d", "# e", "[f", "{g", '"h',
    "'i", "a: b", "a #b", "%j", "@k", "`l", "|m", ">n", "? o", "trailing ", " leading",
])
def test_strings_yaml_would_misread_are_double_quoted_and_round_trip(value):
    assert needs_quotes(value)
    text = dump_record({"ma_don_vi": "x", "ten_don_vi": value}, "../schema/unit.schema.json")
    assert f"ten_don_vi: {chr(34)}" in text
    assert _load(text).data["ten_don_vi"] == value


@pytest.mark.parametrize("value", ["Hộ tịch", "163/QĐ-BTP", "KQ.G15.000031", "Miễn phí", "a-b",
                                   "10 USD (10 USD/người)", "https://dichvucong.gov.vn/"])
def test_ordinary_text_stays_plain(value):
    assert not needs_quotes(value)
    text = dump_record({"ma_don_vi": "x", "ten_don_vi": value}, "../schema/unit.schema.json")
    assert f"ten_don_vi: {value}\n" in text


def test_unit_records_follow_the_unit_schema():
    data = {"loai_don_vi": "Sở, ban, ngành", "ten_don_vi": "Sở Tư pháp", "ma_don_vi": "so-tu-phap",
            "lien_he": {"website": "https://example.gov.vn/", "dia_chi": "Phường Hồng Gai"}}
    text = dump_record(data, "../schema/unit.schema.json")
    assert text.splitlines()[1:] == [
        "ma_don_vi: so-tu-phap", "ten_don_vi: Sở Tư pháp", "loai_don_vi: Sở, ban, ngành",
        "lien_he:", "  dia_chi: Phường Hồng Gai", "  website: https://example.gov.vn/",
    ]
    model, problems = validate_document(_load(text), Unit)
    assert problems == [] and model == Unit.model_validate(data)


def test_text_that_a_literal_block_cannot_carry_falls_back_to_double_quotes():
    value = "dòng 1  \ndòng 2\twith tab\r\n"
    text = dump_record({"ma_don_vi": "x", "gioi_thieu": value}, "u")
    assert 'gioi_thieu: "' in text
    assert _load(text).data["gioi_thieu"] == value


# --- The fast scalar analysis and plain writer give PyYAML's own output ----------------------

class _Reference(yamlwriter._Dumper):
    """The writer's dumper with PyYAML's own per-character analysis and plain writer."""

    analyze_scalar = yaml.emitter.Emitter.analyze_scalar
    write_plain = yaml.emitter.Emitter.write_plain


def _pyyaml_analysis(text: str) -> dict:
    return vars(yaml.emitter.Emitter(io.StringIO(), allow_unicode=True).analyze_scalar(text))


#: Every character the analysis treats apart, and a few ordinary ones.
_TRICKY = list(" \n\t\r\x00\x85\u2028\u2029\ufeff\ufffe\ud800\ue000\U00010000\U0010ffff"
               "\x7f\xa0#:-?,[]{}&*!|>'\"%@`.~aăĐ1")


@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=12))
@examples(300)
def test_scalar_analysis_is_pyyaml_s(text):
    assert vars(yamlwriter._analysis(text)) == _pyyaml_analysis(text)


@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=12))
@examples(150)
def test_written_text_is_what_pyyaml_writes(text):
    data = {"ma_don_vi": "x", "ten_don_vi": text, "lien_he": {"dia_chi": [text, "b"]}}
    fast = dump_record(data, "u")
    yamlwriter._Dumper, saved = _Reference, yamlwriter._Dumper
    try:
        assert fast == dump_record(data, "u")
    finally:
        yamlwriter._Dumper = saved


def test_committed_records_are_written_as_pyyaml_writes_them(monkeypatch):
    """Every sample record, loaded and written again: byte for byte PyYAML's own output."""
    records = [yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in sorted((ROOT / "procedures").glob("*.yaml"))]
    assert len(records) > 50
    fast = [dump_record(record, REF) for record in records]
    monkeypatch.setattr(yamlwriter, "_Dumper", _Reference)
    assert fast == [dump_record(record, REF) for record in records]
