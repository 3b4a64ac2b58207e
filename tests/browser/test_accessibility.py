"""axe-core finds no WCAG 2.2 A/AA violation on the main page types and the search dialog."""

from __future__ import annotations

import pytest

from .conftest import axe_violations, describe, search

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False,
           "device_scale_factor": 1}
PAGES = {
    "home": "",
    "procedure": "thu-tuc/1.001193/",
    "abolished procedure": "thu-tuc/1.000419/",
    "list of all procedures": "thu-tuc/",
}


@pytest.mark.parametrize("screen", ["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_wcag_violation(sample_site, new_page, name, screen):
    page = new_page(sample_site.page(PAGES[name]), **(DESKTOP if screen == "desktop" else {}))
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_filtered_list_has_no_wcag_violation(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/"))
    page.fill("#ck-filter-q", "khai sinh")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_search_results_have_no_wcag_violation(sample_site, new_page, screen):
    page = new_page(sample_site.page("thu-tuc/1.001193/"),
                    **(DESKTOP if screen == "desktop" else {}))
    assert search(page, "dang ky khai sinh", minimum=3)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
