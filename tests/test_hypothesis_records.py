"""Property-based tests over the loader, the validator and the build (the issue's classes).

Whatever an editor writes into a record, the pipeline either reports located problems or
builds a site; it never raises, never hangs and never loses a page (two pages at one address,
a procedure or a decision without its page). Short by default; see tests/hypothesis_settings.py
for the long campaign.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.derive.catalogue import resolve
from generator.derive.site_data import derive
from generator.problems import Problem
from generator.records.config import load_config
from generator.records.loader import load_text
from generator.records.project import load_project
from generator.site import render_site
from generator.site.paths import PATHS
from generator.vietnamese import slugify
from tests.hostile_values import KNOWN, TRICKY, hostile_text, paths_in, replaced, values
from tests.hypothesis_settings import examples

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
LOCATED = re.compile(r"^[^\n]+:[0-9]+:[0-9]+: \S")
RECORDS = sorted(p.relative_to(FIXTURE).as_posix()
                 for folder in ("procedures", "units", "indexes")
                 for p in (FIXTURE / folder).glob("*.yaml"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hypothesis") / "du-an"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def open_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with empty catalogues: any sector, level or unit kind is accepted,
    so more changed records reach the build (and only slugs keep names apart)."""
    root = tmp_path_factory.mktemp("hypothesis-open") / "du-an"
    shutil.copytree(FIXTURE, root)
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text("\n".join(
        line.split(":")[0] + ": []" if line.lstrip().startswith(
            ("cap_thuc_hien:", "loai_don_vi:", "linh_vuc:")) else line
        for line in text.splitlines()) + "\n", encoding="utf-8")
    return root


def assert_located(problems: list[Problem]) -> None:
    for problem in problems:
        line = problem.format()
        line.encode("utf-8")  # a lone surrogate would make printing it fail
        assert LOCATED.match(line), line
        assert problem.line >= 1 and problem.column >= 1


def assert_no_page_lost(root: Path) -> None:
    """Build in-process (as the plugin does) and check every record kept its page."""
    config = load_config(root / "mkdocs.yml")
    loaded = load_project(root, config)
    assert_located(loaded.problems)
    if loaded.errors:
        return
    records = loaded.records
    output = render_site(derive(resolve(records, config)))
    pages = [p.path for p in output.pages]
    files = [f.path for f in output.files]
    assert len(pages) == len(set(pages)), "hai trang cùng một địa chỉ"
    assert len(files) == len(set(files)), "hai tệp dữ liệu cùng một địa chỉ"
    for src in records.procedures:
        assert PATHS.procedure(src.record.ma_thu_tuc) in pages
    numbers = {d.so_quyet_dinh for s in records.procedures for d in s.record.cong_bo}
    decision_pages = {PATHS.decision(slugify(n)) for n in numbers}
    assert len(decision_pages) == len(numbers), "hai quyết định cùng một trang"
    assert decision_pages <= set(pages)
    for page in output.pages:
        (page.title + str(page.body) + page.description).encode("utf-8")
    for file in output.files:
        if file.path.endswith(".xml"):
            ET.fromstring(file.content)  # the Atom feed stays well-formed


# --- The loader on any text --------------------------------------------------------------------

yaml_tokens = st.sampled_from([
    "a: ", "b:\n", "- ", "  ", "\n", "[", "]", "{", "}", ", ", '"', "'", "&x ", "*x", "!t ",
    "# c", "---\n", "...\n", "%YAML 1.1\n", "? ", "| \n", "> \n", "\t", ": ", "\\x07", "\\ud800",
    '"\\x1b"', '"\\ud83d"', "<<: ", "1e400", "9999-12-31",
])


@examples(80)
@given(st.one_of(st.text(alphabet=st.sampled_from(TRICKY), max_size=200),
                 st.lists(st.one_of(yaml_tokens, hostile_text), max_size=60).map("".join)))
def test_loader_answers_any_text_with_a_document_or_located_problems(text: str) -> None:
    doc, problems = load_text(text, "x.yaml")
    assert_located(problems)
    assert doc is not None or problems


