"""`congkhai import`: national-portal records and list exports become valid procedure YAML.

The whole shared sample set (104 real records) is imported once into a temporary project;
every file must validate, and `congkhai check` must pass on all of them: a record whose source
lacks an element the law requires lists it in `chua_co_thong_tin` (reported by the importer)
and check warns about it, located, instead of failing.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator.records.loader import load_file
from generator.records.schema import Procedure
from generator.records.validate import validate_document
from generator.tools.cli import main
from generator.tools.importer import portal_parse as pp
from generator.tools.importer.importer import _channels, import_sources

ROOT = Path(__file__).resolve().parent.parent
#: The shared samples sit beside the repository (CI clones it with ../shared next to it).
SAMPLES = ROOT.parent / "shared" / "samples" / "national-portal"
UNIT_MAP = [("Cấp xã", "ubnd-phuong-hong-gai"), ("Cấp tỉnh", "so-tu-phap")]

#: Records whose source lacks a required element: the importer's reason, and the element
#: written to `chua_co_thong_tin` (which `congkhai check` then warns about).
INCOMPLETE = {
    "1.000014": ("nguồn không có kết quả thực hiện", "ket_qua_thuc_hien"),
    "1.000016": ("nguồn không có căn cứ pháp lý", "can_cu_phap_ly"),
    "1.001612": ("nguồn không ghi thời hạn giải quyết", "thoi_han_giai_quyet"),
    "1.001664": ("nguồn không có căn cứ pháp lý", "can_cu_phap_ly"),
    "3.000165": ("nguồn không có căn cứ pháp lý", "can_cu_phap_ly"),
    "3.000179": ("nguồn không có căn cứ pháp lý", "can_cu_phap_ly"),
}

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared samples not available")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A throw-away project: the real catalogues, two units, and every sample imported."""
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "units").mkdir()
    (root / "indexes").mkdir()
    units = [("so-tu-phap", "Sở Tư pháp", "Sở, ban, ngành"),
             ("ubnd-phuong-hong-gai", "UBND phường Hồng Gai", "Xã, phường, đặc khu")]
    for unit_id, name, kind in units:
        (root / "units" / f"{unit_id}.yaml").write_text(
            f"ma_don_vi: {unit_id}\nten_don_vi: {name}\nloai_don_vi: {kind}\n", encoding="utf-8")
    result = import_sources([SAMPLES], root / "procedures", unit_map=UNIT_MAP,
                            ngay_cap_nhat=dt.date(2026, 11, 20))
    return root, result


def _record(project, code: str) -> Procedure:
    root, _result = project
    doc, problems = load_file(root / "procedures" / f"{code}.yaml")
    assert doc is not None and problems == []
    model, problems = validate_document(doc, Procedure)
    assert problems == [], problems
    return model


def test_every_sample_is_written_and_validates_against_the_schema(project):
    root, result = project
    files = sorted((root / "procedures").glob("*.yaml"))
    assert len(files) == 104 == len(result.written)
    data = {r.code: r.data for r in result.written}
    for path in files:
        doc, problems = load_file(path)
        assert problems == []
        model, problems = validate_document(doc, Procedure)
        assert problems == [], (path.name, problems)
        assert model is not None
        # The written text loads back to exactly what was parsed; gaps are said, not filled.
        assert model == Procedure.model_validate(data[path.stem])
        expected = [INCOMPLETE[path.stem][1]] if path.stem in INCOMPLETE else []
        assert model.chua_co_thong_tin == expected, path.name


def test_the_report_lists_exactly_the_incomplete_records_with_their_reasons(project):
    _root, result = project
    assert {r.code: list(r.missing.values()) for r in result.incomplete} == {
        code: [reason] for code, (reason, _field) in INCOMPLETE.items()}
    report = "\n".join(result.lines)
    assert ("Hồ sơ còn thiếu thành phần pháp luật yêu cầu (6; đã ghi vào chua_co_thong_tin, "
            "trang ghi rõ là chưa có thông tin):") in report
    assert "\n  thoi_han_khong_don_vi: " in report
    assert "  1.000014 (bo-tai-chinh__1.000014.json): nguồn không có kết quả thực hiện" in report
    assert "Đã ghi 104 tệp, bỏ qua 0." in report


