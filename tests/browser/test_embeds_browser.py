"""Embeds in a real browser. The built sample site is served on one port; a host page, written
here with the snippets copied from the full pages, is served on another port (another origin):
the iframes fit their content, messages from any other origin are ignored, the "full page" link
takes the top window there, nothing is loaded from a third party, and axe finds nothing."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.records.config import load_config

from .conftest import ServedSite, axe_violations, describe, serve

pytestmark = pytest.mark.browser

PROCEDURE, PROCEDURE_EMBED = "thu-tuc/1.001193/", "embed/thu-tuc/1.001193/"
RANKING = "chi-so/par-index/2022/so-ban-nganh/"
RANKING_EMBED = "embed/" + RANKING
UNIT, UNIT_EMBED = "don-vi/quang-ninh/", "embed/don-vi/quang-ninh/par-index/"
PLACEHOLDER = "https://DIA-CHI-TRANG/"
FRAMES = "iframe[data-congkhai-embed]"
WRONG_HEIGHT = 777

#: Shows every message the host page receives, so a test can wait for one to arrive.
RECORDER = """<script>
window.received = [];
window.addEventListener("message", (e) => window.received.push({origin: e.origin, data: e.data}));
</script>"""
#: A page on the host's origin that, once inside an embed's iframe, asks to be resized.
ROGUE = f"""<!doctype html><html lang="vi"><title>x</title><script>
parent.postMessage({{type: "congkhai:resize", height: {WRONG_HEIGHT}, id: "rogue"}}, "*");
</script></html>"""


def snippet(site: ServedSite, full_page: str, embed: str) -> str:
    """The snippet shown on `full_page` for `embed`, pointed at the locally served site."""
    soup = BeautifulSoup((site.directory / full_page / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    codes = [c.get_text() for c in soup.select("details.ck-embed-snippet pre code")]
    [code] = [c for c in codes if f"{embed}\"" in c]
    public = load_config(site.project / "mkdocs.yml").site_url or PLACEHOLDER
    return code.replace(public, site.url)


@pytest.fixture
def host(sample_site, tmp_path) -> Iterator[Callable[..., str]]:
    """`host(*(full_page, embed))` writes a page holding those snippets on another origin (the
    same host name, another port) and returns its URL; `rogue.html` is served next to it."""
    (tmp_path / "rogue.html").write_text(ROGUE, encoding="utf-8")
    with serve(tmp_path) as base:
        assert base != sample_site.url

        def make(*embeds: tuple[str, str]) -> str:
            blocks = "\n".join(f"<section><h2>{html.escape(e)}</h2>\n"
                               f"{snippet(sample_site, full, e)}\n</section>"
                               for full, e in embeds)
            (tmp_path / "host.html").write_text(
                f"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                f"<title>Trang nhúng</title>{RECORDER}</head><body><h1>Trang của cơ quan</h1>\n"
                f"{blocks}\n</body></html>", encoding="utf-8")
            return base + "host.html"

        make.base = base  # type: ignore[attr-defined]
        yield make


def frame_of(page, index: int = 0):
    handle = page.locator(FRAMES).nth(index)
    handle.scroll_into_view_if_needed()  # the iframes are loading="lazy"
    return handle, handle.element_handle().content_frame()


def fitted(page, index: int = 0) -> tuple[float, int]:
    """Wait until the iframe's height equals its document's (within 2 px); return both."""
    handle, frame = frame_of(page, index)
    frame.wait_for_load_state("load")
    for _ in range(50):
        height = handle.evaluate("f => f.getBoundingClientRect().height")
        content = frame.evaluate("document.documentElement.scrollHeight")
        if abs(height - content) <= 2 and height != 150:
            return height, content
        page.wait_for_timeout(100)
    raise AssertionError(f"iframe {index} is {height}px for a {content}px document")


def test_iframes_fit_their_content_and_follow_it(sample_site, host, new_page):
    page = new_page(host((PROCEDURE, PROCEDURE_EMBED), (RANKING, RANKING_EMBED)))
    procedure, _content = fitted(page, 0)
    assert procedure > 600, "a procedure's summary, steps and dossier are taller than 150px"
    ranking, _ = fitted(page, 1)
    assert ranking != procedure, "each iframe gets its own document's height"
    # Wider screen, shorter text: the iframe shrinks as well as grows.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(f"h => document.querySelector('{FRAMES}')"
                           ".getBoundingClientRect().height < h", arg=procedure)
    wide, _ = fitted(page, 0)
    assert wide < procedure
    # No scroll bar inside the iframe: the document is not taller than its frame.
    _, frame = frame_of(page, 0)
    assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight + 1")


def test_messages_from_another_origin_are_ignored(sample_site, host, new_page):
    page = new_page(host((PROCEDURE, PROCEDURE_EMBED)))
    height, _ = fitted(page)
    # A window of another origin (here the host page itself) claims to be the embed.
    page.evaluate(f"""() => window.postMessage({{type: "congkhai:resize", height: {WRONG_HEIGHT},
                      id: "{PROCEDURE_EMBED}"}}, "*")""")
    page.wait_for_function(f"received.some(m => m.data.height === {WRONG_HEIGHT})")
    handle, frame = frame_of(page)
    assert handle.evaluate("f => f.getBoundingClientRect().height") == height
    # The embed's own iframe, navigated to a page of another origin, cannot resize it either.
    frame.goto(host.base + "rogue.html")
    page.wait_for_function("received.some(m => m.data.id === 'rogue')")
    assert page.evaluate("received.find(m => m.data.id === 'rogue').origin") + "/" == host.base
    page.wait_for_timeout(200)
    assert handle.evaluate("f => f.getBoundingClientRect().height") == height


def test_full_page_link_opens_in_the_top_window(sample_site, host, new_page):
    page = new_page(host((PROCEDURE, PROCEDURE_EMBED)))
    fitted(page)
    _, frame = frame_of(page)
    link = frame.locator("footer a[data-congkhai-full-page]")
    assert link.get_attribute("target") == "_top"
    link.click()
    page.wait_for_url(sample_site.page(PROCEDURE))
    assert page.locator("h1").first.inner_text().strip() == "Thủ tục đăng ký khai sinh"


def test_no_cookie_and_no_third_party_request(sample_site, host, new_page):
    page = new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(host((PROCEDURE, PROCEDURE_EMBED), (UNIT, UNIT_EMBED), (RANKING, RANKING_EMBED)))
    for index in range(3):
        fitted(page, index)
    page.wait_for_load_state("networkidle")
    outside = [url for url in requested
               if not url.startswith((sample_site.url, host.base)) and not url.startswith("data:")]
    assert outside == []
    assert any(url.startswith(sample_site.url + "embed/") for url in requested)
    assert page.context.cookies() == []


@pytest.mark.parametrize("embed", [PROCEDURE_EMBED, UNIT_EMBED, RANKING_EMBED,
                                   "embed/thu-tuc/1.000419/"])
def test_embed_has_no_wcag_violation(sample_site, new_page, embed):
    page = new_page(sample_site.page(embed))
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    # Opened on its own (not in a frame) it is a plain page: no Material, no errors.
    assert page.locator(".md-header").count() == 0


def test_embed_inside_the_host_has_no_wcag_violation(sample_site, host, new_page):
    page = new_page(host((UNIT, UNIT_EMBED)))
    fitted(page)
    _, frame = frame_of(page)
    frame.add_script_tag(path=str(Path(__file__).resolve().parents[2] / "node_modules" /
                                  "axe-core" / "axe.min.js"))
    violations = frame.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, "
        "resultTypes: ['violations']})).violations")
    assert violations == [], describe(violations)
