"""Build the fixture project with the real `mkdocs build` once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site"
MKDOCS = [sys.executable, "-m", "mkdocs"]


def run_build(project: Path, site_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    environment.pop("SOURCE_DATE_EPOCH", None)
    environment.update(env or {})
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra],
        capture_output=True, text=True, env=environment, timeout=600,
    )


def copy_project(src: Path, dst: Path) -> Path:
    """A writable copy of a project: it needs nothing outside itself but the package."""
    shutil.copytree(src, dst, symlinks=False)
    return dst


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("fixture") / "site"
    result = run_build(FIXTURE, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def soup_of(fixture_site):
    cache: dict[str, BeautifulSoup] = {}

    def load(path: str) -> BeautifulSoup:
        if path not in cache:
            html = (fixture_site / path / "index.html").read_text(encoding="utf-8")
            cache[path] = BeautifulSoup(html, "html.parser")
        return cache[path]

    return load
