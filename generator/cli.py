"""The `congkhai` command: check records (and, in other modules, create, import, diff)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .config import load_config
from .records import load_project

Command = Callable[[argparse.Namespace], int]


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    config = load_config(root / args.config)
    targets = [Path(p) for p in args.paths] or None
    if targets:
        missing = [t for t in targets if not t.exists()]
        for t in missing:
            print(f"{t}: không tìm thấy tệp hoặc thư mục", file=sys.stderr)
        if missing:
            return 2
    result = load_project(root, config, targets)
    for problem in result.problems:
        print(problem.format_github() if args.format == "github" else problem.format())
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    records = result.records
    total = len(records.procedures) + len(records.units) + len(records.indexes)
    print(
        f"congkhai check: {errors} lỗi, {warnings} cảnh báo; đã đọc {total} hồ sơ hợp lệ "
        f"({len(records.procedures)} thủ tục, {len(records.units)} đơn vị, "
        f"{len(records.indexes)} chỉ số).",
        file=sys.stderr,
    )
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="congkhai",
        description="Công khai thủ tục hành chính và chỉ số CCHC: kiểm tra, tạo và nhập hồ sơ.",
    )
    parser.add_argument("--root", default=".", help="thư mục dự án (mặc định: thư mục hiện tại)")
    parser.add_argument("--config", default="mkdocs.yml", help="tệp cấu hình (mặc định mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="kiểm tra hồ sơ và báo mọi lỗi kèm tệp:dòng:cột")
    check.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: toàn bộ dự án)")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github: in chú thích ::error cho GitHub Actions")
    check.set_defaults(func=_check)

    for register in _extensions():
        register(sub)
    return parser


def _extensions() -> list[Callable[[argparse._SubParsersAction], None]]:
    """Sub-commands that live in their own modules (new, import, diff)."""
    registers = []
    for module_name in ("scaffold", "importer", "diff"):
        try:
            module = __import__(f"generator.{module_name}", fromlist=["register"])
        except ModuleNotFoundError as error:
            if error.name != f"generator.{module_name}":
                raise
            continue
        registers.append(module.register)
    return registers


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
