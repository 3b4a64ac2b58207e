"""Stages 1–2 of the pipeline for a whole project: find record files, load and validate each.

Nothing in a record folder is skipped silently: a file that looks like a record but is not named
`*.yaml`/`*.yml` (`.YAML`, `hồ-sơ.yaml.bak`) and a folder that cannot be read are problems.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problem, os_reason
from ..search.synonyms import DEFAULT_SYNONYMS, Synonyms, read_synonyms_file
from .config import ProjectConfig
from .crosscheck import check_records
from .kinds import KINDS, RecordKind
from .validate import RecordSet, Sourced, load_record

if TYPE_CHECKING:
    from .loader import LoadedDocument
    from .schema import Record

RECORD_SUFFIXES = (".yaml", ".yml")
#: A name that mentions a YAML suffix anywhere: a record written under a wrong name.
_LOOKS_LIKE_RECORD = re.compile(r"\.ya?ml", re.IGNORECASE)


@dataclass
class FoundFiles:
    """The record files under a folder, and what could not be read or looks misnamed."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def find_record_files(path: Path, root: Path | None = None) -> FoundFiles:
    """Every record file under `path` (or `path` itself), in a stable order."""
    found = FoundFiles()
    if path.is_file():
        found.files.append(path)
        return found

    def unreadable(error: OSError) -> None:
        where = display(Path(error.filename or path), root or path)
        found.problems.append(Problem(where, 1, 1, "",
                                      f"không đọc được thư mục ({os_reason(error)})",
                                      "kiểm tra quyền đọc thư mục; hồ sơ trong đó chưa được "
                                      "kiểm tra"))

    for folder, subfolders, names in os.walk(path, onerror=unreadable):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            if name.startswith("."):
                continue  # editors' swap and lock files (.1.001193.yaml.swp)
            file = Path(folder) / name
            if name.endswith(RECORD_SUFFIXES):
                found.files.append(file)
            elif _LOOKS_LIKE_RECORD.search(name):
                found.problems.append(_misnamed(file, root or path))
    found.files.sort()
    found.problems.sort()
    return found


def record_files(path: Path) -> list[Path]:
    """Every record file under `path` (or `path` itself), in a stable order."""
    return find_record_files(path).files


def _misnamed(file: Path, root: Path) -> Problem:
    name = file.name
    suffix = next((s for s in RECORD_SUFFIXES if name.lower().endswith(s)), None)
    if suffix:
        fixed = name[: -len(suffix)] + suffix
        return Problem(display(file, root), 1, 1, "",
                       f"đuôi tệp «{name[-len(suffix):]}» phải viết thường nên tệp chưa được đọc",
                       f"đổi tên thành {fixed}")
    return Problem(display(file, root), 1, 1, "",
                   "tệp không có đuôi .yaml nên chưa được đọc",
                   "nếu là hồ sơ, đổi tên để tên tệp kết thúc bằng .yaml; nếu là bản sao lưu, "
                   "xóa tệp khỏi thư mục hồ sơ")


def display(path: Path, root: Path) -> str:
    """`path` as editors see it: relative to the project root when inside it."""
    return _shown(path, str(path.resolve()), _prefix(root.resolve()))


def _shown(path: Path, real: str, real_root: str) -> str:
    """`display` for a path resolved already (`real`) and a root's `_prefix`."""
    return real[len(real_root):].replace(os.sep, "/") if real.startswith(real_root) \
        else path.as_posix()


def _prefix(folder: Path) -> str:
    """A resolved folder as the text every path under it starts with."""
    text = str(folder)
    return text if text.endswith(os.sep) else text + os.sep


@dataclass
class LoadResult:
    records: RecordSet
    problems: list[Problem] = field(default_factory=list)
    #: The citizens' words the search uses (the project's file, else the package's).
    synonyms: Synonyms = field(default_factory=Synonyms)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def record_folders(root: Path, config: ProjectConfig) -> dict[RecordKind, Path]:
    """The folder of each record kind, from the configuration."""
    return {kind: root / getattr(config, kind.folder_option) for kind in KINDS}


#: Loads one record file (see `validate.load_record`); the build passes a cached one.
LoadRecord = Callable[[Path, str, "RecordKind | None"],
                      "tuple[Record | None, LoadedDocument | None, list[Problem]]"]


def load_project(root: Path, config: ProjectConfig,
                 targets: list[Path] | None = None,
                 load: LoadRecord = load_record) -> LoadResult:
    """Load every record of the project at `root`, plus `targets` (files or folders).

    Problems are reported for the target files only; the rest of the project is loaded as
    context so that references (units, codes) in a target resolve as they will in the build.
    With no targets, the whole project is the target.
    """
    folders = record_folders(root, config)
    project = FoundFiles()
    for folder in folders.values():
        if folder.exists():
            found = find_record_files(folder, root)
            project.files += found.files
            project.problems += found.problems
    if targets is None:
        target_files, problems = project.files, list(project.problems)
    else:
        target_files, problems = [], []
        for target in targets:
            found = find_record_files(target, root)
            target_files += found.files
            problems += found.problems
    # Each path resolved once (resolving is a system call per path part: seconds at 20,000),
    # and compared as text (pathlib's own comparisons cost as much again).
    real_root = _prefix(root.resolve())
    real_folders = {kind: _prefix(folder.resolve()) for kind, folder in folders.items()}
    real_of = {f: str(f.resolve()) for f in dict.fromkeys((*project.files, *target_files))}
    target_set = {real_of[f] for f in target_files}
    context = [f for f in project.files if real_of[f] not in target_set]

    records = RecordSet([], [], [])
    reported: set[str] = set()
    for path in context + target_files:
        real = real_of[path]
        kind = next((k for k, d in real_folders.items() if real.startswith(d)), None)
        shown = _shown(path, real, real_root)
        record, doc, found_problems = load(path, shown, kind)
        if real in target_set:
            reported.add(shown)
            problems.extend(found_problems)
        if record is None or doc is None:
            continue
        owner = next(k for k in KINDS if isinstance(record, k.model))
        records.of(owner).append(Sourced(record, doc))
    whole = targets is None
    problems.extend(p for p in check_records(records, config, None if whole else reported)
                    if p.path in reported)
    synonyms, found_problems = read_synonyms(root, config)
    if targets is None or any(t.resolve() == (root / config.tu_dong_nghia).resolve()
                              for t in targets):
        problems.extend(found_problems)
    return LoadResult(records, ordered(problems), synonyms)


def read_synonyms(root: Path, config: ProjectConfig) -> tuple[Synonyms, list[Problem]]:
    """The project's citizens' words file, checked; the package's own set when it has none."""
    path = root / config.tu_dong_nghia
    shown = display(path, root) if _exists(path) else None
    source = path if shown else DEFAULT_SYNONYMS
    synonyms, problems = read_synonyms_file(source, shown or source.as_posix())
    if any(p.severity == "error" for p in problems):
        return Synonyms(), problems
    return synonyms, problems


def _exists(path: Path) -> bool:
    """`path.exists()`, False also for a name the system refuses (too long, say)."""
    try:
        return path.exists()
    except OSError:
        return False


def ordered(problems: list[Problem]) -> list[Problem]:
    """Problems without repeats, in file, line, column, field and message order (the order
    `congkhai check` prints them)."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.field, p.message))
