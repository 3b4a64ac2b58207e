"""Build benchmark: the congkhai build against a plain MkDocs build of the same text.

For each N, it generates N synthetic procedures (bench/synthetic.py), builds them with the
congkhai plugin, and builds a baseline project of N plain Markdown pages carrying the same
text under the same theme and navigation settings, in the same run. It reports wall time,
peak memory (max RSS of the build process), site size and the median page size, and the
ratios. Search indexing is measured separately (bench/search_bench.py), so both builds here
run without a search index.

    .venv/bin/python bench/build_bench.py 2000 20000
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_project  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def make_baseline(project: Path, target: Path) -> Path:
    """N plain Markdown pages with the procedures' text, same theme/nav, no plugin."""
    docs = target / "docs"
    (docs / "p").mkdir(parents=True)
    for name in ("index.md", "gioi-thieu.md"):
        (docs / name).write_text((project / "docs" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "thu-tuc").mkdir()
    (docs / "thu-tuc" / "index.md").write_text("# Danh mục thủ tục\n", encoding="utf-8")
    for path in sorted((project / "procedures").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        body = "\n\n".join(t for t in _texts(data) if t != data["ten_thu_tuc"])
        (docs / "p" / f"{path.stem}.md").write_text(f"# {data['ten_thu_tuc']}\n\n{body}\n", encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("plugins", None)
    config["plugins"] = []
    config["not_in_nav"] = "/p/*"
    config["theme"]["custom_dir"] = str(project / "overrides")
    config["nav"] = [item for item in config.get("nav", [])
                     if (docs / next(iter(item.values()))).exists()]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


def timed_build(project: Path, site: Path) -> dict:
    """Run `mkdocs build` in a fresh process; return seconds and the child's peak RSS."""
    script = (
        "import resource, subprocess, sys, time; t = time.perf_counter();"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode);"
        "sys.stderr.write(r.stderr[-3000:] if r.returncode else '')"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    cmd = [sys.executable, "-c", script, sys.executable, "-m", "mkdocs", "build", "-q",
           "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    seconds, rss_kb, code = result.stdout.split()
    if code != "0":
        raise SystemExit(f"build failed in {project}:\n{result.stderr}")
    return {"seconds": float(seconds), "peak_mb": int(rss_kb) / 1024}


def site_stats(site: Path, pages_glob: str) -> dict:
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = [p.stat().st_size for p in site.glob(pages_glob)]
    return {"site_mb": size / 1e6, "median_page_kb": statistics.median(pages) / 1024, "pages": len(pages)}


def run(n: int, work: Path) -> dict:
    project = make_project(n, work / "congkhai")
    config = project / "mkdocs.yml"
    # Search is benchmarked on its own (bench/search_bench.py).
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - congkhai:\n", "  - congkhai:\n      search: false\n", 1), encoding="utf-8")
    baseline = make_baseline(project, work / "baseline")
    base = timed_build(baseline, work / "baseline-site") | site_stats(work / "baseline-site", "p/*/index.html")
    ours = timed_build(project, work / "congkhai-site") | site_stats(work / "congkhai-site", "thu-tuc/*/index.html")
    return {"n": n, "baseline": base, "congkhai": ours,
            "time_ratio": ours["seconds"] / base["seconds"]}


def table(results: list[dict]) -> str:
    lines = [
        "| N | build | time (s) | ratio | peak memory (MB) | site size (MB) | median page (KB) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for name in ("baseline", "congkhai"):
            m = r[name]
            ratio = f"{r['time_ratio']:.2f}×" if name == "congkhai" else "1.00×"
            lines.append(f"| {r['n']:,} | {name} | {m['seconds']:.1f} | {ratio} | {m['peak_mb']:.0f} | "
                         f"{m['site_mb']:.0f} | {m['median_page_kb']:.1f} |")
    if len(results) > 1:
        first, last = results[0], results[-1]
        scale = last["congkhai"]["seconds"] / first["congkhai"]["seconds"]
        lines.append("")
        lines.append(f"congkhai time at N = {last['n']:,} is {scale:.1f}× the time at N = {first['n']:,}.")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [2000]
    results = []
    with tempfile.TemporaryDirectory(prefix="congkhai-bench-") as tmp:
        for n in sizes:
            results.append(run(n, Path(tmp) / str(n)))
            print(f"N={n}: done", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    report = table(results)
    (OUT / "build.md").write_text(report + "\n", encoding="utf-8")
    (OUT / "build.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main(sys.argv[1:])
