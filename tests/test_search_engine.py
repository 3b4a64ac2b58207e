"""The search engine (generator/search/ + site/assets/search.js): ranking rules on real records,
the browser client's text rules equal to the builder's, and the citizens' words file.

The client runs under Node (it is plain JS), against index files the builder wrote, so these
tests exercise the real engine without a browser; tests/browser/test_search.py drives the page.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build import build_site
from generator.records.config import load_config
from generator.search import (
    SearchDoc,
    accent_key,
    accented_tokens,
    build_index,
    check_synonyms,
    fnv1a,
    index_files,
    load_synonyms,
    tokens,
)
from generator.search.build import term_file
from generator.search.synonyms import DEFAULT_SYNONYMS, SynonymsError
from generator.site.families.search import search_doc
from generator.tools.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "generator" / "site" / "assets" / "search.js"
NODE = shutil.which("node")


def run_node(script: str, payload: object) -> object:
    """Run `script` (`api` is the client, `input` the payload); return its JSON result."""
    if NODE is None:
        pytest.skip("node is needed to run the client")
    source = (f"const api = require({json.dumps(str(CLIENT))});\n"
              "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              f"(async () => {{ {script} }})().then(r => process.stdout.write(JSON.stringify(r)));")
    out = subprocess.run([NODE, "-e", source], input=json.dumps(payload, ensure_ascii=False),
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


SEARCH = """
const fs = require("fs"), path = require("path");
const engine = api.createEngine("file:///i/", { json: (u) => {
  const f = path.join(input.dir, u.replace("file:///i/", "").split("?")[0]);
  return Promise.resolve(fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
} });
const out = [];
for (const [q, filters] of input.queries) {
  const r = q.trim() ? await engine.search(q, filters || {}) : await engine.browse(filters || {});
  out.push({ total: r.total, codes: (await r.page(0)).map((i) => i.code) });
}
return out;
"""


def first_codes(index: Path, *queries: str) -> list[list[str]]:
    results = run_node(SEARCH, {"dir": str(index), "queries": [[q, {}] for q in queries]})
    return [r["codes"] for r in results]  # type: ignore[index, union-attr]


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index of the sample project's real procedures, written as the build writes it."""
    result = build_site(ROOT, load_config(ROOT / "mkdocs.yml"))
    out = tmp_path_factory.mktemp("index")
    prefix = "tim-kiem/chi-muc/"
    for data in result.output.files:
        if data.path.startswith(prefix):
            target = out / data.path.removeprefix(prefix)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data.content)
    return out


#: Real procedures of the sample (procedures/): what a citizen types, the procedure meant.
RANKED = [
    ("dang ky khai sinh", "1.001193"),
    ("đăng ký khai sinh", "1.001193"),
    ("khai sinh", "1.001193"),
    ("dang ky ket hon", "1.000894"),
    ("đăng ký kết hôn", "1.000894"),
    ("xac nhan tinh trang hon nhan", "1.004873"),
    ("giấy độc thân", "1.004873"),
    ("dang ky khai tu", "1.000656"),
    ("giay phep xay dung", "1.013225"),
    ("gia han tam tru", "1.002755"),
    ("1.001193", "1.001193"),
]


@pytest.mark.parametrize(("query", "code"), RANKED, ids=[q for q, _ in RANKED])
def test_the_procedure_meant_comes_first(sample_index: Path, query: str, code: str) -> None:
    (ranked,) = first_codes(sample_index, query)
    assert ranked[:1] == [code], ranked[:3]


def test_abolished_procedures_are_not_indexed(sample_index: Path) -> None:
    (ranked,) = first_codes(sample_index, "khai tu luu dong")
    assert "1.000419" not in ranked


def doc(code: str, name: str, sector: str = "Hộ tịch", **kw: object) -> SearchDoc:
    return SearchDoc(url=f"thu-tuc/{code}/", code=code, name=name, sector=sector, **kw)  # type: ignore[arg-type]


