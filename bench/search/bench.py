"""Search bench: build the corpus site, serve it like a static host, query it in Chromium.

For each engine configuration it writes a minimal static site (one page per procedure at
thu-tuc/<code>/index.html and a search page at tim-kiem/), indexes it, serves it under the
sub-path /a/b/tthc/ from a local HTTP server that gzips every text response, and drives the
real client in headless Chromium on a phone-sized screen:

* quality  — every query of the query file, in one warm page: top-1, top-3, MRR (over the top 10);
* weight   — every query on a cold cache (fresh browser context): bytes on the wire until the
             first results (everything but the HTML page itself; filter option lists, which
             load after the results, are reported apart);
* speed    — ``--timed`` queries on a cold cache under Lighthouse's slow-4G profile (latency
             562.5 ms, 1,474.56 kbit/s down, 675 kbit/s up) with 4× CPU throttling: time from
             typing the query (page already loaded) to the first result on screen.

Engines: ``ck`` (this prototype), ``pagefind-today`` (Pagefind 1.5 configured as the site does
today: name weighted, steps, dossier, sector, unit indexed, đ-less meta copy), ``pagefind-names``
(names only, plus a đ-folded copy; the query is folded the same way).

    .venv/bin/python bench/search/bench.py --engines ck                  # corpus (1,572)
    .venv/bin/python bench/search/bench.py --engines ck --scale 2500
    .venv/bin/python bench/search/bench.py --engines ck --scale 20000 --timed 0
    (the Pagefind engines need `pip install 'pagefind[bin]>=1.5,<2'`)

Writes bench-out/<engine>-<n>.json and appends a table to bench-out/results.md.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE), str(REPO)]

from benchhost import serve  # noqa: E402
from corpus import base_code, load_corpus, scaled  # noqa: E402

from generator.search import SearchDoc, build_index, fold, load_synonyms  # noqa: E402
from generator.search.synonyms import DEFAULT_SYNONYMS  # noqa: E402

CLIENT = {
    "search.js": REPO / "generator" / "site" / "assets" / "search.js",
    "search.css": HERE / "search.css",
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
    "ignore_https_errors": True,
}
# Lighthouse "slow 4G" (mobileSlow4G, devtools throttling); CDP wants bytes per second.
SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1474.56 * 1024 / 8,
    "uploadThroughput": 675 * 1024 / 8,
}
CPU_SLOWDOWN = 4
ENGINES = ("ck", "pagefind-today", "pagefind-names")


# --- Pages -------------------------------------------------------------------------------------


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def pagefind_weight(name: str) -> float:
    """The site's name weight today: 10 up to 6 words, shrinking to 5 (procedure.html)."""
    return min(10.0, max(5.0, 10 * (6 / max(1, len(name.split()))) ** 0.5))


