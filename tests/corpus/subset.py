"""The committed subset of real national records (tests/corpus/source/, 99 files chosen to cover
every smell of the national corpus) as a project, and what its summaries must say.

    .venv/bin/python -m tests.corpus.subset      # regenerate tests/corpus/expected.yaml

Regenerate only after checking that each change in the diff is a page saying the truth better.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator.derive.catalogue import resolve
from generator.derive.summary import summarize
from generator.records.config import read_project_config
from generator.records.project import load_project
from generator.tools.importer.importer import ImportResult, import_sources
from generator.tools.init import NewSite, create_site

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
EXPECTED = HERE / "expected.yaml"
UNIT_ID = "tinh-thu-nghiem"
UNIT = f"""ma_don_vi: {UNIT_ID}
ten_don_vi: Ủy ban nhân dân tỉnh Thử nghiệm
loai_don_vi: Tỉnh, thành phố
cap: Cấp tỉnh
lien_he:
  dia_chi: Số 1 đường Thử nghiệm, tỉnh Thử nghiệm
  dien_thoai: 0203.3000.000
"""


def make_project(root: Path) -> ImportResult:
    """A new site (as `congkhai init` writes it), one unit, the subset imported."""
    create_site(root, NewSite("Ủy ban nhân dân tỉnh Thử nghiệm", "Thủ tục tỉnh Thử nghiệm"))
    (root / "units" / f"{UNIT_ID}.yaml").write_text(UNIT, encoding="utf-8")
    return import_sources([SOURCE], root / "procedures", unit=UNIT_ID,
                          ngay_cap_nhat=dt.date(2026, 11, 20))


def summaries(root: Path) -> dict[str, dict[str, Any]]:
    """Per procedure code: what its summary says and what `congkhai check` warns about."""
    config = read_project_config(root / "mkdocs.yml").config
    assert config is not None
    loaded = load_project(root, config)
    cat = resolve(loaded.records, config)
    warnings: dict[str, list[str]] = {}
    for problem in loaded.problems:
        code = Path(problem.path).stem
        assert problem.severity == "warning", problem.format()
        warnings.setdefault(code, []).append(f"{problem.line}: {problem.field}: {problem.message}")
    out: dict[str, dict[str, Any]] = {}
    for p in cat.procedures:
        s = summarize(p, cat)
        out[p.ma_thu_tuc] = {
            "thoi_han": s.time_limit,
            "phi": s.fee,
            "truc_tuyen": s.online_text,
            "nut": [s.online_label, s.online_url] if s.online_label else None,
            "giay_to": [d.name for d in s.key_documents],
            "so_giay_to": s.document_count,
            "chua_co_thong_tin": list(p.chua_co_thong_tin),
            "canh_bao": warnings.get(p.ma_thu_tuc, []),
        }
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        make_project(Path(tmp) / "site")
        found = summaries(Path(tmp) / "site")
    EXPECTED.write_text(
        "# What the summary of each committed real record says (tests/test_corpus.py).\n"
        "# Regenerate: .venv/bin/python -m tests.corpus.subset\n"
        + yaml.safe_dump(found, allow_unicode=True, sort_keys=True, width=100),
        encoding="utf-8")
    print(f"đã ghi {EXPECTED} ({len(found)} thủ tục)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
