"""The committed real-record subset (tests/corpus/): import to publish with no hand edits, and
a summary that tells the truth on every record.

99 real national records (tests/corpus/subset.txt says why each is there) are imported into a
new site as `congkhai init` writes it; `congkhai check` must pass with located warnings only,
each summary must say exactly what tests/corpus/expected.yaml says (regenerate with
`.venv/bin/python -m tests.corpus.subset`), and a real `mkdocs build --strict` must give one
page per record, none showing a summary fault of the issue.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.records.config import load_config
from generator.records.loader import LoadedDocument, load_file
from generator.records.project import load_project
from generator.records.schema import Procedure
from generator.records.smells import record_smells
from generator.records.validate import validate_document
from generator.tools.cli import main
from generator.tools.importer import portal_parse as pp
from generator.tools.importer.importer import from_portal
from tests.corpus.subset import EXPECTED, SOURCE, make_project, summaries

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus import LIST_LIMIT, list_pages, summary_faults  # noqa: E402

#: Every smell the corpus analysis found that stays in imported YAML (the source's words are
#: kept); the subset must show each at least once.
SMELL_CODES = {
    "thoi_han_khong_don_vi", "thoi_han_bang_0", "thoi_han_khong_ro", "phi_mien_phi_mau_thuan",
    "phi_so_tien_lech", "phi_so_tien_nho", "chua_co_thong_tin", "truc_tuyen_chua_ro_muc_do",
    "ho_so_thu_tu_lon_xon", "cach_thuc_nhieu_dong", "phi_ghi_khac_nhau",
}
#: Dossier smells the importer repairs itself (notes, headings and "Số lượng hồ sơ" leave the
#: checklist): seen on the rows as the portal gives them, never in the imported YAML.
DOSSIER_SMELLS = {"ho_so_ghi_chu_nhu_giay_to", "ho_so_nhom_luu_y", "ho_so_tieu_de_nhu_giay_to",
                  "ho_so_so_bo_nhu_giay_to"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus") / "site"
    result = make_project(root)
    return root, result


def _models(root: Path) -> list[Procedure]:
    models = []
    for path in sorted((root / "procedures").glob("*.yaml")):
        doc, _ = load_file(path)
        model, problems = validate_document(doc, Procedure)
        assert problems == [] and model is not None, (path.name, problems)
        models.append(model)
    return models


def test_every_record_is_imported_once(project):
    root, result = project
    assert len(list(SOURCE.glob("*.json"))) == 99
    assert len(result.written) == 98  # one code is in the subset twice (portal + corpus)
    assert result.skipped == ["bo-nong-nghiep-mt__1.000025.json"] or len(result.skipped) == 1
    assert len(_models(root)) == 98


def test_check_passes_with_located_warnings(project, capsys):
    root, _result = project
    rc = main(["--root", str(root), "check"])
    captured = capsys.readouterr()
    out = captured.out.strip().splitlines()
    assert rc == 0, captured.out + captured.err
    assert "congkhai check: 0 lỗi, " in captured.err
    assert out
    for line in out:
        assert re.match(r"procedures/\d\.\d{6}\.yaml:\d+:\d+: cảnh báo: \S", line), line


def test_summaries_are_exactly_the_expected_ones(project):
    root, _result = project
    expected = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    found = summaries(root)
    assert sorted(found) == sorted(expected)
    for code in expected:
        assert found[code] == expected[code], code


def test_the_subset_covers_every_smell(project):
    root, _result = project
    seen = {smell.code for model in _models(root) for smell in record_smells(model)}
    assert seen >= SMELL_CODES, SMELL_CODES - seen


def test_dossier_smells_are_found_on_the_portals_rows_and_repaired_by_import(project):
    root, _result = project
    seen: set[str] = set()
    for path in sorted(SOURCE.glob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        record = from_portal(obj, path.name)
        text = {**{k: obj.get(k, "") for k in pp.SECTION_FIELDS},
                **pp.raw_sections(obj.get("raw_text", ""))}
        raw_groups, _notes = pp.parse_dossier(text["thanh_phan_ho_so"])
        data = {**record.data, "co_quan_thuc_hien": "x", "thanh_phan_ho_so": raw_groups,
                "so_bo_ho_so": None}
        model, _problems = validate_document(LoadedDocument(path.name, data), Procedure)
        if model is not None:
            seen |= {smell.code for smell in record_smells(model)}
    assert seen >= DOSSIER_SMELLS, DOSSIER_SMELLS - seen
    imported = {smell.code for model in _models(root) for smell in record_smells(model)}
    assert not DOSSIER_SMELLS & imported


def test_no_summary_says_a_bare_number_or_free_beside_money(project):
    root, _result = project
    for code, s in summaries(root).items():
        assert not re.fullmatch(r"\d+", s["thoi_han"]), code
        assert s["phi"] != "Không", code  # unknown is said as unknown, never "Không"
        if s["nut"]:
            assert s["nut"][1].startswith("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"), code
            assert "Không có hình thức" not in s["truc_tuyen"], code


def test_the_import_report_lists_smells_per_record(project):
    _root, result = project
    report = "\n".join(result.lines)
    assert ("  - cảnh báo: cach_thuc_thuc_hien[0].thoi_han_mo_ta: cách thức «Trực tuyến»: thời "
            "hạn «1» không có đơn vị") in report
    assert "  - lưu ý: cach_thuc_thuc_hien: có cách thức Trực tuyến nhưng chưa ghi mức độ" in report


# --- A real build -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(project):
    root, _result = project
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def _page(site: Path, code: str) -> BeautifulSoup:
    return BeautifulSoup((site / "thu-tuc" / code / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def test_one_page_per_record_and_no_summary_fault(site):
    pages = [p for p in (site / "thu-tuc").glob("*/index.html")
             if re.fullmatch(r"\d\.\d{6}", p.parent.name)]
    assert len(pages) == 98
    faults = {p.parent.name: summary_faults(p.read_text(encoding="utf-8")) for p in pages}
    assert {code: f for code, f in faults.items() if f} == {}


def test_list_pages_are_small(site):
    assert [p for p in list_pages(site) if p[1] > LIST_LIMIT] == []


def test_summary_box_comes_first_with_key_documents(site):
    page = _page(site, "1.000080")
    headings = [h.get_text(strip=True) for h in page.select("article.ck-procedure > section > h2")]
    assert headings[:3] == ["Tóm tắt", "Hồ sơ cần chuẩn bị", "Trình tự thực hiện"]
    docs = page.select_one(".ck-summary .ck-key-docs")
    assert docs.select("li")
    assert re.fullmatch(r"Xem đủ \d+ giấy tờ", docs.select_one("a[href='#ho-so']").get_text())


def test_notes_are_text_not_checkboxes(site):
    page = _page(site, "1.000080")
    notes = page.select(".ck-dossier-note li")
    assert notes
    for item in page.select(".ck-checklist .ck-doc"):
        assert not re.match(r"\W{0,4}(Lưu ý|Ghi chú)", item.get_text(strip=True))


def test_button_goes_to_the_procedures_own_portal_page(site):
    page = _page(site, "1.000005")
    button = page.select_one(".ck-summary .ck-actions a")
    assert button.get_text(strip=True) == "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia"
    assert button["href"] == ("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"
                              "019d2bfb-cfb3-75d8-9160-fa2bd2ac950a")
    assert _page(site, "1.000016").select_one(".ck-summary .ck-actions") is None


def test_gap_is_said_in_place_with_whom_to_ask(site):
    page = _page(site, "1.000014")
    gap = page.select_one("section[aria-labelledby='ket-qua'] .ck-gap").get_text(strip=True)
    assert gap == ("Cơ sở dữ liệu quốc gia về thủ tục hành chính chưa có thông tin về kết quả "
                   "thực hiện của thủ tục này. Để biết thêm, xin hỏi Ủy ban nhân dân tỉnh Thử "
                   "nghiệm, 0203.3000.000.")


def test_checking_one_file_finds_exactly_what_checking_all_finds_for_it(project):
    """`congkhai check FILE` skips the one-record checks of other files (`check_records(only=…)`)
    and takes the checks of one record alone from loading it: a real record's problems are the
    same whether the whole project or only it is checked."""
    root, _result = project
    config = load_config(root / "mkdocs.yml")
    whole = load_project(root, config).problems
    assert any(p.severity == "warning" for p in whole)
    with_problems = sorted({p.path for p in whole})
    without = [p.relative_to(root).as_posix() for p in sorted((root / "procedures").iterdir())
               if p.relative_to(root).as_posix() not in with_problems]
    for shown in with_problems[:8] + without[:3]:
        alone = load_project(root, config, targets=[root / shown]).problems
        assert alone == [p for p in whole if p.path == shown]
