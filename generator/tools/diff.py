"""`congkhai diff REV1 REV2`: what a pull request changes in the records, for its reviewer.

Each revision's files are taken from git (`git archive`) into a temporary folder and loaded by
the same pipeline as `congkhai check` (`records.load_project`: loader, validator, cross-record
checks), so the report sees exactly what the build will see. Records are matched by their code,
not their file name; the comparison is on validated values, so re-quoting or re-wrapping a file
is not a change. Only files that differ between the revisions are read from the old one.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem, visible
from ..records.config import ProjectConfig, read_project_config
from ..records.fields import label
from ..records.kinds import INDEX, KINDS, PROCEDURE, UNIT
from ..records.loader import load_file
from ..records.project import LoadResult, load_project, record_files
from ..records.schema import IndexDefinition, Procedure, Record, ScoreEntry, Unit
from ..records.validate import Sourced
from ..records.vocab import ABOLISHED, ABOLITION

#: Fields that abolishing a procedure changes anyway: not listed again as amendments.
ABOLITION_FIELDS = {"trang_thai", "cong_bo", "thu_tuc_thay_the", "ngay_cap_nhat"}
NONE = "—"


class DiffError(Exception):
    """A revision cannot be read (git failed, broken configuration); shown to the user as is."""


# --- Reading revisions -------------------------------------------------------------------


def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(detail[-1] if detail else f"git {args[0]} thất bại")
    return result.stdout


@dataclass
class Revision:
    """The records of one revision, with the problems the checks find in them."""

    name: str
    config: ProjectConfig
    loaded: LoadResult
    #: paths (relative to the project) of files that exist but hold no valid record.
    invalid: dict[str, str | None] = field(default_factory=dict)


def _extract(root: Path, rev: str, prefix: str, paths: list[str], into: Path) -> None:
    if not paths:
        return
    data = _git(root, "archive", "--format=tar", f"{rev}:{prefix}", "--", *paths)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        # Only folders and regular files: a committed symbolic link (to /etc/passwd, or to a
        # record elsewhere) is not a record of this revision, and extracting it could point
        # outside the temporary folder. It is then reported as a file holding no valid record.
        members = [m for m in archive.getmembers() if m.isdir() or m.isreg()]
        for member in members:
            target = (into / member.name).resolve()
            if not target.is_relative_to(into.resolve()):
                continue  # pragma: no cover - git archive never writes such names
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is not None:
                target.write_bytes(source.read())


def _existing(root: Path, rev: str, prefix: str, paths: list[str]) -> list[str]:
    """Those of `paths` (files or folders of the project) that exist in `rev`."""
    listed = _git(root, "ls-tree", "-z", "--name-only", f"{rev}:{prefix}", "--", *paths)
    found = set(_names(listed))
    return [p for p in paths if p in found]


def _names(raw: bytes) -> list[str]:
    """NUL-separated file names from git, as the file system spells them: a name that is not
    UTF-8 keeps its bytes (surrogate escapes) and is shown as [U+DCxx] in the report."""
    return [os.fsdecode(name) for name in raw.split(b"\0") if name]


def _read_config(root: Path, rev: str, prefix: str, config_name: str,
                 into: Path) -> ProjectConfig:
    """The project configuration of `rev` (defaults when the revision has none)."""
    present = _existing(root, rev, prefix, [config_name])
    if not present:
        return ProjectConfig()
    _extract(root, rev, prefix, present, into)
    # Folders are checked in the working tree by `congkhai check`, not in old revisions.
    read = read_project_config(into / config_name, check_dirs=False)
    if read.config is None:
        raise DiffError(f"{config_name} ở phiên bản «{rev}» có lỗi; xem chi tiết bằng "
                        "congkhai check")
    return read.config


def _load(root: Path, rev: str, prefix: str, config: ProjectConfig, paths: list[str],
          into: Path) -> Revision:
    """Extract `paths` of `rev` into `into` and load them as `congkhai check` does."""
    _extract(root, rev, prefix, paths, into)
    loaded = load_project(into, config)
    valid = {src.doc.path for src in _all(loaded)}
    invalid: dict[str, str | None] = {}
    for folder in config.record_dirs:
        if not (into / folder).exists():
            continue
        for path in record_files(into / folder):
            display = path.relative_to(into).as_posix()
            if display not in valid:
                invalid[display] = _raw_code(path)
    return Revision(rev, config, loaded, invalid)


def _raw_code(path: Path) -> str | None:
    """The code written in a record that failed validation, so it is not reported as removed."""
    doc, _ = load_file(path)
    if doc is None or not isinstance(doc.data, dict):
        return None
    for kind in KINDS:
        value = doc.data.get(kind.code_field)
        if isinstance(value, str):
            return value
    return None


def _all(loaded: LoadResult) -> list[Sourced[Any]]:
    records = loaded.records
    return records.all()


def _changed_files(root: Path, old: str, new: str, folders: list[str]) -> dict[str, str]:
    """{path: status letter} of record files that differ between the revisions."""
    raw = _git(root, "diff", "--name-status", "--no-renames", "--relative", "-z",
               old, new, "--", *folders)
    parts = _names(raw)
    return {parts[i + 1]: parts[i][0] for i in range(0, len(parts) - 1, 2)}


# --- Comparing records ---------------------------------------------------------------------


def _changed_paths(old: Any, new: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths (keys only, no list indexes) where two dumped records differ.

    Lists of equal length are compared item by item (a fee changed in one channel is a fee
    change); a list that grew or shrank is a change of the list itself.
    """
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[tuple[str, ...]] = []
        for key in [*old, *[k for k in new if k not in old]]:
            found += _changed_paths(old.get(key), new.get(key), path + (str(key),))
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        found = []
        for a, b in zip(old, new, strict=True):
            found += _changed_paths(a, b, path)
        return found
    return [path]


