"""The search page on a national-size site (issue 14, “Done when”): the whole shared national
corpus (1,572 procedures) imported and built with the real plugin, served under /tthc/, used as
a citizen on a phone would: accent-free queries find and open the procedure, filters narrow the
results, and nothing needs a pointer. Expectations are real records of the corpus (the code and
its name in the imported YAML), not numbers copied from a previous run.

Building the site takes about a minute and a half (see `national_site` in conftest.py); every
test here shares that one build.
"""

from __future__ import annotations

import pytest

from .conftest import (
    PHONE,
    axe_violations,
    describe,
    result_count,
    result_links,
    result_total,
    search,
    status_text,
    wait_for_answer,
)

pytestmark = pytest.mark.browser

#: Accent-free queries as typed on a phone, and the procedure that must come first. Checked in
#: the corpus: each has longer or more specialised namesakes that share the words ("Thủ tục đăng
#: ký kết hôn lưu động", "… có yếu tố nước ngoài", "Gia hạn giấy phép xây dựng …",
#: "… khai sinh kết hợp đăng ký nhận cha, mẹ, con"), so a ranking that stops favouring the
#: plain name, the phrase or the name over the body puts another procedure first.
FIRST = [
    ("dang ky ket hon", "1.000894"),  # Thủ tục đăng ký kết hôn
    ("giay phep xay dung", "1.013225"),  # Cấp giấy phép xây dựng mới đối với công trình cấp III…
    ("dang ky khai sinh", "1.001193"),  # Thủ tục đăng ký khai sinh
    ("xac nhan tinh trang hon nhan", "1.004873"),  # Thủ tục cấp Giấy xác nhận tình trạng hôn nhân
]
FIRST_IDS = [query for query, _ in FIRST]

#: A broad query, and the filters that narrow it (a sector, then a level within it). In the
#: corpus 18 of the sector's procedures at that level have "giấy phép" in their name.
BROAD = "giay phep"
SECTOR = "Địa chất và khoáng sản"
LEVEL = "Cấp tỉnh"
#: A sector to list without a query: every current procedure of it, no more, no less.
BROWSED_SECTOR = "Hải quan"

#: The focused element's focus indicator, as the browser draws it.
FOCUS_STYLE = """() => { const el = document.activeElement, s = getComputedStyle(el);
  return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
          shadow: s.boxShadow !== 'none', focusVisible: el.matches(':focus-visible')}; }"""


def opened(page, site, code: str, name: str) -> None:
    """The page that opened is the procedure's own page."""
    page.wait_for_url(site.page(f"thu-tuc/{code}/"))
    assert page.locator("h1").first.inner_text().strip() == name


@pytest.mark.parametrize("query, code", FIRST, ids=FIRST_IDS)
def test_accent_free_query_finds_and_opens_the_procedure(national_site, national_records,
                                                         new_page, query, code):
    site, name = national_site, national_records[code].name
    page = new_page(site.page("tim-kiem/"))
    titles = search(page, query)
    assert titles[0] == name, titles[:3]
    assert result_links(page)[0] == site.page(f"thu-tuc/{code}/")
    # Click it.
    page.locator("[data-ck-results] a").first.click()
    opened(page, site, code, name)
    # Back on the search page the results are there again (the query is in its URL); Enter on
    # the first one opens it too.
    page.go_back()
    first = page.locator("[data-ck-results] a").first
    page.wait_for_function("name => document.querySelector('[data-ck-results] a')?.textContent"
                           " === name", arg=name)
    first.focus()
    page.keyboard.press("Enter")
    opened(page, site, code, name)


def choose(page, facet: str, value: str) -> None:
    """Choose the option of the search page's filter `facet` whose label is `value` (followed
    by its count), and wait for the results to follow."""
    details = page.locator("details.ck-search-form__filters")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    select = page.locator(f"#ck-f-{facet}")
    select.focus()  # the options load on first use
    page.wait_for_function("id => document.querySelectorAll('#' + id + ' option').length > 1",
                           arg=f"ck-f-{facet}")
    labels = select.locator("option").all_inner_texts()
    label = next((t for t in labels if t.startswith(value + " (")), None)
    assert label, (value, labels)
    page.evaluate("""() => { window.ckAnswered = false; document.addEventListener(
        'ck-search-done', () => { window.ckAnswered = true; }, {once: true}); }""")
    select.select_option(label=label)
    page.wait_for_function("window.ckAnswered === true")


