"""The build, stage by stage: load → validate → resolve → derive → render.

(The last stage, indexing for search, runs over the written HTML: see `search_index.py`.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import embeds, opendata, score_pages, textformat
from .catalogue import resolve
from .config import ProjectConfig
from .pages import decision_pages, home_sections, list_pages, procedure_pages, unit_pages
from .problems import Problem, RecordsInvalid
from .records import load_project
from .render import Renderer, SiteOutput


@dataclass
class BuildResult:
    output: SiteOutput
    warnings: list[Problem]


def build_site(root: Path, config: ProjectConfig) -> BuildResult:
    """Turn the records under `root` into pages and data files, or raise RecordsInvalid."""
    loaded = load_project(root, config)                      # load + validate
    if loaded.errors:
        raise RecordsInvalid(loaded.problems)
    catalogue = resolve(loaded.records, config)              # resolve references
    warnings = [p for p in loaded.problems if p.severity == "warning"]
    del loaded  # the composed documents (kept only to locate problems) are no longer needed
    renderer = Renderer(catalogue)                           # derive summaries
    score_pages.prepare(renderer)                            # derive scores (unit pages show them)
    output = SiteOutput()
    for stage in (procedure_pages, list_pages, unit_pages, decision_pages):   # render
        output.pages.extend(stage(renderer))
    for family in (score_pages, opendata, embeds):           # scores, open data, embeds
        family.add_to_site(renderer, output)
    output.home_sections = home_sections(renderer)
    output.latest_date = latest_record_date(catalogue)
    textformat.clear_cache()  # rendered fragments now live in the pages; free the cache
    return BuildResult(output, warnings)


def latest_record_date(catalogue) -> dt.date | None:
    """The newest date written in any record: a reproducible stand-in for "build date"."""
    dates = [p.ngay_cap_nhat for p in catalogue.procedures if p.ngay_cap_nhat]
    dates += [d.ngay_ban_hanh for p in catalogue.procedures for d in p.cong_bo if d.ngay_ban_hanh]
    return max(dates) if dates else None