@examples(10)
@given(st.integers(min_value=1, max_value=20_000), st.sampled_from(["[", "{a: ", "- "]))
def test_loader_refuses_deep_nesting_without_overflowing(depth: int, opener: str) -> None:
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    if opener == "- ":
        text = "".join("  " * i + "- \n" for i in range(min(depth, 400))) + "  " * 400 + "x\n"
    else:
        text = "a: " + opener * depth + "1" + closer * depth + "\n"
    _, problems = load_text(text, "x.yaml")
    assert_located(problems)


# --- Records: any value at any place -----------------------------------------------------------


def _write(path: Path, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")


def _text_paths(data: Any) -> list[tuple[Any, ...]]:
    found = []
    for path in paths_in(data):
        value: Any = data
        for part in path:
            value = value[part]
        if isinstance(value, str):
            found.append(path)
    return found


@st.composite
def text_mutation(draw: st.DrawFn) -> tuple[str, Any]:
    """(record file, its data with one text value respelt): mostly still a valid record, so
    the build runs on the hostile text."""
    name = draw(st.sampled_from(RECORDS))
    data = yaml.safe_load((FIXTURE / name).read_text(encoding="utf-8"))
    where = draw(st.sampled_from(_text_paths(data)))
    value: Any = data
    for part in where:
        value = value[part]
    new = draw(st.one_of(hostile_text.filter(str.strip), KNOWN,
                         hostile_text.map(lambda t, v=value: v + t)))
    return name, replaced(data, where, new)


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, Any]:
    """(record file, its data with one value replaced or one key added)."""
    name = draw(st.sampled_from(RECORDS))
    data = yaml.safe_load((FIXTURE / name).read_text(encoding="utf-8"))
    where = draw(st.sampled_from(paths_in(data)))
    if draw(st.booleans()) and isinstance(data, dict):
        where = where[:-1] + (draw(st.one_of(hostile_text, st.sampled_from(list(data)))),)
    return name, replaced(data, where, draw(values))


def _check(project: Path, changes: list[tuple[str, Any]], build: bool) -> None:
    try:
        for name, data in changes:
            _write(project / name, data)
        if build:
            assert_no_page_lost(project)
        else:
            loaded = load_project(project, load_config(project / "mkdocs.yml"))
            assert_located(loaded.problems)
    finally:
        for name, _ in changes:
            if (FIXTURE / name).exists():
                shutil.copy(FIXTURE / name, project / name)


@examples(40)
@given(mutation())
def test_validator_locates_every_problem(project: Path, change: tuple[str, Any]) -> None:
    _check(project, [change], build=False)


@examples(10)
@given(st.lists(st.one_of(text_mutation(), text_mutation(), mutation()), min_size=1, max_size=3))
def test_build_never_loses_a_page(open_project: Path, changes: list[tuple[str, Any]]) -> None:
    # Several records changed at once: collisions need two names.
    _check(open_project, list(dict(changes).items()), build=True)


@examples(10)
@given(st.sampled_from([n for n in RECORDS if n.startswith("procedures/")]),
       st.sampled_from(["linh_vuc", "so_quyet_dinh", "cap_thuc_hien"]),
       st.sampled_from(["upper", "lower", "punct", "space", "strip"]))
def test_names_differing_by_spelling_never_share_a_page(open_project: Path, name: str,
                                                         field: str, how: str) -> None:
    """Take a name another record uses and respell it: a collision error, or no lost page."""
    data = yaml.safe_load((FIXTURE / name).read_text(encoding="utf-8"))
    if field == "so_quyet_dinh":
        if not data.get("cong_bo"):
            return
        value = data["cong_bo"][0]["so_quyet_dinh"]
    elif field == "cap_thuc_hien":
        value = data["cap_thuc_hien"][0]
    else:
        value = data["linh_vuc"]
    respelt = {"upper": value.upper(), "lower": value.lower(),
               "punct": value.replace("/", "-").replace(",", ";"),
               "space": value.replace(" ", "  ") + " ", "strip": "".join(value.split())}[how]
    copy = dict(data, ma_thu_tuc="1.999990")
    if field == "so_quyet_dinh":
        copy["cong_bo"] = [dict(data["cong_bo"][0], so_quyet_dinh=respelt)]
    elif field == "cap_thuc_hien":
        copy["cap_thuc_hien"] = [respelt]
    else:
        copy["linh_vuc"] = respelt
    extra = "procedures/1.999990.yaml"
    try:
        _check(open_project, [(extra, copy)], build=True)
    finally:
        (open_project / extra).unlink(missing_ok=True)