RULES = [
    doc("1.000001", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài", levels=("Cấp tỉnh",)),
    doc("1.000002", "Thủ tục đăng ký kết hôn", levels=("Cấp xã",), online="toàn trình"),
    doc("1.000003", "Thủ tục đăng ký lại kết hôn", levels=("Cấp xã",)),
    doc("1.000004", "Cấp giấy chứng nhận đủ điều kiện buôn bán thuốc thú y", sector="Thú y",
        steps="… đăng ký … kết hôn …", documents=("Đơn đăng ký kết hôn",)),
    doc("2.000001", "Khai tiền thuê đất", sector="Thuế"),
    doc("2.000002", "Khai tiền thuế đất", sector="Thuế"),
    doc("2.000003", "Cấp đổi Giấy chứng nhận quyền sử dụng đất", sector="Đất đai"),
    doc("2.000004", "Cấp giấy phép xây dựng mới", sector="Xây dựng"),
    doc("2.000005", "Gia hạn giấy phép xây dựng", sector="Xây dựng"),
    doc("3.000001", "Trả lại giấy phép khai thác", sector="Khoáng sản",
        outcomes=("Trích lục hồ sơ mỏ",)),
]


@pytest.fixture(scope="module")
def rules_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rules")
    build_index(RULES, load_synonyms(DEFAULT_SYNONYMS), out)
    return out


def test_exact_short_name_first_and_variants_after(rules_index: Path) -> None:
    (ranked,) = first_codes(rules_index, "dang ky ket hon")
    assert ranked[:3] == ["1.000002", "1.000001", "1.000003"]


def test_body_finds_but_never_beats_a_name(rules_index: Path) -> None:
    (ranked,) = first_codes(rules_index, "đăng ký kết hôn")
    assert "1.000004" not in ranked[:3]
    (found,) = first_codes(rules_index, "trich luc ho so mo")  # only in an outcome
    assert found[0] == "3.000001"


def test_accents_optional_exact_accents_break_ties(rules_index: Path) -> None:
    plain, rent, tax = first_codes(rules_index, "khai tien thue dat", "khai tiền thuê đất",
                                   "khai tiền thuế đất")
    assert set(plain[:2]) == set(rent[:2]) == set(tax[:2]) == {"2.000001", "2.000002"}
    assert rent[0] == "2.000001" and tax[0] == "2.000002"


def test_partial_wrong_tone_and_citizens_words(rules_index: Path) -> None:
    partial, tone, typing, words = first_codes(rules_index, "ket hon", "đăng ký kết hồn",
                                               "giay phep xay d", "cap doi so do")
    assert partial[0] == "1.000002" and tone[0] == "1.000002"
    assert typing[0] == "2.000004"  # "Gia hạn" is a variant the query did not ask for
    assert words[0] == "2.000003"  # “sổ đỏ” means giấy chứng nhận quyền sử dụng đất


def test_same_input_gives_the_same_bytes() -> None:
    words = load_synonyms(DEFAULT_SYNONYMS)
    assert index_files(RULES, words) == index_files(list(reversed(RULES)), words)


#: A client whose term files come early (no version in the URL) from `early`, the manifest
#: and every other file from `current`: a browser holding cached term files across a deploy.
ACROSS_DEPLOY = """
const fs = require("fs"), path = require("path"), fetched = [];
const engine = api.createEngine("file:///i/", { json: (u) => {
  const [rel, query] = u.replace("file:///i/", "").split("?");
  if (query) fetched.push(rel);
  const f = path.join(rel.startsWith("t/") && !query ? input.early : input.current, rel);
  return Promise.resolve(fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
} });
const r = await engine.search(input.query, {});
return { codes: (await r.page(0)).map((i) => i.code), terms: fetched.filter((f) => f.startsWith("t/")) };
"""


def test_term_files_outlive_edits_that_change_no_name(tmp_path: Path) -> None:
    """An edit that changes no name or keyword leaves every term file byte for byte (so an
    incremental build rewrites none and browsers keep them); one that does makes a browser's
    cached term files stale, and the client fetches them again."""
    words = load_synonyms(DEFAULT_SYNONYMS)
    described = [dataclasses.replace(d, description="Cấp mới cho công trình nhà ở riêng lẻ")
                 if d.code == "2.000004" else d for d in RULES]
    renamed = [dataclasses.replace(d, name="Thủ tục đăng ký lại khai sinh")
               if d.code == "1.000003" else d for d in RULES]
    before, after, other = (index_files(docs, words) for docs in (RULES, described, renamed))
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert changed and not any(path.startswith("t/") for path in changed), changed
    assert "manifest.json" in changed  # a new version: the body files are fetched anew
    for name, files in (("before", before), ("after", after), ("other", other)):
        for path, data in files.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_bytes(data)

    kept = run_node(ACROSS_DEPLOY, {"early": str(tmp_path / "before"), "query": "khai tien thue",
                                    "current": str(tmp_path / "after")})
    assert kept == {"codes": ["2.000001", "2.000002"], "terms": []}
    stale = run_node(ACROSS_DEPLOY, {"early": str(tmp_path / "before"), "query": "dang ky lai khai sinh",
                                     "current": str(tmp_path / "other")})
    assert stale["codes"][:1] == ["1.000003"]  # type: ignore[index]
    assert "t/" + term_file("khai") in stale["terms"], stale  # type: ignore[index]


def test_client_text_rules_equal_the_builders() -> None:
    texts = ["Thủ tục đăng ký kết hôn", "ĐĂNG KÝ KHAI SINH", "đăng kí", "Hoá đơn / hóa đơn",
             "thuỷ sản, thủy sản", "Cấp giấy phép (1.010719)", "Mẫu số 22đ",
             "Giấy tờ phải nộp:Tên giấy tờ", "", *(d.name for d in RULES)]
    got = run_node("return input.map(t => { const a = api.analyse(t); "
                   "return [a.acc, a.fold, a.keys]; });", texts)
    for text, (acc, folded, keys) in zip(texts, got):  # type: ignore[arg-type]
        assert acc == accented_tokens(text), text
        assert folded == tokens(text), text
        assert keys == [accent_key(t) for t in accented_tokens(text)], text
    samples = ["ket", "ket hon", "đ", "1.001193"]
    assert run_node("return input.map(api.fnv1a);", samples) == [fnv1a(s) for s in samples]


def test_search_doc_of_a_real_procedure() -> None:
    result = build_site(ROOT, load_config(ROOT / "mkdocs.yml"))
    del result  # build_site must accept the project; the doc is read from SiteData below
    from generator.derive.catalogue import resolve
    from generator.derive.site_data import derive
    from generator.records.project import load_project

    config = load_config(ROOT / "mkdocs.yml")
    site = derive(resolve(load_project(ROOT, config).records, config))
    p = site.catalogue.by_code["1.001193"]
    found = search_doc(p, site.summary("1.001193"))
    assert (found.url, found.name, found.sector) == ("thu-tuc/1.001193/", p.ten_thu_tuc, "Hộ tịch")


# --- The citizens' words file --------------------------------------------------------------

def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tu-dong-nghia.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_words_have_no_problem() -> None:
    assert check_synonyms(DEFAULT_SYNONYMS) == []
    words = load_synonyms(DEFAULT_SYNONYMS)
    assert (("so", "do"), ("giay", "chung", "nhan", "quyen", "su", "dung", "dat")) in words.rules
    assert (("bang", "lai"), ("giay", "phep", "lai", "xe")) in words.rules


def test_problems_are_located_in_vietnamese(tmp_path: Path) -> None:
    path = write(tmp_path, "synonyms:\n  - words: [sổ đỏ]\n    means: giấy chứng nhận\n"
                 "    means: quyền sử dụng đất\n  - words: [1, no]\n    means: cấp\n"
                 "  - word: làm\n  - same: [bhxh]\n")
    lines = [p.format() for p in check_synonyms(path)]
    shown = str(path)
    assert f"{shown}:4:5: khóa «means» bị lặp lại: giá trị trước sẽ mất" in lines
    assert (f"{shown}:5:13: words: «1» bị đọc thành số hoặc có/không, không phải văn bản: "
            "đặt trong dấu ngoặc kép") in lines
    assert any(line.startswith(f"{shown}:7:5: khóa «word» không dùng được") for line in lines)
    assert f"{shown}:8:11: same: cần ít nhất hai cụm từ dùng thay nhau" in lines
    with pytest.raises(SynonymsError):
        load_synonyms(path)


def test_check_reports_the_projects_words_file(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", project)
    (project / "tu-dong-nghia.yaml").write_text("synonyms:\n  - words: [làm]\n", "utf-8")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "tu-dong-nghia.yaml:2:5: mục cần có `words` và `means` (hoặc `same`)" in out
