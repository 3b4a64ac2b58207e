"""Embed page family: chrome-less copies of pages for other sites' iframes.

| embed | full page |
|---|---|
| `embed/thu-tuc/<ma>/` | `thu-tuc/<ma>/`: summary, steps, dossier |
| `embed/don-vi/<id>/<chi_so>/` | `don-vi/<id>/`: the unit's score card on one index, with chart |
| `embed/chi-so/<chi_so>/<năm>/<loại>/` | `chi-so/<chi_so>/<năm>/<loại>/`: the ranking table |

Each is a `SitePage` framed by `overrides/embed.html`, which does not extend Material: no
header, navigation, fonts or theme scripts; `noindex`, a canonical link to the full page, a
footer (source, update date, link to the full page in the top window) and our own resize
script (`assets/embed-resize.js`; the embedding page loads `assets/embed-host.js`). Embeds are
kept out of the search index (no `data-pagefind-body`) and out of the navigation. The full
pages show the copy-paste snippet themselves (`templates/_embed_snippet.html`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator, Optional

from . import scoretext as text
from .indexes import bandset_for
from .render import PATHS, DataFile, Renderer, SiteOutput, SitePage
from .schema import Procedure
from .score_pages import RankingTable, template_helpers, index_history, ranking_tables
from .scores import ScoreBook

TEMPLATE = "embed.html"
STYLESHEET = Path(__file__).parent / "assets" / "embed.css"
STYLESHEET_URL = "assets/congkhai/embed.css"


def add_to_site(renderer: Renderer, output: SiteOutput) -> None:
    output.pages.extend(procedure_embeds(renderer))
    book: Optional[ScoreBook] = renderer.derived.get("scores")
    if book is not None and renderer.cat.indexes:
        output.pages.extend(unit_score_embeds(renderer, book))
        output.pages.extend(ranking_embeds(renderer, book))
    output.files.append(DataFile(STYLESHEET_URL, STYLESHEET.read_bytes()))


def _embed_page(renderer: Renderer, path: str, full_page: str, title: str, body,
                updated: Optional[dt.date], description: str) -> SitePage:
    site_url = renderer.cat.config.site_url
    return SitePage(
        path=path, title=title, body=body, template=TEMPLATE, description=description,
        updated=updated, kind="embed",
        # The frame links back with `full_page` (relative) and names it canonical (absolute
        # when the site's address is known).
        extra={"full_page": full_page, "canonical": site_url + full_page if site_url else None},
    )


def procedure_embeds(renderer: Renderer) -> Iterator[SitePage]:
    """Every procedure, abolished ones too: an embed on another site must show the banner."""
    for p in renderer.cat.procedures:
        yield _procedure_embed(renderer, p)


def _procedure_embed(renderer: Renderer, p: Procedure) -> SitePage:
    s = renderer.summaries[p.ma_thu_tuc]
    path = PATHS.embed_procedure(p.ma_thu_tuc)
    body = renderer.render("embed_procedure.html", path, p=p, s=s)
    return _embed_page(renderer, path, PATHS.procedure(p.ma_thu_tuc), p.ten_thu_tuc, body,
                       s.updated, f"{p.ten_thu_tuc}: bản nhúng.")


def unit_score_embeds(renderer: Renderer, book: ScoreBook) -> Iterator[SitePage]:
    """One card per unit and index it has results on (as the unit page's score sections)."""
    cat = renderer.cat
    for unit_id, unit in cat.units.items():
        for index_id in sorted(unit.diem_so):
            if index_id not in cat.indexes or not unit.diem_so[index_id]:
                continue
            definition = cat.indexes[index_id]
            history = index_history(book, unit, definition)
            path = PATHS.embed_unit_scores(unit_id, index_id)
            body = renderer.render("embed_unit_scores.html", path, unit=unit, ih=history,
                                   **template_helpers())
            shown = history.latest or history.history[-1]
            updated = shown.source.ngay if shown.source else None
            title = f"{unit.ten_don_vi}: {text.index_label(definition)}"
            yield _embed_page(renderer, path, PATHS.unit(unit_id), title, body, updated,
                              f"{title}: điểm, xếp hạng, xếp loại qua các năm.")


def ranking_embeds(renderer: Renderer, book: ScoreBook) -> Iterator[SitePage]:
    for table in ranking_tables(renderer, book):
        yield _ranking_embed(renderer, table)


def _ranking_embed(renderer: Renderer, table: RankingTable) -> SitePage:
    d, year, kind = table.definition, table.year, table.unit_kind
    path = PATHS.embed_ranking(d.ma_chi_so, year, kind)
    title = f"Bảng xếp hạng {text.index_label(d)} năm {year}: {kind}"
    body = renderer.render(
        "embed_ranking.html", path, t=table, d=d, title=title,
        bands=bandset_for(d, year, kind), scored=sum(1 for r in table.rows if r.scored),
        **template_helpers(),
    )
    dates = [r.source.ngay for r in table.rows if r.source and r.source.ngay]
    return _embed_page(renderer, path, PATHS.ranking(d.ma_chi_so, year, kind), title, body,
                       max(dates) if dates else None, f"{title}: bản nhúng.")
