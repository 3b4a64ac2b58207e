"""The golden copy of the fixture site's generated pages.

Regenerate after an intended change with:

    .venv/bin/python -m tests.sitebuild.golden

and review the diff under tests/golden/ like any other change.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.build import build_site
from generator.records.config import load_config

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden" / "fixture"


def render_fixture() -> dict[str, str]:
    """Relative file name → content, for every page and data file the core generates."""
    result = build_site(FIXTURE, load_config(FIXTURE / "mkdocs.yml"))
    out: dict[str, str] = {}
    for page in result.output.pages:
        out[(page.path or "") + "index.html"] = str(page.body) + "\n"
    for data in result.output.files:
        out[data.path] = data.content.decode("utf-8")
    out["_home_sections.html"] = str(result.output.home_sections) + "\n"
    return out


def write() -> None:
    if GOLDEN.exists():
        for old in sorted(GOLDEN.rglob("*"), reverse=True):
            old.unlink() if old.is_file() else old.rmdir()
    for name, content in render_fixture().items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"golden site written to {GOLDEN.relative_to(ROOT)}", file=sys.stderr)
