"""Search quality and weight without a browser: the real client (`site/assets/search.js`) run by
Node over the index files the builder writes, for every query of a query file.

    .venv/bin/python bench/search/evaluate.py [--scale N] [--queries FILE]

Prints top-1, top-3, MRR (over the first 10 results), the misses, and the first query's download
(gzip, script included, cold cache: every index file the query fetched). The time to first
results on a slow phone needs a browser: bench/search/bench.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE), str(REPO)]

from corpus import base_code, load_corpus, scaled  # noqa: E402

from generator.search import build_index, load_synonyms  # noqa: E402
from generator.search.synonyms import DEFAULT_SYNONYMS  # noqa: E402

CLIENT = REPO / "generator" / "site" / "assets" / "search.js"
RUN = """
const api = require(%s);
const fs = require("fs"), path = require("path");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
(async () => { const out = [];
for (const q of input.queries) {
  const fetched = new Set();
  const engine = api.createEngine("file:///i/", { json: (u) => {
    const rel = u.replace("file:///i/", "").split("?")[0]; fetched.add(rel);
    const f = path.join(input.dir, rel);
    return Promise.resolve(fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
  } });
  const r = await engine.search(q, {});
  out.push({codes: (await r.page(0)).map(i => i.code), files: Array.from(fetched)});
}
process.stdout.write(JSON.stringify(out)); })();
"""


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6)) if path.exists() else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=0, help="corpus size (copies, new codes)")
    parser.add_argument("--queries", type=Path, default=HERE / "queries.yaml")
    parser.add_argument("--work", type=Path, default=Path("/tmp/congkhai-search-eval"))
    args = parser.parse_args(argv)
    docs = load_corpus()
    if args.scale:
        docs = scaled(docs, args.scale)
    index = args.work / str(len(docs))
    print(build_index(docs, load_synonyms(DEFAULT_SYNONYMS), index).summary(), file=sys.stderr)
    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))["queries"]
    run = subprocess.run(["node", "-e", RUN % json.dumps(str(CLIENT))], capture_output=True,
                         text=True, check=True, timeout=1200,
                         input=json.dumps({"dir": str(index), "queries": [q["q"] for q in queries]}))
    results = json.loads(run.stdout)
    script = gzip_size(CLIENT)
    ranks, sizes = [], []
    for query, result in zip(queries, results, strict=True):
        codes = [base_code(c) for c in result["codes"]][:10]
        rank = next((i + 1 for i, c in enumerate(codes) if c in query["expect"]), None)
        ranks.append(rank)
        sizes.append(script + sum(gzip_size(index / f) for f in result["files"]))
        if rank != 1:
            print(f"  {query['q']!r}: rank {rank}, first {result['codes'][:3]}")
    n = len(queries)
    top1 = sum(1 for r in ranks if r == 1)
    top3 = sum(1 for r in ranks if r and r <= 3)
    mrr = statistics.mean(1 / r if r else 0 for r in ranks)
    print(f"{len(docs):,} procedures, {n} queries: top-1 {top1 / n:.1%}, top-3 {top3 / n:.1%}, "
          f"MRR {mrr:.3f}; first query {statistics.median(sizes) / 1024:.0f} KB median, "
          f"{max(sizes) / 1024:.0f} KB max (gzip, script included)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
