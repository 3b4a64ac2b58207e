"""Quick preview benchmark: how long the core takes to answer one edited record (no server).

Loads a project as the build does (`build.build_site` stages up to derive), then edits one
procedure record (its name), and times `preview.quick_preview` — loading, validating and
cross-checking the record with the whole project, resolving the catalogue again and rendering
the page — a few times, reporting min/median. `bench/serve_bench.py` measures the same step end
to end through `mkdocs serve`; this one isolates it, e.g. at 20,000 procedures where a served
preview would first need a full build.

    .venv/bin/python bench/preview_bench.py /path/to/project [repeats]
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.derive.catalogue import resolve  # noqa: E402
from generator.derive.site_data import derive  # noqa: E402
from generator.preview import BuildState, quick_preview  # noqa: E402
from generator.records.config import load_config  # noqa: E402
from generator.records.project import load_project  # noqa: E402

OUT = ROOT / "bench" / "out"


def main(argv: list[str]) -> None:
    source = Path(argv[0]).resolve()
    repeats = int(argv[1]) if len(argv) > 1 else 5
    with tempfile.TemporaryDirectory(prefix="congkhai-preview-") as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(source, root, ignore=shutil.ignore_patterns("site", ".congkhai-cache"))
        config = load_config(root / "mkdocs.yml")
        started = time.perf_counter()
        loaded = load_project(root, config)
        site = derive(resolve(loaded.records, config), loaded.synonyms)
        state = BuildState(root, config, loaded.records, site)
        prepared = time.perf_counter() - started
        record = sorted((root / config.procedures_dir).glob("*.yaml"))[0]
        text = record.read_text(encoding="utf-8")
        times = []
        for n in range(repeats):
            record.write_text(text.replace("ten_thu_tuc: ", f"ten_thu_tuc: Sửa {n} ", 1),
                              encoding="utf-8")
            started = time.perf_counter()
            quick = quick_preview(state, [record])
            times.append(time.perf_counter() - started)
            assert quick is not None and len(quick.pages) == 1 and not quick.errors
    result = {
        "procedures": len(state.records.procedures),
        "prepare_s": round(prepared, 1),
        "quick_preview_min_s": round(min(times), 2),
        "quick_preview_median_s": round(statistics.median(times), 2),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"preview-{result['procedures']}.json").write_text(
        json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
