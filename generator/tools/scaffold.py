"""`congkhai new`: write the skeleton of a new record, every schema field explained in Vietnamese.

The skeleton is generated from the pydantic models in `schema.py`, nested parts included (one
example item per list), so a field added to the schema appears in every new record. Each field
is preceded by its description; required fields say "(bắt buộc)" and are left empty for the
editor to fill (until then `congkhai check` points at each one); optional fields are commented
out, with their default value when they have one, so uncommenting a block (Ctrl+/ in VS Code)
gives valid YAML.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap
from pathlib import Path

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from ..records import schema
from ..records.config import read_project_config
from ..records.fields import Shape, dict_key, field_shape
from ..records.kinds import KINDS, RecordKind, by_command
from ..records.schema import Record
from ..records.shapes import PROCEDURE_CODE, SLUG

#: Optional in the schema but needed in practice: left uncommented (empty) in the skeleton.
#: The cross-record checks (`crosscheck.py`) require a time limit on a channel or for the whole
#: procedure, and a published score needs its total and its source.
SHOWN_OPTIONAL: dict[tuple[type[BaseModel], str], str] = {
    (schema.SubmissionChannel, "thoi_han"): "cần có thời hạn: ghi `thoi_han`, hoặc xóa nó và "
    "ghi `thoi_han_mo_ta` hay `thoi_han_giai_quyet`",
    (schema.ScoreEntry, "tong_diem"): "bắt buộc khi có điểm",
    (schema.ScoreEntry, "nguon"): "",  # its description already says when it is required
}

#: Values YAML tools must never re-read as numbers: always double-quoted.
QUOTED_KEYS = {"ma_thu_tuc", "thu_tuc_thay_the", "thu_tuc_lien_quan"}

WIDTH = 100
REQUIRED = "bắt buộc"


# --- Rendering ------------------------------------------------------------------------------


def skeleton(kind: type[Record], schema_ref: str, values: dict[str, str] | None = None) -> str:
    """Return the YAML skeleton of `kind`; `values` pre-fills top-level scalars (the code)."""
    values = values or {}
    doc = (kind.__doc__ or "").strip().splitlines()[0]
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# {doc}",
        "# Ghi giá trị sau dấu hai chấm của mọi trường (bắt buộc). Trường không bắt buộc đang ở",
        "# dạng chú thích: khi có thông tin, xóa “# ” ở đầu các dòng của nó (trong VS Code: chọn",
        "# các dòng rồi bấm Ctrl+/). Khi điền xong, kiểm tra bằng lệnh: congkhai check <tệp này>",
    ]
    for name, info in kind.model_fields.items():
        lines.append("")
        lines += _field(kind, name, info, 0, values.get(name))
    return "\n".join(lines) + "\n"


def _field(owner: type[BaseModel], name: str, info: FieldInfo, indent: int,
           value: str | None = None) -> list[str]:
    required = info.is_required()
    note = REQUIRED if required else SHOWN_OPTIONAL.get((owner, name))
    text = (info.description or name).strip()
    if note:
        text += f" ({note})"
    pad = " " * indent
    comment = [f"{pad}# {line}" for line in textwrap.wrap(text, WIDTH - indent - 2)]
    body = _value(owner, name, info, field_shape(info), indent, value)
    if note is None:  # optional: the whole block is commented out
        body = [line[:indent] + "# " + line[indent:] for line in body]
    return comment + body


def _value(owner: type[BaseModel], name: str, info: FieldInfo, shape: Shape, indent: int,
           value: str | None) -> list[str]:
    head = " " * indent + f"{name}:"
    if shape.kind == "model":
        assert shape.model is not None
        return [head] + _fields(shape.model, indent + 2)
    if shape.kind in ("list", "dict"):
        return [head] + _items(owner, name, shape, indent + 2)
    if value is None:
        value = _default(info, name)
    elif name in QUOTED_KEYS or _needs_quotes(value):
        value = json.dumps(value, ensure_ascii=False)
    return [f"{head} {value}" if value else head]


def _fields(model: type[BaseModel], indent: int) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        lines += _field(model, name, info, indent)
    return lines


def _items(owner: type[BaseModel], name: str, shape: Shape, indent: int) -> list[str]:
    """One example entry of a list (`- …`) or a mapping (`example-key: …`) at `indent`."""
    item = shape.item
    assert item is not None
    if item.kind == "model":
        assert item.model is not None
        inner = _fields(item.model, indent + 2)
    elif item.kind in ("list", "dict"):
        inner = _items(owner, name, item, indent + 2)
    else:
        inner = []
    if shape.kind == "dict":
        return [" " * indent + f"{dict_key(owner, name)[1]}:"] + inner
    if not inner:
        return [" " * indent + "-"]
    # The dash goes on the item's first real line; comments above it keep the item's indent.
    first = next((i for i, line in enumerate(inner) if not line.lstrip().startswith("#")), 0)
    line = inner[first]
    inner[first] = " " * indent + "- " + line[indent + 2:]
    return inner


def _default(info: FieldInfo, name: str) -> str:
    default = info.default
    if default is PydanticUndefined or default is None:
        return ""
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, (int, float)):
        return f"{default:g}" if isinstance(default, float) else str(default)
    text = str(default)
    return json.dumps(text, ensure_ascii=False) if name in QUOTED_KEYS or _needs_quotes(text) \
        else text


_PLAIN = re.compile(r"[^\W\d_][\w ,.()-]*")


def _needs_quotes(text: str) -> bool:
    """True unless `text` is a word-led phrase that every YAML reader takes as this string."""
    if not _PLAIN.fullmatch(text) or text != text.strip():
        return True
    try:
        return bool(yaml.safe_load(text) != text)
    except yaml.YAMLError:
        return True


_BLANK_KEY = re.compile(r"^(\s*)(- )?[\w-]+:$")


def blanks(text: str) -> list[int]:
    """Line numbers (1-based) of the empty values an editor still has to fill."""
    lines = text.splitlines()
    active = [(i, line) for i, line in enumerate(lines)
              if line.strip() and not line.lstrip().startswith("#")]
    found = []
    for n, (i, line) in enumerate(active):
        if line.strip() == "-":
            found.append(i + 1)
            continue
        match = _BLANK_KEY.match(line)
        if not match:
            continue
        key_indent = len(match.group(1)) + (2 if match.group(2) else 0)
        following = active[n + 1][1] if n + 1 < len(active) else ""
        child_indent = len(following) - len(following.lstrip())
        # "key:" opens a block when the next line is deeper, or is a "- " item at its level.
        opens = child_indent > key_indent or (
            child_indent == key_indent and following.lstrip().startswith("- ")
            and not match.group(2))
        if not following or not opens:
            found.append(i + 1)
    return found


# --- Command --------------------------------------------------------------------------------


#: The longest code `congkhai new` accepts: it is also a file name and a URL segment.
MAX_CODE = 100


def _code_problem(kind: RecordKind, code: str) -> str | None:
    pattern = PROCEDURE_CODE if kind.model is schema.Procedure else SLUG
    if len(code) > MAX_CODE:
        return (f"{kind.code_label} dài {len(code)} ký tự, tối đa {MAX_CODE}; "
                f"ví dụ --ma {kind.example_code}")
    if pattern.matches(code):
        return None
    return f"{pattern.message}, đã gặp «{code}»; ví dụ --ma {kind.example_code}"


def _target(args: argparse.Namespace, root: Path, folder: str, stem: str) -> Path:
    if args.out:
        out = Path(args.out)
        if out.suffix in (".yaml", ".yml"):
            return out
        return out / f"{stem}.yaml"
    return root / folder / f"{stem}.yaml"


def _run(args: argparse.Namespace) -> int:
    kind = by_command(args.kind)
    root = Path(args.root)
    if args.ma is not None:
        problem = _code_problem(kind, args.ma)
        if problem:
            print(f"congkhai new: {problem}", file=sys.stderr)
            return 2
    read = read_project_config(root / args.config, check_dirs=False, missing_ok=True)
    if read.config is None:
        for p in read.problems:
            print(p.format(), file=sys.stderr)
        print(f"congkhai new: {root / args.config} có lỗi, chưa tạo hồ sơ", file=sys.stderr)
        return 2
    folder = getattr(read.config, kind.folder_option)
    path = _target(args, root, folder, args.ma or kind.new_stem)
    if path.exists():
        print(f"{path}: tệp đã có, không ghi đè. Sửa trực tiếp tệp này, hoặc chọn mã hay tên "
              "tệp khác (--ma, --out).", file=sys.stderr)
        return 1
    ref = Path(os.path.relpath((root / "schema" / kind.schema_file).resolve(),
                               path.parent.resolve())).as_posix()
    values = {kind.code_field: args.ma} if args.ma else {}
    text = skeleton(kind.model, ref, values)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        print(f"{path}: không ghi được tệp ({error.strerror})", file=sys.stderr)
        return 2
    todo = len(blanks(text))
    print(f"Đã tạo {path}: còn {todo} chỗ trống bắt buộc cần điền. Khi điền xong, kiểm tra "
          f"bằng lệnh: congkhai check {path}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "new", help="tạo khung hồ sơ mới (thủ tục, đơn vị, chỉ số) có chú thích từng trường",
        description="Tạo tệp YAML mới với mọi trường của lược đồ, mỗi trường có chú thích "
        "tiếng Việt; trường bắt buộc để trống cho người biên tập điền.")
    parser.add_argument("kind", choices=[k.command for k in KINDS],
                        metavar="{" + ",".join(k.command for k in KINDS) + "}",
                        help="loại hồ sơ: thu-tuc (thủ tục), don-vi (đơn vị), chi-so (chỉ số)")
    parser.add_argument("--ma", help="mã hồ sơ, ví dụ 1.001193 (thủ tục) hoặc so-tu-phap "
                        "(đơn vị); cũng là tên tệp")
    parser.add_argument("--out", help="thư mục ghi tệp (mặc định procedures/, units/ hoặc "
                        "indexes/ theo mkdocs.yml), hoặc đường dẫn tệp .yaml")
    parser.set_defaults(func=_run)


__all__ = ["blanks", "register", "skeleton"]
