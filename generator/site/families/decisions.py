"""Publication decisions: `cong-bo/<slug>/` with its three lists (new; amended, supplemented or
replaced; abolished) as TT 05/2014/TT-BTP requires, and the index of decisions."""

from __future__ import annotations

from collections.abc import Iterator

from ...derive.catalogue import Decision
from ..output import SitePage
from ..paths import PATHS
from ..render import Renderer, for_record
from .base import Family


def generate(r: Renderer) -> Iterator[SitePage]:
    cat = r.cat
    for decision in cat.decisions:
        path = PATHS.decision(decision.slug)
        with for_record(f"quyết định {decision.number}"):
            yield SitePage(path=path, title=f"Quyết định {decision.number}",
                           body=r.render("decision.html", path, d=decision,
                                         feedback=cat.feedback_for(None)),
                           template="listing.html", kind="decision",
                           description=_description(decision))
    yield SitePage(PATHS.decisions, "Quyết định công bố",
                   r.render("decisions.html", PATHS.decisions, decisions=cat.decisions),
                   template="listing.html", kind="index")


def _description(d: Decision) -> str:
    counts = ", ".join(f"{n} {kind}" for kind, n in d.counts())
    return f"Quyết định {d.number} công bố thủ tục hành chính: {counts}."


FAMILY = Family("quyết định công bố", generate)
