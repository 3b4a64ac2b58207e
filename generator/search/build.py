"""Build the static search index: SearchDocs in, a folder of small JSON files out.

Layout of ``out_dir`` (all JSON, gzip-friendly; see REPORT.md "Index format"):

``manifest.json``   format, doc count, name vocabulary with document frequencies, synonyms,
                    shard/bucket parameters, content version. Fetched first, once.
``t/<h>.json``      name/keyword postings of one term (h = FNV-1a of the term, base 36):
                    ``{term: {"n": [...], "k": [...]}, "@v": stamp}`` — see ``_name_postings``; the
                    stamp is the manifest's ``terms``, a digest of the term files.
``r/<i>.json``      the postings of every term of a citizens'-words rule (``words`` and ``means``)
                    in one file: a query that matches the rule fetches one file instead of one
                    per term (``packs`` in the manifest: per rule, its file or -1).
``b/<i>.json``      body postings: ``{"ket hon": [doc deltas…], …}`` for the syllable pairs whose
                    FNV-1a hash mod ``bodyBuckets`` is i.
``d/<i>.json``      display data of docs ``i*S … i*S+S-1``: codes, names, sectors, custom URLs.
``c/<p>.json``      ``{code: doc}`` for codes starting with the 6 characters p.
``f/<facet>.json``  option labels and counts of a filter; ``f/<facet>-<i>.json`` its docs.

Documents are numbered in (sector, name, code) order, so a query's candidates — usually of one
or two sectors — sit in few ``d/`` shards, and a sector is a contiguous range.
Output is deterministic: same docs, synonyms and options give byte-identical files.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import math
import shutil
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .model import IndexOptions, IndexReport, SearchDoc
from .normalize import accent_key, accented_tokens, fold, fold_token, split_fused
from .synonyms import Synonyms

FORMAT = 1
#: Folders and files the builder owns inside out_dir (removed before writing).
OWNED = ("manifest.json", "t", "r", "b", "d", "c", "f")
#: A leading "Thủ tục" is boilerplate in a name: positions are counted after it.
NAME_PREFIX = ("thu", "tuc")
FACETS = ("sector", "level", "unit", "online")
DEFAULT_OPTIONS = IndexOptions()


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; the client computes the same."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def term_file(term: str) -> str:
    """File name (without folder) of a term's postings."""
    return _base36(fnv1a(term)) + ".json"


def index_tokens(text: str, words: Synonyms) -> tuple[list[str], list[str]]:
    """Accent keys and folded tokens of ``text``, stop words left out (twin of the client's)."""
    pairs = [_token_forms(t) for t in accented_tokens(text)]
    stops = _stops_by_first(words.stopwords)
    out_keys: list[str] = []
    out_fold: list[str] = []
    i = 0
    while i < len(pairs):
        key = pairs[i][0]
        skip = 0
        for phrase in stops.get(key, ()):
            if all(i + k < len(pairs) and pairs[i + k][0] == phrase[k] for k in range(len(phrase))):
                skip = len(phrase)
                break
        if skip:
            i += skip
            continue
        out_keys.append(key)
        out_fold.append(pairs[i][1])
        i += 1
    return out_keys, out_fold


@cache
def _token_forms(token: str) -> tuple[str, str]:
    """(accent key, folded form) of one accented token; the vocabulary is small, so cache."""
    return accent_key(token), fold_token(token)


