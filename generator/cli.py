"""The `congkhai` command: check records (and, in other modules, create, import, diff)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml
from pydantic import ValidationError

from . import diff, importer, scaffold
from .config import ProjectConfig, load_config
from .loader import LoadedDocument, syntax_problem
from .problems import Problem
from .records import load_project
from .validate import translate_error



def read_config(path: Path) -> tuple[ProjectConfig | None, list[Problem]]:
    """Load the project configuration, or say in Vietnamese (with the line) what is wrong."""
    try:
        return load_config(path), []
    except yaml.MarkedYAMLError as error:
        text = path.read_text(encoding="utf-8")
        return None, [syntax_problem(error, text, path.as_posix())]
    except ValidationError as error:
        text = path.read_text(encoding="utf-8")
        doc = LoadedDocument(path.as_posix(), None)
        # Options sit under `- congkhai:`; locate each by its first line below that entry.
        start = next((i for i, line in enumerate(text.splitlines())
                      if re.match(r"\s*-\s*congkhai\s*:", line)), 0)
        for i, line in enumerate(text.splitlines()[start:], start):
            match = re.match(r"(\s*)([A-Za-z_]+)\s*:", line)
            if match and (match.group(2),) not in doc.key_positions:
                doc.key_positions[(match.group(2),)] = (i + 1, len(match.group(1)) + 1)
        doc.positions[()] = (start + 1, 1)
        return None, sorted({translate_error(doc, ProjectConfig, item) for item in error.errors()})
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return None, [Problem(path.as_posix(), 1, 1, "", f"không đọc được cấu hình ({error})")]


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    config, config_problems = read_config(root / args.config)
    if config is None:
        for problem in config_problems:
            print(problem.format_github() if args.format == "github" else problem.format())
        print("congkhai check: cấu hình dự án có lỗi, chưa kiểm tra hồ sơ.", file=sys.stderr)
        return 2
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

    # Sub-commands that live in their own modules.
    for module in (scaffold, importer, diff):
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
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
