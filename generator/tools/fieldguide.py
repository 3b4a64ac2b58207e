"""Write the editors' field tables (docs/bien-tap/truong-du-lieu.md) from the schema.

Only the block between the two marker comments is generated; the rest of the page is written by
hand. Regenerate after changing `generator/records/schema/`:

    .venv/bin/python -m generator.tools.fieldguide

`--check` only compares (exit 1 when the page is out of date); `tests/test_fieldguide.py` does
the same, so the committed page cannot drift from the schema.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic_core import PydanticUndefined

from ..records.fields import FieldDoc, type_words, walk_fields
from ..records.kinds import KINDS
from ..records.schema import Record

PAGE = Path("docs/bien-tap/truong-du-lieu.md")
START = "<!-- congkhai:fields:start -->"
END = "<!-- congkhai:fields:end -->"
REGENERATE = ".venv/bin/python -m generator.tools.fieldguide"



def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _default(field: FieldDoc) -> str | None:
    value = field.info.default
    if value is None or value is PydanticUndefined:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _required(field: FieldDoc, optional_parent: str | None) -> str:
    if not field.required:
        default = _default(field)
        return f"không (mặc định `{default}`)" if default is not None else "không"
    return f"có, khi có `{optional_parent}`" if optional_parent else "có"


def field_table(kind: type[Record]) -> list[str]:
    """The Markdown table of every field of `kind`, nested parts under their parent."""
    lines = ["| Trường | Kiểu | Bắt buộc | Mô tả |", "|---|---|---|---|"]
    # The nearest optional ancestor of each depth: its children are required only with it.
    optional_at: dict[int, str | None] = {-1: None}
    for field in walk_fields(kind):
        parent = optional_at[field.depth - 1]
        optional_at[field.depth] = parent or (None if field.required else field.path)
        lines.append(f"| `{field.path}` | {_cell(type_words(field.shape))} | "
                     f"{_required(field, parent)} | {_cell(field.description)} |")
    return lines


def render_block() -> str:
    """The generated part of the page, markers included."""
    lines = [START, f"<!-- Tạo tự động từ generator/records/schema/ bằng `{REGENERATE}`; "
             "đừng sửa tay. -->", ""]
    for kind in KINDS:
        doc = (kind.model.__doc__ or "").strip().splitlines()[0]
        lines += [f"## {kind.heading} (`{kind.plural}/`)", "", doc, "", *field_table(kind.model),
                  ""]
    lines.append(END)
    return "\n".join(lines)


class PageError(Exception):
    pass


def rewrite(text: str) -> str:
    """`text` with the block between the markers replaced by the current tables."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise PageError(f"không thấy cặp dấu {START} … {END} trong trang")
    return text[:start] + render_block() + text[end + len(END):]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.tools.fieldguide",
        description="Viết lại bảng trường dữ liệu trong hướng dẫn biên tập từ lược đồ.")
    parser.add_argument("--page", type=Path, default=PAGE, help=f"trang cần viết (mặc định {PAGE})")
    parser.add_argument("--check", action="store_true",
                        help="chỉ kiểm tra; trả mã 1 nếu trang chưa khớp với lược đồ")
    args = parser.parse_args(argv)
    try:
        current = args.page.read_text(encoding="utf-8")
        updated = rewrite(current)
    except (OSError, PageError) as error:
        print(f"{args.page}: {error}", file=sys.stderr)
        return 1
    if args.check:
        if updated != current:
            print(f"{args.page} không khớp với generator/records/schema/; chạy: {REGENERATE}",
                  file=sys.stderr)
            return 1
        return 0
    if updated != current:
        args.page.write_text(updated, encoding="utf-8", newline="\n")
        print(f"Đã cập nhật {args.page}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
