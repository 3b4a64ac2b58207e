"""Every editor mistake gets a located Vietnamese message: the corpus in tests/bad/ and tests/good/.

Each `tests/bad/<case>.yaml` is checked by the real command (its `main`, in-process: one
interpreter start per case made this file slow; one test still runs the installed script), from
the repository root, so the sample project (units/, indexes/, procedures/) is the context its references resolve against;
`tests/bad/<case>.expected` holds the exact lines printed. When a message is improved on
purpose, rewrite the expected files and review the difference before committing:

    CONGKHAI_REGENERATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_bad_input.py
    git diff tests/bad/
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.problems import Problem
from generator.records import loader
from generator.records.config import load_config
from generator.records.loader import MAX_FILE_BYTES, load_file
from generator.records.schema import Procedure, Unit
from generator.records.validate import validate_document
from generator.tools import cli

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "bad"
GOOD = ROOT / "tests" / "good"
CONFIG = load_config(ROOT / "mkdocs.yml")

#: Generated at run time (a committed 600 KB file would only weigh on the repository).
OVERSIZE = "oversize"
OVERSIZE_BYTES = 600_000
CASES = sorted({p.stem for p in BAD.glob("*.yaml")} | {OVERSIZE})
REGENERATE = os.environ.get("CONGKHAI_REGENERATE_EXPECTED") == "1"

#: Fragments of PyYAML's and pydantic's English that must never reach an editor.
ENGLISH = re.compile(
    r"Traceback|\b(expected|found|while|scanning|parsing|Input should|Field required|"
    r"Extra inputs|error|invalid|not allowed)\b"
)


def congkhai() -> str:
    """The `congkhai` script of the interpreter running the tests (the project's .venv)."""
    beside = Path(sys.executable).parent / "congkhai"
    return str(beside) if beside.exists() else (shutil.which("congkhai") or "congkhai")


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    """`congkhai check ARGS` from the repository root, in this process."""
    return run_main("check", *args)


@contextlib.contextmanager
def working_directory(path: Path):
    """contextlib.chdir, which Python 3.10 lacks."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_main(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`congkhai ARGV` in this process: exit code and printed text, as a subprocess gives."""
    out, err = io.StringIO(), io.StringIO()
    with working_directory(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(argv))
        except SystemExit as exit_:  # argparse refusing the arguments
            code = exit_.code if isinstance(exit_.code, int) else 2
    return subprocess.CompletedProcess(["congkhai", *argv], code, out.getvalue(), err.getvalue())


def test_installed_script_runs_check():
    """One real process: the entry point, UTF-8 output and the exit code, end to end."""
    result = subprocess.run(
        [congkhai(), "check", "tests/bad/several_errors.yaml"], cwd=ROOT, capture_output=True,
        text=True, encoding="utf-8", timeout=120, check=False,
    )
    assert result.returncode == 1
    assert result.stdout == (BAD / "several_errors.expected").read_text(encoding="utf-8")
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def oversize_file() -> Path:
    """tests/bad/oversize.yaml: valid YAML comments, larger than the loader accepts.

    Written atomically and left in place (it is git-ignored): test runs sharing the working tree
    must never see a half-written or vanished file.
    """
    path = BAD / f"{OVERSIZE}.yaml"
    line = "# " + "x" * 97 + "\n"  # 100 bytes
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=BAD, suffix=".tmp",
                                     delete=False) as tmp:
        tmp.write(line * (OVERSIZE_BYTES // len(line)))
    os.replace(tmp.name, path)
    assert path.stat().st_size == OVERSIZE_BYTES > MAX_FILE_BYTES
    return path


# --- Bad records: exit 1, exact located Vietnamese lines ---------------------------------------


def test_every_case_has_its_expected_output():
    yaml_cases = {p.stem for p in BAD.glob("*.yaml")} | {OVERSIZE}
    expected = {p.stem for p in BAD.glob("*.expected")}
    assert yaml_cases == expected, "mỗi tests/bad/<case>.yaml cần một <case>.expected và ngược lại"


@pytest.mark.parametrize("case", CASES)
def test_bad_case(case: str, oversize_file: Path):
    result = run_check(f"tests/bad/{case}.yaml")
    expected_path = BAD / f"{case}.expected"
    if REGENERATE:
        expected_path.write_text(result.stdout, encoding="utf-8")
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines, "một tệp lỗi phải có ít nhất một dòng báo lỗi"
    for line in lines:
        assert re.match(rf"tests/bad/{re.escape(case)}\.yaml:[0-9]+:[0-9]+: \S", line), line
        assert not ENGLISH.search(line.split(": ", 1)[1]), line
    assert result.stdout == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["several_errors", "hash_in_value"])
def test_github_format_annotates_the_same_lines(case: str):
    result = run_check("--format", "github", f"tests/bad/{case}.yaml")
    assert result.returncode == 1
    expected = []
    for line in (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines():
        path, row, col, body = line.split(":", 3)
        body = body.lstrip()
        severity = "warning" if body.startswith("cảnh báo: ") else "error"
        body = body.removeprefix("cảnh báo: ")
        expected.append(f"::{severity} file={path},line={row},col={col}::{body}")
    assert result.stdout.splitlines() == expected
    assert "::warning " in result.stdout or case != "hash_in_value"
    assert "Traceback" not in result.stderr


def test_github_format_escapes_and_marks_warnings():
    problem = Problem("a,b:c.yaml", 3, 5, "ten", "50% sai\ndòng hai", "gợi ý", "warning")
    assert problem.format_github() == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=5::ten: 50%25 sai%0Adòng hai (gợi ý: gợi ý)"
    )
    assert problem.format() == "a,b:c.yaml:3:5: cảnh báo: ten: 50% sai\ndòng hai (gợi ý: gợi ý)"


def test_alias_bomb_is_refused_at_the_first_anchor():
    start = time.perf_counter()
    doc, problems = load_file(BAD / "alias_bomb.yaml", "alias_bomb.yaml")
    assert time.perf_counter() - start < 0.5
    assert doc is None
    assert [(p.line, p.message) for p in problems] == [(2, "không dùng neo YAML (&a)")]


def test_oversize_file_is_not_read(oversize_file: Path, monkeypatch: pytest.MonkeyPatch):
    def no_read(self: Path) -> bytes:  # pragma: no cover - failing path
        raise AssertionError("an oversize file must be refused before it is read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    doc, problems = load_file(oversize_file, "oversize.yaml")
    assert doc is None
    assert problems[0].message == "tệp quá lớn (600.000 byte, tối đa 524.288 byte)"


def test_fixtures_really_contain_the_trap():
    """Guard the corpus against an editor 'fixing' a fixture when it is opened and saved."""
    raw = (BAD / "not_utf8.yaml").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\t" in (BAD / "tabs.yaml").read_bytes()
    assert b"\x07" in (BAD / "control_char.yaml").read_bytes()
    text = (GOOD / "nfd_text.yaml").read_text(encoding="utf-8")
    assert text != unicodedata.normalize("NFC", text)


def _shape(node: yaml.Node) -> list[tuple]:
    out = [(type(node).__name__, node.tag, node.start_mark.line, node.start_mark.column,
            node.end_mark.line, node.end_mark.column, getattr(node, "style", None) or None)]
    if isinstance(node, yaml.ScalarNode):
        out.append((node.value,))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += _shape(item)
    else:
        for key, value in node.value:
            out += _shape(key) + _shape(value)
    return out


def test_libyaml_and_pure_python_parsers_give_the_same_nodes():
    """The loader parses with libyaml for speed; positions and styles must not change."""
    if loader._FastComposer is None:
        pytest.skip("PyYAML without libyaml: only the pure-Python parser is used")
    files = [p for folder in ("procedures", "units", "indexes", "tests/good")
             for p in sorted((ROOT / folder).glob("*.yaml"))]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        fast = loader._compose_with(loader._FastComposer, text)
        slow = loader._compose_with(loader._Composer, text)
        assert _shape(fast) == _shape(slow), path


# --- Good records: accepted, and values kept as typed --------------------------------------------


def test_good_records_pass():
    result = run_check("tests/good")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert result.returncode == 0, result.stderr


def _load(name: str, kind):
    doc, problems = load_file(GOOD / name, name)
    assert problems == []
    record, problems = validate_document(doc, kind)
    assert problems == []
    return doc, record


def test_unquoted_code_is_kept_exactly_as_typed():
    doc, record = _load("unquoted_code.yaml", Procedure)
    assert doc.data["ma_thu_tuc"] == "1.000120"  # never the float 1.00012
    assert record.ma_thu_tuc == "1.000120"
    assert record.thu_tuc_lien_quan == ["1.999901"]


def test_yes_and_no_stay_text_in_text_fields():
    _, unit = _load("yes_no_in_text.yaml", Unit)
    assert unit.ten_viet_tat == "no"
    assert unit.lien_he is not None and unit.lien_he.gio_lam_viec == "off"
    not_scored, scored = unit.diem_so["chi-so-kiem-thu"]
    assert not_scored.khong_cham_diem is True
    assert not_scored.ly_do == "no"
    assert scored.khong_cham_diem is False


def test_nfd_text_is_normalised_to_nfc():
    _, unit = _load("nfd_text.yaml", Unit)
    assert unit.ten_don_vi == unicodedata.normalize(
        "NFC", "Phường Hồng Gai Kiểm Thử (đơn vị giả định)"
    )
    assert unit.ten_don_vi == unicodedata.normalize("NFC", unit.ten_don_vi)
    assert unit.loai_don_vi in CONFIG.loai_don_vi


def test_html_in_text_is_accepted_as_typed():
    """Decision: HTML is kept as text and escaped when rendered (docs/bien-tap/ghi-chu.md)."""
    _, record = _load("script_tag.yaml", Procedure)
    assert record.ten_thu_tuc == 'Thủ tục kiểm thử </title><script>alert("tên")</script>'
    assert record.cach_thuc_thuc_hien[0].phi_le_phi == "<script>document.cookie</script>"


# --- The sample project ---------------------------------------------------------------------------


def test_sample_project_passes():
    """The bundled sample data has no errors (warnings, e.g. contradictory published ranks, are
    allowed: they keep published figures as published)."""
    result = run_check("procedures", "units", "indexes")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(": cảnh báo: " in line for line in result.stdout.splitlines()), result.stdout
