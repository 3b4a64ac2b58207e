"""What the search indexes and how the search is wired, checked in the built fixture site.

The browser tests (tests/browser) check that searching works; these check, fast and without a
browser, the index the build wrote and the links to the search page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import FIXTURE, ROOT, copy_project, run_build

CURRENT = ["1.000656", "1.001193", "1.013225"]
ABOLISHED = "1.000419"
MATERIAL = Path(__import__("material").__file__).parent / "templates"
INDEX = "tim-kiem/chi-muc"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def indexed_codes(site: Path) -> set[str]:
    """Every procedure code the index knows (its code look-up files, c/*.json)."""
    codes: set[str] = set()
    for part in (site / INDEX / "c").glob("*.json"):
        codes |= set(json.loads(part.read_text(encoding="utf-8")))
    return codes


def test_index_holds_current_procedures_only(fixture_site):
    manifest = json.loads((fixture_site / INDEX / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == len(CURRENT)
    assert indexed_codes(fixture_site) == set(CURRENT)
    assert ABOLISHED not in indexed_codes(fixture_site)
    assert manifest["words"]["rules"], "the citizens' words travel with the index"


def test_header_links_to_the_search_page_relatively(fixture_site):
    page = soup(fixture_site, "thu-tuc/1.001193")
    link = page.select_one("header a.ck-search__button")
    assert link["href"] == "../../tim-kiem/"
    scripts = [s["src"] for s in page.select("script[src]")]
    assert not any(src.endswith("search.js") for src in scripts), "only the search page loads it"
    search = soup(fixture_site, "tim-kiem")
    block = search.select_one("[data-ck-search]")
    assert (block["data-ck-index"], block["data-ck-root"]) == ("chi-muc/", "../")
    assert "../assets/congkhai/search.js" in [s["src"] for s in search.select("script[src]")]
    assert search.select_one("label[for=ck-q]").get_text() == "Tên hoặc mã thủ tục"
    assert [s["data-ck-filter"] for s in search.select("select[data-ck-filter]")] == \
        ["sector", "level", "unit", "online"]
    listing = soup(fixture_site, "thu-tuc")
    assert "../assets/congkhai/list-filter.js" in [s["src"] for s in listing.select("script[src]")]
    form = listing.select_one("form[data-ck-filter]")
    assert form.has_attr("hidden"), "the filter form needs JavaScript and stays hidden without it"


def test_search_false_builds_no_index_and_no_search_link(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - congkhai:\n", "  - congkhai:\n      search: false\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert not (site / "tim-kiem").exists()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "ck-search__button" not in html and "search.js" not in html


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
