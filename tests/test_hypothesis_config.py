"""Property-based tests over the one configuration reader (mkdocs.yml), through `congkhai check`
and `congkhai new`: any value for any option, any shape of `plugins:`, gives exit 0, 1 or 2 with
located lines, never an unexpected failure (exit 3) or a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from generator.records.config import PluginOptions, read_project_config
from tests.hostile_values import hostile_text, replaced, values
from tests.hypothesis_settings import examples
from tests.test_bad_input import run_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
LOCATED = re.compile(r"^[^\n]+:[0-9]+:[0-9]+: \S")
OPTIONS = sorted(PluginOptions.model_fields)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hypothesis-config") / "du-an"
    shutil.copytree(FIXTURE, root)
    return root


def base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURE / "mkdocs.yml").read_text(encoding="utf-8"))
    return data


def plugin_index(data: dict[str, Any]) -> int:
    return next(i for i, p in enumerate(data["plugins"]) if isinstance(p, dict) and "congkhai" in p)


@st.composite
def configuration(draw: st.DrawFn) -> dict[str, Any]:
    data = base()
    i = plugin_index(data)
    shape = draw(st.sampled_from(["option", "option", "option", "plugins", "entry", "mapping"]))
    if shape == "option":
        key = draw(st.one_of(st.sampled_from(OPTIONS), hostile_text))
        return replaced(data, ("plugins", i, "congkhai", key), draw(values))
    if shape == "plugins":
        return replaced(data, ("plugins",), draw(values))
    if shape == "entry":
        return replaced(data, ("plugins", i, "congkhai"), draw(values))
    # plugins: written as a mapping, as MkDocs also accepts, with one option changed.
    options = dict(data["plugins"][i]["congkhai"])
    options[draw(st.sampled_from(OPTIONS))] = draw(values)
    return {**data, "plugins": {"search": {}, "congkhai": options}}


def _answers(project: Path, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    read = read_project_config(project / "mkdocs.yml")
    assert (read.config is None) == bool(read.problems)
    for problem in read.problems:
        assert LOCATED.match(problem.format()), problem
        problem.format().encode("utf-8")
    # `new` may be creating the first record: record folders need not exist yet.
    for_new = read_project_config(project / "mkdocs.yml", check_dirs=False)
    for argv, refused in ((["check"], read.config is None),
                          (["new", "thu-tuc", "--ma", "1.999990", "--out", str(project / "moi")],
                           for_new.config is None)):
        result = run_main("--root", str(project), *argv)
        assert result.returncode in (0, 1, 2), result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        if refused:
            assert result.returncode == 2, (argv, result.stdout, result.stderr)
    shutil.rmtree(project / "moi", ignore_errors=True)


def _long_name(option: str) -> dict[str, Any]:
    """A file or folder option naming a path the system refuses (name over 255 bytes)."""
    data = base()
    return replaced(data, ("plugins", plugin_index(data), "congkhai", option), "A" * 300)


@examples(25)
@given(configuration())
@example(_long_name("tu_dong_nghia"))
@example(_long_name("procedures_dir"))
def test_any_configuration_is_read_or_refused_with_located_lines(project: Path,
                                                                  data: dict[str, Any]) -> None:
    try:
        _answers(project, data)
    finally:
        shutil.copy(FIXTURE / "mkdocs.yml", project / "mkdocs.yml")
