"""Load YAML records without silently changing what the editor wrote.

PyYAML's default constructors turn `1.000120` into the float 1.00012, `no` into False and
overwrite duplicate keys. We only *compose* the document (nodes keep their line and column) and
build Python values ourselves:

* every scalar stays the exact text the editor typed (NFC-normalised); the schema decides later
  whether it is a number, a date or a boolean, so a code like `1.000120` is never re-formatted;
* plain `~`, `null` and empty values become None;
* duplicate keys, anchors/aliases (the "billion laughs" bomb), local tags (`!abc`, which would
  swallow text), non-UTF-8 bytes, empty and oversize files are reported as located `Problem`s
  instead of exceptions, and PyYAML's English syntax errors are translated.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from ..problems import Problem, os_reason

#: Records are small (the largest national record is ~40 KB); anything far larger is a mistake.
MAX_FILE_BYTES = 512 * 1024
NULL_SCALARS = {"~", "null", "Null", "NULL", ""}
#: Deepest nesting of mappings and lists a record may have (the schema's deepest path is about
#: eight levels); deeper text is refused while composing, before any recursion can overflow.
MAX_DEPTH = 40
#: Tags that only restate a standard type: harmless, since every scalar is kept as text anyway.
STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"

Path_ = tuple[str | int, ...]

EMPTY_HINT = "mỗi tệp chứa một hồ sơ, mỗi dòng có dạng `ten_truong: giá trị`"
QUOTE_HINT = "đặt cả giá trị trong dấu ngoặc kép"


@dataclass
class LoadedDocument:
    """A record's data plus where each value sits in the file."""

    path: str
    data: Any
    #: (line, column), 1-based, of each value, keyed by its path (keys and list indexes).
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: position of each mapping key itself, keyed by the path of its value.
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: paths of scalars written without quotes: a YAML 1.2 tool (the editor's language server)
    #: reads these as numbers or booleans when they look like one.
    plain: set[Path_] = field(default_factory=set)
    #: SHA-256 of the file's bytes (None for text not read from a file): with the path, what
    #: the build cache knows a record by (`derive.catalogue.Catalogue.fingerprints`).
    source_digest: str | None = None

    def locate(self, loc: Path_) -> tuple[int, int]:
        """Return the best position for `loc`: the key if present, else its nearest parent."""
        for n in range(len(loc), -1, -1):
            prefix = tuple(loc[:n])
            if prefix in self.key_positions:
                return self.key_positions[prefix]
            if prefix in self.positions:
                return self.positions[prefix]
        return (1, 1)


class DepthLimited:
    """Composer mix-in: nesting deeper than MAX_DEPTH is refused as it opens, so PyYAML's
    recursive composer never overflows the stack (a RecursionError would be a traceback)."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self._depth >= MAX_DEPTH and self.check_event(  # type: ignore[attr-defined]
                yaml.MappingStartEvent, yaml.SequenceStartEvent):
            event = self.peek_event()  # type: ignore[attr-defined]
            raise TooDeep(event.start_mark, too_deep_message(), DEPTH_HINT)
        self._depth += 1
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _Refusing(DepthLimited):
    """Composer mix-in: anchors, aliases and local tags are refused as they appear."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise _Refused(
                event.start_mark,
                f"không dùng bí danh YAML (*{event.anchor})",
                "ghi đầy đủ nội dung thay vì tham chiếu tới neo &tên; nếu đây là văn bản bắt "
                "đầu bằng dấu *, " + QUOTE_HINT,
            )
        event = self.peek_event()  # type: ignore[attr-defined]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(
                event.start_mark,
                f"không dùng neo YAML (&{anchor})",
                "ghi đầy đủ nội dung; neo và bí danh có thể làm phình tệp; nếu đây là văn bản "
                "bắt đầu bằng dấu &, " + QUOTE_HINT,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not tag.startswith(STANDARD_TAG_PREFIX):
            raise _Refused(
                event.start_mark,
                f"không dùng thẻ YAML ({tag}): phần ngay sau dấu ! bị bỏ khỏi nội dung",
                "nếu đây là văn bản bắt đầu bằng dấu !, " + QUOTE_HINT,
            )
        return super().compose_node(parent, index)


DEPTH_HINT = "kiểm tra dấu ngoặc [ ] và { } và thụt lề; hồ sơ không lồng sâu như vậy"


def too_deep_message() -> str:
    return f"giá trị lồng nhau quá sâu (quá {MAX_DEPTH} tầng danh sách hoặc bảng)"


