"""Embed page family: chrome-less copies of pages for other sites' iframes.

| embed | full page |
|---|---|
| `embed/thu-tuc/<ma>/` | `thu-tuc/<ma>/`: summary, steps, dossier |
| `embed/the/thu-tuc/<ma>/` | `thu-tuc/<ma>/`: compact card: summary, key documents, link |
| `embed/don-vi/<id>/<chi_so>/` | `don-vi/<id>/`: the unit's score card on one index, with chart |
| `embed/chi-so/<chi_so>/<năm>/<loại>/` | `chi-so/<chi_so>/<năm>/<loại>/`: the ranking table |

Each is a `SitePage` framed by `overrides/embed.html`, which does not extend Material: no
header, navigation, fonts or theme scripts; `noindex`, a canonical link to the full page, a
footer (source, update date, link to the full page in the top window) and our own resize
script (`assets/embed-resize.js`; the embedding page loads `assets/embed-host.js`). Embeds are
kept out of the search index (it reads procedures only) and out of the navigation. The full
pages show the copy-paste snippet themselves (`templates/_embed_snippet.html`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ...derive.histories import IndexHistory
from ...derive.posting import key_documents, shorten
from ...records.kinds import PROCEDURE, UNIT
from ...records.schema import Procedure
from .. import scoretext as text
from ..output import DataFile, Output, SitePage
from ..paths import PATHS
from ..render import Renderer, for_record
from .base import Family
from .scores import ranking_title, template_helpers

TEMPLATE = "embed.html"
STYLESHEET = Path(__file__).parents[1] / "assets" / "embed.css"
STYLESHEET_URL = "assets/congkhai/embed.css"


def generate(r: Renderer) -> Iterator[Output]:
    yield from procedure_embeds(r)
    if r.cat.indexes:
        yield from unit_score_embeds(r)
        yield from ranking_embeds(r)
    yield DataFile(STYLESHEET_URL, STYLESHEET.read_bytes())


def _embed_page(r: Renderer, path: str, full_page: str, title: str, body: object,
                updated: dt.date | None, description: str) -> SitePage:
    site_url = r.cat.config.site_url
    return SitePage(
        path=path, title=title, body=body, template=TEMPLATE,  # type: ignore[arg-type]
        description=description, updated=updated, kind="embed",
        # The frame links back with `full_page` (relative) and names it canonical (absolute
        # when the site's address is known).
        extra={"full_page": full_page, "canonical": site_url + full_page if site_url else None},
    )


def procedure_embeds(r: Renderer) -> Iterator[Output]:
    """Every procedure, abolished ones too: an embed on another site must show the banner."""
    for p in r.cat.procedures:
        with for_record(r.cat.where(PROCEDURE.plural, p.ma_thu_tuc)):
            yield r.procedure_output("bản nhúng", p, lambda q: procedure_embed(r, q))
            yield r.procedure_output("thẻ nhúng", p, lambda q: procedure_card(r, q))


#: The compact card lists at most this many key documents, each at most this long.
CARD_DOCUMENTS = 4
CARD_DOCUMENT_CHARS = 100
CARD_FACT_CHARS = 120
CARD_NAME_CHARS = 150


def procedure_card(r: Renderer, p: Procedure) -> SitePage:
    """The compact card: short enough for a sidebar on a phone (under 1,500 px tall)."""
    s = r.summaries[p.ma_thu_tuc]
    path = PATHS.embed_procedure_card(p.ma_thu_tuc)
    documents = key_documents(p)
    shown = [shorten(d.ten, CARD_DOCUMENT_CHARS) for d in documents[:CARD_DOCUMENTS]]
    facts = {"time_limit": shorten(s.time_limit, CARD_FACT_CHARS),
             "fee": shorten(s.fee, CARD_FACT_CHARS), "place": shorten(s.place, CARD_FACT_CHARS)}
    body = r.render("embed_procedure_card.html", path, p=p, s=s, documents=shown,
                    more_documents=len(documents) - len(shown), facts=facts,
                    name=shorten(p.ten_thu_tuc, CARD_NAME_CHARS))
    return _embed_page(r, path, PATHS.procedure(p.ma_thu_tuc), p.ten_thu_tuc, body,
                       s.updated, f"{p.ten_thu_tuc}: thẻ tóm tắt để nhúng.")


def procedure_embed(r: Renderer, p: Procedure) -> SitePage:
    s = r.summaries[p.ma_thu_tuc]
    path = PATHS.embed_procedure(p.ma_thu_tuc)
    body = r.render("embed_procedure.html", path, p=p, s=s)
    return _embed_page(r, path, PATHS.procedure(p.ma_thu_tuc), p.ten_thu_tuc, body,
                       s.updated, f"{p.ten_thu_tuc}: bản nhúng.")


def unit_score_embeds(r: Renderer) -> Iterator[SitePage]:
    """One card per unit and index it has results on (as the unit page's score sections)."""
    cat = r.cat
    for unit_id, histories in r.site.histories.items():
        unit = cat.units[unit_id]
        for history in histories:
            definition = history.definition
            path = PATHS.embed_unit_scores(unit_id, definition.ma_chi_so)
            with for_record(cat.where(UNIT.plural, unit_id)):
                body = r.render("embed_unit_scores.html", path, unit=unit, ih=history,
                                **template_helpers())
            title = f"{unit.ten_don_vi}: {text.index_label(definition)}"
            page = _embed_page(r, path, PATHS.unit(unit_id), title, body,
                               score_card_date(history),
                               f"{title}: điểm, xếp hạng, xếp loại qua các năm.")
            # Sources often carry no date: the card then says which year its figures are
            # for rather than "no information" (the frame prints `updated_text`).
            page.extra["updated_text"] = f"số liệu năm {history.shown.year}"
            yield page


def score_card_date(history: IndexHistory) -> dt.date | None:
    """The newest publication date among the card's sources (any year shown on it)."""
    dates = [s.source.ngay for s in history.history if s.source and s.source.ngay]
    return max(dates) if dates else None


def ranking_embeds(r: Renderer) -> Iterator[SitePage]:
    for table in r.site.rankings:
        d, year, kind = table.definition, table.year, table.unit_kind
        path = PATHS.embed_ranking(d.ma_chi_so, year, kind)
        title = ranking_title(table)
        body = r.render("embed_ranking.html", path, t=table, d=d, title=title,
                        bands=d.bandset_for(year, kind), scored=table.scored,
                        **template_helpers())
        dates = [row.source.ngay for row in table.rows if row.source and row.source.ngay]
        yield _embed_page(r, path, PATHS.ranking(d.ma_chi_so, year, kind), title, body,
                          max(dates) if dates else None, f"{title}: bản nhúng.")


FAMILY = Family("bản nhúng", generate)
