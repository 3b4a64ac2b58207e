"""The fixture project, loaded and resolved once, for the stage tests (no MkDocs involved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.derive.catalogue import Catalogue, resolve
from generator.derive.site_data import SiteData, derive
from generator.records.config import load_config
from generator.records.project import LoadResult, load_project

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site"


@pytest.fixture(scope="session")
def loaded() -> LoadResult:
    result = load_project(FIXTURE, load_config(FIXTURE / "mkdocs.yml"))
    assert result.errors == []
    return result


@pytest.fixture(scope="session")
def catalogue(loaded: LoadResult) -> Catalogue:
    return resolve(loaded.records, load_config(FIXTURE / "mkdocs.yml"))


@pytest.fixture(scope="session")
def site(catalogue: Catalogue) -> SiteData:
    return derive(catalogue)
