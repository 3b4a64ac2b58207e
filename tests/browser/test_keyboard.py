"""Keyboard and order in a real browser (phone-sized): Tab from the top of any page reaches the
main content through a skip link; nothing in the closed navigation drawer takes focus; lists
sorted by name follow Chromium's Vietnamese collation (`Intl.Collator("vi")`, ICU)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "",  # home: hand-written, Material's own skip link
    "thu-tuc/",
    "thu-tuc/1.001193/",
    "thu-tuc/1.001193/niem-yet/",
    "linh-vuc/",
    "linh-vuc/ho-tich/",
    "don-vi/",
    "don-vi/quang-ninh/",
    "don-vi/so-xay-dung/mot-cua/",
    "chi-so/",
    "chi-so/par-index/2023/tinh-thanh-pho/",
    "cong-bo/",
    "da-bai-bo/",
]
IN_MAIN = "el => !!el.closest('.md-content, main#noi-dung')"
IN_DRAWER = "el => !!el.closest('.md-sidebar--primary')"


@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_main_content_through_the_skip_link(sample_site, new_page, path):
    page = new_page(sample_site.page(path))
    page.keyboard.press("Tab")
    skip = page.evaluate_handle("document.activeElement")
    assert skip.evaluate("el => el.matches('a.md-skip, a.ck-skip')"), path
    assert skip.evaluate("el => el.getBoundingClientRect().width > 0"), "skip link visible on focus"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate_handle("document.activeElement").evaluate(IN_MAIN), path


@pytest.mark.parametrize("path", ["", "thu-tuc/1.001193/", "linh-vuc/ho-tich/"])
def test_closed_drawer_takes_no_focus_and_opens_focusable(sample_site, new_page, path):
    page = new_page(sample_site.page(path))
    for _ in range(12):
        page.keyboard.press("Tab")
        assert not page.evaluate_handle("document.activeElement").evaluate(IN_DRAWER), path
    # Opened, its links are reachable again (visibility comes back with the drawer).
    page.click("label.md-header__button[for='__drawer']")
    link = page.locator(".md-sidebar--primary a.md-nav__link").first
    page.wait_for_function("el => getComputedStyle(el).visibility === 'visible'",
                           arg=link.element_handle())
    link.focus()
    assert page.evaluate_handle("document.activeElement").evaluate(IN_DRAWER)


def collated(page, names: list[str]) -> list[str]:
    return page.evaluate("names => [...names].sort(new Intl.Collator('vi').compare)", names)


def texts(page, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def test_lists_follow_vietnamese_collation(sample_site, new_page):
    page = new_page(sample_site.page("linh-vuc/"))
    sectors = [t.rsplit(" (", 1)[0] for t in texts(page, "article .ck-terms li")]
    assert len(sectors) > 5
    assert sectors == collated(page, sectors)
    # The examples: “Đ” after “D”, “Hàng hải” before “Hoạt động”.
    assert sectors.index("Hàng hải và đường thủy nội địa") < sectors.index("Hoạt động xây dựng")
    page.goto(sample_site.page(""))
    units = [t.rsplit(" (", 1)[0] for t in texts(page, "#theo-don-vi + ul li")]
    assert len(units) > 3 and units == collated(page, units)
    page.goto(sample_site.page("linh-vuc/ho-tich/"))
    names = texts(page, "article .ck-list tbody tr[data-code] td:nth-child(2) a")
    assert len(names) > 3 and names == collated(page, names)
    page.goto(sample_site.page("don-vi/"))
    for group in page.locator("article ul").all():
        names = [t.split(" (")[0] for t in group.locator("li > a").all_inner_texts()]
        assert names == collated(page, names)


@pytest.mark.parametrize("path", ["thu-tuc/1.001193/niem-yet/", "don-vi/so-xay-dung/mot-cua/",
                                  "don-vi/so-xay-dung/mot-cua/niem-yet/",
                                  "embed/the/thu-tuc/1.001193/",
                                  "chi-so/par-index/2023/tinh-thanh-pho/"])
def test_new_pages_have_no_wcag_violation(sample_site, new_page, path):
    from .conftest import axe_violations, describe

    page = new_page(sample_site.page(path))
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_copy_button_copies_the_chosen_snippet(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/1.001193/"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("details.ck-embed-snippet summary")
    button = page.locator("button.ck-embed-copy").first
    assert button.get_attribute("aria-label") == (
        "Chép mã: Thẻ gọn: tóm tắt, giấy tờ chính, liên kết")
    button.click()
    page.wait_for_function("document.querySelector('.ck-embed-copy-status').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "embed/the/thu-tuc/1.001193/" in copied and copied.startswith("<iframe")


def test_without_javascript_the_snippet_is_plain_text(sample_site, new_page):
    page = new_page(sample_site.page("thu-tuc/1.001193/"), javascript=False)
    assert page.locator("button.ck-embed-copy").count() == 0
    assert page.locator("details.ck-embed-snippet pre code").count() == 2
