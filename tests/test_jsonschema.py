"""The published JSON Schema (schema/*.json) is current, draft-07, and agrees with the records.

Records are validated as the editor sees them (`editor_view`): the loader's text values typed by
YAML 1.2 rules, which is what VS Code's yaml-language-server does. Validating pydantic's own
`model_dump()` instead would only show that pydantic agrees with itself (and fills in defaults
the editor never typed); the editor's view shows whether the squiggles in VS Code will match
what `congkhai check` says.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from generator.records.config import load_config
from generator.records.jsonschema import (
    DRAFT_07,
    REGENERATE,
    SCHEMA_DIR,
    editor_view,
    main,
    render_schemas,
)
from generator.records.kinds import KINDS
from generator.records.loader import LoadedDocument, load_file
from generator.records.shapes import PROCEDURE_CODE, SLUG

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "mkdocs.yml")
SCHEMA_FILES = [kind.schema_file for kind in KINDS]
RENDERED = render_schemas(CONFIG)
SCHEMAS = {name: json.loads(text) for name, text in RENDERED.items()}

#: Record folder → the schema its files use.
FOLDERS = {
    CONFIG.procedures_dir: "procedure.schema.json",
    CONFIG.units_dir: "unit.schema.json",
    CONFIG.indexes_dir: "index.schema.json",
}
SCHEMA_BY_KEY = {"ma_thu_tuc": "procedure.schema.json", "ma_don_vi": "unit.schema.json",
                 "ma_chi_so": "index.schema.json"}
SAMPLES = sorted(
    (path.relative_to(ROOT).as_posix(), schema)
    for folder, schema in FOLDERS.items()
    for path in (ROOT / folder).glob("*.y*ml")
)


def validator(schema_name: str) -> Draft7Validator:
    return Draft7Validator(SCHEMAS[schema_name], format_checker=Draft7Validator.FORMAT_CHECKER)


def loaded(relative: str) -> LoadedDocument:
    doc, problems = load_file(ROOT / relative, relative)
    assert doc is not None, [p.format() for p in problems]
    return doc


def errors(relative: str, schema_name: str | None = None) -> list[tuple[list[Any], str]]:
    doc = loaded(relative)
    schema_name = schema_name or next(s for k, s in SCHEMA_BY_KEY.items() if k in doc.data)
    found = validator(schema_name).iter_errors(editor_view(doc))
    return sorted((list(e.absolute_path), e.validator) for e in found)


def nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from nodes(value)


def objects(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "(gốc)", schema
    yield from schema.get("definitions", {}).items()


# --- The committed files --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_is_current(name: str):
    committed = ROOT / SCHEMA_DIR / name
    assert committed.exists(), f"thiếu {SCHEMA_DIR}/{name}; tạo bằng: {REGENERATE}"
    assert committed.read_text(encoding="utf-8") == RENDERED[name], (
        f"{SCHEMA_DIR}/{name} đã cũ so với generator/schema.py hoặc mkdocs.yml; "
        f"tạo lại bằng: {REGENERATE}"
    )


def test_rendering_is_deterministic_sorted_and_indented():
    assert render_schemas(CONFIG) == RENDERED
    for text in RENDERED.values():
        assert text.endswith("}\n")
        canonical = json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True)
        assert text == canonical + "\n"


def test_command_line_writes_the_files(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    assert main(["--root", str(tmp_path)]) == 0
    for name, text in RENDERED.items():
        assert (tmp_path / SCHEMA_DIR / name).read_text(encoding="utf-8") == text


# --- Draft-07, as VS Code's YAML extension reads it ----------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schema_is_draft_07(name: str):
    schema = SCHEMAS[name]
    assert schema["$schema"] == DRAFT_07
    Draft7Validator.check_schema(schema)
    assert "$defs" not in RENDERED[name]
    for node in nodes(schema):
        if "$ref" in node:
            assert set(node) == {"$ref"}, f"draft-07 ignores keywords beside $ref: {node}"
            target = node["$ref"].removeprefix("#/definitions/")
            assert target in schema["definitions"], node["$ref"]


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_every_property_has_a_title_and_a_vietnamese_description(name: str):
    for owner, obj in objects(SCHEMAS[name]):
        assert obj["additionalProperties"] is False, owner
        assert obj.get("title"), owner
        for key, prop in obj["properties"].items():
            assert prop["title"] and prop["title"] != key, f"{owner}.{key}: no label"
            description = prop.get("description", "")
            # Vietnamese, not English: it carries accented letters (ư, ơ, đ, tone marks).
            assert any(ord(ch) > 127 and ch.isalpha() for ch in description), (
                f"{owner}.{key}: {description!r}"
            )


def test_catalogues_from_mkdocs_yml_are_enums():
    procedure = SCHEMAS["procedure.schema.json"]["properties"]
    # The project's sectors, then the national list shipped with congkhai.
    assert procedure["linh_vuc"]["enum"] == CONFIG.catalogue("linh_vuc")
    assert procedure["cap_thuc_hien"]["items"]["enum"] == CONFIG.cap_thuc_hien
    unit = SCHEMAS["unit.schema.json"]["properties"]
    assert unit["loai_don_vi"]["enum"] == CONFIG.loai_don_vi
    assert unit["cap"]["enum"] == [*CONFIG.cap_thuc_hien, None]
    index = SCHEMAS["index.schema.json"]["definitions"]
    for model in ("FrameworkVersion", "BandSet"):
        assert index[model]["properties"]["ap_dung_cho"]["items"]["enum"] == CONFIG.loai_don_vi


def test_literals_patterns_and_optional_fields():
    procedure = SCHEMAS["procedure.schema.json"]
    props = procedure["properties"]
    assert props["trang_thai"]["enum"] == ["đang áp dụng", "đã bãi bỏ"]
    assert props["trang_thai"]["default"] == "đang áp dụng"
    assert props["ma_thu_tuc"]["pattern"] == PROCEDURE_CODE.regex
    assert props["ma_thu_tuc"]["patternErrorMessage"].startswith("Mã thủ tục phải có dạng")
    assert props["co_quan_thuc_hien"]["pattern"] == SLUG.regex
    assert props["mo_ta"]["type"] == ["string", "null"]
    assert props["muc_do_dvc"]["enum"] == ["toàn trình", "một phần", None]
    assert props["ngay_cap_nhat"]["format"] == "date"
    assert "ma_thu_tuc" in procedure["required"] and "mo_ta" not in procedure["required"]
    channel = procedure["definitions"]["SubmissionChannel"]["properties"]
    assert channel["thoi_han"]["anyOf"] == [{"$ref": "#/definitions/TimeLimit"}, {"type": "null"}]
    unit = SCHEMAS["unit.schema.json"]["properties"]
    assert unit["diem_so"]["additionalProperties"] is False
    assert list(unit["diem_so"]["patternProperties"]) == [SLUG.regex]


# --- Records against the schema -----------------------------------------------------------------


def test_sample_data_is_present():
    kinds = {schema for _, schema in SAMPLES}
    assert kinds == set(SCHEMA_FILES), "procedures/, units/ và indexes/ phải có dữ liệu mẫu"


@pytest.mark.parametrize(("relative", "schema_name"), SAMPLES)
def test_sample_record_matches_its_schema(relative: str, schema_name: str):
    assert errors(relative, schema_name) == []


@pytest.mark.parametrize("name", [
    "abolished_with_decision", "index_full", "nfd_text", "procedure_full", "script_tag",
    "unit_full",
])
def test_good_record_matches_its_schema(name: str):
    assert errors(f"tests/good/{name}.yaml") == []


def test_editor_schema_flags_yaml_1_1_spellings_the_check_accepts():
    """`congkhai check` keeps an unquoted code as typed and reads `yes` as true; an editor using
    YAML 1.2 sees a number and a text, so the schema nudges editors to quote and write true."""
    assert errors("tests/good/unquoted_code.yaml") == [
        (["ma_thu_tuc"], "type"), (["thu_tuc_lien_quan", 0], "type"),
    ]
    assert errors("tests/good/yes_no_in_text.yaml") == [
        (["diem_so", "chi-so-kiem-thu", 0, "khong_cham_diem"], "type"),
        (["diem_so", "chi-so-kiem-thu", 1, "khong_cham_diem"], "type"),
    ]


@pytest.mark.parametrize(("case", "expected"), [
    ("misspelt_key", [([], "additionalProperties"),
                      (["cach_thuc_thuc_hien", 0], "additionalProperties")]),
    ("malformed_code", [(["ma_thu_tuc"], "pattern"), (["thu_tuc_lien_quan", 1], "type")]),
    ("missing_required", [([], "required"), ([], "required"),
                          (["cach_thuc_thuc_hien", 0], "required")]),
    ("unknown_sector", [(["linh_vuc"], "enum")]),
    ("unknown_level", [(["cap_thuc_hien", 0], "enum")]),
    ("unknown_unit_kind", [(["loai_don_vi"], "enum")]),
    ("index_unknown_unit_kind", [(["phien_ban", 0, "ap_dung_cho", 1], "enum")]),
    ("decimal_comma", [(["diem_so", "par-index", 0, "tong_diem"], "type")]),
    ("colon_in_list_item", [(["trinh_tu_thuc_hien", 0], "type")]),
    ("bad_date", [(["can_cu_phap_ly", 0, "ngay_ban_hanh"], "type"),
                  (["cong_bo", 0, "ngay_ban_hanh"], "format"),
                  (["cong_bo", 0, "ngay_hieu_luc"], "format"),
                  (["ngay_cap_nhat"], "type")]),
])
def test_bad_record_fails_its_schema(case: str, expected: list[tuple[list[Any], str]]):
    assert errors(f"tests/bad/{case}.yaml") == sorted(expected)


def test_editor_view_types_plain_scalars_only():
    doc = loaded("tests/good/unit_full.yaml")
    view = editor_view(doc)
    assert view["lien_he"]["dien_thoai"] == "0203.3000.001"  # quoted: stays text
    assert view["hieu_luc_tu"] == "2008-08-01"  # YAML 1.2 has no dates
    entry = view["diem_so"]["chi-so-kiem-thu"][1]
    assert entry["tong_diem"] == 85.5 and entry["xep_hang"] == 2
