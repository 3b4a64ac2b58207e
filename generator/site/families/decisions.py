"""Publication decisions: `cong-bo/<slug>/` with its three lists (new; amended, supplemented or
replaced; abolished) as TT 05/2014/TT-BTP requires, and the index of decisions."""

from __future__ import annotations

from collections.abc import Iterator

from ...derive.catalogue import Decision
from ...records.schema import Feedback, Procedure
from ..output import Output, SitePage
from ..paths import PATHS
from ..render import Renderer, for_record
from .base import Family
from .lists import Pager, list_facts, listing, paginate


def generate(r: Renderer) -> Iterator[Output]:
    cat = r.cat
    for decision in cat.decisions:
        path = PATHS.decision(decision.slug)
        with for_record(f"quyết định {decision.number}"):
            # One national decision may publish hundreds of procedures: its list of new ones
            # is split into pages (cong-bo/<slug>/trang-2/, …) like every other list.
            new_current = decision.new_current
            pages = paginate(path, new_current)
            first, first_items = pages[0]
            feedback = cat.feedback_for(None)

            def page(decision: Decision = decision, path: str = path, first: Pager = first,
                     first_items: list[Procedure] = first_items,
                     feedback: Feedback | None = feedback) -> SitePage:
                return SitePage(path=path, title=f"Quyết định {decision.number}",
                                body=r.render("decision.html", path, d=decision,
                                              new_current=first_items, pg=first,
                                              feedback=feedback),
                                template="listing.html", kind="decision",
                                description=_description(decision))
            # What the page shows: the decision, and each procedure it lists with its entry.
            yield r.output("trang quyết định", [
                path, repr((decision.number, decision.date, decision.issuer, decision.link)),
                repr(first), *list_facts(r, feedback),
                *(f"{kind} {r.procedure_key(p)} {entry!r}"
                  for kind, pairs in decision.entries.items() for p, entry in pairs)], page)
            if len(pages) > 1:
                title = f"Quyết định {decision.number}: thủ tục mới ban hành"
                yield from (page for page in listing(
                    r, path, title, new_current,
                    intro=f"{len(new_current)} thủ tục mới ban hành còn áp dụng.")
                    if page.path != path)
    yield SitePage(PATHS.decisions, "Quyết định công bố",
                   r.render("decisions.html", PATHS.decisions, decisions=cat.decisions),
                   template="listing.html", kind="index")


def _description(d: Decision) -> str:
    counts = ", ".join(f"{n} {kind}" for kind, n in d.counts())
    return f"Quyết định {d.number} công bố thủ tục hành chính: {counts}."


FAMILY = Family("quyết định công bố", generate)
