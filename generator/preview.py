"""The quick preview: the page of an edited procedure, in about a second, before the full build.

Under `mkdocs serve` an editor saves a record and looks at its page. A full build of a national
catalogue takes tens of seconds (every list, unit page, open-data file and the search index show
the record too), so the preview answers in two steps: first this module renders the edited
procedure's own page against the last good build — the record loaded, validated and
cross-checked with the whole project exactly as the build would, the catalogue resolved again,
its summary derived — with a notice saying the rest of the site is being rebuilt; then the full
build runs in the background and replaces every page, notice included.

A change this module cannot answer exactly (a deleted or renamed file, a unit or index record,
a new procedure code) returns None: the full build alone handles it. Engine-independent: the
MkDocs side is `plugin/quickpreview.py`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .derive.catalogue import resolve
from .derive.site_data import SiteData
from .derive.summary import summarize
from .problems import Problem
from .records.config import ProjectConfig
from .records.crosscheck import check_records
from .records.kinds import PROCEDURE
from .records.project import RECORD_SUFFIXES, display, ordered, record_folders
from .records.schema import Procedure
from .records.validate import RecordSet, Sourced, load_record
from .site.families.procedures import procedure_page
from .site.output import SitePage
from .site.render import Renderer

#: Shown at the top of a quick page until the full build replaces it.
NOTICE = Markup(
    '<div class="admonition info congkhai-xem-truoc" role="status">'
    '<p class="admonition-title">Bản xem trước nhanh</p>'
    "<p>Trang này đã theo bản sửa của hồ sơ. Danh mục, trang đơn vị, quyết định công bố, dữ liệu"
    " mở và chỉ mục tìm kiếm đang được dựng lại; trang sẽ tự tải lại khi xong.</p></div>")


@dataclass
class BuildState:
    """What the last good build keeps to answer a quick preview (kept only under `serve`)."""

    root: Path
    config: ProjectConfig
    records: RecordSet
    site: SiteData


@dataclass
class QuickPreview:
    """The pages of the edited records (empty when one of them has errors), and the problems
    found in the edited files (errors and warnings, located)."""

    pages: list[SitePage]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def quick_preview(state: BuildState, changed: list[Path]) -> QuickPreview | None:
    """Pages for the edited procedure records in `changed`, or None if a full build must answer."""
    folder = record_folders(state.root, state.config)[PROCEDURE]
    sources = list(state.records.procedures)
    where = {src.doc.path: i for i, src in enumerate(sources)}
    edited: list[str] = []
    problems: list[Problem] = []
    for path in sorted(set(changed)):
        if path.suffix not in RECORD_SUFFIXES or path.parent.resolve() != folder.resolve():
            return None
        shown = display(path, state.root)
        if shown not in where or not path.is_file():
            return None  # a new or deleted record changes lists and slugs: full build
        record, doc, found = load_record(path, shown, PROCEDURE)
        problems += found
        if record is None or doc is None:
            continue  # its own errors are reported; the rest of the project is not needed
        if not isinstance(record, Procedure) or (
                record.ma_thu_tuc != sources[where[shown]].record.ma_thu_tuc):
            return None  # a new code moves the page: full build
        sources[where[shown]] = Sourced(record, doc)
        edited.append(shown)
    if any(p.severity == "error" for p in problems):
        return QuickPreview([], ordered(problems))
    records = dataclasses.replace(state.records, procedures=sources)
    problems += [p for p in check_records(records, state.config, edited) if p.path in edited]
    problems = ordered(problems)
    if any(p.severity == "error" for p in problems):
        return QuickPreview([], problems)
    cat = resolve(records, state.config)
    summaries = dict(state.site.summaries)
    codes = [src.record.ma_thu_tuc for src in sources if src.doc.path in edited]
    for code in codes:
        summaries[code] = summarize(cat.by_code[code], cat)
    renderer = Renderer(dataclasses.replace(state.site, catalogue=cat, summaries=summaries))
    pages = []
    for code in codes:
        page = procedure_page(renderer, code)
        pages.append(dataclasses.replace(page, body=NOTICE + page.body))
    return QuickPreview(pages, problems)
