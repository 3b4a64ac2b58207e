"""The core's output for the fixture project equals the stored golden copy, file for file."""

from __future__ import annotations

from .golden import GOLDEN, render_fixture

REGENERATE = "regenerate with `.venv/bin/python -m tests.sitebuild.golden` and review the diff"


def test_generated_pages_match_golden_copy():
    rendered = render_fixture()
    stored = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
              for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(rendered) == sorted(stored), f"pages added or removed: {REGENERATE}"
    for name, content in rendered.items():
        assert content == stored[name], f"{name} differs from the golden copy: {REGENERATE}"