def procedure_page(doc: SearchDoc, engine: str) -> str:
    """A trivial procedure page; for Pagefind it carries the indexing attributes."""
    head = (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{esc(doc.name)}'
        f"</title></head><body><main>"
    )
    meta = (
        f"<p>Mã thủ tục: {esc(doc.code)} · Lĩnh vực: {esc(doc.sector)} · "
        f"Cấp: {esc(', '.join(doc.levels))}</p>"
    )
    if engine == "pagefind-today":
        without_d = f"{doc.name} · {doc.sector or ''} · {doc.unit or ''}".replace("đ", "d").replace(
            "Đ", "D"
        )
        filters = "".join(f'<span data-pagefind-filter="cap">{esc(lv)}</span>' for lv in doc.levels)
        body = (
            f'<article data-pagefind-body data-pagefind-meta="khong_dau:{esc(without_d)}">'
            f'<h1 data-pagefind-weight="{pagefind_weight(doc.name):.1f}" data-pagefind-meta="title">'
            f'{esc(doc.name)}</h1><p>Mã thủ tục: <strong data-pagefind-meta="ma">{esc(doc.code)}'
            f'</strong> · <span data-pagefind-filter="linh_vuc" data-pagefind-meta="linh_vuc" '
            f'data-pagefind-weight="1.4">{esc(doc.sector)}</span> {filters}</p>'
            f'<ol data-pagefind-weight="2"><li>{esc(doc.steps)}</li></ol>'
            f'<ul data-pagefind-weight="1.6">{"".join(f"<li>{esc(d)}</li>" for d in doc.documents)}</ul>'
            f"<p>{esc(doc.conditions)}</p><p>{esc('; '.join(doc.outcomes))}</p>"
            f'<p data-pagefind-filter="don_vi" data-pagefind-weight="1.2">{esc(doc.unit)}</p>'
            f"</article>"
        )
    elif engine == "pagefind-names":
        body = (
            f'<div data-pagefind-body><h1 data-pagefind-meta="title">{esc(doc.name)}</h1>'
            f'<p data-pagefind-meta="ma">{esc(doc.code)}</p>'
            f"<p hidden>{esc(fold(doc.name))}</p></div>{meta}"
        )
    else:
        body = f"<h1>{esc(doc.name)}</h1>{meta}"
    return head + body + "</main></body></html>"


FILTERS = (
    ("sector", "Lĩnh vực"),
    ("level", "Cấp thực hiện"),
    ("unit", "Cơ quan thực hiện"),
    ("online", "Dịch vụ công trực tuyến"),
)


