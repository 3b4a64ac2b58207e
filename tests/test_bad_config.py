"""Every careless or hostile mkdocs.yml gets a located Vietnamese message, the same from every
command: tests/bad_config/<case>/mkdocs.yml and its exact expected lines (`expected`).

One reader (records/config.py) serves check, new, diff and the MkDocs plugin, so the cases are
checked through `congkhai check` and `congkhai new` here, and once through a real MkDocs build.
Regenerate the expected lines on purpose, and review the difference:

    CONGKHAI_REGENERATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_bad_config.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_bad_input import ENGLISH, REGENERATE, run_main

ROOT = Path(__file__).resolve().parent.parent
BAD_CONFIG = ROOT / "tests" / "bad_config"
CASES = sorted(p.name for p in BAD_CONFIG.iterdir() if (p / "mkdocs.yml").is_file())


def test_every_case_has_its_expected_output():
    for case in CASES:
        assert (BAD_CONFIG / case / "expected").is_file(), case


@pytest.mark.parametrize("case", CASES)
def test_check_names_the_line(case: str):
    folder = f"tests/bad_config/{case}"
    result = run_main("--root", folder, "check")
    expected = BAD_CONFIG / case / "expected"
    if REGENERATE:
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for line in result.stdout.splitlines():
        assert re.match(rf"{re.escape(folder)}/mkdocs\.yml:[0-9]+:[0-9]+: \S", line), line
        assert not ENGLISH.search(line.split(": ", 1)[1]), line
    assert result.stdout == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_new_reads_the_configuration_the_same_way(case: str, tmp_path: Path):
    """`congkhai new` refuses the same files with the same lines (it does not require the
    record folders to exist: it may be creating the first record)."""
    result = run_main("--root", f"tests/bad_config/{case}", "new", "thu-tuc", "--ma", "1.999990",
                      "--out", str(tmp_path))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode != 3, result.stderr
    expected = (BAD_CONFIG / case / "expected").read_text(encoding="utf-8")
    if case != "misspelt_procedures_dir":
        assert result.returncode == 2
        assert result.stdout + result.stderr != ""
        for line in expected.splitlines():
            assert line in result.stdout + result.stderr


def test_documented_options_are_accepted(tmp_path: Path):
    """`search: false` and `enabled` are documented options: check, new accept them."""
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Kiểm thử\nplugins:\n  congkhai:\n    search: false\n    enabled: true\n",
        encoding="utf-8")
    assert run_main("--root", str(tmp_path), "check").returncode == 0
    made = run_main("--root", str(tmp_path), "new", "thu-tuc", "--ma", "1.999990")
    assert made.returncode == 0, made.stdout + made.stderr


def test_the_build_stops_with_the_same_line(tmp_path: Path):
    """A real MkDocs build of a bad configuration fails before writing, with check's line."""
    project = tmp_path / "du-an"
    shutil.copytree(BAD_CONFIG / "javascript_url", project)
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("trang cũ", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d",
                             str(site)], cwd=project, capture_output=True, text=True, env=env,
                            timeout=300, check=False)
    assert result.returncode != 0
    line = (BAD_CONFIG / "javascript_url" / "expected").read_text(encoding="utf-8").splitlines()[0]
    message = line.split(": ", 1)[1]  # the path is the project's own
    assert message in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "trang cũ"
