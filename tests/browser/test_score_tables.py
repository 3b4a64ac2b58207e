"""Score tables in a real browser: a ranking table fits the content column on a desktop once
component columns without data are left out; on a phone it scrolls sideways with the unit name
kept in view."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

RANKING = "chi-so/par-index/2023/tinh-thanh-pho/"


def test_ranking_table_fits_the_column_on_a_desktop(sample_site, new_page):
    page = new_page(sample_site.page(RANKING), viewport={"width": 1280, "height": 900},
                    is_mobile=False, has_touch=False, device_scale_factor=1)
    table, column = page.evaluate("""() => [
        document.querySelector('.ck-ranking table').getBoundingClientRect().width,
        document.querySelector('.md-content__inner').getBoundingClientRect().width]""")
    assert table <= column, (table, column)
    note = page.locator(".ck-empty-components")
    assert note.count() == 1 and "không được hiển thị" in note.inner_text()


def test_unit_name_stays_in_view_while_the_table_scrolls(sample_site, new_page):
    page = new_page(sample_site.page(RANKING))
    name = page.locator(".ck-ranking tbody th").first
    scrolled, left = page.evaluate("""() => {
        const table = document.querySelector('.ck-ranking table');
        let box = table.parentElement;
        while (box && box.scrollWidth <= box.clientWidth) box = box.parentElement;
        if (!box || box === document.body || box === document.documentElement) return [0, 0];
        box.scrollLeft = box.scrollWidth;
        return [box.scrollLeft, box.getBoundingClientRect().left];
    }""")
    if scrolled == 0:
        pytest.skip("the table fits the phone's width: nothing scrolls")
    # Scrolled to the far right, the unit name is still at the box's left edge, not off-screen.
    assert name.bounding_box()["x"] >= left - 1