class _Composer(_Refusing, yaml.SafeLoader):
    """PyYAML's pure-Python parser: slow, but its syntax errors are the ones we translate."""


try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastComposer = _CComposer = None
else:

    class _CComposer(CParser, Resolver):  # type: ignore[no-redef]
        """libyaml's parser and composer, both in C: for text with nothing to refuse."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Resolver.__init__(self)

        def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
            # Tags are never used: every scalar is kept as the text typed. Skipping PyYAML's
            # regex-based resolution saves a third of the loading time.
            return _PLAIN_TAGS[kind]

    class _FastComposer(_Refusing, Composer, Resolver, CParser):  # type: ignore[no-redef]
        """libyaml's parser under PyYAML's composer: about ten times faster, same nodes and
        marks (checked on the sample data), used whenever the file is valid YAML."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)


_PLAIN_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

#: Where an anchor (&), alias (*) or tag (!) could start; without one, libyaml may compose alone.
_MAYBE_REFUSED = re.compile(r"(?<![^\s:\[{,-])[&*!]")


def _compose(text: str) -> yaml.Node | None:
    if _CComposer is not None and not _MAYBE_REFUSED.search(text):
        try:
            return _compose_with(_CComposer, text)
        except (yaml.YAMLError, RecursionError):
            pass  # read again below for a message we can translate (or a depth refusal)
    if _FastComposer is not None:
        try:
            return _compose_with(_FastComposer, text)
        except yaml.YAMLError:
            pass  # rare: read again with PyYAML's own parser for a message we can translate
    return _compose_with(_Composer, text)


