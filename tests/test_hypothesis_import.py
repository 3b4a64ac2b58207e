"""Property-based test of `congkhai import` on portal JSON with any value at any place: it
writes a record or explains in Vietnamese why not; never an unexpected failure (exit 3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile_values import paths_in, replaced, values
from tests.hypothesis_settings import examples
from tests.test_bad_input import run_main

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT.parent / "shared" / "samples" / "national-portal"
SAMPLES = sorted(PORTAL.glob("*.json"))[:5]

json_values = values.map(lambda v: json.loads(json.dumps(v, default=str)))


def test_portal_samples_are_present_or_skipped() -> None:
    if not SAMPLES:
        pytest.skip("không có mẫu national-portal trong shared/samples")


@examples(15)
@given(st.data())
def test_import_of_any_portal_json_answers(tmp_path_factory: pytest.TempPathFactory,
                                           data: st.DataObject) -> None:
    if not SAMPLES:
        return  # reported by the test above
    source = data.draw(st.sampled_from(SAMPLES))
    payload: Any = json.loads(source.read_text(encoding="utf-8"))
    where = data.draw(st.sampled_from(paths_in(payload) or [()]))
    payload = replaced(payload, where, data.draw(json_values))
    folder = tmp_path_factory.mktemp("nhap")
    try:
        (folder / "nguon.json").write_text(json.dumps(payload, ensure_ascii=False),
                                           encoding="utf-8", errors="surrogatepass")
        result = run_main("--root", str(folder), "import", str(folder / "nguon.json"),
                          "--out", str(folder / "procedures"), "--unit", "so-tu-phap")
        assert result.returncode in (0, 1, 2), result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    finally:
        shutil.rmtree(folder)
