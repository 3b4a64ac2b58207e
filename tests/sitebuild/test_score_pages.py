"""Score pages of the fixture site: unit score sections, charts, ranking tables, index pages and
their CSV/JSON copies, checked against the derivations in `generator.derive.scores`.

The fixture index `cchc-mau` has two framework versions (a break between 2023 and 2024),
">=" bands for departments and ">" bands for communes, with scores exactly on thresholds, a tie
(2023: 92 / 88 / 88 / 79,99), N/A years and a merged commune (ubnd-xa-b → ubnd-xa-a).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from generator.derive.scores import ScoreBook
from generator.records.config import load_config
from generator.records.project import load_project
from generator.site.scoretext import band_rules, format_decimal

from .conftest import FIXTURE, copy_project, run_build

SO = "Sở, ban, ngành"
XA = "Xã, phường, đặc khu"
INDEX = "cchc-mau"
SVG = "{http://www.w3.org/2000/svg}"


def text(node) -> str:
    return " ".join(node.get_text("").split())


def article(soup):
    return soup.select_one("article.md-content__inner")


def scores_of(soup_of, unit_id: str):
    return article(soup_of(f"don-vi/{unit_id}")).select_one("section.ck-scores")


def headline(section) -> dict[str, str]:
    return {text(dt): text(dt.find_next_sibling("dd"))
            for dt in section.select(".ck-score__headline dt")}


def history_rows(section) -> list[list[str]]:
    return [[text(c) for c in row.select("th, td")]
            for row in section.select(".ck-history-scores tbody tr")]


@pytest.fixture(scope="module")
def book() -> ScoreBook:
    loaded = load_project(FIXTURE, load_config(FIXTURE / "mkdocs.yml"))
    return ScoreBook.from_records(loaded.records)


# --- Wording helpers ------------------------------------------------------------------------


def test_vietnamese_number_format():
    assert format_decimal(92.18, 2) == "92,18"
    assert format_decimal(90, 2) == "90,00"
    assert format_decimal(0.6514, 4) == "0,6514"
    assert format_decimal(1234.5, 1) == "1.234,5"
    assert format_decimal(-0.001, 2) == "0,00"


# --- Unit pages -------------------------------------------------------------------------------


def test_unit_headline_rank_band_and_change_across_a_break(soup_of):
    section = scores_of(soup_of, "so-tu-phap")
    block = section.select_one(f'section.ck-score[data-index="{INDEX}"]')
    assert text(block.select_one("h3")) == "Chỉ số cải cách hành chính mẫu (CCHC mẫu)"
    assert text(block.select_one(".ck-score__summary")) == (
        "Năm 2024, Sở Tư pháp tỉnh Mẫu đạt 91,50 điểm CCHC mẫu, xếp hạng 2/3, xếp loại Nhóm A, "
        "bộ tiêu chí khác năm 2023 nên không so sánh trực tiếp.")
    facts = headline(block)
    assert facts["Năm đánh giá"] == "2024"
    assert facts["Điểm"] == "91,50 / 100"
    assert facts["Xếp hạng"].startswith("2/3 (tính từ điểm đã công bố")
    assert facts["Xếp loại"] == "Nhóm A"
    # A methodology break: no arrow, the change is not presented as comparable.
    change = block.select_one(".ck-score__change .ck-change")
    assert "ck-change--break" in change["class"] and not change.select(".ck-change__symbol")
    assert "2024" in text(block.select_one(".ck-break-note"))
    assert history_rows(block) == [
        ["2022", "85,00", "2/30", "Nhóm B", "chưa có năm trước để so sánh",
         "Quyết định 30/QĐ-UBND công bố Chỉ số CCHC năm 2022, ngày 10/03/2023"],
        ["2023", "88,00", "2/4", "Nhóm B", "▲ tăng 3,00 điểm so với năm 2022",
         "Quyết định 40/QĐ-UBND công bố Chỉ số CCHC năm 2023, ngày 15/03/2024"],
        ["2024 (đổi bộ tiêu chí)", "91,50", "2/3", "Nhóm A",
         "bộ tiêu chí khác năm 2023 nên không so sánh trực tiếp",
         "Quyết định 50/QĐ-UBND công bố Chỉ số CCHC năm 2024"],
    ]
    source = block.select_one('.ck-history-scores a[href^="https://"]')
    assert source["href"] == "https://example.gov.vn/van-ban/30-qd-ubnd"
    # The change symbol is decorative: the words carry the meaning.
    assert block.select_one(".ck-change__symbol")["aria-hidden"] == "true"


def test_bands_at_thresholds_both_rules(soup_of):
    # ">=": 90 is Nhóm A, 80 is Nhóm B; official rank and table size shown as published.
    rows = history_rows(scores_of(soup_of, "so-xay-dung"))
    assert [(r[0].split()[0], r[1], r[2], r[3]) for r in rows] == [
        ("2022", "90,00", "1/30", "Nhóm A"), ("2023", "88,00", "2/4", "Nhóm B"),
        ("2024", "80,00", "3/3", "Nhóm B")]
    assert rows[1][4] == "▼ giảm 2,00 điểm so với năm 2022"
    # ">": 80 is below "Tốt" (> 80), 90 is "Tốt", not "Xuất sắc" (> 90).
    rows = history_rows(scores_of(soup_of, "ubnd-xa-b"))
    assert [(r[0].split()[0], r[3]) for r in rows] == [
        ("2022", "Chưa đạt"), ("2023", "Tốt"), ("2024", "Tốt")]


def test_unscored_years_and_no_previous_year(soup_of):
    block = scores_of(soup_of, "so-y-te")
    assert text(block.select_one(".ck-score__summary")) == (
        "Năm 2023, Sở Y tế tỉnh Mẫu đạt 79,99 điểm CCHC mẫu, xếp hạng 4/4, xếp loại Nhóm C, "
        "chưa có năm trước để so sánh.")
    assert [text(p) for p in block.select(".ck-score__unscored")] == [
        "Năm 2024: không được đánh giá (Đang kiện toàn tổ chức)."]
    rows = history_rows(block)
    assert rows[0][:3] == ["2022", "Không đánh giá (Mới thành lập, chưa đánh giá)", "—"]
    assert rows[2][:3] == ["2024", "Không đánh giá (Đang kiện toàn tổ chức)", "—"]


def test_component_table_latest_year_with_peer_average_and_best(soup_of, book):
    block = scores_of(soup_of, "so-tu-phap")
    assert text(block.select_one("#thanh-phan-cchc-mau")) == "Điểm thành phần năm 2024"
    headers = [text(th) for th in block.select(".ck-components thead th")]
    assert headers == ["Thành phần", "Điểm", "Tối đa", "% tối đa", "Hạng", "So với năm 2023",
                       "Trung bình đơn vị cùng loại", "Cao nhất"]
    rows = {r["data-component"]: [text(c) for c in r.select("th, td")]
            for r in block.select(".ck-components tbody tr")}
    standing = book.standing("so-tu-phap", INDEX, 2024)
    assert list(rows) == [c.code for c in standing.components]
    assert rows["chi-dao"] == ["Chỉ đạo, điều hành", "27,50", "30", "91,7%", "2/3",
                               "đổi bộ tiêu chí, không so sánh", "26,83 (trên trung bình)",
                               "29,00: Sở Nội vụ tỉnh Mẫu"]
    # Maximum unpublished: no percentage; a shared best score names every unit holding it.
    assert rows["chinh-quyen-so"][1:4] == ["28,00 ★ cao nhất", "chưa công bố", "—"]
    assert rows["chinh-quyen-so"][7] == "28,00: Sở Nội vụ tỉnh Mẫu; đơn vị này"


def test_merged_unit_keeps_history_and_both_pages_link(soup_of):
    old = scores_of(soup_of, "ubnd-xa-b")
    link = old.select_one(".ck-scores__merge a")
    assert link["href"] == "../ubnd-xa-a/#ket-qua-danh-gia"
    assert len(history_rows(old)) == 3, "the merged unit keeps its own results"
    new = scores_of(soup_of, "ubnd-xa-a")
    back = new.select_one(".ck-scores__merge a")
    assert back["href"] == "../ubnd-xa-b/#ket-qua-danh-gia" and "UBND xã B (cũ)" in text(back)
    assert [r[0] for r in history_rows(new)] == ["2025"]


def test_unit_pages_link_their_data_and_ranking_tables(soup_of, fixture_site):
    block = scores_of(soup_of, "so-tu-phap")
    hrefs = [a["href"] for a in block.select(".ck-downloads a")]
    assert hrefs == ["diem-so.csv", "diem-so.json"]
    years = block.select(".ck-history-scores tbody th a")
    assert [a["href"] for a in years] == [
        f"../../chi-so/{INDEX}/{y}/so-ban-nganh/" for y in (2022, 2023, 2024)]
    assert (fixture_site / "don-vi/so-tu-phap/diem-so.csv").is_file()


def test_headings_never_skip_a_level_on_score_pages(soup_of):
    for path in ("don-vi/so-tu-phap", "don-vi/so-y-te", f"chi-so/{INDEX}",
                 f"chi-so/{INDEX}/2023/so-ban-nganh", "chi-so"):
        levels = [int(h.name[1]) for h in article(soup_of(path)).select("h1, h2, h3, h4")]
        assert levels[0] == 1, path
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{path}: h{before} followed by h{after}"


# --- Charts -----------------------------------------------------------------------------------


def chart_of(fixture_site: Path, unit_id: str) -> ET.Element:
    html = (fixture_site / "don-vi" / unit_id / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ck-chart\".*?</svg>",
                      html, re.S)
    assert len(svgs) == 1, unit_id
    return ET.fromstring(svgs[0])  # well-formed XML or this raises


@pytest.mark.parametrize("unit_id", ["so-tu-phap", "so-y-te", "ubnd-xa-a", "ubnd-xa-b"])
def test_chart_is_accessible_svg(fixture_site, unit_id):
    svg = chart_of(fixture_site, unit_id)
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.get("id") == f"bieu-do-{INDEX}-tieu-de"
    assert desc.get("id") == f"bieu-do-{INDEX}-mo-ta"
    assert desc.text and "theo năm" in desc.text


def test_chart_marks_the_break_and_never_draws_across_it(fixture_site):
    svg = chart_of(fixture_site, "so-tu-phap")
    breaks = svg.findall(f"{SVG}line[@class='ck-chart-break']")
    assert len(breaks) == 1 and breaks[0].get("stroke-dasharray")
    assert "Đổi bộ tiêu chí" in [t.text for t in svg.iter(f"{SVG}text")]
    x_break = float(breaks[0].get("x1"))
    lines = svg.findall(f"{SVG}polyline")
    assert len(lines) == 1  # 2022–2023; 2024 stands alone after the break
    xs = [float(p.split(",")[0]) for p in lines[0].get("points").split()]
    assert all(x < x_break for x in xs)
    assert len(svg.findall(f"{SVG}circle")) == 3
    desc = svg.find(f"{SVG}desc").text
    assert desc.startswith(
        "Điểm CCHC mẫu của Sở Tư pháp tỉnh Mẫu theo năm: 2022: 85,00 (hạng 2/30)")
    assert "Bộ tiêu chí thay đổi từ năm 2024" in desc


def test_chart_leaves_unscored_years_as_gaps(fixture_site):
    svg = chart_of(fixture_site, "so-y-te")
    assert svg.findall(f"{SVG}polyline") == []
    assert len(svg.findall(f"{SVG}circle")) == 1
    assert [t.text for t in svg.findall(f"{SVG}text[@class='ck-chart-missing']")] == ["N/A", "N/A"]
    assert "2022: không đánh giá" in svg.find(f"{SVG}desc").text


# --- Ranking tables ---------------------------------------------------------------------------


def ranking_pages(book):
    for kind, slug in ((SO, "so-ban-nganh"), (XA, "xa-phuong-dac-khu")):
        for year in book.years(INDEX, kind):
            yield kind, year, f"chi-so/{INDEX}/{year}/{slug}"


def test_every_ranking_table_equals_the_derivation(soup_of, book):
    pages = list(ranking_pages(book))
    assert len(pages) == 7
    for kind, year, path in pages:
        table = article(soup_of(path)).select_one(".ck-ranking table")
        rendered = [(tr["data-unit"], text(tr.select_one("td")).split(" ")[0])
                    for tr in table.select("tbody tr")]
        derived = book.ranking_table(INDEX, year, kind)
        assert rendered == [(s.unit_id, str(s.shown_rank) if s.shown_rank else "Không")
                            for s in derived], path


def test_ranking_ties_na_last_and_columns(soup_of, book):
    content = article(soup_of(f"chi-so/{INDEX}/2023/so-ban-nganh"))
    assert text(content.select_one("h1")) == "Bảng xếp hạng CCHC mẫu năm 2023: Sở, ban, ngành"
    headers = [text(th) for th in content.select(".ck-ranking thead th")]
    assert headers == ["Hạng", "Đơn vị", "Tổng điểm", "Xếp loại", "Thay đổi so với năm trước",
                       "Chỉ đạo, điều hành (tối đa 40)",
                       "Cải cách thủ tục hành chính (tối đa 60)"]
    rows = [[text(c) for c in tr.select("th, td")] for tr in content.select(".ck-ranking tbody tr")]
    assert [r[:4] for r in rows] == [
        ["1", "Sở Nội vụ tỉnh Mẫu", "92,00", "Nhóm A"],
        ["2 (đồng hạng)", "Sở Tư pháp tỉnh Mẫu", "88,00", "Nhóm B"],
        ["2 (đồng hạng)", "Sở Xây dựng tỉnh Mẫu", "88,00", "Nhóm B"],
        ["4", "Sở Y tế tỉnh Mẫu", "79,99", "Nhóm C"],
    ]
    assert rows[1][4] == "▲ tăng 3,00 (năm 2022)" and rows[2][4] == "▼ giảm 2,00 (năm 2022)"
    assert rows[1][5:] == ["36,00", "52,00"]
    # 2024: a third component, an N/A unit last with no rank, the break noted.
    content = article(soup_of(f"chi-so/{INDEX}/2024/so-ban-nganh"))
    assert len(content.select(".ck-ranking thead th[data-component]")) == 3
    last = content.select(".ck-ranking tbody tr")[-1]
    assert last["data-unit"] == "so-y-te" and "ck-unscored" in last["class"]
    cells = last.select("td")
    assert text(cells[0]) == "Không xếp hạng" and cells[0]["data-sort-value"] == ""
    assert text(cells[1]) == "N/A: không đánh giá (Đang kiện toàn tổ chức)"
    assert "năm 2024 đánh giá theo bộ tiêu chí khác năm 2023" in text(
        content.select_one(".ck-break-note"))


def test_ranking_table_is_sortable_progressively(soup_of, fixture_site):
    content = article(soup_of(f"chi-so/{INDEX}/2023/so-ban-nganh"))
    table = content.select_one("table[data-ck-sortable]")
    assert table is not None and not table.select("button"), "plain HTML without JavaScript"
    assert [th.get("aria-sort") for th in table.select("thead th")][:2] == ["ascending", None]
    assert all(th.get("data-sort") in ("number", "text") for th in table.select("thead th"))
    script = content.select_one("script[src]")
    assert script["src"] == "../../../../assets/congkhai/sortable.js"
    assert (fixture_site / "assets/congkhai/sortable.js").is_file()
    # Numbers to sort by are plain (decimal point), never the displayed decimal comma.
    scores = [td["data-sort-value"] for td in table.select("tbody tr td:nth-of-type(2)")]
    assert scores == ["92.0", "88.0", "88.0", "79.99"]


def test_ranking_csv_and_json_match_the_derivation(fixture_site, book):
    for kind, year, path in ranking_pages(book):
        derived = book.ranking_table(INDEX, year, kind)
        raw = (fixture_site / path / "bang-xep-hang.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM for spreadsheet programs"
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert [(r["ma_don_vi"], r["xep_hang"], r["tong_diem"]) for r in rows] == [
            (s.unit_id, str(s.shown_rank or ""), str(s.score) if s.score is not None else "")
            for s in derived], path
        data = json.loads((fixture_site / path / "bang-xep-hang.json").read_text(encoding="utf-8"))
        assert (data["ma_chi_so"], data["nam"], data["loai_don_vi"]) == (INDEX, year, kind)
        assert [(r["ma_don_vi"], r["xep_hang"], r["tong_diem"], r["xep_loai"])
                for r in data["bang_xep_hang"]] == [
            (s.unit_id, s.shown_rank, s.score, s.band) for s in derived], path
    rows = list(csv.DictReader(io.StringIO(
        (fixture_site / f"chi-so/{INDEX}/2024/so-ban-nganh/bang-xep-hang.csv")
        .read_text(encoding="utf-8-sig"))))
    tu_phap = next(r for r in rows if r["ma_don_vi"] == "so-tu-phap")
    assert tu_phap["thanh_phan:chi-dao"] == "27.5" and tu_phap["doi_bo_tieu_chi"] == "true"
    assert tu_phap["thay_doi"] == "3.5"


def test_unit_csv_and_json(fixture_site, book):
    folder = fixture_site / "don-vi/so-y-te"
    content = (folder / "diem-so.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [(r["nam"], r["khong_cham_diem"], r["tong_diem"], r["xep_loai"], r["ly_do"])
            for r in rows] == [
        ("2022", "true", "", "", "Mới thành lập, chưa đánh giá"),
        ("2023", "false", "79.99", "Nhóm C", ""),
        ("2024", "true", "", "", "Đang kiện toàn tổ chức")]
    data = json.loads((fixture_site / "don-vi/so-tu-phap/diem-so.json").read_text(encoding="utf-8"))
    results = data["chi_so"][INDEX]["ket_qua"]
    assert [(r["nam"], r["tong_diem"], r["xep_hang"], r["xep_hang_chinh_thuc"])
            for r in results] == [
        (s.year, s.score, s.shown_rank, s.official_rank) for s in book.history("so-tu-phap", INDEX)]
    assert results[0]["nguon_lien_ket"] == "https://example.gov.vn/van-ban/30-qd-ubnd"
    assert [c["ma"] for c in results[2]["thanh_phan"]] == ["chi-dao", "thu-tuc", "chinh-quyen-so"]
    merged_into = (fixture_site / "don-vi/ubnd-xa-a/diem-so.csv").read_text(encoding="utf-8-sig")
    assert [r["nam"] for r in csv.DictReader(io.StringIO(merged_into))] == ["2025"]


# --- Index pages --------------------------------------------------------------------------


def test_index_page_versions_bands_breaks_and_links(soup_of, book):
    content = article(soup_of(f"chi-so/{INDEX}"))
    assert text(content.select_one("h1")) == "Chỉ số cải cách hành chính mẫu (CCHC mẫu)"
    versions = [text(h) for h in content.select("#bo-tieu-chi ~ h3")]
    assert versions == ["Bộ tiêu chí 2022–2023", "Bộ tiêu chí từ năm 2024"]
    maxima = [[text(td) for td in tr.select("td")[1:]]
              for tr in content.select(".ck-framework tbody tr")]
    assert maxima == [["Chỉ đạo, điều hành", "40"], ["Cải cách thủ tục hành chính", "60"],
                      ["Chỉ đạo, điều hành", "30"], ["Cải cách thủ tục hành chính", "40"],
                      ["Chính quyền số", "chưa công bố"]]
    bands = content.select(".ck-bands")
    assert [[text(td) for td in tr.select("th, td")][:2] for tr in bands[0].select("tbody tr")] == [
        ["Nhóm A", "từ 90% trở lên"], ["Nhóm B", "từ 80% đến dưới 90%"],
        ["Nhóm C", "từ 70% đến dưới 80%"], ["Không xếp loại", "dưới 70%"]]
    assert [[text(td) for td in tr.select("th, td")] for tr in bands[1].select("tbody tr")] == [
        ["Xuất sắc", "trên 90%", "tỷ lệ điểm > 90%"],
        ["Tốt", "trên 80% đến 90%", "80% < tỷ lệ điểm ≤ 90%"],
        ["Chưa đạt", "từ 80% trở xuống", "tỷ lệ điểm ≤ 80%"]]
    rules = [text(p) for p in content.select("#xep-loai ~ p")]
    assert rules[0].startswith("Quy tắc «từ ngưỡng trở lên» (≥)")
    assert rules[1].startswith("Quy tắc «trên ngưỡng» (>)")
    breaks = [text(p) for p in content.select("#so-sanh ~ .ck-break-note")]
    assert breaks == ["Không so sánh trực tiếp: năm 2024 với năm 2023."] * 2
    links = {a["href"] for a in content.select("#bang-xep-hang ~ ul a")}
    assert links == {f"{year}/{path.rsplit('/', 1)[1]}/" for _, year, path in ranking_pages(book)}


def test_band_rules_spell_out_the_threshold_rule(book):
    so_bands, xa_bands = book.indexes[INDEX].phan_loai
    assert [r.formula for r in band_rules(so_bands)][:2] == ["tỷ lệ điểm ≥ 90%",
                                                           "80% ≤ tỷ lệ điểm < 90%"]
    assert [r.words for r in band_rules(xa_bands)] == ["trên 90%", "trên 80% đến 90%",
                                                       "từ 80% trở xuống"]


def test_index_list_is_in_navigation_and_score_pages_are_not(soup_of):
    content = article(soup_of("chi-so"))
    assert [a["href"] for a in content.select("h2 a")] == [f"{INDEX}/"]
    for path in (f"chi-so/{INDEX}/2023/so-ban-nganh", "don-vi/so-tu-phap", f"chi-so/{INDEX}"):
        nav = [urlparse(urljoin(f"http://host/{path}/", a.get("href", ""))).path
               for a in soup_of(path).select("nav.md-nav--primary a.md-nav__link")]
        assert "/chi-so/" in nav, (path, nav)
        assert not [t for t in nav if re.search(r"chi-so/.|don-vi/.", t)], (path, nav)


# --- A new index is data only ---------------------------------------------------------------

DTI = """\
ma_chi_so: dti
ten: Chỉ số chuyển đổi số
ten_viet_tat: DTI
co_quan_chu_tri: Bộ Khoa học và Công nghệ
thang_do:
  toi_thieu: 0
  toi_da: 1
  so_chu_so_thap_phan: 4
