"""Score pages in a real browser: axe-core on a unit page and ranking tables, the sort buttons
of sortable.js, the table without JavaScript, and no sideways scrolling of the page on a phone."""

from __future__ import annotations

import pytest

from .conftest import axe_violations, describe

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False,
           "device_scale_factor": 1}
UNIT = "don-vi/quang-ninh/"
RANKING = "chi-so/par-index/2022/so-ban-nganh/"  # has an N/A unit
PAGES = {"unit": UNIT, "department unit": "don-vi/so-tai-nguyen-va-moi-truong/",
         "ranking": RANKING, "index": "chi-so/par-index/"}


def units_in_order(page) -> list[str]:
    return page.locator("table[data-ck-sortable] tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.unit)")


def column(page, index: int) -> list[str]:
    return page.locator("table[data-ck-sortable] tbody tr").evaluate_all(
        "(rows, i) => rows.map(r => r.cells[i].dataset.sortValue ?? r.cells[i].textContent.trim())",
        index)


@pytest.mark.parametrize("screen", ["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_score_pages_have_no_wcag_violation(sample_site, new_page, name, screen):
    page = new_page(sample_site.page(PAGES[name]), **(DESKTOP if screen == "desktop" else {}))
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_sort_buttons_reorder_rows_and_keep_na_last(sample_site, new_page):
    page = new_page(sample_site.page(RANKING))
    initial = units_in_order(page)
    headers = page.locator("table[data-ck-sortable] thead th")
    assert headers.locator("button").count() == headers.count(), "every column is sortable"
    assert headers.nth(0).get_attribute("aria-sort") == "ascending"
    ranks = column(page, 0)
    assert ranks[-1] == "", "the N/A unit is listed last, without rank"

    total = page.get_by_role("button", name="Tổng điểm")
    total.click()  # highest first
    assert headers.nth(2).get_attribute("aria-sort") == "descending"
    assert headers.nth(0).get_attribute("aria-sort") is None
    scores = column(page, 2)
    values = [float(v) for v in scores if v]
    assert values == sorted(values, reverse=True) and scores[-1] == ""
    total.click()  # lowest first; N/A still last
    assert headers.nth(2).get_attribute("aria-sort") == "ascending"
    scores = column(page, 2)
    values = [float(v) for v in scores if v]
    assert values == sorted(values) and scores[-1] == ""
    assert units_in_order(page) != initial
    assert "giảm dần" not in page.locator(".ck-sort-status").inner_text()
    assert "tăng dần" in page.locator(".ck-sort-status").inner_text()

    page.get_by_role("button", name="Hạng").click()
    assert units_in_order(page) == initial


def test_sorted_table_has_no_wcag_violation(sample_site, new_page):
    page = new_page(sample_site.page(RANKING))
    page.get_by_role("button", name="Tổng điểm").click()
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_ranking_table_is_complete_without_javascript(sample_site, new_page):
    page = new_page(sample_site.page(RANKING), javascript=False)
    rows = page.locator("table[data-ck-sortable] tbody tr")
    assert rows.count() == 6
    assert page.locator("table[data-ck-sortable] thead button").count() == 0
    assert page.locator("table[data-ck-sortable] tbody tr").last.get_attribute("class") == \
        "ck-unscored"


@pytest.mark.parametrize("path", [UNIT, RANKING])
def test_page_does_not_scroll_sideways_on_a_phone(sample_site, new_page, path):
    page = new_page(sample_site.page(path))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    chart = page.locator("svg.ck-chart").first
    if chart.count():
        box = chart.bounding_box()
        assert box and box["width"] <= 390 and box["height"] > 100
