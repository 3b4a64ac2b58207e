"""Load YAML records without silently changing what the editor wrote.

PyYAML's default constructors turn `1.000120` into the float 1.00012, `no` into False and
overwrite duplicate keys. We only *compose* the document (nodes keep their line and column) and
build Python values ourselves:

* every scalar stays the exact text the editor typed (NFC-normalised); the schema decides later
  whether it is a number, a date or a boolean, so a code like `1.000120` is never re-formatted;
* plain `~`, `null` and empty values become None;
* duplicate keys, anchors/aliases (the "billion laughs" bomb), non-UTF-8 bytes, empty and
  oversize files are reported as located `Problem`s instead of exceptions.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

#: Records are small (the largest national record is ~40 KB); anything far larger is a mistake.
MAX_FILE_BYTES = 512 * 1024
NULL_SCALARS = {"~", "null", "Null", "NULL", ""}

Path_ = tuple[str | int, ...]


@dataclass
class LoadedDocument:
    """A record's data plus where each value sits in the file."""

    path: str
    data: Any
    #: (line, column), 1-based, of each value, keyed by its path (keys and list indexes).
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: position of each mapping key itself, keyed by the path of its value.
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Path_) -> tuple[int, int]:
        """Return the best position for `loc`: the key if present, else its nearest parent."""
        for n in range(len(loc), -1, -1):
            prefix = tuple(loc[:n])
            if prefix in self.key_positions:
                return self.key_positions[prefix]
            if prefix in self.positions:
                return self.positions[prefix]
        return (1, 1)


class _Composer(yaml.SafeLoader):
    """A SafeLoader used for composing only; anchors and aliases are refused as they appear."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                event.start_mark,
                "không dùng bí danh YAML (*tên)",
                "ghi đầy đủ nội dung thay vì tham chiếu tới neo &tên",
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(
                event.start_mark,
                f"không dùng neo YAML (&{anchor})",
                "ghi đầy đủ nội dung; neo và bí danh có thể làm phình tệp",
            )
        return super().compose_node(parent, index)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load_text(text: str, path: str) -> tuple[LoadedDocument | None, list[Problem]]:
    """Compose `text` (already decoded) into a LoadedDocument, or return the problems."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [
            Problem(path, 1, 1, "", "tệp trống", "mỗi tệp phải chứa một hồ sơ dạng khóa: giá trị")
        ]
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _Refused as refused:
        line, col = _pos(refused.mark)
        return None, [Problem(path, line, col, "", refused.message, refused.hint)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = _pos(mark) if mark else (1, 1)
        reason = _translate_yaml_error(error.problem or str(error))
        return None, [
            Problem(path, line, col, "", f"lỗi cú pháp YAML: {reason}", _syntax_hint(text, line))
        ]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, 1, "", f"lỗi cú pháp YAML: {error}", None)]
    if node is None:
        return None, [Problem(path, 1, 1, "", "tệp trống", "mỗi tệp phải chứa một hồ sơ")]
    doc = LoadedDocument(path, None)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems)
    if not isinstance(doc.data, dict):
        line, col = _pos(node.start_mark)
        problems.append(
            Problem(path, line, col, "", "hồ sơ phải là một bảng khóa: giá trị",
                    "mỗi dòng có dạng `ten_truong: giá trị`")
        )
    return doc, problems


def _build(node: yaml.Node, loc: Path_, doc: LoadedDocument, problems: list[Problem]) -> Any:
    doc.positions[loc] = _pos(node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        value = _nfc(node.value)
        if node.style is None and value in NULL_SCALARS:
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (i,), doc, problems) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line, key_col = _pos(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.path, key_line, key_col, _dotted(loc),
                                        "khóa phải là một tên trường", None))
                continue
            key = _nfc(key_node.value)
            if key == "<<":
                problems.append(Problem(doc.path, key_line, key_col, _dotted(loc),
                                        "không dùng khóa gộp YAML (<<)",
                                        "ghi đầy đủ các trường"))
                continue
            if key in result:
                first_line, _ = doc.key_positions[loc + (key,)]
                problems.append(
                    Problem(doc.path, key_line, key_col, _dotted(loc + (key,)),
                            f"khóa bị lặp lại (đã có ở dòng {first_line})",
                            "xóa một trong hai dòng; YAML chỉ giữ giá trị cuối và làm mất dữ liệu")
                )
                continue
            doc.key_positions[loc + (key,)] = (key_line, key_col)
            result[key] = _build(value_node, loc + (key,), doc, problems)
        return result
    return None  # pragma: no cover - composer yields only the three node kinds


def _dotted(loc: Path_) -> str:
    """Render a location like `cach_thuc_thuc_hien[0].phi_le_phi`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def load_file(path: Path, display: str | None = None) -> tuple[LoadedDocument | None, list[Problem]]:
    """Read, decode and compose one record file."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        return None, [Problem(name, 1, 1, "", f"không đọc được tệp: {error.strerror}", None)]
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(name, 1, 1, "",
                    f"tệp quá lớn ({size:,} byte, tối đa {MAX_FILE_BYTES:,} byte)".replace(",", "."),
                    "mỗi tệp chỉ chứa một hồ sơ; tách nội dung dài ra hoặc kiểm tra tệp dán nhầm")
        ]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(name, line, col, "",
                    f"tệp không phải UTF-8 (byte 0x{raw[error.start]:02x} không hợp lệ)",
                    "lưu lại tệp với bảng mã UTF-8 (trong VS Code: Save with Encoding → UTF-8)")
        ]
    if "\x00" in text:
        return None, [Problem(name, 1, 1, "", "tệp chứa ký tự NUL (không phải văn bản)", None)]
    return load_text(text, name)


_YAML_REASONS = {
    "found character '\\t' that cannot start any token": "có ký tự Tab",
    "mapping values are not allowed here": "dấu hai chấm ở vị trí không hợp lệ",
    "could not find expected ':'": "thiếu dấu hai chấm sau tên trường",
    "found unexpected end of stream": "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)",
    "expected <block end>, but found '-'": "thụt lề của danh sách không khớp",
    "expected a single document in the stream": "tệp chứa nhiều hơn một tài liệu (---)",
}


def _translate_yaml_error(problem: str) -> str:
    for english, vietnamese in _YAML_REASONS.items():
        if problem.startswith(english):
            return vietnamese
    return problem


def _syntax_hint(text: str, line: int) -> str:
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current:
        return "dùng dấu cách để thụt lề, không dùng Tab"
    if ": " in current.split(":", 1)[-1]:
        return "đặt giá trị có dấu hai chấm trong dấu ngoặc kép"
    return "kiểm tra thụt lề và dấu hai chấm ở dòng này và dòng trước"
