"""Embeds (generator/embeds.py, overrides/embed.html) and the snippet on full pages: structural
checks of the built fixture site."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from generator.build import build_site
from generator.records.config import load_config

from .conftest import FIXTURE

SITE_URL = "https://example.gov.vn/tthc/"
SITE_NAME = "Congkhai fixture"
CODE = "1.001193"
MARKUP_CODE = "1.000656"  # its name holds `</title><script>…`
MARKUP_NAME = 'Thủ tục đăng ký khai tử </title><script>alert("x")</script>'
ABOLISHED = "1.000419"
UNIT, INDEX = "so-tu-phap", "cchc-mau"
RANKING = "chi-so/cchc-mau/2024/so-ban-nganh/"


def text(node) -> str:
    return " ".join(node.get_text("").split())


def embed_pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/"
                  for p in (site / "embed").rglob("index.html"))


def full_pages(site: Path, folder: str) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() + "/"
                  for p in (site / folder).rglob("index.html") if p.parent != site / folder)


def test_every_embeddable_page_has_an_embed(fixture_site):
    pages = embed_pages(fixture_site)
    procedures = [p for p in full_pages(fixture_site, "thu-tuc") if p.count("/") == 2]
    rankings = [p for p in full_pages(fixture_site, "chi-so") if p.count("/") == 4]
    assert [p for p in pages if p.startswith("embed/thu-tuc/")] == sorted(
        "embed/" + p for p in procedures)
    assert [p for p in pages if p.startswith("embed/the/thu-tuc/")] == sorted(
        "embed/the/" + p for p in procedures)
    assert [p for p in pages if p.startswith("embed/chi-so/")] == sorted(
        "embed/" + p for p in rankings)
    assert [p for p in pages if p.startswith("embed/don-vi/")] == sorted(
        f"embed/don-vi/{u}/{INDEX}/" for u in
        ["so-noi-vu", "so-tu-phap", "so-xay-dung", "so-y-te", "ubnd-xa-a", "ubnd-xa-b"])


def test_embed_frame_has_no_site_chrome(fixture_site, soup_of):
    for path in embed_pages(fixture_site):
        soup = soup_of(path)
        html = (fixture_site / path / "index.html").read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>"), path
        assert soup.html["lang"] == "vi"
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
        # Nothing of Material: no header, navigation, search, theme CSS or JavaScript, fonts.
        assert soup.select('[class^="md-"], [class*=" md-"]') == [], path
        assert "assets/javascripts" not in html and "assets/stylesheets" not in html
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        scripts = [s.get("src") for s in soup.select("script")]
        assert scripts == ["../" * path.count("/") + "assets/congkhai/embed-resize.js"], path
        styles = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
        assert styles == ["../" * path.count("/") + "assets/congkhai/embed.css"], path
        # Only links may leave the site; nothing is loaded from elsewhere.
        for node in soup.select("[src]"):
            assert not node["src"].startswith(("http:", "https:", "//")), (path, node)
        # Never in the search index.
        assert "data-ck-search" not in str(soup), path


def test_embed_canonical_and_footer_point_to_the_full_page(fixture_site, soup_of):
    for path in embed_pages(fixture_site):
        soup = soup_of(path)
        full = path[len("embed/"):].rstrip("/").rsplit("/", 1)[0] + "/" \
            if path.startswith("embed/don-vi/") else path.removeprefix("embed/the/") \
            if path.startswith("embed/the/") else path[len("embed/"):]
        assert soup.select_one('link[rel="canonical"]')["href"] == SITE_URL + full, path
        assert soup.select_one("head base")["target"] == "_top"
        footer = soup.select_one("body > footer")
        assert text(footer).startswith(f"Nguồn: {SITE_NAME} · Cập nhật: "), path
        for link in footer.select("a"):
            assert link["target"] == "_top"
        back = footer.select_one("a[data-congkhai-full-page]")
        assert text(back) == "Xem trang đầy đủ"
        target = urljoin("http://host/" + path, back["href"])
        assert target == "http://host/" + full, path
        assert (fixture_site / full / "index.html").is_file()


def test_procedure_embed_holds_the_essentials(soup_of):
    soup = soup_of(f"embed/thu-tuc/{CODE}")
    assert text(soup.select_one("main h1")) == "Thủ tục đăng ký khai sinh"
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in soup.select("main dt")}
    assert facts["Thời hạn giải quyết"] == "1 ngày làm việc"
    assert facts["Phí, lệ phí"] == "Miễn phí"
    assert facts["Nơi nộp hồ sơ"] == "UBND xã A <b>mẫu</b>, Thôn 1, xã A"
    assert [text(h) for h in soup.select("main h2")] == ["Hồ sơ cần chuẩn bị",
                                                        "Trình tự thực hiện"]
    assert len(soup.select("main ol > li")) == 3
    assert len(soup.select("main ul.ck-e-checklist > li")) == 3
    assert text(soup.select_one("footer time")) == "20/03/2026"
    assert soup.select_one("footer time")["datetime"] == "2026-03-20"


def test_procedure_embed_escapes_the_name_in_the_head(fixture_site, soup_of):
    html = (fixture_site / f"embed/thu-tuc/{MARKUP_CODE}/index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    assert "<script>" not in head and "</title><script>" not in html
    assert soup_of(f"embed/thu-tuc/{MARKUP_CODE}").title.string == f"{MARKUP_NAME} · {SITE_NAME}"


def test_abolished_procedure_embed_says_so(soup_of):
    banner = soup_of(f"embed/thu-tuc/{ABOLISHED}").select_one(".ck-e-banner")
    assert "Thủ tục này đã bị bãi bỏ" in text(banner)
    assert "200/QĐ-UBND" in text(banner)


def test_unit_score_card_and_ranking_embeds(soup_of):
    card = soup_of(f"embed/don-vi/{UNIT}/{INDEX}")
    assert text(card.select_one("main h1")).startswith("Sở Tư pháp tỉnh Mẫu: ")
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in card.select("main dt")}
    assert facts["Năm đánh giá"] == "2024" and facts["Điểm"] == "91,50 / 100"
    assert facts["Xếp hạng"] == "2/3" and facts["Xếp loại"] == "Nhóm A"
    assert card.select_one("main svg.ck-chart[role=img] title")
    ranking = soup_of("embed/" + RANKING)
    assert text(ranking.select_one("main h1")).startswith("Bảng xếp hạng CCHC mẫu năm 2024")
    rows = [r["data-unit"] for r in ranking.select("main tbody tr")]
    assert rows == [r["data-unit"] for r in soup_of(RANKING).select(".ck-ranking tbody tr")]
    assert len(rows) == 4 and text(ranking.select("main tbody tr")[-1].td) == "—"  # N/A last


def test_embeds_are_not_in_the_sitemap_or_the_navigation(fixture_site, soup_of):
    assert "/embed/" not in (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    home = soup_of("")
    assert not [a for a in home.select("nav a") if "embed/" in a.get("href", "")]


# --- The snippet on full pages ----------------------------------------------------------------


def snippet(soup) -> list[BeautifulSoup]:
    """Each embed snippet of a page, parsed as the HTML a webmaster would paste."""
    boxes = soup.select("details.ck-embed-snippet")
    return [BeautifulSoup(code.get_text(), "html.parser")
            for box in boxes for code in box.select("pre code")]


@pytest.mark.parametrize("page, embed, title", [
    (f"thu-tuc/{CODE}", f"embed/thu-tuc/{CODE}/", "Thủ tục đăng ký khai sinh"),
    (f"thu-tuc/{MARKUP_CODE}", f"embed/thu-tuc/{MARKUP_CODE}/", MARKUP_NAME),
    (RANKING, "embed/" + RANKING, "Bảng xếp hạng CCHC mẫu năm 2024: Sở, ban, ngành"),
    (f"don-vi/{UNIT}", f"embed/don-vi/{UNIT}/{INDEX}/", "Sở Tư pháp tỉnh Mẫu: CCHC mẫu"),
])
def test_full_page_shows_an_escaped_snippet(fixture_site, soup_of, page, embed, title):
    soup = soup_of(page)
    box = soup.select_one("details.ck-embed-snippet")
    assert text(box.select_one("summary")) == "Nhúng vào trang khác"
    # Shown as text: the page itself gets no iframe and no script from it.
    assert box.select("iframe, script") == []
    *card, pasted = snippet(soup)
    if page.startswith("thu-tuc/"):
        # Procedures offer the compact card first, then the whole procedure.
        [card_snippet] = card
        assert card_snippet.select_one("iframe")["src"] == SITE_URL + "embed/the/" + embed[6:]
        assert (fixture_site / "embed/the" / embed[6:] / "index.html").is_file()
    else:
        assert card == []
    frame = pasted.select_one("iframe")
    assert frame["src"] == SITE_URL + embed
    assert frame["title"] == title
    assert frame["loading"] == "lazy" and frame.has_attr("data-congkhai-embed")
    assert "width:100%" in frame["style"]
    script = pasted.select_one("script")
    assert script["src"] == SITE_URL + "assets/congkhai/embed-host.js"
    assert script.has_attr("async")
    assert (fixture_site / embed / "index.html").is_file()


def test_snippet_of_a_name_with_markup_is_escaped_twice(fixture_site):
    html = (fixture_site / f"thu-tuc/{MARKUP_CODE}/index.html").read_text(encoding="utf-8")
    code = html.split('<details class="ck-embed-snippet"', 1)[1].split("</code>", 1)[0]
    assert "<iframe" not in code and "&lt;iframe" in code
    assert "&amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;" in code


def test_snippet_says_when_the_site_address_is_unknown():
    config = load_config(FIXTURE / "mkdocs.yml").model_copy(update={"site_url": None})
    pages = {p.path: p for p in build_site(FIXTURE, config).output.pages}
    body = BeautifulSoup(str(pages[f"thu-tuc/{CODE}/"].body), "html.parser")
    note = body.select_one(".ck-embed-snippet__missing")
    assert "site_url" in text(note) and "https://DIA-CHI-TRANG/" in text(note)
    card, pasted = snippet(body)
    assert card.select_one("iframe")["src"] == f"https://DIA-CHI-TRANG/embed/the/thu-tuc/{CODE}/"
    assert pasted.select_one("iframe")["src"] == f"https://DIA-CHI-TRANG/embed/thu-tuc/{CODE}/"
    embed = pages[f"embed/thu-tuc/{CODE}/"]
    assert embed.extra == {"full_page": f"thu-tuc/{CODE}/", "canonical": None}


def test_embed_scripts_are_published(fixture_site):
    for name in ("embed-resize.js", "embed-host.js", "embed.css"):
        assert (fixture_site / "assets" / "congkhai" / name).is_file()
