"""Open data under `api/` (generator/opendata.py, feeds.py, cpsv.py): every file of the built
fixture site parses, and its content matches the records it was made from."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

from generator.build import build_site
from generator.records.config import load_config
from generator.records.jsonschema import render_schemas

from .conftest import FIXTURE

SITE_URL = "https://example.gov.vn/tthc/"
ATOM = "{http://www.w3.org/2005/Atom}"


def records(folder: str) -> dict[str, dict]:
    """The fixture's YAML records by their id, read without the generator."""
    out = {}
    for path in sorted((FIXTURE / folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        key = data.get("ma_thu_tuc") or data.get("ma_don_vi") or data.get("ma_chi_so")
        out[str(key)] = data
    return out


PROCEDURES = records("procedures")
UNITS = records("units")
CURRENT = sorted(code for code, p in PROCEDURES.items() if p.get("trang_thai") != "đã bãi bỏ")
ABOLISHED = sorted(code for code, p in PROCEDURES.items() if p.get("trang_thai") == "đã bãi bỏ")


def read_json(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


def read_csv(site: Path, path: str) -> list[dict[str, str]]:
    raw = (site / path).read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")), "CSV must carry a BOM for spreadsheets"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


# --- Every file -----------------------------------------------------------------------------


def test_api_holds_exactly_the_documented_files(fixture_site):
    files = sorted(p.relative_to(fixture_site).as_posix()
                   for p in (fixture_site / "api").rglob("*") if p.is_file())
    assert files == sorted([
        "api/cpsv-ap.jsonld", "api/don-vi.json", "api/thay-doi.json", "api/thay-doi.xml",
        "api/thu-tuc.csv", "api/thu-tuc.json",
        "api/diem-so/cchc-mau.csv", "api/diem-so/cchc-mau.json",
        "api/schema/index.schema.json", "api/schema/procedure.schema.json",
        "api/schema/unit.schema.json",
        *[f"api/thu-tuc/{code}.json" for code in PROCEDURES],
    ])


def test_every_api_file_parses(fixture_site):
    for path in sorted((fixture_site / "api").rglob("*")):
        if path.suffix in (".json", ".jsonld"):
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            rows = read_csv(fixture_site, path.relative_to(fixture_site).as_posix())
            assert rows, path
        elif path.suffix == ".xml":
            ET.fromstring(path.read_bytes())
        elif path.is_file():
            pytest.fail(f"unexpected file {path}")


# --- Procedures -----------------------------------------------------------------------------


def test_procedure_list_has_current_procedures_only(fixture_site):
    data = read_json(fixture_site, "api/thu-tuc.json")
    codes = [row["ma_thu_tuc"] for row in data["thu_tuc"]]
    assert codes == CURRENT and data["so_thu_tuc"] == len(CURRENT)
    assert not set(ABOLISHED) & set(codes)
    rows = read_csv(fixture_site, "api/thu-tuc.csv")
    assert [r["ma_thu_tuc"] for r in rows] == CURRENT
    assert sorted(rows[0]) == sorted(data["thu_tuc"][0]), "CSV columns = JSON keys"


def test_procedure_list_row(fixture_site):
    row = next(r for r in read_json(fixture_site, "api/thu-tuc.json")["thu_tuc"]
               if r["ma_thu_tuc"] == "1.001193")
    assert row == {
        "ma_thu_tuc": "1.001193", "ten_thu_tuc": "Thủ tục đăng ký khai sinh",
        "linh_vuc": "Hộ tịch", "cap_thuc_hien": ["Cấp xã"],
        "ma_don_vi": "ubnd-xa-a", "ten_don_vi": "UBND xã A <b>mẫu</b>",
        "thoi_han_giai_quyet": "1 ngày làm việc", "phi_le_phi": "Miễn phí",
        "dia_diem_thuc_hien": "UBND xã A <b>mẫu</b>, Thôn 1, xã A",
        "cach_thuc_thuc_hien": ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"],
        "muc_do_dvc": "toàn trình", "dia_chi_truc_tuyen": "https://dichvucong.gov.vn/",
        "duong_dan": "thu-tuc/1.001193/", "du_lieu": "api/thu-tuc/1.001193.json",
        "quyet_dinh_moi_nhat": "100/QĐ-UBND", "ngay_quyet_dinh_moi_nhat": "2026-03-16",
        "loai_quyet_dinh_moi_nhat": "sửa đổi, bổ sung", "ngay_cap_nhat": "2026-03-20",
    }
    csv_row = next(r for r in read_csv(fixture_site, "api/thu-tuc.csv")
                   if r["ma_thu_tuc"] == "1.001193")
    assert csv_row["cach_thuc_thuc_hien"] == "Trực tiếp; Trực tuyến; Dịch vụ bưu chính"
    assert csv_row["ten_don_vi"] == "UBND xã A <b>mẫu</b>"  # data, not HTML: kept as written
    # Every row's page exists in the built site.
    for r in read_csv(fixture_site, "api/thu-tuc.csv"):
        assert (fixture_site / r["duong_dan"] / "index.html").is_file()


def test_each_procedure_file_holds_its_record_valid_against_the_schema(fixture_site):
    schema = read_json(fixture_site, "api/schema/procedure.schema.json")
    validator = Draft7Validator(schema)
    for code, source in PROCEDURES.items():
        data = read_json(fixture_site, f"api/thu-tuc/{code}.json")
        record = data["record"]
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(record)]
        assert errors == [], code
        assert record["ma_thu_tuc"] == code == data["ma_thu_tuc"]
        assert record["ten_thu_tuc"] == source["ten_thu_tuc"]
        assert len(record["cong_bo"]) == len(source["cong_bo"])
        assert data["duong_dan"] == f"thu-tuc/{code}/"
        assert data["ban_nhung"] == f"embed/thu-tuc/{code}/"
        abolished = source.get("trang_thai") == "đã bãi bỏ"
        assert data["trang_thai"] == ("đã bãi bỏ" if abolished else "đang áp dụng")
        assert data["tom_tat"]["dang_ap_dung"] is not abolished
    assert read_json(fixture_site, "api/thu-tuc/1.001193.json")["tom_tat"][
        "thoi_han_iso8601"] == "P1D"


def test_published_schemas_are_the_records_schemas(fixture_site):
    expected = render_schemas(load_config(FIXTURE / "mkdocs.yml"))
    for name, text in expected.items():
        assert (fixture_site / "api" / "schema" / name).read_text(encoding="utf-8") == text


# --- Units and scores -----------------------------------------------------------------------


def test_units_file(fixture_site):
    data = read_json(fixture_site, "api/don-vi.json")
    assert [u["ma_don_vi"] for u in data["don_vi"]] == sorted(UNITS)
    assert data["so_don_vi"] == len(UNITS)
    validator = Draft7Validator(read_json(fixture_site, "api/schema/unit.schema.json"))
    for unit in data["don_vi"]:
        assert list(validator.iter_errors(unit["record"])) == [], unit["ma_don_vi"]
        assert unit["ten_don_vi"] == UNITS[unit["ma_don_vi"]]["ten_don_vi"]
    xa_a = next(u for u in data["don_vi"] if u["ma_don_vi"] == "ubnd-xa-a")
    assert xa_a["duong_dan"] == "don-vi/ubnd-xa-a/"
    assert xa_a["so_thu_tuc_dang_ap_dung"] == sum(
        1 for code in CURRENT if PROCEDURES[code]["co_quan_thuc_hien"] == "ubnd-xa-a")
    assert xa_a["chi_so"] == ["cchc-mau"]


def test_scores_per_index(fixture_site):
    entries = [(uid, e) for uid, u in UNITS.items()
               for e in u.get("diem_so", {}).get("cchc-mau", [])]
    rows = read_csv(fixture_site, "api/diem-so/cchc-mau.csv")
    data = read_json(fixture_site, "api/diem-so/cchc-mau.json")
    assert len(rows) == len(entries) == len(data["ket_qua"]) == data["so_ket_qua"]
    assert {(r["ma_don_vi"], int(r["nam"])) for r in rows} == {(u, e["nam"]) for u, e in entries}
    assert [int(r["nam"]) for r in rows] == sorted(int(r["nam"]) for r in rows)
    for column in ("loai_don_vi", "tong_diem", "xep_hang_chinh_thuc", "xep_hang_tinh_toan",
                   "xep_loai", "nguon_van_ban", "thanh_phan:chi-dao", "thanh_phan:chinh-quyen-so"):
        assert column in rows[0]
    row = next(r for r in rows if r["ma_don_vi"] == "so-tu-phap" and r["nam"] == "2022")
    assert (row["tong_diem"], row["xep_hang_chinh_thuc"], row["so_don_vi_xep_hang"]) == (
        "85.0", "2", "30")
    assert row["thanh_phan:chi-dao"] == "34.0" and row["thanh_phan:chinh-quyen-so"] == ""
    assert row["nguon_van_ban"] == "Quyết định 30/QĐ-UBND công bố Chỉ số CCHC năm 2022"
    result = next(r for r in data["ket_qua"] if r["ma_don_vi"] == "so-tu-phap" and r["nam"] == 2024)
    assert [c["ma"] for c in result["thanh_phan"]] == ["chi-dao", "thu-tuc", "chinh-quyen-so"]
    validator = Draft7Validator(read_json(fixture_site, "api/schema/index.schema.json"))
    assert list(validator.iter_errors(data["dinh_nghia"])) == []


# --- Change feed ----------------------------------------------------------------------------


def expected_changes() -> list[tuple[str, str, str, str | None]]:
    """(code, decision number, kind, date) of every decision entry in the records."""
    out = []
    for code, p in PROCEDURES.items():
        for d in p["cong_bo"]:
            date = d.get("ngay_ban_hanh")
            out.append((code, d["so_quyet_dinh"], d["loai"], date.isoformat() if date else None))
    return out


def test_json_feed(fixture_site):
    feed = read_json(fixture_site, "api/thay-doi.json")
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["language"] == "vi"
    assert feed["home_page_url"] == SITE_URL
    assert feed["feed_url"] == SITE_URL + "api/thay-doi.json"
    items = feed["items"]
    for item in items:
        assert item["id"] and (item.get("content_text") or item.get("content_html"))
        assert item["url"].startswith(SITE_URL + "thu-tuc/")
    assert len({item["id"] for item in items}) == len(items)
    got = [(i["_congkhai"]["ma_thu_tuc"], i["_congkhai"]["so_quyet_dinh"], i["_congkhai"]["loai"],
            i["_congkhai"]["ngay_ban_hanh"]) for i in items]
    assert sorted(got, key=str) == sorted(expected_changes(), key=str)
    # Dated decisions first, newest first; undated (national) decisions last, without a date.
    dates = [i.get("date_published") for i in items]
    dated = [d for d in dates if d]
    assert dates[:len(dated)] == dated and all(d is None for d in dates[len(dated):])
    assert dated == sorted(dated, reverse=True)
    assert dated[0] == "2026-05-04T00:00:00+07:00"
    first = items[0]
    assert first["_congkhai"]["ma_thu_tuc"] in ABOLISHED and first["_congkhai"]["loai"] == "bãi bỏ"
    assert first["title"] == "Bãi bỏ: Thủ tục đăng ký khai tử lưu động"
    assert "Có hiệu lực từ ngày 01/06/2026" in first["content_text"]


def test_atom_feed_is_well_formed_and_matches_the_json_feed(fixture_site):
    root = ET.fromstring((fixture_site / "api" / "thay-doi.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}").text
    assert root.find(f"{ATOM}author/{ATOM}name").text == "UBND tỉnh Mẫu"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == SITE_URL + "api/thay-doi.xml"
    entries = root.findall(f"{ATOM}entry")
    items = read_json(fixture_site, "api/thay-doi.json")["items"]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [i["url"] for i in items]
    assert [e.find(f"{ATOM}title").text for e in entries] == [i["title"] for i in items]
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith(SITE_URL)
        assert entry.find(f"{ATOM}updated").text.endswith("+07:00")
    # A name with markup is text in the feed, not markup.
    raw = (fixture_site / "api" / "thay-doi.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw
    assert any("</title><script>" in e.find(f"{ATOM}title").text for e in entries)


# --- CPSV-AP --------------------------------------------------------------------------------


def test_cpsv_ap_export(fixture_site):
    doc = read_json(fixture_site, "api/cpsv-ap.jsonld")
    context = doc["@context"]
    assert context["cpsv"] == "http://purl.org/vocab/cpsv#"
    assert context["cv"] == "http://data.europa.eu/m8g/"
    assert context["dct"] == "http://purl.org/dc/terms/"
    assert context["eli"] == "http://data.europa.eu/eli/ontology#"
    assert context["schema"] == "https://schema.org/"
    services = {s["dct:identifier"]: s for s in doc["@graph"]}
    assert sorted(services) == CURRENT
    s = services["1.001193"]
    assert s["@type"] == "cpsv:PublicService" and s["@id"] == SITE_URL + "thu-tuc/1.001193/"
    assert s["dct:title"] == "Thủ tục đăng ký khai sinh"
    assert s["dct:description"] == "Đăng ký khai sinh cho trẻ em sinh ra."
    assert s["cv:processingTime"] == "P1D"
    authority = s["cv:hasCompetentAuthority"]
    assert authority["@type"] == "cv:PublicOrganisation"
    assert authority["skos:prefLabel"] == "UBND xã A <b>mẫu</b>"
    assert authority["@id"] == SITE_URL + "don-vi/ubnd-xa-a/"
    assert [e["dct:title"] for e in s["cpsv:hasInput"]] == [
        "Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh", "Giấy tờ tùy thân"]
    assert all(e["@type"] == "cv:Evidence" for e in s["cpsv:hasInput"])
    assert s["cv:hasCost"] == [{"@type": "cv:Cost", "dct:description": "Miễn phí"}]
    assert [r["dct:identifier"] for r in s["cv:hasLegalResource"]] == ["60/2014/QH13",
                                                                       "123/2015/NĐ-CP"]
    assert s["cv:hasLegalResource"][1]["eli:date_document"] == "2015-11-15"
    assert [c["dct:type"] for c in s["cv:hasChannel"]] == ["Trực tiếp", "Trực tuyến",
                                                          "Dịch vụ bưu chính"]
    online = s["cv:hasChannel"][1]
    assert online["@type"] == "cv:Channel" and online["schema:url"] == "https://dichvucong.gov.vn/"
    assert s["cpsv:produces"] == [{"@type": "cv:Output", "dct:title": "Giấy khai sinh",
                                   "dct:identifier": "KQ.G15.000031"}]
    # Channels with different limits: each channel has its own; the service the first's.
    permit = services["1.013225"]
    assert [c.get("cv:processingTime") for c in permit["cv:hasChannel"]] == ["P20D", "P15D"]
    assert permit["cv:processingTime"] == "P20D"


# --- Without site_url -----------------------------------------------------------------------


def test_without_site_url_feeds_and_json_ld_use_relative_addresses():
    config = load_config(FIXTURE / "mkdocs.yml").model_copy(update={"site_url": None})
    files = {f.path: f.content for f in build_site(FIXTURE, config).output.files}
    feed = json.loads(files["api/thay-doi.json"])
    assert "home_page_url" not in feed and "feed_url" not in feed
    assert all(i["url"].startswith("../thu-tuc/") for i in feed["items"])
    assert all(not i["id"].startswith("http") for i in feed["items"])
    root = ET.fromstring(files["api/thay-doi.xml"])
    assert root.find(f"{ATOM}link[@rel='self']") is None
    assert root.find(f"{ATOM}id").text == "urn:congkhai:thay-doi"
    assert all(e.find(f"{ATOM}id").text.startswith("urn:congkhai:thu-tuc:")
               for e in root.findall(f"{ATOM}entry"))
    graph = json.loads(files["api/cpsv-ap.jsonld"])["@graph"]
    assert {s["@id"] for s in graph} == {f"../thu-tuc/{code}/" for code in CURRENT}