def test_check_passes_and_warns_about_each_gap(project, capsys):
    root, _result = project
    rc = main(["--root", str(root), "check", str(root / "procedures")])
    out = capsys.readouterr().out.strip().splitlines()
    assert rc == 0
    assert not [line for line in out if ": cảnh báo: " not in line and ".yaml:" in line]
    gaps = {(Path(line.split(":")[0]).stem, line.split(": ", 3)[3])
            for line in out if ": chua_co_thong_tin[0]: " in line}
    words = {"ket_qua_thuc_hien": "kết quả thực hiện", "can_cu_phap_ly": "căn cứ pháp lý",
             "thoi_han_giai_quyet": "thời hạn giải quyết"}
    assert gaps == {(code, f"chưa có thông tin {words[field]} (Cơ sở dữ liệu quốc gia chưa có) "
                     f"(gợi ý: bổ sung `{field}` rồi xóa dòng này)")
                    for code, (_reason, field) in INCOMPLETE.items()}


def test_report_says_which_unit_each_record_got_and_why(project):
    _root, result = project
    report = "\n".join(result.lines)
    line = next(line for line in result.lines if line.startswith("bo-tu-phap__1.001193.json → "))
    assert line.endswith("(cơ quan thực hiện: ubnd-phuong-hong-gai, --unit-map «Cấp xã», "
                         "cấp thực hiện: Cấp xã)")
    assert ("(cơ quan thực hiện: so-tu-phap, --unit-map «Cấp tỉnh», cấp thực hiện: Cấp tỉnh)"
            in report)
    assert "\nCơ quan thực hiện đã gán:\n  so-tu-phap (--unit-map «Cấp tỉnh»): 1.000016, " in report


def test_khai_sinh_is_split_into_structure(project):
    p = _record(project, "1.001193")
    assert p.ma_thu_tuc == "1.001193" and p.ten_thu_tuc == "Thủ tục đăng ký khai sinh"
    assert p.doi_tuong_thuc_hien == ["Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"]
    assert p.co_quan_thuc_hien == "ubnd-phuong-hong-gai"
    channels = [(c.hinh_thuc, c.thoi_han, c.thoi_han_mo_ta, c.phi_le_phi)
                for c in p.cach_thuc_thuc_hien]
    assert channels == [("Trực tuyến", None, "1", "Miễn phí"),
                        ("Dịch vụ bưu chính", None, "1", "Miễn phí"),
                        ("Trực tiếp", None, "1", "Miễn phí")]
    assert len(p.trinh_tu_thuc_hien) == 6
    assert p.trinh_tu_thuc_hien[2].startswith("Cán bộ tiếp nhận hồ sơ tại Trung tâm")
    assert "\n(i) Trường hợp hồ sơ đầy đủ" in p.trinh_tu_thuc_hien[2]
    assert "\n+ Trường hợp cần phải kiểm tra" in p.trinh_tu_thuc_hien[3]
    assert p.trinh_tu_thuc_hien[5].startswith("Lưu ý:\n- Trường hợp cha, mẹ trẻ đã đăng ký kết hôn")
    # Notes leave the checklist for the group's `ghi_chu`; a heading row starts its own group.
    assert [(g.nhom, len(g.giay_to), bool(g.ghi_chu)) for g in p.thanh_phan_ho_so] == [
        ("Giấy tờ phải nộp", 4, True), ("Giấy tờ phải xuất trình", 2, True), ("Lưu ý", 0, True),
        ("Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình (theo hình thức trực "
         "tiếp) hoặc tải lên (theo hình thức trực tuyến) các giấy tờ sau", 2, False)]
    assert p.thanh_phan_ho_so[2].ghi_chu.startswith("- Cá nhân có quyền lựa chọn thực hiện")
    first = p.thanh_phan_ho_so[0].giay_to[0]
    assert (first.ten, first.ban_chinh, first.ban_sao) == (
        "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có "
        "thẩm quyền lập.", 1, 0)
    assert [(o.ten, o.ma) for o in p.ket_qua_thuc_hien] == [("Giấy khai sinh", "KQ.G15.000031")]
    legal = {d.so_ky_hieu: d.trich_yeu for d in p.can_cu_phap_ly}
    assert len(p.can_cu_phap_ly) == 15
    assert legal["60/2014/QH13"] == "Luật 60/2014/QH13"
    assert legal["03/2023/TT-BTP"] == ("Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng "
                                       "Bộ Tư pháp")
    assert legal["66.7/2025/NQ-CP"].startswith("Nghị quyết số 66.7/2025/NQ-CP của Chính phủ:")
    assert [(d.so_quyet_dinh, d.co_quan_ban_hanh, d.loai, d.ngay_ban_hanh) for d in p.cong_bo] == [
        ("163/QĐ-BTP", "Bộ Tư pháp", "mới ban hành", None)]
    assert p.nguon == ("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
                       "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7")
    assert p.ngay_cap_nhat == dt.date(2026, 11, 20)


