"""The `congkhai` command: `check` lives here; `new`, `diff`, `import` and `init` register
themselves from their own modules.

No command prints a Python traceback: an unexpected failure is reported in one Vietnamese line
(exit 3) naming what was being done, with the details behind `--verbose`.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from ..problems import Problem
from ..records.config import read_project_config
from ..records.project import load_project
from . import diff, init, scaffold
from .importer import importer


def _print_problems(problems: list[Problem], github: bool) -> None:
    for problem in problems:
        print(problem.format_github() if github else problem.format())


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    started = time.perf_counter()
    read = read_project_config(root / args.config)
    if read.config is None:
        _print_problems(read.problems, args.format == "github")
        print("congkhai check: cấu hình dự án có lỗi, chưa kiểm tra hồ sơ.", file=sys.stderr)
        return 2
    targets = [Path(p) for p in args.paths] or None
    if targets:
        missing = [t for t in targets if not t.exists()]
        for t in missing:
            print(f"{t}: không tìm thấy tệp hoặc thư mục", file=sys.stderr)
        if missing:
            return 2
    result = load_project(root, read.config, targets)
    _print_problems(result.problems, args.format == "github")
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
    if args.verbose:
        print(f"congkhai check: {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 1 if errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="congkhai",
        description="Công khai thủ tục hành chính và chỉ số CCHC: kiểm tra, tạo và nhập hồ sơ.",
    )
    parser.add_argument("--root", default=".", help="thư mục dự án (mặc định: thư mục hiện tại)")
    parser.add_argument("--config", default="mkdocs.yml", help="tệp cấu hình (mặc định mkdocs.yml)")
    parser.add_argument("--verbose", action="store_true",
                        help="in thời gian từng bước và chi tiết khi có lỗi ngoài dự kiến")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="kiểm tra hồ sơ và báo mọi lỗi kèm tệp:dòng:cột")
    check.add_argument("paths", nargs="*", help="tệp hoặc thư mục (mặc định: toàn bộ dự án)")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github: in chú thích ::error cho GitHub Actions")
    check.set_defaults(func=_check)

    # Sub-commands that live in their own modules.
    for module in (scaffold, importer, diff, init):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Messages are Vietnamese: never fail on a terminal or pipe that is not set up for UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except KeyboardInterrupt:
        print(f"congkhai {args.command}: đã dừng.", file=sys.stderr)
        return 130
    except Exception as error:
        if args.verbose:
            traceback.print_exc()
        print(f"congkhai {args.command}: lỗi ngoài dự kiến ({type(error).__name__}: {error}). "
              "Hãy báo lỗi này cho nhóm phát triển, kèm lệnh đã chạy"
              + ("" if args.verbose else " và kết quả của lệnh khi thêm --verbose") + ".",
              file=sys.stderr)
        return 3
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
