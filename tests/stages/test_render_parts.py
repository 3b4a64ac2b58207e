"""Render: the sanitiser of editors' text and relative links (site/textformat.py, paths.py)."""

from __future__ import annotations

import pytest

from generator.site.paths import PATHS, relative_url
from generator.site.textformat import inline_html, markdown_html, plain_text


@pytest.mark.parametrize(("target", "page", "expected"), [
    ("thu-tuc/1.001193/", "", "thu-tuc/1.001193/"),
    ("thu-tuc/1.001193/", "thu-tuc/1.000419/", "../1.001193/"),
    ("", "thu-tuc/1.000419/", "../../"),
    ("don-vi/so-tu-phap/", "chi-so/par-index/2023/tinh-thanh-pho/", "../../../../don-vi/so-tu-phap/"),
    ("assets/congkhai/embed.css", "embed/thu-tuc/1.001193/", "../../../assets/congkhai/embed.css"),
    ("https://dichvucong.gov.vn/", "thu-tuc/1.001193/", "https://dichvucong.gov.vn/"),
    ("#tom-tat", "thu-tuc/1.001193/", "#tom-tat"),
    ("thu-tuc/", "thu-tuc/", "./"),
])
def test_relative_url(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page) == expected


def test_paths_are_stable() -> None:
    assert PATHS.procedure("1.001193") == "thu-tuc/1.001193/"
    assert PATHS.ranking("par-index", 2023, "Tỉnh, thành phố") == \
        "chi-so/par-index/2023/tinh-thanh-pho/"
    assert PATHS.embed_procedure("1.001193") == "embed/thu-tuc/1.001193/"


def test_raw_html_is_shown_as_text() -> None:
    html = str(markdown_html("<script>alert(1)</script> & **đậm**"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "<strong>đậm</strong>" in html


def test_links_keep_only_safe_schemes() -> None:
    html = str(markdown_html("[a](javascript:alert(1)) [b](https://example.gov.vn/)"))
    assert "javascript:" not in html
    assert 'href="https://example.gov.vn/"' in html


def test_plain_and_inline_text() -> None:
    assert str(inline_html("Tờ khai *mẫu*")) == "Tờ khai <em>mẫu</em>"
    assert str(markdown_html("Một\n\nHai")).count("<p>") == 2
    assert plain_text("Một\n  hai   ba") == "Một hai ba"
    assert str(markdown_html(None)) == ""
