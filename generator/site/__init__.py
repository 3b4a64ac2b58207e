"""Render stage: the derived `SiteData` → pages and data files (see `render_site`).

`families/` holds one module per kind of page, `templates/` the fragments they render with our
own Jinja environment, `assets/` the browser scripts and styles. Nothing here knows MkDocs:
`output.py` is the hand-over to whatever writes the site.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Iterable
from typing import IO

from ..cache import OutputCache
from ..derive.site_data import SiteData
from ..problems import BuildFailure
from . import textformat
from .families import FAMILIES, embeds, procedures, search, sheets
from .families.base import Family
from .families.home import home_sections
from .output import DataFile, Output, SiteOutput, SitePage, Stored
from .render import Renderer

#: The families a second process renders (see `render_site`), chosen so that both processes
#: take about as long in a cold build and after one edit (when most pages come from the build
#: cache and the search index is the largest piece left); without a search index the
#: procedure pages go there instead. Each is independent of the others.
SECOND_PROCESS = (embeds.FAMILY, sheets.FAMILY, search.FAMILY)
SECOND_PROCESS_NO_SEARCH = (procedures.FAMILY, embeds.FAMILY, sheets.FAMILY)
#: When the build cache holds nearly every procedure's pages (a build after an edit), the
#: search index is most of what is left to do: the second process builds it alone.
SECOND_PROCESS_STORED = (search.FAMILY,)
#: "Nearly every": the share of procedure pages the build cache must hold.
STORED_SHARE = 0.9
#: Below this many procedures a second process costs more than it saves.
PARALLEL_FROM = 500


def render_site(site: SiteData, processes: int = 1,
                outputs: OutputCache | None = None) -> SiteOutput:
    """Render every family's pages and files, in `FAMILIES` order.

    With `processes` ≥ 2 (and a system that can fork), the per-procedure families are rendered
    by a forked child while this process renders the others: the output is the same, in the
    same order (tested), in less time on two cores. `outputs` (the build cache) answers the
    pages of procedures whose summary is unchanged (see `Renderer.per_procedure`)."""
    r = Renderer(site, outputs)
    child = None
    if processes > 1 and hasattr(os, "fork") and len(site.catalogue.procedures) >= PARALLEL_FROM:
        child = _Child(site, _second_process(r), outputs)
    rendered: dict[str, list[Output]] = {}
    for family in FAMILIES:
        if child is None or family not in child.families:
            rendered[family.name] = list(family.generate(r))
    if child is not None:
        rendered.update(child.results())
    output = SiteOutput(latest_date=site.latest_date)
    for family in FAMILIES:
        for item in rendered.pop(family.name):
            if isinstance(item, SitePage) or (isinstance(item, Stored) and item.is_page):
                output.pages.append(item)
            else:
                output.files.append(item)
    output.home_sections = home_sections(r)
    textformat.clear_cache()  # rendered fragments now live in the pages; free the cache
    return output


def _second_process(r: Renderer) -> tuple[Family, ...]:
    """The families the second process renders (see SECOND_PROCESS)."""
    if not r.cat.config.search:
        return SECOND_PROCESS_NO_SEARCH
    procedures_ = r.cat.procedures
    stored = sum(1 for p in procedures_ if r.is_stored(procedures.WHAT, p))
    return SECOND_PROCESS_STORED if stored >= STORED_SHARE * len(procedures_) else SECOND_PROCESS


class _Child:
    """Families rendered in a forked process, which streams its items into a temporary file
    (no pipe to fill up while this process is busy) and ends with a status record."""

    def __init__(self, site: SiteData, families: Iterable[Family],
                 outputs: OutputCache | None) -> None:
        self.families = tuple(families)
        self.outputs = outputs
        # Closed by `results` (which every caller reaches: the child is always waited for).
        self.file = tempfile.TemporaryFile()  # noqa: SIM115
        context = multiprocessing.get_context("fork")
        self.process = context.Process(target=_render_into, name="congkhai-render",
                                       args=(site, self.families, self.file, outputs),
                                       daemon=True)
        self.process.start()

    def results(self) -> dict[str, list[Output]]:
        self.process.join()
        found: dict[str, list[Output]] = {family.name: [] for family in self.families}
        status: tuple[str, str] | None = None
        with self.file as stream:
            stream.seek(0)
            while True:
                try:
                    record = pickle.load(stream)
                except EOFError:
                    break
                except Exception as error:  # cut short mid-item: the status says why, if any
                    if status is None:
                        status = ("lỗi", f"{type(error).__name__}: {error}")
                    break
                if isinstance(record, tuple) and record[0] in ("xong", "lỗi"):
                    status = record[:2]
                    if record[0] == "xong" and self.outputs is not None:
                        self.outputs.merge(record[2])
                else:
                    name, item = record
                    found[name].append(item)
        if status is None:
            raise BuildFailure(f"tiến trình dựng trang phụ dừng bất thường "
                               f"(mã thoát {self.process.exitcode})")
        if status[0] == "lỗi":
            raise BuildFailure(status[1])
        return found


def _render_into(site: SiteData, families: tuple[Family, ...], stream: IO[bytes],
                 outputs: OutputCache | None) -> None:
    r = Renderer(site, outputs)
    try:
        for family in families:
            for item in family.generate(r):
                pickle.dump((family.name, item), stream, protocol=pickle.HIGHEST_PROTOCOL)
        # What this process used and added in the build cache, for the parent to write.
        handed = outputs.handed_back() if outputs is not None else None
        pickle.dump(("xong", "", handed), stream)
    except BuildFailure as failure:
        pickle.dump(("lỗi", str(failure)), stream)
    except Exception as error:
        pickle.dump(("lỗi", f"{type(error).__name__}: {error}"), stream)
    stream.flush()


__all__ = ["DataFile", "SiteOutput", "SitePage", "render_site"]
