"""Hostile and careless input to the tools around the records: `congkhai diff` on committed
symbolic links and non-UTF-8 file names, `congkhai import` on JSON of unexpected shapes, CSV
downloads against formula injection, charts on extreme numbers. None may print a traceback."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from generator.site.charts import ChartPoint, line_chart, nice_range
from generator.site.datafiles import csv_bytes
from generator.tools.cli import main
from tests.test_diff import commit, git
from tests.test_diff import repo as repo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- congkhai diff ------------------------------------------------------------------------------


def test_diff_reports_a_committed_symlink_instead_of_following_it(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "procedures" / "passwd.yaml").symlink_to("/etc/passwd")
    (repo / "procedures" / "ban-sao.yaml").symlink_to(repo / "procedures" / "1.999998.yaml")
    commit(repo, "symlinks")
    code, out, err = run(capsys, "--root", str(repo), "diff", "base", "HEAD")
    assert code == 0, err
    assert "Traceback" not in out + err and "lỗi ngoài dự kiến" not in err
    assert "root:" not in out  # /etc/passwd was never read


def test_diff_shows_a_non_utf8_file_name(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = os.fsdecode(b"h\xe0-s\xf5.yaml")  # Latin-1 bytes: not UTF-8
    source = (repo / "procedures" / "1.999998.yaml").read_text(encoding="utf-8")
    (repo / "procedures" / name).write_text(source.replace("1.999998", "1.999990"),
                                           encoding="utf-8")
    commit(repo, "odd name")
    assert git(repo, "log", "-1", "--format=%s") == "odd name\n"
    code, out, err = run(capsys, "--root", str(repo), "diff", "base", "HEAD")
    assert code == 0, err
    assert "1.999990" in out
    assert "lỗi ngoài dự kiến" not in err


# --- congkhai import -----------------------------------------------------------------------------


ODD_JSON = [
    "[]", "null", "42", '"text"', "{}", '{"data": []}', '{"data": null}', '{"data": {"a": 1}}',
    '{"MaTTHC": ["x"], "TenTTHC": {"a": 1}}', '{"MaTTHC": 1.5, "TenTTHC": true}',
    "[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000, "{not json", "\ud800",
]


@pytest.mark.parametrize("text", ODD_JSON, ids=range(len(ODD_JSON)))
def test_import_of_odd_json_is_a_message(text: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "nguon.json"
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, out, err = run(capsys, "--root", str(tmp_path), "import", str(source))
    assert code in (1, 2), err
    assert "lỗi ngoài dự kiến" not in err and "Traceback" not in err
    assert (out + err).strip()


# --- CSV downloads -------------------------------------------------------------------------------


def test_csv_cells_never_start_a_formula_and_numbers_stay_numbers() -> None:
    rows = [{"ten": "=HYPERLINK(\"http://x\")", "a": "+1", "b": "-2+3", "c": "@SUM(A1)",
             "d": "\tlệnh", "e": "\rlệnh", "so": -1.5, "nguyen": -3, "ds": ["=1", "x"],
             "ok": "Hộ tịch"}]
    text = csv_bytes(rows[0].keys(), rows).decode("utf-8-sig")
    cells = next(r for i, r in enumerate(csv.reader(io.StringIO(text))) if i == 1)
    assert cells == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tlệnh",
                     "'\nlệnh", "-1.5", "-3", "'=1; x", "Hộ tịch"]


# --- Charts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [(0.0, 1e9), (1e9 - 1e-6, 1e9), (-1e9, 1e9), (5.0, 5.0),
                                    (1e-9, 2e-9), (1e300, 1e300 * 1.0000001)])
def test_chart_axis_is_bounded_whatever_the_numbers(values: tuple[float, float]) -> None:
    low, high, step = nice_range(*values, 0, max(values) or 1)
    assert low < high
    assert step > 0
    svg = line_chart("c", "t", "d", [ChartPoint(2020, values[0]), ChartPoint(2021, values[1])],
                     [], (0, max(values[1], 1)), lambda v: f"{v:g}", lambda v, d: f"{v:.{d}f}")
    assert svg.count('stroke="#d6d6d6"') <= 12


# --- congkhai new --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, code", [("thu-tuc", "1.999990." + "A" * 300),
                                        ("don-vi", "a" * 5000), ("chi-so", "x-" * 80 + "y")])
def test_new_refuses_an_over_long_code(kind: str, code: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code_, out, err = run(capsys, "--root", str(tmp_path), "new", kind, "--ma", code)
    assert code_ == 2, out + err
    assert "tối đa 100" in out + err
    assert not any(tmp_path.rglob("*.yaml"))