def ck_search_page() -> str:
    selects = "".join(
        f'<div><label for="ck-f-{key}">{label}</label><select id="ck-f-{key}" data-ck-filter="{key}">'
        f'<option value="">Tất cả</option></select></div>'
        for key, label in FILTERS
    )
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tìm thủ tục hành chính</title>
<link rel="stylesheet" href="../assets/search.css"><script defer src="../assets/search.js"></script>
<link rel="preload" href="../search/manifest.json" as="fetch" crossorigin>
</head><body><main>
<h1>Tìm thủ tục hành chính</h1>
<div class="ck-search" data-ck-search data-ck-index="../search/" data-ck-root="../">
<form role="search" action="" method="get">
<div><label for="ck-q">Tên thủ tục hoặc mã thủ tục</label>
<input id="ck-q" name="q" type="search" autocomplete="off" spellcheck="false" enterkeyhint="search"></div>
<button type="submit">Tìm</button>
<div class="ck-filters">{selects}</div>
</form>
<p data-ck-status role="status" aria-live="polite"></p>
<ol class="ck-results" data-ck-results></ol>
</div></main></body></html>
"""


def pagefind_search_page(fold_query: bool, today: bool) -> str:
    """The same search page driven by Pagefind's JS API (10 results, like the ck page)."""
    options = "{ranking: {termFrequency: 0}}" if today else "{}"
    fold_js = 'q.normalize("NFC").replace(/đ/g, "d").replace(/Đ/g, "D")' if fold_query else "q"
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tìm thủ tục</title></head>
<body><main><h1>Tìm thủ tục hành chính</h1>
<div data-bench-pagefind><form role="search"><label for="q">Tên thủ tục</label>
<input id="q" type="search" autocomplete="off"></form>
<p role="status" aria-live="polite"></p><ol data-ck-results></ol></div>
<script type="module">
const root = document.querySelector("[data-bench-pagefind]");
const input = root.querySelector("input"), list = root.querySelector("ol"), status = root.querySelector("p");
const bundle = new URL("../pagefind/pagefind.js", location.href).href;
let pf = null, timer = null, seq = 0;
function load() {{
  if (!pf) pf = import(bundle).then(async (m) => {{ await m.options({options}); await m.init(); return m; }});
  return pf;
}}
load();  // like the ck page's manifest preload: the engine is ready before anyone types
async function run() {{
  const q = input.value, mine = ++seq;
  const m = await load();
  const r = await m.search({fold_js});
  const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  if (mine !== seq) return;
  list.textContent = "";
  for (const d of data) {{
    const li = document.createElement("li"), a = document.createElement("a");
    a.href = d.url; a.textContent = d.meta.title; li.appendChild(a); list.appendChild(li);
  }}
  status.textContent = r.results.length + " kết quả";
  root.dispatchEvent(new CustomEvent("ck-search-done", {{bubbles: true, detail: {{query: q.trim(), total: r.results.length}}}}));
}}
input.addEventListener("input", () => {{ clearTimeout(timer); timer = setTimeout(run, 120); }});
</script></main></body></html>
"""


def write_site(docs: list[SearchDoc], engine: str, site: Path) -> None:
    if site.exists():
        shutil.rmtree(site)
    for doc in docs:
        page = site / doc.url / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(procedure_page(doc, engine), encoding="utf-8")
    search = site / "tim-kiem" / "index.html"
    search.parent.mkdir(parents=True, exist_ok=True)
    if engine == "ck":
        search.write_text(ck_search_page(), encoding="utf-8")
        (site / "assets").mkdir()
        for name, source in CLIENT.items():
            shutil.copy(source, site / "assets" / name)
    else:
        search.write_text(
            pagefind_search_page(engine == "pagefind-names", engine == "pagefind-today"),
            encoding="utf-8",
        )


def index_site(docs: list[SearchDoc], engine: str, site: Path) -> dict:
    started = time.perf_counter()
    if engine == "ck":
        report = build_index(docs, load_synonyms(DEFAULT_SYNONYMS), site / "search")
        return {
            "seconds": report.seconds,
            "files": report.files,
            "bytes": report.bytes,
            "gzip_bytes": report.gzip_bytes,
            "parts": report.parts,
        }
    run = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if run.returncode:
        raise SystemExit(f"pagefind failed:\n{run.stdout}\n{run.stderr}")
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return {
        "seconds": time.perf_counter() - started,
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "gzip_bytes": None,
    }


# --- Browser -----------------------------------------------------------------------------------

ARM = """q => { window.__ckDone = new Promise(resolve => {
  document.addEventListener("ck-search-done", e => {
    if (e.detail.query === q.trim()) resolve({t: performance.now(), total: e.detail.total});
  });
}); }"""
TYPE = """q => { const el = document.querySelector("input[type=search]");
  el.focus(); window.__ckT0 = performance.now(); el.value = q;
  el.dispatchEvent(new Event("input", {bubbles: true})); }"""
# Every wait is bounded: the results promise races a timer (page.evaluate itself never times
# out), page loads have Playwright timeouts, and a query that fails is reported, not waited for.
QUERY_TIMEOUT_MS = 60_000  # a query in the quality and weight passes
SLOW_TIMEOUT_MS = 180_000  # a query under slow 4G + CPU x4, page load included
MAX_FAILURES_IN_A_ROW = 3  # then the pass stops: the page or the host is broken, not one query
RESULTS = """ms => Promise.race([window.__ckDone.then(d => {
  const t0 = window.__ckT0;
  // Requests made for this query, finished before the results showed: the network part.
  const fetched = performance.getEntriesByType("resource")
    .filter(e => e.startTime >= t0 - 1 && e.responseEnd <= d.t)
    .map(e => ({url: e.name, start: e.startTime - t0, end: e.responseEnd - t0}));
  return {ms: d.t - t0, total: d.total, fetched: fetched,
    network_ms: fetched.length ? Math.max(...fetched.map(e => e.end)) : 0,
    links: Array.from(document.querySelectorAll("[data-ck-results] a")).map(a => a.getAttribute("href"))};
}), new Promise(resolve => setTimeout(() => resolve({timeout: ms,
  status: (document.querySelector("[data-ck-status], [role=status]") || {}).textContent || "",
  busy: (document.querySelector("[data-ck-search]") || document.body).getAttribute("aria-busy")}), ms))])"""


class QueryFailed(Exception):
    """A query that gave no results in time (or whose page did not load)."""


def answer(page, q: str, timeout_ms: int) -> dict:
    """Type `q` in the loaded search page and wait, at most `timeout_ms`, for its results."""
    page.evaluate(ARM, q)
    page.evaluate(TYPE, q)
    result = page.evaluate(RESULTS, timeout_ms)
    if "timeout" in result:
        raise QueryFailed(
            f"no results after {timeout_ms / 1000:.0f} s (status: {result['status']!r}, "
            f"aria-busy={result['busy']})"
        )
    return result


def code_of(href: str) -> str | None:
    marker = "thu-tuc/"
    if marker not in href:
        return None
    return href.split(marker, 1)[1].strip("/").split("/")[0]


@dataclass
class QueryRun:
    q: str
    kind: str
    expect: list[str]
    rank: int | None = None
    codes: list[str] = field(default_factory=list)
    bytes: int | None = None
    filter_bytes: int | None = None
    requests: int | None = None
    ms: float | None = None
    slow_ms: float | None = None
    slow_bytes: int | None = None
    slow_network_ms: float | None = None
    slow_rounds: int | None = None
    errors: list[str] = field(default_factory=list)


def rank_of(codes: list[str], expect: list[str]) -> int | None:
    for i, code in enumerate(codes):
        if base_code(code) in expect:
            return i + 1
    return None


class Failures:
    """Counts failed queries in a row; too many stop the pass with BenchFailed."""

    def __init__(self, what: str):
        self.what, self.in_a_row = what, 0

    def failed(self, run: QueryRun, error: Exception) -> None:
        run.errors.append(f"{self.what}: {error}")
        print(f"  FAILED {self.what} {run.q!r}: {error}", file=sys.stderr)
        self.in_a_row += 1
        if self.in_a_row >= MAX_FAILURES_IN_A_ROW:
            raise BenchFailed(
                f"{self.what}: {self.in_a_row} queries in a row failed; last: {error}"
            )

    def succeeded(self) -> None:
        self.in_a_row = 0


class BenchFailed(Exception):
    pass


def quality_pass(browser, url: str, runs: list[QueryRun]) -> None:
    """Every query in one warm page; after a failure the page is opened afresh."""
    from playwright.sync_api import Error as PlaywrightError

    failures = Failures("quality")
    context = page = None
    try:
        for run in runs:
            if page is None:
                context = browser.new_context(**PHONE)
                context.set_default_timeout(QUERY_TIMEOUT_MS)
                page = context.new_page()
            try:
                if page.url == "about:blank":
                    page.goto(url + "tim-kiem/", wait_until="networkidle")
                result = answer(page, run.q, QUERY_TIMEOUT_MS)
            except (QueryFailed, PlaywrightError) as error:
                context.close()
                context = page = None
                failures.failed(run, error)
                continue
            failures.succeeded()
            run.codes = [c for c in (code_of(h) for h in result["links"]) if c][:10]
            run.rank = rank_of(run.codes, run.expect)
            if run.rank is None or run.rank > 10:
                run.rank = None
    finally:
        if context is not None:
            context.close()


def cold_query(browser, url: str, q: str, slow: bool) -> dict:
    """One query on a fresh context: bytes (all but the HTML page) and time to first results."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    sent: dict[str, str] = {}
    done: dict[str, int] = {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: sent.setdefault(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: done.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    if slow:
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    timeout_ms = SLOW_TIMEOUT_MS if slow else QUERY_TIMEOUT_MS
    page.set_default_timeout(timeout_ms)
    try:
        # Typing starts once the page has settled: its script and whatever it preloads are in.
        page.goto(url + "tim-kiem/", wait_until="networkidle")
        result = answer(page, q, timeout_ms)
        page.wait_for_timeout(50)
    except Exception:
        context.close()
        raise
    document = url + "tim-kiem/"  # the page itself is not search weight

    def counted(rid: str) -> bool:
        u = sent.get(rid, "")
        return u.split("?")[0] != document and rid in done

    filters = [
        r
        for r in sent
        if counted(r) and "/search/f/" in sent[r] and "-" not in sent[r].rsplit("/", 1)[1]
    ]
    total = sum(done[r] for r in sent if counted(r) and r not in filters)
    context.close()
    return {
        "bytes": total,
        "filter_bytes": sum(done[r] for r in filters),
        "requests": sum(1 for r in sent if counted(r)) - len(filters),
        "ms": result["ms"],
        "network_ms": result["network_ms"],
        "rounds": rounds(result["fetched"]),
    }


def rounds(fetched: list[dict]) -> int:
    """Dependent request rounds: a request issued after an earlier one has ended (it needed its
    answer) starts a new round. Requests queued by the browser's connection limit still count
    in the round that issued them."""
    count, first_end = 0, None
    for entry in sorted(fetched, key=lambda e: e["start"]):
        if first_end is None or entry["start"] >= first_end:
            count += 1
            first_end = entry["end"]
        else:
            first_end = min(first_end, entry["end"])
    return count


def cold_queries(browser, url: str, runs: list[QueryRun], what: str, slow: bool):
    """Each run's query in a fresh page (`cold_query`), with the runs whose query answered; a
    failed query is noted on its run (`Failures`: too many in a row stop the pass)."""
    from playwright.sync_api import Error as PlaywrightError

    failures = Failures(what)
    for run in runs:
        try:
            result = cold_query(browser, url, run.q, slow=slow)
        except (QueryFailed, PlaywrightError) as error:
            failures.failed(run, error)
            continue
        failures.succeeded()
        yield run, result


def timed_subset(runs: list[QueryRun], count: int) -> list[QueryRun]:
    if count >= len(runs):
        return runs
    if count <= 0:
        return []
    step = len(runs) / count
    return [runs[int(i * step)] for i in range(count)]


# --- Reporting ---------------------------------------------------------------------------------


def summary(engine: str, n: int, runs: list[QueryRun], index: dict) -> dict:
    ranks = [r.rank for r in runs]
    kb = [r.bytes / 1000 for r in runs if r.bytes is not None]
    slow = [r.slow_ms / 1000 for r in runs if r.slow_ms is not None]
    by_kind: dict[str, list[int]] = {}
    for r in runs:
        by_kind.setdefault(r.kind, [0, 0])
        by_kind[r.kind][0] += r.rank == 1
        by_kind[r.kind][1] += 1
    return {
        "engine": engine,
        "docs": n,
        "queries": len(runs),
        "top1": sum(r == 1 for r in ranks) / len(runs),
        "top3": sum(bool(r and r <= 3) for r in ranks) / len(runs),
        "mrr": sum(1 / r for r in ranks if r) / len(runs),
        "kb_median": statistics.median(kb) if kb else None,
        "kb_max": max(kb) if kb else None,
        "slow_s_median": statistics.median(slow) if slow else None,
        "slow_s_max": max(slow) if slow else None,
        "slow_n": len(slow),
        "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())},
        "failed": {r.q: r.errors for r in runs if r.errors},
        "index": index,
    }


def os_load() -> list[float]:
    """The machine's load during the run: timings on a shared 2-core machine vary with it."""
    import os

    return [round(x, 2) for x in os.getloadavg()]


def fmt(value: float | None, pattern: str) -> str:
    return "—" if value is None else format(value, pattern)


def table_row(s: dict) -> str:
    failed = f" ({len(s['failed'])} queries FAILED)" if s["failed"] else ""
    return (
        f"| {s['engine']} | {s['docs']:,}{failed} | {s['http']} | {s['top1']:.1%} | {s['top3']:.1%} | {s['mrr']:.3f} "
        f"| {fmt(s['kb_median'], '.0f')} / {fmt(s['kb_max'], '.0f')} "
        f"| {fmt(s['slow_s_median'], '.2f')} / {fmt(s['slow_s_max'], '.2f')} ({s['slow_n']}) |"
    )


TABLE_HEAD = (
    "| engine | procedures | HTTP | top-1 | top-3 | MRR | first query KB (median / max) "
    "| slow 4G s (median / max, n) |\n|---|---:|---|---:|---:|---:|---:|---:|"
)


# --- Main --------------------------------------------------------------------------------------


def run_engine(
    engine: str,
    docs: list[SearchDoc],
    queries: list[dict],
    work: Path,
    timed: int,
    browser,
    http2: bool,
) -> dict:
    site = work / f"{engine}-{len(docs)}"
    write_site(docs, engine, site)
    index = index_site(docs, engine, site)
    print(
        f"[{engine} {len(docs)}] indexed in {index['seconds']:.1f} s, {index['files']} files",
        file=sys.stderr,
    )
    runs = [QueryRun(q["q"], q["kind"], [str(c) for c in q["expect"]]) for q in queries]

    with serve(site, http2=http2) as url:
        quality_pass(browser, url, runs)
        for run, cold in cold_queries(browser, url, runs, "weight", slow=False):
            run.bytes, run.filter_bytes, run.requests, run.ms = (
                cold["bytes"],
                cold["filter_bytes"],
                cold["requests"],
                cold["ms"],
            )
        for run, slow in cold_queries(browser, url, timed_subset(runs, timed), "slow 4G",
                                      slow=True):
            run.slow_ms, run.slow_bytes = slow["ms"], slow["bytes"]
            run.slow_network_ms, run.slow_rounds = slow["network_ms"], slow["rounds"]
            print(
                f"  slow4G {run.q!r}: {slow['ms'] / 1000:.2f} s (network {slow['network_ms'] / 1000:.2f} s, "
                f"{slow['rounds']} rounds), {slow['bytes'] / 1000:.0f} KB",
                file=sys.stderr,
            )
    result = summary(engine, len(docs), runs, index)
    result["http"] = "2" if http2 else "1.1"
    result["runs"] = [asdict(r) for r in runs]
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=int, default=0, help="corpus size (copies with distinct codes)"
    )
    parser.add_argument("--engines", default="ck", help="ck, pagefind-today, pagefind-names")
    parser.add_argument("--queries", type=Path, default=HERE / "queries.yaml")
    parser.add_argument(
        "--timed", type=int, default=32, help="queries timed under slow 4G (spread over the file)"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/ck-bench"))
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "search")
    parser.add_argument(
        "--http2", action="store_true", help="serve over HTTP/2 + TLS instead of HTTP/1.1"
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    docs = load_corpus()
    if args.scale:
        docs = scaled(docs, args.scale)
    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))["queries"]
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    failed = False
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for engine in args.engines.split(","):
            try:
                result = run_engine(
                    engine, docs, queries, args.work, args.timed, browser, args.http2
                )
            except BenchFailed as error:
                print(f"[{engine} {len(docs)}] FAILED: {error}", file=sys.stderr)
                rows.append(f"| {engine} | {len(docs):,} | FAILED: {error} |")
                failed = True
                continue
            if result["failed"]:
                failed = True
                print(f"[{engine} {len(docs)}] failed queries: {result['failed']}", file=sys.stderr)
            name = f"{engine}-{len(docs)}-{args.queries.stem}-h{result['http']}"
            (args.out / f"{name}.json").write_text(
                json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            result["load_average"] = os_load()
            rows.append(table_row(result))
            print(TABLE_HEAD + "\n" + rows[-1], file=sys.stderr)
        browser.close()
    text = (
        f"\n### {time.strftime('%Y-%m-%d %H:%M')} — {args.queries.name}\n\n{TABLE_HEAD}\n"
        + "\n".join(rows)
        + "\n"
    )
    with (args.out / "results.md").open("a", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
