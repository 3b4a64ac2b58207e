"""`congkhai init DIR`: start a new agency's site repository that builds right away.

The files come from `starter/` (shipped with the package): `*.j2` files are rendered with the
agency's name and address, `dot-*` names become dot-files (package data skips hidden files),
everything else is copied as is. The JSON Schemas editors' VS Code reads are generated from the
schema and the new mkdocs.yml, as `python -m generator.records.jsonschema` would.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .. import __version__
from ..records.config import read_project_config
from ..records.jsonschema import write_schemas
from ..records.shapes import URL
from ..search.synonyms import DEFAULT_SYNONYMS

STARTER = Path(__file__).resolve().parent / "starter"
TEMPLATE_SUFFIX = ".j2"
DOT_PREFIX = "dot-"


@dataclass(frozen=True)
class NewSite:
    """What the new site's files say about the agency."""

    agency: str
    site_name: str
    site_url: str | None = None


class InitError(Exception):
    """The new site cannot be written where asked."""


def starter_files() -> list[tuple[Path, str]]:
    """(file in `starter/`, its path in the new site), in a stable order."""
    found = []
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        parts = [p.replace(DOT_PREFIX, ".", 1) if p.startswith(DOT_PREFIX) else p
                 for p in source.relative_to(STARTER).parts]
        target = "/".join(parts).removesuffix(TEMPLATE_SUFFIX)
        found.append((source, target))
    return found


def _yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def create_site(target: Path, site: NewSite) -> list[Path]:
    """Write the new site under `target` (empty or absent); return the files written."""
    if target.exists() and any(target.iterdir()):
        raise InitError(f"{target}: thư mục đã có nội dung; chọn một thư mục trống hoặc chưa có")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             autoescape=False)  # renders YAML and Markdown, not HTML
    env.filters["yaml"] = _yaml_text
    values = {"agency": site.agency, "site_name": site.site_name, "site_url": site.site_url,
              "version": __version__}
    written = []
    for source, relative in starter_files():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        if source.name.endswith(TEMPLATE_SUFFIX):
            text = env.from_string(text).render(values)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    # The citizens' words the search uses: the project's own copy, for editors to extend.
    words = target / "tu-dong-nghia.yaml"
    words.write_bytes(DEFAULT_SYNONYMS.read_bytes())
    written.append(words)
    read = read_project_config(target / "mkdocs.yml")
    if read.config is None:  # pragma: no cover - the starter is tested to be valid
        raise InitError("\n".join(p.format() for p in read.problems))
    written += write_schemas(target, read.config)
    return sorted(written)


def _run(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    if args.dia_chi and not URL.matches(args.dia_chi):
        print(f"congkhai init: {URL.message}, đã gặp «{args.dia_chi}» ({URL.hint})",
              file=sys.stderr)
        return 2
    site = NewSite(args.co_quan, args.ten or f"Công khai thủ tục hành chính — {args.co_quan}",
                   args.dia_chi)
    try:
        written = create_site(target, site)
    except (InitError, OSError) as error:
        print(f"congkhai init: {getattr(error, 'strerror', None) or error}", file=sys.stderr)
        return 2
    print(f"Đã tạo trang mới ở {target} ({len(written)} tệp). Tiếp theo:")
    print(f"  cd {target}")
    print("  congkhai new don-vi --ma <mã-đơn-vị>      # đơn vị thực hiện thủ tục")
    print("  congkhai import <tệp JSON của Cổng DVC> --unit <mã-đơn-vị>")
    print("  congkhai check && mkdocs serve")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "init", help="tạo kho mã trang công khai mới cho một cơ quan",
        description="Tạo thư mục dự án mới: mkdocs.yml có danh mục và nơi tiếp nhận phản ánh "
        "mặc định, thư mục procedures/ và units/ trống, định nghĩa PAR Index và ICT Index, quy "
        "trình GitHub Actions, pre-commit và README cho người biên tập. Dựng được ngay bằng "
        "mkdocs build.")
    parser.add_argument("dir", metavar="DIR", help="thư mục mới (chưa có hoặc trống)")
    parser.add_argument("--co-quan", required=True,
                        help="tên cơ quan chủ quản, ví dụ \"Ủy ban nhân dân tỉnh Quảng Ninh\"")
    parser.add_argument("--ten", help="tên trang (mặc định: Công khai thủ tục hành chính — "
                        "<cơ quan>)")
    parser.add_argument("--dia-chi", help="địa chỉ công khai của trang (site_url), ví dụ "
                        "https://example.gov.vn/tthc/")
    parser.set_defaults(func=_run)
