"""The way out of MkDocs' end of life: ProperDocs (a maintained MkDocs 1.x fork) builds the same
site, byte for byte, apart from its own name in `<meta name="generator">`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURE

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def _tree(site: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".html":
            data = GENERATOR_TAG.sub(b'<meta name="generator">', data)
        out[path.relative_to(site).as_posix()] = data
    return out


def test_properdocs_builds_the_same_site(fixture_site: Path, tmp_path: Path) -> None:
    pytest.importorskip("properdocs")
    site = tmp_path / "properdocs-site"
    run = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(FIXTURE / "mkdocs.yml"),
         "-d", str(site)], capture_output=True, text=True, timeout=600,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"})
    assert run.returncode == 0, run.stderr
    ours, theirs = _tree(fixture_site), _tree(site)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == []
    assert b"ProperDocs" in (site / "index.html").read_bytes()  # it really was ProperDocs
