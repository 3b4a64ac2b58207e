"""Stage 1 of the pipeline: find record files and load + validate each one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import ProjectConfig
from .crosscheck import check_records
from .problems import Problem
from .schema import IndexDefinition, Procedure, Unit
from .validate import RecordSet, Sourced, load_record

RECORD_SUFFIXES = (".yaml", ".yml")


def record_files(path: Path) -> list[Path]:
    """Every record file under `path` (or `path` itself), in a stable order."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix in RECORD_SUFFIXES and p.is_file())


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class LoadResult:
    records: RecordSet
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def load_project(root: Path, config: ProjectConfig, targets: list[Path] | None = None) -> LoadResult:
    """Load every record of the project at `root`, plus `targets` (files or folders).

    Problems are reported for the target files only; the rest of the project is loaded as
    context so that references (units, codes) in a target resolve as they will in the build.
    With no targets, the whole project is the target.
    """
    dirs = {
        Procedure: root / config.procedures_dir,
        Unit: root / config.units_dir,
        IndexDefinition: root / config.indexes_dir,
    }
    project_files: list[Path] = []
    for folder in dirs.values():
        if folder.exists():
            project_files.extend(record_files(folder))
    if targets is None:
        target_files = project_files
    else:
        target_files = [f for t in targets for f in record_files(t)]
    target_set = {f.resolve() for f in target_files}
    context = [f for f in project_files if f.resolve() not in target_set]

    records = RecordSet([], [], [])
    problems: list[Problem] = []
    reported: set[str] = set()
    for path in context + target_files:
        kind = next((k for k, d in dirs.items() if _inside(path, d)), None)
        display = _display(path, root)
        record, doc, found = load_record(path, display, kind)
        if path.resolve() in target_set:
            reported.add(display)
            problems.extend(found)
        if record is None or doc is None:
            continue
        bucket = {Procedure: records.procedures, Unit: records.units,
                  IndexDefinition: records.indexes}[type(record)]
        bucket.append(Sourced(record, doc))  # type: ignore[arg-type]
    problems.extend(p for p in check_records(records, config) if p.path in reported)
    return LoadResult(records, sorted(set(problems), key=_order))


def _order(p: Problem) -> tuple[str, int, int, str, str]:
    return (p.path, p.line, p.column, p.field, p.message)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False
