"""The one interface every page family implements.

A family is a module that renders one kind of output from the derived `SiteData`: procedure
pages, lists, unit pages, decisions, score pages, open data, embeds. Each exposes a `FAMILY`;
the build runs them in the order of `site.families.FAMILIES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..output import Output
from ..render import Renderer

#: Render every page and file of a family. The renderer carries the `SiteData`.
Generate = Callable[[Renderer], Iterable[Output]]


@dataclass(frozen=True)
class Family:
    """A named family of generated pages and data files."""

    name: str
    generate: Generate