def changed_labels(kind: type[Record], old: Record, new: Record,
                   ignore: Collection[str] = ()) -> list[str]:
    """Labels of the elements that differ, in the schema's field order, each once."""
    order = list(kind.model_fields)
    paths = [p for p in _changed_paths(old.model_dump(), new.model_dump())
             if p and p[0] not in ignore]
    paths.sort(key=lambda p: (order.index(p[0]) if p[0] in order else len(order), p))
    labels: list[str] = []
    for path in paths:
        name = label(kind, ".".join(path))
        if name not in labels:
            labels.append(name)
    return labels


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list[str]]
    note: str | None = None


@dataclass
class Report:
    old: str
    new: str
    sections: list[Section]
    problems: list[Problem]
    summary: list[tuple[str, int]]


def _by_code(items: list[Sourced[Any]], key: str) -> dict[str, Sourced[Any]]:
    return {getattr(src.record, key): src for src in items}


@dataclass
class _Matched:
    """Records of one kind: added, removed and present in both (old, new), by code."""

    added: list[Any]
    removed: list[Any]
    common: list[tuple[Any, Any]]


def _match(old_items: list[Sourced[Any]], new_items: list[Sourced[Any]], key: str,
           changed: set[str], invalid_codes: set[str], invalid_paths: set[str]) -> _Matched:
    old_map = _by_code(old_items, key)
    new_all = _by_code(new_items, key)
    new_map = {code: src for code, src in new_all.items() if src.doc.path in changed}
    added = [new_map[c].record for c in sorted(set(new_map) - set(old_map))]
    removed = [old_map[c].record for c in sorted(set(old_map) - set(new_all) - invalid_codes)
               if old_map[c].doc.path not in invalid_paths]
    common = [(old_map[c].record, new_all[c].record)
              for c in sorted(set(old_map) & set(new_all))]
    return _Matched(added, removed, common)


def _number(value: float | None) -> str:
    return NONE if value is None else f"{value:.10g}"


def _score_text(entry: ScoreEntry | None) -> str:
    if entry is None:
        return NONE
    if entry.khong_cham_diem:
        return "không đánh giá"
    return _number(entry.tong_diem)


SCORE_ASPECTS: list[tuple[str, Callable[[ScoreEntry], Any]]] = [
    ("điểm thành phần", lambda e: e.thanh_phan),
    ("thứ hạng", lambda e: (e.xep_hang, e.so_don_vi_xep_hang)),
    ("lý do không đánh giá", lambda e: e.ly_do),
    ("nguồn", lambda e: e.nguon),
]


def _score_rows(unit: str, old: Unit | None, new: Unit | None) -> list[list[str]]:
    rows = []
    old_scores = old.diem_so if old else {}
    new_scores = new.diem_so if new else {}
    for index_id in sorted(set(old_scores) | set(new_scores)):
        before = {e.nam: e for e in old_scores.get(index_id, [])}
        after = {e.nam: e for e in new_scores.get(index_id, [])}
        for year in sorted(set(before) | set(after)):
            a, b = before.get(year), after.get(year)
            if a == b:
                continue
            if a is None:
                note = "năm mới"
            elif b is None:
                note = "bỏ năm"
            else:
                note = "; ".join(name for name, get in SCORE_ASPECTS if get(a) != get(b))
            rows.append([unit, index_id, str(year), _score_text(a), _score_text(b), note])
    return rows