def test_channels_with_units_fees_and_descriptions(project):
    p = _record(project, "1.002755")
    online, direct = p.cach_thuc_thuc_hien
    assert (online.hinh_thuc, online.thoi_han.so, online.thoi_han.don_vi) == (
        "Trực tuyến", 3, "ngày làm việc")
    assert online.phi_le_phi.startswith(
        "5,000 Việt Nam Đồng (- Gia hạn tạm trú (cá nhân, hộ gia đình):")
    assert online.phi_le_phi.endswith("thu 7.000 đồng/lần đăng ký.)")
    assert online.mo_ta.startswith("- Nộp hồ sơ trực tuyến qua các cổng")
    assert direct.phi_le_phi.startswith("10,000 Việt Nam Đồng (")
    assert [o.ma for o in p.ket_qua_thuc_hien] == [
        "KQ.G01.000064", "KQ.G01.000065", "KQ.G01.000067", "KQ.G01.000066"]
    assert [s[:7] for s in p.trinh_tu_thuc_hien] == [f"Bước {n}:" for n in range(1, 6)]
    assert "\n- Trường hợp" in p.trinh_tu_thuc_hien[2]  # a "- " line inside a "Bước" step stays
    units = {(c.thoi_han.so, c.thoi_han.don_vi)
             for c in _record(project, "1.001010").cach_thuc_thuc_hien}
    assert units == {(6, "tháng")}
    assert _record(project, "1.013065").cach_thuc_thuc_hien[0].thoi_han.don_vi == "giờ"
    assert _record(project, "1.000253").cach_thuc_thuc_hien[0].thoi_han.don_vi == "ngày"


def test_forms_are_split_from_document_names(project):
    doc = _record(project, "1.000253").thanh_phan_ho_so[0].giay_to[0]
    assert doc.ten == "Phiếu khai báo tạm trú cho người nước ngoài (mẫu NA17)"
    assert [f.ten for f in doc.mau_don] == ["101-Mau A17 tam tru cho nguoi nuoc ngoai.doc"]
    forms = [f.ten for g in _record(project, "1.001662").thanh_phan_ho_so for d in g.giay_to
             for f in d.mau_don]
    assert forms == ["Mau13.docx", "Mau14.docx"]
    doc = _record(project, "1.000931").thanh_phan_ho_so[0].giay_to[0]
    assert (doc.ban_chinh, doc.ban_sao, [f.ten for f in doc.mau_don]) == (1, 1, ["NA15.pdf"])
    assert doc.ten.endswith("ngày 30/6/2023 của Bộ Công an.")


def test_page_text_repairs_fields_the_crawler_cut_short(project):
    # The crawler's dossier field for 1.001601 starts in the middle of the steps.
    p = _record(project, "1.001601")
    assert [(d.ten, d.ban_chinh) for g in p.thanh_phan_ho_so for d in g.giay_to] == [
        ("Giấy ủy quyền (mẫu số 13-HSB) hoặc Hợp đồng ủy quyền theo quy định của pháp luật.", 1)]
    assert [s[:7] for s in p.trinh_tu_thuc_hien] == ["Bước 1.", "Bước 2.", "Bước 3."]


def test_unmapped_details_are_reported_per_file(project):
    _root, result = project
    report = "\n".join(result.lines)
    assert ("  - cách thức «Trực tuyến»: thời hạn và phí dính liền «120,000 VNĐ(Theo khoản…»: đọc "
            "là thời hạn «1» (không có đơn vị) và phí «20,000 VNĐ»") in report
    assert ("  - cảnh báo: cach_thuc_thuc_hien[0].thoi_han_mo_ta: cách thức «Trực tuyến»: thời "
            "hạn «1» không có đơn vị") in report
    assert "  - quyết định «9303»: không suy ra được cơ quan ban hành, để trống" in report
    assert "  - căn cứ pháp lý: mã văn bản «Luật số 58» không có dạng số/năm/ký hiệu" in report


# --- The command line -------------------------------------------------------------------------


