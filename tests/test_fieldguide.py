"""The editors' field tables are generated from the schema and the committed page matches it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.records.fields import walk_fields
from generator.records.kinds import KINDS
from generator.records.schema import Procedure
from generator.tools.fieldguide import (
    END,
    PAGE,
    REGENERATE,
    START,
    PageError,
    field_table,
    main,
    rewrite,
)

ROOT = Path(__file__).resolve().parents[1]


def test_committed_page_matches_the_schema() -> None:
    page = ROOT / PAGE
    text = page.read_text(encoding="utf-8")
    assert rewrite(text) == text, f"{PAGE} không khớp với generator/records/schema/; chạy: {REGENERATE}"


def test_every_field_has_a_row() -> None:
    for kind in KINDS:
        rows = "\n".join(field_table(kind.model))
        for field in walk_fields(kind.model):
            assert f"| `{field.path}` |" in rows


def test_rows_say_type_requirement_and_description() -> None:
    rows = field_table(Procedure)
    assert rows[:3] == [
        "| Trường | Kiểu | Bắt buộc | Mô tả |",
        "|---|---|---|---|",
        '| `ma_thu_tuc` | mã thủ tục (d.dddddd, trong ngoặc kép) | có | Mã thủ tục trên Cơ sở dữ '
        'liệu quốc gia, ví dụ "1.001193". Luôn đặt trong dấu ngoặc kép. |',
    ]
    assert ("| `cach_thuc_thuc_hien[].thoi_han.so` | số lớn hơn 0 | có, khi có "
            "`cach_thuc_thuc_hien[].thoi_han` | Số lượng (ví dụ 5). |") in rows
    assert ("| `trang_thai` | một trong: «đang áp dụng»; «đã bãi bỏ» | không (mặc định "
            "`đang áp dụng`) | “đang áp dụng” hoặc “đã bãi bỏ” (cần quyết định công bố loại "
            "bãi bỏ). |") in rows


def test_command_rewrites_only_the_block(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.md"
    page.write_text(f"# Tay\n\nviết tay\n\n{START}\ncũ\n{END}\n\ncuối trang\n", encoding="utf-8")

    assert main(["--page", str(page), "--check"]) == 1
    assert capsys.readouterr().err == \
        f"{page} không khớp với generator/records/schema/; chạy: {REGENERATE}\n"
    assert main(["--page", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# Tay\n\nviết tay\n\n{START}\n")
    assert text.endswith(f"{END}\n\ncuối trang\n")
    assert "## Hồ sơ đơn vị (`units/`)" in text
    assert main(["--page", str(page), "--check"]) == 0


def test_page_without_markers(tmp_path: Path) -> None:
    with pytest.raises(PageError):
        rewrite("# Không có dấu\n")


# --- The editors' guide quotes the checks' messages as they are ------------------------------

GUIDE = ROOT / "docs" / "bien-tap" / "index.md"
#: Every module of the load and validate stages: the messages editors see come from there.
MESSAGE_MODULES = sorted((ROOT / "generator" / "records").rglob("*.py"))


def _templates() -> list[str]:
    """Every string literal of the checking modules, each interpolation shown as “…”."""
    found = []
    for module in MESSAGE_MODULES:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                found.append("".join(v.value if isinstance(v, ast.Constant) else "…"
                                     for v in node.values))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(re.sub(r"\{[^{}]*\}", "…", node.value))
    return found


def test_guide_quotes_real_messages() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    table = text[text.index("## Thông báo lỗi thường gặp"):]
    quoted = re.findall(r"^\| `([^`]+)`", table, flags=re.MULTILINE)
    assert len(quoted) > 40
    templates = _templates()
    stale = [message for message in quoted
             if not all(any(part.strip() in t for t in templates)
                        for part in message.split("…") if part.strip())]
    assert not stale, ("docs/bien-tap/index.md quotes messages that generator/records/ no longer "
                       f"produces: {stale}")