phien_ban:
  - ma: dti-2022
    ten: Bộ chỉ số DTI từ 2022
    tu_nam: 2022
    tong_diem_toi_da: 1
    thanh_phan:
      - ma: nhan-thuc-so
        ten: Nhận thức số
        diem_toi_da: 1
      - ma: ha-tang-so
        ten: Hạ tầng số
        diem_toi_da: 1
"""


def _add_dti(unit_yaml: Path, entries: str) -> None:
    content = unit_yaml.read_text(encoding="utf-8")
    block = "  dti:\n" + entries
    if "\ndiem_so:\n" in content:
        content = content.replace("\ndiem_so:\n", "\ndiem_so:\n" + block, 1)
    else:
        content += "diem_so:\n" + block
    unit_yaml.write_text(content, encoding="utf-8")


def test_a_new_index_needs_no_code(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "project")
    (project / "indexes" / "dti.yaml").write_text(DTI, encoding="utf-8")
    source = "      nguon:\n        van_ban: Báo cáo DTI 2023\n"
    _add_dti(project / "units" / "so-tu-phap.yaml",
             "    - nam: 2023\n      tong_diem: 0.6514\n"
             "      thanh_phan: {nhan-thuc-so: 0.7, ha-tang-so: 0.6}\n" + source)
    _add_dti(project / "units" / "so-xay-dung.yaml",
             "    - nam: 2023\n      tong_diem: 0.7001\n" + source)
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr

    def soup(path: str) -> BeautifulSoup:
        html = (site / path / "index.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "html.parser")

    overview = article(soup("chi-so"))
    assert [a["href"] for a in overview.select("h2 a")] == [f"{INDEX}/", "dti/"]
    index_page = article(soup("chi-so/dti"))
    assert text(index_page.select_one("h1")) == "Chỉ số chuyển đổi số (DTI)"
    assert text(index_page.select_one("#xep-loai ~ p")) == "Chỉ số này chưa có bảng xếp loại."
    table = article(soup("chi-so/dti/2023/so-ban-nganh"))
    rows = [[text(c) for c in tr.select("th, td")][:3]
            for tr in table.select(".ck-ranking tbody tr")]
    assert rows == [["1", "Sở Xây dựng tỉnh Mẫu", "0,7001"], ["2", "Sở Tư pháp tỉnh Mẫu", "0,6514"]]
    block = article(soup("don-vi/so-tu-phap")).select_one('section.ck-score[data-index="dti"]')
    assert text(block.select_one(".ck-score__summary")) == (
        "Năm 2023, Sở Tư pháp tỉnh Mẫu đạt 0,6514 điểm DTI, xếp hạng 2/2, "
        "chưa có năm trước để so sánh.")
    assert "Xếp loại" not in headline(block), "no bands defined: no band shown"
    assert (site / "chi-so/dti/2023/so-ban-nganh/bang-xep-hang.csv").is_file()