@lru_cache(maxsize=64)
def _stops_by_first(
    stopwords: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Stop phrases grouped by their first key, longest first."""
    grouped: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in sorted(stopwords, key=len, reverse=True):
        grouped[phrase[0]].append(phrase)
    return {k: tuple(v) for k, v in grouped.items()}


def name_tokens(name: str, words: Synonyms) -> tuple[list[str], list[str]]:
    """A procedure name as the index counts it: no leading "Thủ tục", no stop words."""
    keys, folded = index_tokens(name, words)
    if tuple(folded[:2]) == NAME_PREFIX and len(folded) > 2:
        return keys[2:], folded[2:]
    return keys, folded


def variant_mask(keys: list[str], words: Synonyms) -> int:
    """Bit i set when the name contains variant word i (compared with accents)."""
    starting = _variants_by_first(words.variant_words)
    mask = sum(1 << bit for bit, _ in starting.get("", ()))  # an empty phrase is in any name
    for i, key in enumerate(keys):
        for bit, phrase in starting.get(key, ()):
            if tuple(keys[i : i + len(phrase)]) == phrase:
                mask |= 1 << bit
    return mask


@lru_cache(maxsize=64)
def _variants_by_first(
    variants: tuple[tuple[str, ...], ...],
) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """(bit, phrase) of each variant word, grouped by the phrase's first key."""
    grouped: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for bit, phrase in enumerate(variants):
        grouped[phrase[0] if phrase else ""].append((bit, phrase))
    return {k: tuple(v) for k, v in grouped.items()}


def build_index(
    docs: Iterable[SearchDoc],
    synonyms: Synonyms,
    out_dir: Path,
    options: IndexOptions = DEFAULT_OPTIONS,
) -> IndexReport:
    """Write the index of ``docs`` into ``out_dir`` and report what was written."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    files, docs_n, terms, buckets, shards = _index(docs, synonyms, options)
    _reset(out_dir)
    return _write_all(out_dir, files, docs_n, terms, buckets, shards, started)


def index_files(
    docs: Iterable[SearchDoc], synonyms: Synonyms, options: IndexOptions = DEFAULT_OPTIONS,
    pairs: BodyPairs | None = None, cleaned: bool = False,
) -> dict[str, bytes]:
    """The index as {path below the index folder: bytes}: nothing is written. `pairs` may
    hold the body pairs of an earlier build's documents (same output, less work);
    `cleaned`: the documents come through `clean_doc` already (the build caches them so)."""
    files = _index(docs, synonyms, options, pairs, cleaned)[0]
    return {path: files[path] for path in sorted(files)}


class BodyPairs:
    """The body's syllable pairs of each document, by its text: splitting and folding the text
    is the costliest part of the index, and after one edit every other document is unchanged.
    `known` comes from an earlier build with the same citizens' words (see `words_key`);
    `used` is what this build needed (what to keep for the next one)."""

    def __init__(self, known: dict[bytes, str] | None = None) -> None:
        self.known = known or {}
        self.used: dict[bytes, str] = {}

    def of(self, segments: list[str], words: Synonyms) -> list[str]:
        key = hashlib.blake2b("\x00".join(segments).encode("utf-8"), digest_size=16).digest()
        found = self.known.get(key)
        if found is None:
            found = "\n".join(sorted(_bigrams(segments, words)))
        self.used[key] = found
        return found.split("\n") if found else []


def words_key(words: Synonyms) -> str:
    """What body pairs depend on besides the text: the citizens' words (stop words)."""
    return json.dumps(words.to_json(), ensure_ascii=False, sort_keys=True)


def _index(
    docs: Iterable[SearchDoc], synonyms: Synonyms, options: IndexOptions,
    pairs: BodyPairs | None = None, cleaned: bool = False,
) -> tuple[dict[str, bytes], int, int, int, int]:
    """The index files (their bytes, by path), and the counts `IndexReport` gives."""
    ordered = _ordered(list(docs) if cleaned else [clean_doc(d) for d in docs])
    _check_unique_codes(ordered)
    files: dict[str, Any] = {}
    analysed = [name_tokens(d.name, synonyms) for d in ordered]
    names = [folded for _, folded in analysed]
    masks = [variant_mask(keys, synonyms) for keys, _ in analysed]
    vocab, postings = _write_name_postings(ordered, names, masks, synonyms, files)
    packs = _write_packs(synonyms, postings, files)
    buckets = _write_body_postings(ordered, options, synonyms, files, pairs or BodyPairs())
    shards = _write_shards(ordered, options, files)
    _write_codes(ordered, files)
    _write_facets(ordered, files)
    manifest = {
        "format": FORMAT,
        "docs": len(ordered),
        "shardSize": options.shard_size,
        "bodyBuckets": buckets,
        "urlPattern": options.url_pattern,
        "vocab": " ".join(vocab),
        "df": [vocab[t] for t in vocab],
        "words": {**synonyms.to_json(), "stopFold": _safe_stop_folds(synonyms, names, vocab)},
        "packs": packs,
        "facets": list(FACETS),
    }
    encoded = {path: _dump(content) for path, content in files.items()}
    # Term files are fetched before the manifest arrives (their names only depend on the
    # term), so each carries a stamp inside ("@v", never a token) that the client checks
    # against the manifest's "terms"; an older copy (cached across a deploy) is fetched
    # again with the version. The stamp is a digest of the term files alone: an edit that
    # changes no name or keyword (most edits) leaves every term file as it was, so an
    # incremental build rewrites none of them and browsers keep their cached copies.
    terms = _digest({path: data for path, data in encoded.items() if path.startswith("t/")})
    manifest["terms"] = terms
    # The version is a digest of everything: clients add it to every other file's URL, so a
    # deploy never mixes cached files of two builds.
    version = _digest(encoded, _dump(manifest))
    manifest["version"] = version
    stamp = b',"@v":' + _dump(terms) + b"}"
    for path, data in encoded.items():
        if path.startswith("t/"):
            encoded[path] = data[:-1] + stamp  # a non-empty JSON object: `{…}` → `{…,"@v":…}`
    encoded["manifest.json"] = _dump(manifest)
    return encoded, len(ordered), len(vocab), buckets, shards


# --- Documents ---------------------------------------------------------------------------------


def _nfc(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def clean_doc(doc: SearchDoc) -> SearchDoc:
    """NFC everywhere, whitespace tidied, empty values dropped."""

    def many(values: Iterable[str]) -> tuple[str, ...]:
        return tuple(v for v in (_nfc(x) for x in values) if v)

    return SearchDoc(
        url=doc.url,
        code=_nfc(doc.code),
        name=_nfc(doc.name),
        description=_nfc(doc.description) or None,
        keywords=many(doc.keywords),
        sector=_nfc(doc.sector) or None,
        levels=many(doc.levels),
        unit=_nfc(doc.unit) or None,
        online=_nfc(doc.online) or None,
        outcomes=many(doc.outcomes),
        documents=many(doc.documents),
        audience=_nfc(doc.audience),
        conditions=_nfc(doc.conditions),
        steps=_nfc(doc.steps),
    )


def _ordered(docs: list[SearchDoc]) -> list[SearchDoc]:
    return sorted(docs, key=lambda d: (fold(d.sector or ""), fold(d.name), d.name, d.code))


def _check_unique_codes(docs: list[SearchDoc]) -> None:
    seen: set[str] = set()
    for doc in docs:
        if doc.code in seen:
            raise ValueError(f"duplicate procedure code {doc.code!r} in the search documents")
        seen.add(doc.code)


# --- Name and keyword postings -----------------------------------------------------------------


def _safe_stop_folds(words: Synonyms, names: list[list[str]], vocab: dict[str, int]) -> list[str]:
    """Stop phrases a query typed without accents may drop: their bare spelling is no
    syllable (or syllable pair) left in any indexed name ("va" for "và"; not "cua": "cửa")."""
    pairs = {(a, b) for toks in names for a, b in itertools.pairwise(toks)}
    safe = []
    for phrase in words.stopwords:
        bare = tuple(fold_token(t) for t in phrase)
        if len(bare) == 1 and bare[0] in vocab:
            continue
        if len(bare) == 2 and bare in pairs:
            continue
        safe.append(" ".join(bare))
    return sorted(set(safe))


def _keyword_positions(doc: SearchDoc, words: Synonyms) -> dict[str, list[int]]:
    """Positions of keyword tokens; phrases are two positions apart, so never adjacent."""
    positions: dict[str, list[int]] = defaultdict(list)
    pos = 0
    for phrase in doc.keywords:
        for tok in index_tokens(phrase, words)[1]:
            positions[tok].append(pos)
            pos += 1
        pos += 1
    return positions


def _write_name_postings(
    docs: list[SearchDoc],
    names: list[list[str]],
    masks: list[int],
    words: Synonyms,
    files: dict[str, Any],
) -> tuple[dict[str, int], dict[str, dict]]:
    """``t/`` files; returns the vocabulary (sorted) with document frequencies, and every
    term's postings."""
    name_post: dict[str, list[tuple[int, int, int, list[int]]]] = defaultdict(list)
    kw_post: dict[str, list[tuple[int, list[int]]]] = defaultdict(list)
    for i, (doc, toks, mask) in enumerate(zip(docs, names, masks)):
        positions: dict[str, list[int]] = defaultdict(list)
        for p, tok in enumerate(toks):
            positions[tok].append(p)
        for tok, ps in positions.items():
            name_post[tok].append((i, len(toks), mask, ps))
        for tok, ps in _keyword_positions(doc, words).items():
            kw_post[tok].append((i, ps))
    vocab = {}
    postings = {}
    by_file: dict[str, dict[str, Any]] = defaultdict(dict)
    for term in sorted(set(name_post) | set(kw_post)):
        docs_with = {e[0] for e in name_post.get(term, [])} | {d for d, _ in kw_post.get(term, [])}
        vocab[term] = len(docs_with)
        postings[term] = _name_postings(name_post.get(term, []), kw_post.get(term, []))
        by_file["t/" + term_file(term)][term] = postings[term]
    files.update(by_file)
    return vocab, postings


def pack_terms(rule: tuple[tuple[str, ...], tuple[str, ...]], vocab: Iterable[str]) -> list[str]:
    """Indexed terms of a rule, both sides, sorted (twin of the client's ``packTerms``)."""
    known = set(vocab)
    return sorted({t for t in (*rule[0], *rule[1]) if t in known})


def _write_packs(words: Synonyms, postings: dict[str, dict], files: dict[str, Any]) -> list[int]:
    """``r/`` files: one per distinct term set of a rule with two terms or more. A query that
    matches a rule needs the postings of both its sides (the words typed, the words meant);
    on slow mobile networks, where every request waits ~0.6 s and a browser runs six at a
    time over HTTP/1.1, one file beats seven. Returns, per rule, its file number or -1."""
    numbers: dict[tuple[str, ...], int] = {}
    out = []
    for rule in words.rules:
        terms = tuple(pack_terms(rule, postings))
        if len(terms) < 2:
            out.append(-1)
            continue
        if terms not in numbers:
            numbers[terms] = len(numbers)
            files[f"r/{_base36(numbers[terms])}.json"] = {t: postings[t] for t in terms}
        out.append(numbers[terms])
    return out


def _name_postings(
    name: list[tuple[int, int, int, list[int]]], kw: list[tuple[int, list[int]]]
) -> dict:
    """Flat integer lists, doc numbers as deltas from the previous entry.

    ``n``: doc delta, name length, variant-word mask, number of positions, positions…  (name)
    ``k``: doc delta, number of positions, positions…                                 (keywords)
    """
    out: dict[str, list[int]] = {}
    if name:
        flat, last = [], 0
        for doc, length, mask, ps in name:
            flat += [doc - last, length, mask, len(ps), *ps]
            last = doc
        out["n"] = flat
    if kw:
        flat, last = [], 0
        for doc, ps in kw:
            flat += [doc - last, len(ps), *ps]
            last = doc
        out["k"] = flat
    return out


# --- Body postings (syllable pairs) -------------------------------------------------------------


def _body_segments(doc: SearchDoc, fields: tuple[str, ...]) -> list[str]:
    segments: list[str] = []
    for name in fields:
        value = getattr(doc, name)
        if isinstance(value, tuple):
            segments.extend(value)
        elif value:
            segments.append(value)
    if doc.sector:
        segments.append(doc.sector)
    return segments


def _bigrams(segments: list[str], words: Synonyms) -> set[str]:
    pairs: set[str] = set()
    for segment in segments:
        pairs.update(_segment_bigrams(segment, words))
    return pairs


@lru_cache(maxsize=65536)
def _segment_bigrams(segment: str, words: Synonyms) -> frozenset[str]:
    """Adjacent folded syllable pairs of one text (cached: records repeat whole paragraphs)."""
    toks = index_tokens(split_fused(segment), words)[1]
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(toks))


def _write_body_postings(
    docs: list[SearchDoc], options: IndexOptions, words: Synonyms, files: dict[str, Any],
    pairs: BodyPairs,
) -> int:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        for pair in pairs.of(_body_segments(doc, options.body_fields), words):
            postings[pair].append(i)
    total = sum(len(v) for v in postings.values())
    buckets = max(1, math.ceil(total / options.body_bucket_postings))
    grouped: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for pair in sorted(postings):
        grouped[fnv1a(pair) % buckets][pair] = _deltas(postings[pair])
    for bucket, content in grouped.items():
        files[f"b/{_base36(bucket)}.json"] = content
    return buckets


# --- Display shards, codes, filters ------------------------------------------------------------


def _write_shards(docs: list[SearchDoc], options: IndexOptions, files: dict[str, Any]) -> int:
    size = options.shard_size
    count = math.ceil(len(docs) / size)
    for shard in range(count):
        part = docs[shard * size : (shard + 1) * size]
        custom = {
            str(j): d.url
            for j, d in enumerate(part)
            if d.url != options.url_pattern.format(code=d.code)
        }
        content: dict[str, Any] = {
            "c": [d.code for d in part],
            "n": [d.name for d in part],
            "s": [d.sector or "" for d in part],
        }
        if custom:
            content["x"] = custom
        files[f"d/{shard}.json"] = content
    return count


def _write_codes(docs: list[SearchDoc], files: dict[str, Any]) -> None:
    grouped: dict[str, dict[str, int]] = defaultdict(dict)
    for i, doc in enumerate(docs):
        code = doc.code.lower()
        grouped[code[:6]][code] = i
    for prefix, content in grouped.items():
        files[f"c/{prefix}.json"] = dict(sorted(content.items()))


def _facet_values(doc: SearchDoc, facet: str) -> tuple[str, ...]:
    value = {"sector": doc.sector, "unit": doc.unit, "online": doc.online}.get(facet)
    return doc.levels if facet == "level" else ((value,) if value else ())


def _write_facets(docs: list[SearchDoc], files: dict[str, Any]) -> None:
    for facet in FACETS:
        members: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for value in _facet_values(doc, facet):
                members[value].append(i)
        labels = sorted(members, key=lambda v: (fold(v), v))
        files[f"f/{facet}.json"] = {"labels": labels, "counts": [len(members[v]) for v in labels]}
        for j, label in enumerate(labels):
            files[f"f/{facet}-{j}.json"] = _deltas(members[label])


# --- Writing -----------------------------------------------------------------------------------


def _deltas(numbers: list[int]) -> list[int]:
    return [n - last for last, n in zip(itertools.chain((0,), numbers), numbers)]


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode(
        "utf-8"
    )


def _digest(files: dict[str, bytes], tail: bytes = b"") -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.encode() + b"\0" + files[path] + b"\0")
    h.update(tail)
    return h.hexdigest()[:12]


def _reset(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in OWNED:
        target = out_dir / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def _write_all(
    out_dir: Path,
    files: dict[str, bytes],
    docs: int,
    terms: int,
    buckets: int,
    shards: int,
    started: float,
) -> IndexReport:
    parts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = total_gz = 0
    for path in sorted(files):
        data = files[path]
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        gz = len(gzip.compress(data, compresslevel=6, mtime=0))
        part = parts[path.split("/")[0]]
        part[0] += len(data)
        part[1] += gz
        total += len(data)
        total_gz += gz
    return IndexReport(
        out_dir=out_dir,
        docs=docs,
        name_terms=terms,
        body_buckets=buckets,
        shards=shards,
        files=len(files),
        bytes=total,
        gzip_bytes=total_gz,
        seconds=time.perf_counter() - started,
        parts={k: (v[0], v[1]) for k, v in sorted(parts.items())},
    )