def every_result(page) -> list[str]:
    """Codes of all the results, asking for more until the list is complete."""
    total = result_total(page)
    for _ in range(20):
        if result_count(page) >= total:
            break
        shown = result_count(page)
        page.locator("button.ck-more").click()
        page.wait_for_function(
            "n => document.querySelectorAll('[data-ck-results] > li').length > n", arg=shown)
    links = result_links(page)
    assert len(links) == total, (len(links), total)
    return [link.rstrip("/").rsplit("/", 1)[1] for link in links]


def test_filters_narrow_the_results(national_site, national_records, new_page):
    page = new_page(national_site.page("tim-kiem/"))
    search(page, BROAD)
    everything = result_total(page)

    choose(page, "sector", SECTOR)
    # The options hold the corpus's longest sector and unit names: the page still fits the
    # phone (a wider page would be shown zoomed out, its text too small to read).
    for facet in ("level", "unit", "online"):
        page.locator(f"#ck-f-{facet}").focus()
    page.wait_for_function("document.querySelectorAll('#ck-f-unit option').length > 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    in_sector = result_total(page)
    assert 0 < in_sector < everything, (in_sector, everything)
    metas = page.locator("[data-ck-results] .ck-result__meta").all_inner_texts()
    assert metas and all(m.endswith("· " + SECTOR) for m in metas), metas

    choose(page, "level", LEVEL)
    both = result_total(page)
    assert 0 < both < in_sector, (both, in_sector)
    for code in every_result(page):
        record = national_records[code]
        assert record.sector == SECTOR and LEVEL in record.levels, record
    # Within the filters the ranking holds: a name with the query's words comes first.
    assert "giấy phép" in page.locator("[data-ck-results] a").first.inner_text().lower()


def test_a_filter_alone_lists_exactly_its_procedures(national_site, national_records, new_page):
    expected = sorted(code for code, r in national_records.items() if r.sector == BROWSED_SECTOR)
    page = new_page(national_site.page("tim-kiem/"))
    choose(page, "sector", BROWSED_SECTOR)
    assert status_text(page).startswith(f"Tìm thấy {len(expected)} thủ tục"), status_text(page)
    assert result_count(page) < len(expected)  # a page of them; the rest on request
    metas = page.locator("[data-ck-results] .ck-result__meta").all_inner_texts()
    assert all(m.endswith("· " + BROWSED_SECTOR) for m in metas), metas


def test_keyboard_only(national_site, national_records, new_page):
    """From page load: Tab to the search box, type, Tab to the first result, Enter opens it;
    every stop shows where the focus is."""
    query, code = FIRST[0]
    name = national_records[code].name
    page = new_page(national_site.page("tim-kiem/"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ck-q":
            break
    assert page.evaluate("document.activeElement.id") == "ck-q", "Tab never reached the box"
    box_focus = page.evaluate(FOCUS_STYLE)
    assert box_focus["focusVisible"] and (box_focus["outline"] or box_focus["shadow"]), box_focus
    page.keyboard.type(query)
    assert wait_for_answer(page, query)[0] == name
    for _ in range(8):  # past the submit button and the filters' summary
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('[data-ck-results]') !== null"):
            break
    assert page.evaluate("document.activeElement.textContent") == name
    link_focus = page.evaluate(FOCUS_STYLE)
    assert link_focus["focusVisible"] and (link_focus["outline"] or link_focus["shadow"]), \
        link_focus
    page.keyboard.press("Enter")
    opened(page, national_site, code, name)


def test_search_page_with_results_and_filters_is_accessible(national_site, new_page):
    page = new_page(national_site.page("tim-kiem/"))
    search(page, BROAD)
    choose(page, "sector", SECTOR)
    page.locator("button.ck-more").wait_for()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
