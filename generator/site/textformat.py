"""Turn editors' text into safe HTML.

Long-text fields may use Markdown, but raw HTML typed into a record must never reach a page
unescaped (MkDocs renders templates with autoescape off, see stack.md). We escape `&` and `<`
*before* Markdown runs, so any tag an editor types is shown as text, then pass the result
through nh3 (an allow-list HTML sanitiser) so that Markdown links cannot carry `javascript:`.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3
from markupsafe import Markup, escape

_ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "code", "blockquote",
                 "table", "thead", "tbody", "tr", "th", "td", "h3", "h4"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Text without any of these characters renders identically as an escaped paragraph.
_MARKDOWN_SYNTAX = re.compile(r"[\n*_`\[\]#>|]|^\s*([-+]|\d+[.)])\s", re.MULTILINE)

_md = markdown.Markdown(extensions=["sane_lists", "nl2br", "tables"], output_format="html")


@functools.lru_cache(maxsize=65536)
def _render(text: str) -> str:
    if not _MARKDOWN_SYNTAX.search(text):
        return f"<p>{escape(text)}</p>"
    source = text.replace("&", "&amp;").replace("<", "&lt;")
    _md.reset()
    html = _md.convert(source)
    return nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES,
                     url_schemes=_URL_SCHEMES, link_rel="noopener")


def markdown_html(text: str | None) -> Markup:
    """Render a Markdown field as safe block HTML (empty Markup for no text)."""
    if not text:
        return Markup("")
    return Markup(_render(text))


def inline_html(text: str | None) -> Markup:
    """Render a Markdown field inline: like `markdown_html` without a lone wrapping <p>."""
    html = str(markdown_html(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def plain_text(text: str | None) -> str:
    """Markdown field as one line of plain text (for lists, meta descriptions, JSON-LD)."""
    if not text:
        return ""
    return " ".join(text.split())


def clear_cache() -> None:
    """Forget rendered fields (the cache only pays off within one build)."""
    _render.cache_clear()
