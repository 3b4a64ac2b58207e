"""Sections appended to the hand-written home page (docs/index.md): ways into the catalogue and
the latest decisions."""

from __future__ import annotations

from markupsafe import Markup

from ..paths import PATHS
from ..render import Renderer


def home_sections(r: Renderer) -> Markup:
    latest = [d for d in r.cat.decisions if d.date][:5]
    return r.render("home.html", PATHS.home, latest=latest)
