"""Search benchmark: what Pagefind costs at N procedures, beside Material's own search.

For each N it generates N synthetic procedures (bench/synthetic.py), builds the site, indexes
it once more on its own with `generator.site.search.pagefind.index_site` (timed), then opens a procedure
page in headless Chromium on a phone-sized screen and types typical queries, each in a fresh
browser context (cold cache), summing the bytes of every search file fetched until the first
result shows. Text files are counted gzip-compressed, as a static host sends them; Pagefind's
index and fragment files are gzip files already. For comparison it builds the same project
once more with Material's search plugin and reports its search_index.json, which a browser
downloads whole before the first result.

    .venv/bin/python bench/search_bench.py 2000 20000

Writes a Markdown table to stdout and to bench/out/search.md (raw numbers: search.json).
"""

from __future__ import annotations

import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_bench import timed_build  # noqa: E402
from synthetic import make_project  # noqa: E402

from generator.site.search.pagefind import index_site  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, first_query_downloads, serve  # noqa: E402

OUT = ROOT / "bench" / "out"
#: Typical queries, typed the way people type them on a phone (no accents), and one with.
QUERIES = ["dang ky khai sinh", "giay phep xay dung", "gia han tam tru", "ho kinh doanh",
           "đăng ký kết hôn"]
#: First-query budgets from docs (ux.md "Search: small"), by N.
TARGETS = {2000: 400_000, 20000: 1_000_000}


def set_plugins(project: Path, *, congkhai_search: bool, material_search: bool) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if not congkhai_search:
        text = text.replace("  - congkhai:\n", "  - congkhai:\n      search: false\n", 1)
    if material_search:
        text = text.replace("plugins:\n", "plugins:\n  - search:\n      lang: vi\n", 1)
    config.write_text(text, encoding="utf-8")


def material_index(n: int, work: Path) -> dict:
    """Size of search_index.json that Material's search plugin writes for the same project."""
    project = make_project(n, work / "material")
    set_plugins(project, congkhai_search=False, material_search=True)
    site = work / "material-site"
    build = timed_build(project, site)
    index = (site / "search" / "search_index.json").read_bytes()
    entries = len(json.loads(index)["docs"])
    result = {"bytes": len(index), "gzip_bytes": len(gzip.compress(index, 6)), "entries": entries,
              "build_seconds": build["seconds"]}
    shutil.rmtree(project)
    shutil.rmtree(site)
    return result


def first_queries(site: Path, page_path: str) -> list[dict]:
    """For each query, in a cold browser: bytes fetched until the first result, by kind."""
    from playwright.sync_api import sync_playwright

    results = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for query in QUERIES:
            context = browser.new_context(**PHONE)
            context.set_default_timeout(120_000)
            page = context.new_page()
            page.goto(url + page_path)
            started = time.perf_counter()
            fetched = first_query_downloads(page, query)
            seconds = time.perf_counter() - started

            def part(*markers: str) -> int:
                return sum(size for u, size in fetched.items() if any(m in u for m in markers))

            results.append({
                "query": query, "bytes": sum(fetched.values()), "files": len(fetched),
                "index_bytes": part("/index/"), "fragment_bytes": part("/fragment/"),
                "filter_bytes": part("/filter/"),
                "code_bytes": part(".js", ".css", ".pagefind", "pagefind-entry", ".pf_meta"),
                "seconds": seconds,
            })
            context.close()
        browser.close()
    return results


def run(n: int, work: Path) -> dict:
    project = make_project(n, work / "congkhai")
    site = work / "congkhai-site"
    build = timed_build(project, site)  # the real configuration: it indexes as it builds
    shutil.rmtree(site / "pagefind")
    report = index_site(site)  # once more, alone, to time the indexing stage
    bundle = site / "pagefind"

    def size(folder: str) -> int:
        return sum(p.stat().st_size for p in (bundle / folder).rglob("*") if p.is_file())

    first_code = sorted((project / "procedures").glob("*.yaml"))[0].stem
    result = {
        "n": n, "build_seconds": build["seconds"], "index_seconds": report.seconds,
        "indexed_pages": report.pages, "words": report.words,
        "bundle_bytes": report.bundle_bytes, "index_bytes": size("index"),
        "fragment_bytes": size("fragment"), "filter_bytes": size("filter"),
        "queries": first_queries(site, f"thu-tuc/{first_code}/"),
    }
    shutil.rmtree(site)
    shutil.rmtree(project)
    result["material"] = material_index(n, work)
    return result


def kb(value: float) -> str:
    return f"{value / 1000:,.0f}"


def table(results: list[dict]) -> str:
    lines = [
        "| N | pages indexed | indexing (s) | Pagefind on disk (MB) | of which index (MB) "
        "| first query, median (KB) | first query, max (KB) | of which index chunks, max (KB) "
        "| target (KB) | met | Material search_index.json (MB, gzip MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        sizes = [q["bytes"] for q in r["queries"]]
        target = TARGETS.get(r["n"])
        met = "—" if target is None else ("yes" if max(sizes) <= target else "**no**")
        m = r["material"]
        lines.append(
            f"| {r['n']:,} | {r['indexed_pages']:,} | {r['index_seconds']:.1f} "
            f"| {r['bundle_bytes'] / 1e6:.1f} | {r['index_bytes'] / 1e6:.1f} "
            f"| {kb(statistics.median(sizes))} | {kb(max(sizes))} "
            f"| {kb(max(q['index_bytes'] for q in r['queries']))} "
            f"| {kb(target) if target else '—'} | {met} "
            f"| {m['bytes'] / 1e6:.1f} ({m['gzip_bytes'] / 1e6:.1f}) |")
    lines += ["", "First query, per query (KB on the wire: total = UI and engine + filters + "
              "index chunks + fragments of the results shown; time to first result on localhost):",
              "", "| N | query | total | UI and engine | filters | index chunks | fragments "
              "| files | seconds |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        for q in r["queries"]:
            lines.append(f"| {r['n']:,} | {q['query']} | {kb(q['bytes'])} | {kb(q['code_bytes'])} "
                         f"| {kb(q['filter_bytes'])} | {kb(q['index_bytes'])} "
                         f"| {kb(q['fragment_bytes'])} | {q['files']} | {q['seconds']:.1f} |")
    lines += ["", "Material's index holds every page of the site (lists included) split by "
              "heading; Pagefind's holds current procedures, unit pages and hand-written pages."]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if CHROMIUM is None:
        raise SystemExit("Chromium is needed to measure what a browser downloads")
    sizes = [int(a) for a in argv] or [2000]
    results = []
    with tempfile.TemporaryDirectory(prefix="congkhai-search-bench-") as tmp:
        for n in sizes:
            results.append(run(n, Path(tmp) / str(n)))
            print(f"N={n}: done", file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    report = table(results)
    (OUT / "search.md").write_text(report + "\n", encoding="utf-8")
    (OUT / "search.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main(sys.argv[1:])