def compare(old: Revision, new: Revision, changed: dict[str, str]) -> Report:
    """Build the report of what differs between two loaded revisions."""
    changed_new = {p for p, status in changed.items() if status != "D"}
    invalid_paths = set(new.invalid)
    invalid_codes = {c for c in new.invalid.values() if c}
    o, n = old.loaded.records, new.loaded.records

    def match(old_items: list[Any], new_items: list[Any], key: str) -> _Matched:
        return _match(old_items, new_items, key, changed_new, invalid_codes, invalid_paths)

    procedures = match(o.of(PROCEDURE), n.of(PROCEDURE), PROCEDURE.code_field)
    units = match(o.of(UNIT), n.of(UNIT), UNIT.code_field)
    indexes = match(o.of(INDEX), n.of(INDEX), INDEX.code_field)

    abolished, amended = [], []
    for a, b in procedures.common:
        if a.trang_thai != ABOLISHED and b.trang_thai == ABOLISHED:
            decision = next((d for d in reversed(b.cong_bo) if d.loai == ABOLITION), None)
            abolished.append([b.ma_thu_tuc, b.ten_thu_tuc,
                              decision.so_quyet_dinh if decision else NONE,
                              b.thu_tuc_thay_the or NONE])
            labels = changed_labels(Procedure, a, b, ABOLITION_FIELDS)
        else:
            labels = changed_labels(Procedure, a, b)
        if labels:
            amended.append([b.ma_thu_tuc, b.ten_thu_tuc, "; ".join(labels)])

    unit_changes, score_rows = [], []
    for u in units.added:
        score_rows += _score_rows(u.ma_don_vi, None, u)
    for a, b in units.common:
        labels = changed_labels(Unit, a, b, {"diem_so"})
        if labels:
            unit_changes.append([b.ma_don_vi, b.ten_don_vi, "; ".join(labels)])
        score_rows += _score_rows(b.ma_don_vi, a, b)
    for u in units.removed:
        score_rows += _score_rows(u.ma_don_vi, u, None)
    score_rows.sort(key=lambda row: (row[0], row[1], int(row[2])))

    index_changes = [[b.ma_chi_so, b.ten, "; ".join(labels)] for a, b in indexes.common
                     if (labels := changed_labels(IndexDefinition, a, b))]

    removed_note = ("Tệp hồ sơ đã bị xóa. Thủ tục hết hiệu lực nên được giữ lại với "
                    "`trang_thai: đã bãi bỏ` và quyết định bãi bỏ trong `cong_bo`.")
    sections = [
        Section("Thủ tục mới", ["Mã", "Tên thủ tục", "Lĩnh vực", "Cơ quan thực hiện"],
                [[p.ma_thu_tuc, p.ten_thu_tuc, p.linh_vuc, p.co_quan_thuc_hien]
                 for p in procedures.added]),
        Section("Thủ tục bãi bỏ", ["Mã", "Tên thủ tục", "Quyết định bãi bỏ", "Thủ tục thay thế"],
                abolished),
        Section("Thủ tục sửa đổi", ["Mã", "Tên thủ tục", "Nội dung thay đổi"], amended),
        Section("Thủ tục bị xóa tệp", ["Mã", "Tên thủ tục"],
                [[p.ma_thu_tuc, p.ten_thu_tuc] for p in procedures.removed], removed_note),
        Section("Đơn vị mới", ["Mã", "Tên đơn vị", "Loại đơn vị"],
                [[u.ma_don_vi, u.ten_don_vi, u.loai_don_vi] for u in units.added]),
        Section("Đơn vị sửa đổi", ["Mã", "Tên đơn vị", "Nội dung thay đổi"], unit_changes),
        Section("Đơn vị bị xóa tệp", ["Mã", "Tên đơn vị"],
                [[u.ma_don_vi, u.ten_don_vi] for u in units.removed]),
        Section("Điểm số thay đổi", ["Đơn vị", "Chỉ số", "Năm", "Cũ", "Mới", "Ghi chú"],
                score_rows),
        Section("Chỉ số mới", ["Mã", "Tên chỉ số"],
                [[i.ma_chi_so, i.ten] for i in indexes.added]),
        Section("Chỉ số sửa đổi", ["Mã", "Tên chỉ số", "Nội dung thay đổi"], index_changes),
        Section("Chỉ số bị xóa tệp", ["Mã", "Tên chỉ số"],
                [[i.ma_chi_so, i.ten] for i in indexes.removed]),
    ]
    # Errors anywhere in the new revision block the merge; warnings only where files changed.
    problems = [p for p in new.loaded.problems
                if p.severity == "error" or p.path in changed_new]
    summary = [(s.title, len(s.rows)) for s in sections if s.rows]
    if problems:
        summary.append(("Lỗi, cảnh báo", len(problems)))
    return Report(old.name, new.name, [s for s in sections if s.rows], problems, summary)


