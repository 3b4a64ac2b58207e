"""The last stage of the pipeline: index the written HTML for search with Pagefind.

Engine-independent: it takes the directory of a built site and writes `pagefind/` inside it,
so relative links from any page reach the bundle and the site works under any sub-path.
What gets indexed is decided by the pages themselves (`data-pagefind-body`, `-weight`,
`-filter`, `-meta` and `-ignore` attributes in the templates): current procedures, unit pages
and hand-written pages; lists and abolished procedures are left out.

Pagefind runs once over the whole directory (its CLI, shipped by `pagefind[bin]`): adding
pages one by one through its Python API costs about 100 ms each.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The folder Pagefind writes below the site directory; templates link to it.
BUNDLE_DIR = "pagefind"

#: Notes Pagefind prints for every language without a stemmer; nothing to act on for vi.
_EXPECTED_NOTES = (
    "doesn't support stemming",
    "Search will still work, but will not match across root words.",
)


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed nothing."""


@dataclass(frozen=True)
class SearchIndexReport:
    """What one indexing run produced."""

    pages: int
    words: int
    filters: int
    bundle: Path
    bundle_bytes: int
    seconds: float
    #: Lines Pagefind printed as warnings (other than the expected no-stemming note).
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        return (f"Pagefind indexed {self.pages} pages, {self.words} words, {self.filters} "
                f"filters in {self.seconds:.1f} s ({self.bundle_bytes / 1_000_000:.1f} MB)")


def index_site(site_dir: Path) -> SearchIndexReport:
    """Index every HTML page under `site_dir` into `site_dir/pagefind/`; return what was done."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir}: no built site to index")
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
               "--output-subdir", BUNDLE_DIR]
    started = time.perf_counter()
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except FileNotFoundError as missing:  # pragma: no cover - the interpreter itself vanished
        raise SearchIndexError(str(missing)) from None
    seconds = time.perf_counter() - started
    output = run.stdout + run.stderr
    if run.returncode != 0 and "Found 0 files" in output:
        raise SearchIndexError(f"Pagefind indexed no page in {site_dir}: it holds no HTML file")
    if run.returncode != 0:
        hint = ""
        if "No module named pagefind" in output or "executable" in output:
            hint = "\nHint: install the indexer with `pip install 'pagefind[bin]>=1.5,<2'`."
        raise SearchIndexError(f"Pagefind failed (exit {run.returncode}):\n{output.strip()}{hint}")
    pages = _count(output, "pages")
    if pages == 0:
        raise SearchIndexError(
            f"Pagefind indexed no page in {site_dir}: no page carries data-pagefind-body "
            "(are the congkhai theme templates in use?)")
    bundle = site_dir / BUNDLE_DIR
    stabilise_filters(bundle)
    return SearchIndexReport(
        pages=pages, words=_count(output, "words"), filters=_count(output, "filters"),
        bundle=bundle, bundle_bytes=sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()),
        seconds=seconds, warnings=tuple(_warnings(output)),
    )


def _count(output: str, what: str) -> int:
    # Pagefind writes the singular for one: "Indexed 1 page", "Indexed 1 word".
    match = re.search(rf"Indexed (\d+) {what.removesuffix('s')}s?\b", output)
    return int(match.group(1)) if match else 0


def _warnings(output: str) -> list[str]:
    """Pagefind's own problem reports, e.g. a page without <html lang> or a body-less site."""
    lines = [line.strip() for line in output.splitlines()]
    return [line for line in lines
            if line and ("warn" in line.lower() or "did not find" in line.lower()
                         or "error" in line.lower())
            and not any(note in line for note in _EXPECTED_NOTES)]


# --- Byte-identical builds -----------------------------------------------------------------
# Pagefind 1.5 writes each filter's values in hash-map order, which changes from run to run
# (pagefind#638: "filter/metadata indexes" still vary), so the same records would not build
# the same site. The files are gzip(b"pagefind_dcd" + CBOR): the values are sorted here, the
# filter files renamed after their content, and the metadata file and entry rewritten to match.

_MAGIC = b"pagefind_dcd"


def stabilise_filters(bundle: Path) -> None:
    """Rewrite the bundle's filter index so that equal input gives equal bytes."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[filter name, file hash], …] after version, pages and index chunks
        stable = []
        for name, old_hash in sorted(filters):
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            key, values = _read(old_path)
            data = [key, sorted(values)]
            new_hash = f"{language}_{_digest(data)[:7]}"
            old_path.unlink()
            _write(bundle / "filter" / f"{new_hash}.pf_filter", data)
            stable.append([name, new_hash])
        meta[3] = stable
        new_meta_hash = f"{language}_{_digest(meta)[:10]}"
        meta_path.unlink()
        _write(bundle / f"pagefind.{new_meta_hash}.pf_meta", meta)
        info["hash"] = new_meta_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_MAGIC):
        raise SearchIndexError(f"{path}: not a Pagefind {path.suffix} file")
    value, end = _cbor_load(data, len(_MAGIC))
    if end != len(data):
        raise SearchIndexError(f"{path}: unexpected data after the index")
    return value


def _write(path: Path, value: Any) -> None:
    path.write_bytes(gzip.compress(_MAGIC + _cbor_dump(value), compresslevel=9, mtime=0))


def _digest(value: Any) -> str:
    return hashlib.sha256(_cbor_dump(value)).hexdigest()


# The subset of CBOR (RFC 8949) Pagefind's metadata and filter files use: unsigned integers,
# text and byte strings, arrays and maps, all of definite length.

def _cbor_load(data: bytes, i: int) -> tuple[Any, int]:
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[i:i + size], "big")
        i += size
    else:
        raise SearchIndexError(f"unsupported CBOR item {head:#x} in the search index")
    if major == 0:
        return arg, i
    if major in (2, 3):
        chunk = data[i:i + arg]
        return (chunk if major == 2 else chunk.decode("utf-8")), i + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, i = _cbor_load(data, i)
            items.append(item)
        return items, i
    if major == 5:
        mapping = {}
        for _ in range(arg):
            key, i = _cbor_load(data, i)
            mapping[key], i = _cbor_load(data, i)
        return mapping, i
    raise SearchIndexError(f"unsupported CBOR item {head:#x} in the search index")


def _cbor_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if arg < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
    raise SearchIndexError(f"integer {arg} too large for the search index")


def _cbor_dump(value: Any) -> bytes:
    if isinstance(value, bool) or value is None:
        raise SearchIndexError(f"unsupported value {value!r} in the search index")
    if isinstance(value, int) and value >= 0:
        return _cbor_head(0, value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _cbor_head(3, len(encoded)) + encoded
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_dump(v) for v in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(
            _cbor_dump(k) + _cbor_dump(v) for k, v in value.items())
    raise SearchIndexError(f"unsupported value {value!r} in the search index")