def test_cli_with_one_unit_and_overwrite(tmp_path, capsys):
    source = SAMPLES / "bo-tu-phap__1.004873.json"
    args = ["import", str(source), "--out", str(tmp_path), "--unit", "ubnd-xa-quang-la"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert (f"bo-tu-phap__1.004873.json → {tmp_path / '1.004873.yaml'} (cơ quan thực hiện: "
            "ubnd-xa-quang-la, --unit)") in out
    text = (tmp_path / "1.004873.yaml").read_text(encoding="utf-8")
    assert text.startswith('# yaml-language-server: $schema=../schema/procedure.schema.json\n'
                           'ma_thu_tuc: "1.004873"\n')
    assert main(args) == 1  # nothing written: the file exists
    assert "đã có (dùng --overwrite để ghi đè)" in capsys.readouterr().out
    assert main(args + ["--overwrite"]) == 0
    assert (tmp_path / "1.004873.yaml").read_text(encoding="utf-8") == text


def test_without_a_unit_the_record_is_written_and_reported(tmp_path, capsys):
    source = SAMPLES / "bo-xay-dung__1.002693.json"
    assert main(["import", str(source), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert ("  1.002693 (bo-xay-dung__1.002693.json): chưa có cơ quan thực hiện: nguồn quốc gia "
            "không ghi đơn vị địa phương (dùng --unit hoặc --unit-map)") in out
    assert "co_quan_thuc_hien" not in (tmp_path / "1.002693.yaml").read_text(encoding="utf-8")


def test_unit_map_matches_the_source_agency_text(tmp_path):
    result = import_sources([SAMPLES / "bo-cong-an__1.002755.json"], tmp_path,
                            unit_map=[("Công an cấp Xã", "cong-an-tinh")])
    record = result.written[0]
    assert record.data["co_quan_thuc_hien"] == "cong-an-tinh"
    assert record.unit_reason == "--unit-map «Công an cấp Xã», cơ quan thực hiện ghi trong nguồn"


def test_bad_arguments_are_refused(tmp_path, capsys):
    assert main(["import", str(tmp_path / "none.json"), "--out", str(tmp_path)]) == 2
    with pytest.raises(SystemExit):
        main(["import", str(SAMPLES), "--unit-map", "Cấp xã"])
    with pytest.raises(SystemExit):
        main(["import", str(SAMPLES), "--unit", "Sở Tư pháp"])
    with pytest.raises(SystemExit):
        main(["import", str(SAMPLES), "--ngay-cap-nhat", "20/11/2026"])


def test_xlsx_list_gives_skeletons_and_reports_what_they_lack(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    sheet.append(["STT", "Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"])
    sheet.append([1, "1.000120", "Thủ tục đăng ký kết hôn", "Bộ Tư pháp", "UBND cấp xã", "Hộ tịch"])
    sheet.append([2, 1.00065, "no", "Bộ Tư pháp", "UBND cấp xã", "Hộ tịch"])
    sheet.append([3, "1.000120", "Trùng mã", "Bộ Tư pháp", "UBND cấp xã", "Hộ tịch"])
    path = tmp_path / "danh-sach.xlsx"
    book.save(path)
    out = tmp_path / "out"
    unit_map = "UBND cấp xã=ubnd-phuong-ha-long"  # matched on the list's agency column
    assert main(["import", str(path), "--out", str(out), "--unit-map", unit_map]) == 0
    report = capsys.readouterr().out
    doc, problems = load_file(out / "1.000120.yaml")
    assert problems == [] and doc.data == {
        "ma_thu_tuc": "1.000120", "ten_thu_tuc": "Thủ tục đăng ký kết hôn", "linh_vuc": "Hộ tịch",
        "co_quan_thuc_hien": "ubnd-phuong-ha-long"}
    assert 'ma_thu_tuc: "1.000120"' in (out / "1.000120.yaml").read_text(encoding="utf-8")
    # The second row's code was typed as a number: read back with its six decimals.
    assert "  - mã thủ tục là số trong Excel (1.00065), đọc thành «1.000650»" in report
    assert load_file(out / "1.000650.yaml")[0].data["ten_thu_tuc"] == "no"
    assert "danh-sach.xlsx dòng 5: bỏ qua — mã 1.000120 đã có ở nguồn trước" in report
    assert ("  - cơ quan ban hành «Bộ Tư pháp»: danh sách không có số quyết định công bố, "
            "chưa ghi được cong_bo") in report
    lacking = [line.split(": ", 1)[1] for line in report.splitlines()
               if line.startswith("  1.000120 (danh-sach.xlsx dòng 3)")]
    assert lacking == [
        "danh sách không có trình tự thực hiện", "danh sách không có cách thức thực hiện",
        "danh sách không có thành phần hồ sơ", "danh sách không có đối tượng thực hiện",
        "danh sách không có kết quả thực hiện", "danh sách không có căn cứ pháp lý",
        "danh sách không có cấp thực hiện", "danh sách không có quyết định công bố"]


# --- The splitters, on the shapes seen in the samples --------------------------------------------


def test_legal_basis_rows_split_on_document_numbers():
    text = ("Tên văn bản pháp lýMã văn bảnLuật 60/2014/QH1360/2014/QH13Thông tư số "
            "03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư phápThông tư số 03/2023/TT-BTP"
            "Thông tư Hướng dẫn về phí85/2019/TT-BTCLuật số 43/2024/QH15 ngày 29/6/2024"
            "43/2024/QH15")
    docs, notes = pp.parse_legal(text)
    assert docs == [
        {"so_ky_hieu": "60/2014/QH13", "trich_yeu": "Luật 60/2014/QH13"},
        {"so_ky_hieu": "03/2023/TT-BTP",
         "trich_yeu": "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp"},
        {"so_ky_hieu": "85/2019/TT-BTC", "trich_yeu": "Thông tư Hướng dẫn về phí"},
        {"so_ky_hieu": "43/2024/QH15", "trich_yeu": "Luật số 43/2024/QH15 ngày 29/6/2024"},
    ]
    assert notes == []


def test_channels_keep_unitless_times_as_text():
    notes: list[str] = []
    channels = _channels(
        "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1Miễn phí(Không có)"
        "Trực tiếp2 Ngày làm việcKhông có thông tinNộp tại xã", notes)
    assert channels == [
        {"hinh_thuc": "Trực tuyến", "thoi_han_mo_ta": "1", "phi_le_phi": "Miễn phí (Không có)"},
        {"hinh_thuc": "Trực tiếp", "thoi_han": {"so": 2, "don_vi": "ngày làm việc"},
         "mo_ta": "Nộp tại xã"},
    ]
    assert notes == []


def test_dossier_groups_counts_and_forms():
    text = ("* Giấy tờ phải nộp:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
            "- Tờ khai theo mẫu;Mẫu số 01.docx1 bản chính- Bản sao chụp hợp đồng0 bản chính,1 bản sao"
            "* Giấy tờ phải xuất trình:"
            "Tên giấy tờMẫu đơn, tờ khaiSố lượng- Giấy tờ tùy thân1 bản chính")
    groups, notes = pp.parse_dossier(text)
    assert groups == [
        {"nhom": "Giấy tờ phải nộp", "giay_to": [
            {"ten": "Tờ khai theo mẫu;", "mau_don": [{"ten": "Mẫu số 01.docx"}], "ban_chinh": 1},
            {"ten": "Bản sao chụp hợp đồng", "ban_chinh": 0, "ban_sao": 1}]},
        {"nhom": "Giấy tờ phải xuất trình",
         "giay_to": [{"ten": "Giấy tờ tùy thân", "ban_chinh": 1}]},
    ]
    assert notes == []


def test_outcomes_and_decision_issuers():
    outcomes, _ = pp.parse_outcomes("Giấy chứng nhận đăng ký xeMã: KQ.G01.000014Biển số xeMã: "
                                    "KQ.G01.000015Từ khóaKhông có thông tin")
    assert outcomes == [{"ten": "Giấy chứng nhận đăng ký xe", "ma": "KQ.G01.000014"},
                        {"ten": "Biển số xe", "ma": "KQ.G01.000015"}]
    assert pp.decision_issuer("885/QĐ-BCA-C06") == "Bộ Công an"
    assert pp.decision_issuer("379/QĐ-BNNMT") == "Bộ Nông nghiệp và Môi trường"
    assert pp.decision_issuer("1404/QĐ-UBND") is None


def test_json_file_with_a_list_of_records(tmp_path):
    records = [json.loads((SAMPLES / name).read_text(encoding="utf-8"))
               for name in ("bo-tu-phap__1.000656.json", "bo-tu-phap__1.000419.json")]
    (tmp_path / "two.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    result = import_sources([tmp_path / "two.json"], tmp_path / "out", unit="ubnd-phuong-bai-chay")
    assert [(r.code, r.source) for r in result.written] == [("1.000656", "two.json #1"),
                                                            ("1.000419", "two.json #2")]
