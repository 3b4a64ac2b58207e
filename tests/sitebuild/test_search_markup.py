"""What the search indexes and how the search is wired, checked in the built fixture site.

The browser tests (tests/browser) check that searching works; these check, fast and without a
browser, the markup Pagefind reads and the index it wrote.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.site.search.pagefind import SearchIndexError, index_site

from .conftest import FIXTURE, ROOT, copy_project, run_build

CURRENT = ["1.000656", "1.001193", "1.013225"]
ABOLISHED = "1.000419"
MATERIAL = Path(__import__("material").__file__).parent / "templates"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def search_bodies(site: Path) -> set[str]:
    """URL paths of the pages that carry data-pagefind-body."""
    return {page.parent.relative_to(site).as_posix() for page in site.rglob("index.html")
            if "data-pagefind-body" in page.read_text(encoding="utf-8")}


def test_index_is_written_inside_the_site(fixture_site):
    entry = json.loads((fixture_site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["vi"]  # read from <html lang="vi">
    assert entry["languages"]["vi"]["page_count"] == len(search_bodies(fixture_site))
    for asset in ("pagefind.js", "pagefind-component-ui.js", "pagefind-component-ui.css"):
        assert (fixture_site / "pagefind" / asset).is_file()


def test_only_current_procedures_units_and_written_pages_are_indexed(fixture_site):
    units = sorted(p.stem for p in (FIXTURE / "units").glob("*.yaml"))
    assert search_bodies(fixture_site) == (
        {f"thu-tuc/{code}" for code in CURRENT} | {f"don-vi/{u}" for u in units} | {"."})
    # Lists, decisions and the abolished procedure are not: they would drown the procedures.
    assert "data-pagefind-body" not in (fixture_site / "thu-tuc" / ABOLISHED / "index.html").read_text()


def test_procedure_page_markup(fixture_site):
    page = soup(fixture_site, "thu-tuc/1.001193")
    body = page.select_one("[data-pagefind-body]")
    assert body.name == "article" and "ck-procedure" in body["class"]
    h1 = body.select_one("h1")
    assert h1["data-pagefind-meta"] == "title" and float(h1["data-pagefind-weight"]) == 10
    filters = {el["data-pagefind-filter"].split(":")[0]: el for el in body.select("[data-pagefind-filter]")}
    assert sorted(filters) == ["cap", "don_vi", "linh_vuc", "truc_tuyen"]
    assert filters["linh_vuc"].get_text() == "Hộ tịch"
    assert filters["don_vi"].get_text() == "UBND xã A <b>mẫu</b>"
    assert filters["truc_tuyen"]["data-pagefind-filter"] == "truc_tuyen:Toàn trình"
    assert body.select_one("[data-pagefind-meta=ma]").get_text() == "1.001193"
    # Pagefind does not fold đ: a meta field spells the name with d for unaccented queries.
    assert body["data-pagefind-meta"] == "khong_dau:Thủ tục dăng ký khai sinh · Hộ tịch · UBND xã A <b>mẫu</b>"
    # Steps outweigh documents, which outweigh sector and unit; all stay below the name.
    weights = [float(body.select_one(sel)["data-pagefind-weight"]) for sel in
               ("h1", "ol.ck-steps", "ul.ck-checklist", "[data-pagefind-filter=linh_vuc]",
                "[data-pagefind-filter=don_vi]")]
    assert weights == sorted(weights, reverse=True) and len(set(weights)) == 5
    # Feedback, related procedures, the footer and history are not indexed.
    for selector in (".ck-feedback", "#lien-quan", ".ck-page-footer", "#cong-bo"):
        node = body.select_one(selector)
        assert node.find_parent(attrs={"data-pagefind-ignore": True}) or node.has_attr(
            "data-pagefind-ignore"), selector


def test_long_names_weigh_less_per_word(fixture_site):
    short = soup(fixture_site, "thu-tuc/1.001193").select_one("h1")  # 6 words
    long = soup(fixture_site, "thu-tuc/1.013225").select_one("h1")
    assert float(short["data-pagefind-weight"]) > float(long["data-pagefind-weight"]) >= 5


def test_unit_page_is_found_by_its_name_not_its_procedures(fixture_site):
    body = soup(fixture_site, "don-vi/ubnd-xa-a").select_one("[data-pagefind-body]")
    assert body.select_one("h1")["data-pagefind-weight"] == "10"
    procedures = body.select_one("#thu-tuc-don-vi").find_parent("section")
    assert procedures.has_attr("data-pagefind-ignore")
    assert body["data-pagefind-meta"] == "khong_dau:UBND xã A <b>mẫu</b>"


def test_header_search_and_list_filters_are_wired_relatively(fixture_site):
    page = soup(fixture_site, "thu-tuc/1.001193")
    button = page.select_one("header [data-ck-search]")
    # Without JavaScript it is a link to the full list; the bundle path is relative.
    assert button["href"] == "../" and button["data-ck-bundle"] == "../../pagefind/"
    assert page.select_one("template#ck-search-dialog") is not None
    strings = json.loads(page.select_one("script#ck-search-strings").string)
    assert strings["search_label"] == "Tìm kiếm thủ tục hành chính"
    scripts = [s["src"] for s in page.select("script[src]")]
    assert "../../assets/congkhai/search.js" in scripts
    assert "../../assets/congkhai/list-filter.js" not in scripts
    listing = soup(fixture_site, "thu-tuc")
    assert "../assets/congkhai/list-filter.js" in [s["src"] for s in listing.select("script[src]")]
    form = listing.select_one("form[data-ck-filter]")
    assert form.has_attr("hidden"), "the filter form needs JavaScript and stays hidden without it"
    row = listing.select_one("tr[data-code='1.001193']")
    assert (row["data-sector"], row["data-levels"], row["data-online"]) == ("Hộ tịch", "Cấp xã", "toàn trình")


def test_search_false_builds_no_index_and_no_search_box(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - congkhai:\n", "  - congkhai:\n      search: false\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "pagefind").exists()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "data-ck-search" not in html and "search.js" not in html


def test_index_site_reports_and_fails_clearly(tmp_path, fixture_site):
    with pytest.raises(SearchIndexError, match="no built site"):
        index_site(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SearchIndexError, match="indexed no page"):
        index_site(tmp_path / "empty")


def test_header_override_is_materials_header_with_only_the_search_changed():
    """generator/plugin/theme/partials/header.html is a copy (a partial has no blocks to extend): when
    Material changes its header, this fails and the copy must be refreshed."""
    ours = (ROOT / "generator" / "plugin" / "theme" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    theirs_search = re.search(r'\n    \{% if "material/search" in config.plugins %\}.*?\n    \{% endif %\}\n',
                              theirs, re.S)
    ours_search = re.search(r"\n    \{#- congkhai:.*?\n    \{% endif %\}\n", ours, re.S)
    assert theirs_search and ours_search
    strip = lambda text: re.sub(r"^\{#-.*?-#\}\n", "", text, flags=re.S)  # noqa: E731
    assert strip(ours.replace(ours_search.group(0), "\n<search>\n")) == strip(
        theirs.replace(theirs_search.group(0), "\n<search>\n"))