def diff_revisions(root: Path, old: str, new: str, config_name: str = "mkdocs.yml") -> Report:
    """Load `old` and `new` from the git repository holding `root`; compare their records."""
    try:
        prefix = _git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()
    except (DiffError, OSError):
        raise DiffError(f"{root} không nằm trong một kho git") from None
    for rev in (old, new):
        try:
            _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
        except DiffError:
            raise DiffError(f"không tìm thấy phiên bản «{rev}» trong kho git") from None
    with tempfile.TemporaryDirectory(prefix="congkhai-diff-") as tmp:
        new_dir, old_dir = Path(tmp, "new"), Path(tmp, "old")
        new_dir.mkdir()
        old_dir.mkdir()
        new_config = _read_config(root, new, prefix, config_name, new_dir)
        old_config = _read_config(root, old, prefix, config_name, old_dir)
        # Record folders are named by the new configuration; a moved folder shows as removed
        # and added records.
        folders = list(new_config.record_dirs)
        changed = _changed_files(root, old, new, folders)
        revision_new = _load(root, new, prefix, new_config,
                             _existing(root, new, prefix, folders), new_dir)
        # The new revision is loaded whole (its cross-record checks need every record); of the
        # old one, only the files that changed.
        in_old = sorted(p for p, status in changed.items() if status != "A")
        revision_old = _load(root, old, prefix, old_config, in_old, old_dir)
        return compare(revision_old, revision_new, changed)


# --- Rendering -----------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Table-safe Markdown: raw HTML shown as text, pipes and line breaks neutralised."""
    text = " ".join(str(text).split())
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(raw, safe)
    return text


def _counts(report: Report) -> str:
    return "; ".join(f"{title.lower()}: {count}" for title, count in report.summary)


def render_markdown(report: Report) -> str:
    lines = [f"## Thay đổi dữ liệu: `{report.old}` → `{report.new}`", ""]
    if not report.summary:
        lines.append("Không có thay đổi nào trong hồ sơ thủ tục, đơn vị và chỉ số.")
        return "\n".join(lines) + "\n"
    lines += [_cell(_counts(report)).capitalize() + ".", ""]
    for section in report.sections:
        lines += [f"### {section.title} ({len(section.rows)})", ""]
        if section.note:
            lines += [section.note, ""]
        lines.append("| " + " | ".join(section.columns) + " |")
        lines.append("|" + "---|" * len(section.columns))
        for row in section.rows:
            cells = [f"`{_cell(row[0])}`", *(_cell(c) for c in row[1:])]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    if report.problems:
        lines += [f"### Hồ sơ có lỗi ở `{report.new}` ({len(report.problems)})", "",
                  "| Vị trí | Trường | Lỗi |", "|---|---|---|"]
        for p in report.problems:
            message = p.message if p.severity == "error" else f"cảnh báo: {p.message}"
            if p.hint:
                message += f" (gợi ý: {p.hint})"
            lines.append(f"| `{_cell(f'{p.path}:{p.line}:{p.column}')}` | "
                         f"{_cell(p.field) or NONE} | {_cell(message)} |")
        lines.append("")
    return "\n".join(lines)


def render_text(report: Report) -> str:
    lines = [f"Thay đổi dữ liệu: {report.old} → {report.new}"]
    if not report.summary:
        lines.append("Không có thay đổi nào trong hồ sơ thủ tục, đơn vị và chỉ số.")
        return "\n".join(lines) + "\n"
    lines.append(_counts(report).capitalize() + ".")
    for section in report.sections:
        lines += ["", f"{section.title} ({len(section.rows)}):"]
        if section.note:
            lines.append(f"  ({section.note})")
        for row in section.rows:
            cells = [" ".join(c.split()) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            lines.append("  " + " | ".join(cells))
    if report.problems:
        lines += ["", f"Hồ sơ có lỗi ở {report.new} ({len(report.problems)}):"]
        lines += ["  " + p.format() for p in report.problems]
    return "\n".join(lines) + "\n"


# --- Command --------------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    try:
        report = diff_revisions(Path(args.root), args.rev1, args.rev2, args.config)
    except DiffError as error:
        print(f"congkhai diff: {error}", file=sys.stderr)
        return 2
    render = render_markdown if args.format == "markdown" else render_text
    sys.stdout.write(visible(render(report)))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "diff", help="báo cáo thay đổi hồ sơ giữa hai phiên bản git (cho người duyệt)",
        description="So sánh hồ sơ giữa hai phiên bản git: thủ tục mới, bãi bỏ, sửa đổi "
        "(theo thành phần), đơn vị, điểm số, chỉ số, và lỗi ở phiên bản mới.")
    parser.add_argument("rev1", metavar="REV1", help="phiên bản gốc, ví dụ origin/main")
    parser.add_argument("rev2", metavar="REV2", help="phiên bản mới, ví dụ HEAD")
    parser.add_argument("--format", choices=["markdown", "text"], default="text",
                        help="markdown: để đăng bình luận trên pull request")
    parser.set_defaults(func=_run)


__all__ = ["Report", "changed_labels", "compare", "diff_revisions", "register",
           "render_markdown", "render_text"]
