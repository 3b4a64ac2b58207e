"""Render stage: the derived `SiteData` → pages and data files (see `render_site`).

`families/` holds one module per kind of page, `templates/` the fragments they render with our
own Jinja environment, `assets/` the browser scripts and styles, `search/` the search index.
Nothing here knows MkDocs: `output.py` is the hand-over to whatever writes the site.
"""

from __future__ import annotations

from ..derive.site_data import SiteData
from . import textformat
from .families import FAMILIES
from .families.home import home_sections
from .output import DataFile, SiteOutput, SitePage
from .render import Renderer


def render_site(site: SiteData) -> SiteOutput:
    """Render every family's pages and files."""
    r = Renderer(site)
    output = SiteOutput(latest_date=site.latest_date)
    for family in FAMILIES:
        for item in family.generate(r):
            if isinstance(item, SitePage):
                output.pages.append(item)
            else:
                output.files.append(item)
    output.home_sections = home_sections(r)
    textformat.clear_cache()  # rendered fragments now live in the pages; free the cache
    return output


__all__ = ["DataFile", "SiteOutput", "SitePage", "render_site"]
