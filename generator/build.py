"""The build, stage by stage: load → validate → resolve → derive → render.

(The search index is built with the pages: one more family of data files, see
`site/families/search.py`.)
Each stage is one call; `timings` records how long each took (`--verbose` prints them).
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cache import EncodedCache, OutputCache, RecordCache, SlotCache, collector_paused
from .derive.catalogue import resolve
from .derive.site_data import SiteData, derive
from .preview import BuildState
from .problems import Problem, RecordsInvalid
from .records.config import ProjectConfig
from .records.project import load_project
from .records.validate import load_record
from .site import datafiles, render_site
from .site.output import SiteOutput


@dataclass
class Timings:
    """Seconds spent in each stage, in order."""

    stages: list[tuple[str, float]] = field(default_factory=list)

    #: Processor seconds of each stage (wall time alone misleads on a busy machine).
    cpu: list[float] = field(default_factory=list)

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.stages.append((name, time.perf_counter() - started))
            self.cpu.append(time.process_time() - cpu)

    def lines(self) -> list[str]:
        return [f"{name}: {seconds:.2f} s (CPU {cpu:.2f} s)"
                for (name, seconds), cpu in zip(self.stages, self.cpu, strict=True)]


@dataclass
class BuildResult:
    output: SiteOutput
    warnings: list[Problem]
    timings: Timings
    #: The records and derived data, kept for quick previews (`keep_state=True`, under serve).
    state: BuildState | None = None


def build_site(root: Path, config: ProjectConfig,
               records: RecordCache | None = None, keep_state: bool = False,
               processes: int = 1) -> BuildResult:
    """Turn the records under `root` into pages and data files, or raise RecordsInvalid.

    `records` answers unchanged record files from the build cache (see `cache.RecordCache`);
    `keep_state` keeps the records and derived data for `preview.quick_preview`; with
    `processes` ≥ 2 the per-procedure pages are rendered in a second process."""
    timings = Timings()
    # An earlier build's objects (under `mkdocs serve`) may be collected again, and are now:
    # what is frozen below must be only what this build made.
    gc.unfreeze()
    gc.collect()
    # Loading, resolving and deriving only add objects that live until the site is written
    # (measured: no cycle among them is garbage, at 2,500 and 20,000 records), so the
    # collector, which walks the growing heap again and again, finds nothing there: a tenth
    # of a build after one edit. It is off until they are made; then they are frozen, so it
    # does not walk them while the site is rendered either. Cycles made from there on are
    # collected.
    with collector_paused():
        site, warnings, state = _derived(root, config, records, keep_state, timings)
        gc.freeze()
    with timings.stage("dựng trang"):                         # render
        outputs = None
        if records is not None and records.folder is not None:
            datafiles.encoded = EncodedCache(records.folder)
            outputs = OutputCache(records.folder)
        try:
            output = render_site(site, processes, outputs)
            if datafiles.encoded is not None:
                datafiles.encoded.finish()
            if outputs is not None:
                outputs.finish(site.catalogue.by_code.keys())
        finally:
            datafiles.encoded = None
    return BuildResult(output, warnings, timings, state)


def _derived(root: Path, config: ProjectConfig, records: RecordCache | None, keep_state: bool,
             timings: Timings) -> tuple[SiteData, list[Problem], BuildState | None]:
    """Load, validate, resolve and derive: the site's data, the warnings, the kept state."""
    with timings.stage("đọc và kiểm tra hồ sơ"):             # load + validate
        if records is None:
            loaded = load_project(root, config)
        else:
            loaded = load_project(root, config, load=records.loader(load_record))
            records.finish()
    if loaded.errors:
        raise RecordsInvalid(loaded.problems)
    warnings = [p for p in loaded.problems if p.severity == "warning"]
    synonyms = loaded.synonyms
    with timings.stage("liên kết hồ sơ"):                    # resolve references
        catalogue = resolve(loaded.records, config)
    record_set = loaded.records if keep_state else None
    del loaded  # the composed documents (kept only to locate problems) are no longer needed
    with timings.stage("tính toán"):                          # derive summaries, scores
        readings = None
        if records is not None and records.folder is not None:
            readings = SlotCache(records.folder, "doc-ho-so")
        site = derive(catalogue, synonyms, readings)
        if readings is not None:
            readings.finish(catalogue.by_code.keys())
    state = BuildState(root, config, record_set, site) if record_set is not None else None
    return site, warnings, state
