"""The list of all procedures (/thu-tuc/): complete without JavaScript, filtered instantly with it.

A national catalogue is split into pages of 100 rows (thu-tuc/trang-2/, …): the text filter
works on the rows of the page, the sector and level selects open their own list pages, and
"Tìm trong toàn bộ danh mục" hands the words to the site search."""

from __future__ import annotations

import unicodedata

import pytest

from .conftest import current_procedures

pytestmark = pytest.mark.browser

ROWS = ".ck-list tbody tr[data-code]"
VISIBLE_ROWS = ".ck-list tbody tr[data-code]:not([hidden])"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def visible_codes(page) -> list[str]:
    return page.locator(VISIBLE_ROWS).evaluate_all("rows => rows.map(r => r.dataset.code)")


def status(page) -> str:
    return page.locator("[data-ck-status]").inner_text()


def test_without_javascript_the_list_is_complete(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/"), javascript=False)
    codes = page.locator(ROWS).evaluate_all("rows => rows.map(r => r.dataset.code)")
    expected = current_procedures(sample_site.project)
    assert len(codes) == len(expected)
    assert sorted(codes) == sorted(expected)
    # The filter form needs JavaScript: without it, it is not shown at all.
    assert not page.locator("form[data-ck-filter]").is_visible()
    # Every row links to its procedure page.
    links = page.locator(ROWS + " td:nth-child(2) a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted(f"{code}/" for code in expected)


def test_typing_filters_rows_ignoring_accents(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/"))
    everything = len(current_procedures(sample_site.project))
    assert page.locator("form[data-ck-filter]").is_visible()
    assert status(page) == f"Đang hiển thị {everything} thủ tục của trang này."

    page.fill("#ck-filter-q", "dang ky khai sinh")
    codes = visible_codes(page)
    assert "1.001193" in codes
    names = page.locator(VISIBLE_ROWS + " td:nth-child(2) a").all_inner_texts()
    assert names and all(all(w in fold(n) for w in ("dang", "ky", "khai", "sinh")) for n in names)
    assert status(page) == f"Đang hiển thị {len(codes)} trên {everything} thủ tục của trang này."
    # Same rows with the accents typed.
    page.fill("#ck-filter-q", "đăng ký khai sinh")
    assert visible_codes(page) == codes
    # A procedure code works too.
    page.fill("#ck-filter-q", "1.001193")
    assert visible_codes(page) == ["1.001193"]
    # Group headings of sectors with no visible row are hidden as well.
    assert page.locator(".ck-list tr.ck-group:not([hidden])").count() == 1
    # The state is in the URL, so a filtered list can be shared.
    assert page.url.endswith("thu-tuc/?q=1.001193")


def test_sector_and_level_open_their_list_pages_online_filters_rows(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/"))
    rows = page.locator(ROWS).evaluate_all(
        "rows => rows.map(r => [r.dataset.code, r.dataset.sector, r.dataset.levels, r.dataset.online])")
    sector = rows[0][1]
    page.select_option("#ck-filter-linh-vuc", label=sector)
    page.wait_for_url("**/linh-vuc/**")
    assert page.locator("h1").inner_text() == f"Lĩnh vực {sector}"
    codes = page.locator(ROWS).evaluate_all("rows => rows.map(r => r.dataset.code)")
    assert sorted(codes) == sorted(code for code, s, _, _ in rows if s == sector)

    page = new_page(sample_site.page("thu-tuc/"))
    level = rows[0][2].split("|")[0]
    page.select_option("#ck-filter-cap", label=level)
    page.wait_for_url("**/cap/**")
    codes = page.locator(ROWS).evaluate_all("rows => rows.map(r => r.dataset.code)")
    assert sorted(codes) == sorted(c for c, _, lv, _ in rows if level in lv.split("|"))

    page = new_page(sample_site.page("thu-tuc/"))
    page.select_option("#ck-filter-truc-tuyen", "toàn trình")
    online = [c for c, _, _, o in rows if o == "toàn trình"]
    assert online, "the sample data has fully online procedures"
    assert visible_codes(page) == online

    page.click("form[data-ck-filter] button[type=reset]")
    page.wait_for_function(f"document.querySelectorAll('{VISIBLE_ROWS}').length === {len(rows)}")
    assert page.locator("[data-ck-empty]").is_hidden()


def test_search_the_whole_catalogue_opens_the_site_search(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/"))
    page.fill("#ck-filter-q", "khai sinh")
    page.click("[data-ck-search-all]")
    page.wait_for_url(sample_site.page("tim-kiem/") + "?q=khai+sinh")
    page.wait_for_function("document.querySelector('#ck-q').value === 'khai sinh'")
    page.wait_for_function(
        "document.querySelector('[data-ck-status]').textContent.includes('khai sinh')")
    assert page.locator("[data-ck-results] a").first.inner_text() == "Thủ tục đăng ký khai sinh"


def test_no_match_says_so(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/"))
    page.fill("#ck-filter-q", "zzzz không có thủ tục này")
    assert visible_codes(page) == []
    assert page.locator("[data-ck-empty]").is_visible()


def test_filters_are_read_from_the_url(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/?q=khai%20sinh&truc_tuyen=to%C3%A0n%20tr%C3%ACnh"))
    assert page.input_value("#ck-filter-q") == "khai sinh"
    assert page.input_value("#ck-filter-truc-tuyen") == "toàn trình"
    codes = visible_codes(page)
    assert "1.001193" in codes
    online = page.locator(VISIBLE_ROWS).evaluate_all("rows => rows.map(r => r.dataset.online)")
    assert set(online) == {"toàn trình"}