def _compose_with(composer: type, text: str) -> yaml.Node | None:
    loader = composer(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


class TooDeep(_Refused):
    """Nesting deeper than MAX_DEPTH (raised while composing)."""

    def problem(self, path: str) -> Problem:
        line, col = _pos(self.mark)
        return Problem(path, line, col, "", self.message, self.hint)


def _pos(mark: yaml.Mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _is_blank(text: str) -> bool:
    """True when `text` holds no YAML content: only blank lines and comments."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def load_text(text: str, path: str) -> tuple[LoadedDocument | None, list[Problem]]:
    """Compose `text` (already decoded) into a LoadedDocument, or return the problems."""
    if _is_blank(text):
        return None, [Problem(path, 1, 1, "", "tệp trống", EMPTY_HINT)]
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:  # only from a caller's text: a file decoded as UTF-8 has none
        line = text.count("\n", 0, surrogate.start()) + 1
        col = surrogate.start() - (text.rfind("\n", 0, surrogate.start()) + 1) + 1
        return None, [Problem(path, line, col, "",
                              f"tệp chứa ký tự không hợp lệ (mã U+{ord(surrogate.group()):04X})",
                              "lưu lại tệp với bảng mã UTF-8")]
    try:
        node = _compose(text)
    except _Refused as refused:
        line, col = _pos(refused.mark)
        return None, [Problem(path, line, col, "", refused.message, refused.hint)]
    except yaml.MarkedYAMLError as error:
        return None, [syntax_problem(error, text, path)]
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        col = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return None, [
            Problem(path, line, col, "",
                    f"tệp chứa ký tự điều khiển không hợp lệ (mã U+{error.character:04X})"
                    if isinstance(error.character, int)
                    else "tệp chứa ký tự điều khiển không hợp lệ",
                    "xóa ký tự này; nó thường lẫn vào khi sao chép từ tệp PDF hoặc Word")
        ]
    except yaml.YAMLError:  # pragma: no cover - every PyYAML error is one of the two above
        return None, [Problem(path, 1, 1, "", "lỗi cú pháp YAML", None)]
    if node is None:
        return None, [Problem(path, 1, 1, "", "tệp trống", EMPTY_HINT)]
    problems: list[Problem] = []
    doc = build_document(node, text, path, problems=problems)
    too_deep = [p for p in problems if p.message == too_deep_message()]
    if too_deep:  # the same single problem as when the composer refuses it
        return None, too_deep[:1]
    if not isinstance(doc.data, dict):
        line, col = _pos(node.start_mark)
        problems.append(
            Problem(path, line, col, "", "hồ sơ phải là một bảng khóa: giá trị", EMPTY_HINT)
        )
    return doc, problems


#: Turns the value of a node with a non-standard tag into data (records refuse such tags
#: while composing; mkdocs.yml carries MkDocs' own, such as `!ENV`).
TagResolver = Callable[[str, Any], Any]


def build_document(node: yaml.Node | None, text: str, path: str, *,
                   problems: list[Problem] | None = None,
                   tags: TagResolver | None = None) -> LoadedDocument:
    """Build the values of a composed node tree, remembering where each one was written."""
    doc = LoadedDocument(path, None)
    found = problems if problems is not None else []
    if node is not None:
        doc.data = _build(node, (), doc, found, text.splitlines(), tags)
    return doc


def _build(node: yaml.Node, loc: Path_, doc: LoadedDocument, problems: list[Problem],
           lines: list[str], tags: TagResolver | None = None) -> Any:
    value = _build_node(node, loc, doc, problems, lines, tags)
    if tags is not None and node.tag and not node.tag.startswith(STANDARD_TAG_PREFIX):
        return tags(node.tag, value)
    return value


def _build_node(node: yaml.Node, loc: Path_, doc: LoadedDocument, problems: list[Problem],
                lines: list[str], tags: TagResolver | None) -> Any:
    doc.positions[loc] = _pos(node.start_mark)
    if len(loc) >= MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
        line, col = _pos(node.start_mark)
        problems.append(Problem(doc.path, line, col, "", too_deep_message(), DEPTH_HINT))
        return None
    if isinstance(node, yaml.ScalarNode):
        unprintable = _unprintable(node, loc, doc.path)
        problems.extend(unprintable)
        # Reported once, above; the schema must not stumble on the same character again.
        value = _nfc(_UNPRINTABLE.sub("\ufffd", node.value) if unprintable else node.value)
        if not node.style:  # None from PyYAML, "" from libyaml: written without quotes
            doc.plain.add(loc)
            problems.extend(_comment_after(node, loc, doc.path, lines))
            if value in NULL_SCALARS:
                return None
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, loc + (i,), doc, problems, lines, tags)
                for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line, key_col = _pos(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.path, key_line, key_col, dotted(loc),
                                        "khóa phải là một tên trường",
                                        "mỗi dòng có dạng `ten_truong: giá trị`"))
                continue
            problems.extend(_unprintable(key_node, loc, doc.path))
            key = _nfc(key_node.value)
            if key == "<<":
                problems.append(Problem(doc.path, key_line, key_col, dotted(loc),
                                        "không dùng khóa gộp YAML (<<)",
                                        "ghi đầy đủ các trường"))
                continue
            if key in result:
                first_line, _ = doc.key_positions[loc + (key,)]
                problems.append(
                    Problem(doc.path, key_line, key_col, dotted(loc + (key,)),
                            f"khóa bị lặp lại (đã có ở dòng {first_line})",
                            "xóa một trong hai dòng; YAML chỉ giữ giá trị cuối và làm mất dữ liệu")
                )
                continue
            doc.key_positions[loc + (key,)] = (key_line, key_col)
            result[key] = _build(value_node, loc + (key,), doc, problems, lines, tags)
        return result
    return None  # pragma: no cover - composer yields only the three node kinds


_TRAILING_COMMENT = re.compile(r"[ \t]+#")
#: Characters no text may hold, even when written as an escape in double quotes ("\x07",
#: "\ud800"): controls other than tab and line breaks (they make the Atom feed and XML sitemap
#: ill-formed), lone UTF-16 surrogates (they cannot be written as UTF-8) and non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


_SURROGATE = re.compile("[\ud800-\udfff]")

#: How every message about such a character starts.
UNPRINTABLE = "giá trị chứa"


def _unprintable(node: yaml.ScalarNode, loc: Path_, path: str) -> list[Problem]:
    """A located error for the first character of `node` that no page or feed could hold."""
    match = _UNPRINTABLE.search(node.value)
    if match is None:
        return []
    code = ord(match.group())
    line, col = _pos(node.start_mark)
    if 0xD800 <= code <= 0xDFFF:
        message = f"{UNPRINTABLE} nửa cặp thay thế UTF-16 (mã U+{code:04X}), không phải một ký tự"
    else:
        message = f"{UNPRINTABLE} ký tự điều khiển không hợp lệ (mã U+{code:04X})"
    return [Problem(path, line, col, dotted(loc), message,
                    "xóa mã thoát “\\x…”, “\\u…” này khỏi giá trị; nó thường lẫn vào khi sao "
                    "chép từ tệp PDF hoặc Word")]


def _comment_after(node: yaml.ScalarNode, loc: Path_, path: str, lines: list[str]) -> list[Problem]:
    """Warn when " #" ends an unquoted value: YAML drops the rest of the line as a comment.

    `ten_thu_tuc: Mẫu số #01` silently becomes "Mẫu số"; nothing else would notice.
    """
    end = node.end_mark
    rest = lines[end.line][end.column:] if end.line < len(lines) else ""
    match = _TRAILING_COMMENT.match(rest)
    if not match:
        return []
    return [Problem(path, end.line + 1, end.column + match.end(), dotted(loc),
                    f"dấu # mở đầu chú thích: «{rest.strip()}» bị bỏ khỏi nội dung",
                    "nếu đó là một phần nội dung, " + QUOTE_HINT + "; nếu là chú thích, đặt "
                    "nó ở một dòng riêng", "warning")]


def dotted(loc: Path_) -> str:
    """Render a location like `cach_thuc_thuc_hien[0].phi_le_phi`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _thousands(n: int) -> str:
    """1234567 → "1.234.567", the Vietnamese grouping."""
    return f"{n:,}".replace(",", ".")


def load_file(path: Path,
              display: str | None = None) -> tuple[LoadedDocument | None, list[Problem]]:
    """Read, decode and compose one record file."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        # Checked before reading: an oversize file is never read into memory.
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(name, 1, 1, "",
                        f"tệp quá lớn ({_thousands(size)} byte, tối đa "
                        f"{_thousands(MAX_FILE_BYTES)} byte)",
                        "mỗi tệp chỉ chứa một hồ sơ; tách nội dung dài ra hoặc kiểm tra tệp "
                        "dán nhầm")
            ]
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, 1, 1, "", f"không đọc được tệp ({os_reason(error)})", None)]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(name, 1, 1, "", "tệp đang ở bảng mã UTF-16, không phải UTF-8",
                              "lưu lại tệp với bảng mã UTF-8 (trong VS Code: Save with Encoding "
                              "→ UTF-8)")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw[: error.start].count(b"\n") + 1
        # Columns count characters, as editors do, not bytes.
        col = len(raw[line_start: error.start].decode("utf-8", errors="replace")) + 1
        return None, [
            Problem(name, line, col, "",
                    f"tệp không phải UTF-8 (byte 0x{raw[error.start]:02x} không hợp lệ)",
                    "lưu lại tệp với bảng mã UTF-8 (trong VS Code: Save with Encoding → UTF-8)")
        ]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(name, line, 1, "", "tệp chứa ký tự NUL (không phải văn bản)",
                              "tệp này có thể là tệp nhị phân (Word, PDF) bị đổi tên thành .yaml")]
    doc, problems = load_text(text, name)
    if doc is not None:
        doc.source_digest = hashlib.sha256(raw).hexdigest()
    return doc, problems


# --- PyYAML's syntax errors, in Vietnamese ----------------------------------------------------

#: (pattern on PyYAML's "problem", message, hint, point at the "context" mark instead).
#: The context mark is better where the cause lies where something *started* (an unclosed quote
#: or bracket, a key without its colon); otherwise the problem mark is where the parser stopped.
_SYNTAX_RULES: list[tuple[str, str, str | None, bool]] = [
    (r"found character '\\t' that cannot start any token", "có ký tự Tab",
     "dùng dấu cách để thụt lề, không dùng Tab", False),
    (r"found character '(.)' that cannot start any token",
     "giá trị không được bắt đầu bằng ký tự «{0}»", QUOTE_HINT, False),
    (r"could not find expected ':'", "thiếu dấu hai chấm sau tên trường",
     "mỗi dòng có dạng `ten_truong: giá trị`; nếu đây là phần tiếp của dòng trên, thụt lề "
     "sâu hơn tên trường", True),
    (r"mapping values are not allowed here", "dấu hai chấm ở vị trí không hợp lệ", None, False),
    (r"sequence entries are not allowed here", "mục danh sách (“- ”) ở vị trí không hợp lệ",
     "thụt lề các mục “- ” đều nhau, dưới tên trường của danh sách", False),
    (r"mapping keys are not allowed here", "dấu “? ” ở vị trí không hợp lệ", QUOTE_HINT, False),
    (r"found unexpected end of stream", "thiếu dấu ngoặc đóng cho giá trị bắt đầu ở đây",
     "thêm dấu ngoặc kép (hoặc ngoặc đơn) đóng ở cuối giá trị", True),
    (r"found unexpected document separator",
     "dòng “---” hoặc “...” nằm giữa giá trị trong dấu ngoặc",
     "kiểm tra dấu ngoặc đóng của giá trị bắt đầu ở đây", True),
    (r"found unknown escape character '(.*)'",
     "trong dấu ngoặc kép, “\\{0}” không phải mã thoát hợp lệ",
     "viết “\\\\” cho dấu \\, hoặc dùng dấu ngoặc đơn '…'", False),
    (r"expected escape sequence", "mã thoát “\\x”, “\\u” trong dấu ngoặc kép không hợp lệ",
     "viết “\\\\” cho dấu \\, hoặc dùng dấu ngoặc đơn '…'", False),
    (r"expected indentation indicator|expected chomping or indentation",
     "khối văn bản nhiều dòng (| hoặc >) khai báo sai",
     "viết “|” hoặc “>” rồi xuống dòng, các dòng nội dung thụt lề sâu hơn tên trường", False),
    (r"expected ',' or '\]'", "danh sách trong ngoặc vuông [ … ] chưa đóng hoặc thiếu dấu phẩy",
     "nếu đây là văn bản bắt đầu bằng [, " + QUOTE_HINT, True),
    (r"expected ',' or '\}'", "bảng trong ngoặc nhọn {{ … }} chưa đóng hoặc thiếu dấu phẩy",
     "nếu đây là văn bản bắt đầu bằng {, " + QUOTE_HINT, True),
    (r"expected <block end>, but found '<scalar>'",
     "có nội dung thừa sau giá trị, hoặc thụt lề không khớp với các dòng trước",
     "nếu giá trị có dấu ngoặc kép ở giữa, đặt cả giá trị trong dấu ngoặc đơn '…'", False),
    (r"expected <block end>, but found '-'",
     "mục danh sách (“- ”) không thuộc trường nào", "thụt lề danh sách dưới tên trường của nó",
     False),
    (r"expected <block end>", "thụt lề không khớp với các dòng trước", None, False),
    (r"expected the node content", "thiếu giá trị trước dấu này", QUOTE_HINT, False),
    (r"but found another document", "tệp chứa nhiều hơn một tài liệu (---)",
     "mỗi tệp chỉ chứa một hồ sơ; xóa dòng “---” hoặc tách thành tệp riêng", False),
    (r"expected '<document start>'", "còn nội dung sau khi hồ sơ đã kết thúc (“...”)",
     "xóa dòng “...” hoặc nội dung sau nó", False),
    (r"YAML directive|tag handle|expected a digit|expected ' '|expected a comment",
     "chỉ thị YAML (dòng bắt đầu bằng %) không hợp lệ",
     "xóa dòng bắt đầu bằng %, hoặc " + QUOTE_HINT, False),
    (r"expected alphabetic or numeric character",
     "ký tự «{context}» ở đầu giá trị có nghĩa riêng trong YAML", QUOTE_HINT, False),
    (r"expected '!'|expected '>'|expected URI", "thẻ YAML (!…) không hợp lệ",
     "nếu đây là văn bản bắt đầu bằng dấu !, " + QUOTE_HINT, False),
]

_CONTEXT_CHARS = {"anchor": "&", "alias": "*"}


def syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """Translate one PyYAML syntax error; never let its English through."""
    problem = error.problem or ""
    message, hint, use_context = "cú pháp không hợp lệ", None, False
    for pattern, template, rule_hint, rule_context in _SYNTAX_RULES:
        match = re.search(pattern, problem)
        if match:
            context_word = (error.context or "").rsplit(" ", 1)[-1]
            message = template.format(*match.groups(),
                                      context=_CONTEXT_CHARS.get(context_word, "*"))
            hint, use_context = rule_hint, rule_context
            break
    mark = (error.context_mark if use_context else None) or error.problem_mark \
        or error.context_mark
    line, col = _pos(mark) if mark else (1, 1)
    return Problem(path, line, col, "", f"lỗi cú pháp YAML: {message}",
                   hint or _syntax_hint(text, line))


def _syntax_hint(text: str, line: int) -> str:
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current:
        return "dùng dấu cách để thụt lề, không dùng Tab"
    if ": " in current.split(":", 1)[-1]:
        return "đặt giá trị có dấu hai chấm trong dấu ngoặc kép"
    return "kiểm tra thụt lề và dấu hai chấm ở dòng này và dòng trước"
