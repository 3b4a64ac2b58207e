"""The build cache's parts that make a build after one edit cheap, each against the plain way:

- a document of all procedures encoded from cached items is the document encoded whole;
- a record read back from the cache locates its problems as the record read from its file,
  and reads its document only then;
- entries kept in one file survive a build, are dropped when no longer used, and a damaged
  file is rebuilt; a procedure's small parts outlive builds that do not use them, are
  replaced when the procedure changes, and only the file holding a changed part is written;
- pruning looks through a namespace only once enough was written since it last did.
"""

from __future__ import annotations

import json
import os
import shutil
import zlib
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from generator.cache import (
    PRUNE_GRACE,
    PRUNE_SHARE,
    BuildCache,
    BundleCache,
    OutputCache,
    RecordCache,
    SlotCache,
    StoredDocument,
)
from generator.records.config import load_config
from generator.records.project import load_project
from generator.records.validate import load_record
from generator.site.datafiles import (
    csv_bytes,
    csv_join,
    csv_line,
    encode_json,
    encode_json_with_items,
    json_text,
)

from ..hypothesis_settings import examples
from .conftest import FIXTURE

texts = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
                max_size=20)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20)
items = st.lists(st.dictionaries(texts, json_values, max_size=5), max_size=5)


@examples(200)
@given(head=st.dictionaries(texts, json_values, max_size=4), key=texts, rows=items,
       sort_keys=st.booleans())
@example(head={"a": "dòng 1\ndòng 2"}, key="thu_tuc", rows=[{"b": ["x\n", {"c": []}]}],
         sort_keys=True)
@example(head={}, key="thu_tuc", rows=[], sort_keys=True)
def test_a_document_from_encoded_items_is_the_document_encoded_whole(
        head: dict[str, Any], key: str, rows: list[dict[str, Any]], sort_keys: bool) -> None:
    head = {k: v for k, v in head.items() if k != key}
    whole = encode_json(head | {key: rows}, sort_keys)
    spliced = encode_json_with_items(head, key, [json_text(r, sort_keys) for r in rows],
                                     sort_keys)
    assert spliced == whole
    assert json.loads(spliced) == head | {key: rows}


@examples(100)
@given(rows=st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), json_values | texts),
                     max_size=6))
def test_a_table_from_encoded_lines_is_the_table_encoded_whole(
        rows: list[dict[str, Any]]) -> None:
    columns = ["a", "b", "c"]
    assert csv_join(columns, [csv_line(columns, r) for r in rows]) == csv_bytes(columns, rows)


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns(".congkhai-cache", "site"))
    return root


def test_a_record_read_back_locates_its_problems_as_when_read_from_its_file(
        tmp_path: Path) -> None:
    root = _project(tmp_path)
    record = root / "procedures" / "1.001193.yaml"
    # A problem between records (found after loading, located in the cached document) and
    # one of the record alone (found while loading, cached with the record).
    text = record.read_text(encoding="utf-8")
    text = text.replace("co_quan_thuc_hien: ", "co_quan_thuc_hien: khong-co-", 1)
    record.write_text(text, encoding="utf-8")
    config = load_config(root / "mkdocs.yml")
    plain = load_project(root, config).problems
    assert any(p.message.startswith("không có đơn vị «khong-co-") for p in plain)

    first = RecordCache(tmp_path / "cache", keep=False)
    assert load_project(root, config, load=first.loader(load_record)).problems == plain
    first.finish()
    again = RecordCache(tmp_path / "cache", keep=False)
    loaded = load_project(root, config, load=again.loader(load_record))
    assert again.hits == len(loaded.records.all()) and again.misses == 0
    assert loaded.problems == plain
    docs = {src.doc.path: src.doc for src in loaded.records.all()}
    assert all(isinstance(doc, StoredDocument) for doc in docs.values())
    # Only the documents of records with a problem were read (to locate it).
    read = {path for path, doc in docs.items() if "_blob" not in vars(doc)}
    assert read == {p.path for p in plain} & set(docs)
    assert "procedures/1.001193.yaml" in read and len(read) < len(docs) / 2
    assert docs["procedures/1.001193.yaml"].locate(("co_quan_thuc_hien",))[0] > 1


def test_bundled_entries_survive_a_build_and_go_when_no_longer_used(tmp_path: Path) -> None:
    bundle = BundleCache(tmp_path, "khoi-trang")
    bundle.put("a", "một")
    bundle.put("b", ("hai", 2))
    bundle.finish()
    later = BundleCache(tmp_path, "khoi-trang")
    assert later.get("b") == ("hai", 2)
    later.finish()  # "a" was not used
    assert BundleCache(tmp_path, "khoi-trang").entries == {"b": ("hai", 2)}
    (tmp_path / "khoi-trang.pickle").write_bytes(b"\x80\x05hong")  # cut short
    damaged = BundleCache(tmp_path, "khoi-trang")
    assert damaged.get("b") is None
    damaged.put("b", "lại")
    damaged.finish()
    assert BundleCache(tmp_path, "khoi-trang").get("b") == "lại"


def _file_of(code: str) -> str:
    return f"{zlib.crc32(code.encode()) % SlotCache.SHARDS:x}.pickle"


def _shard_files(folder: Path) -> dict[str, tuple[int, int]]:
    return {f.name: (f.stat().st_ino, f.stat().st_mtime_ns) for f in folder.iterdir()}


def test_a_procedures_part_outlives_builds_that_do_not_use_it_and_is_replaced_when_it_changes(
        tmp_path: Path) -> None:
    codes = [f"1.{n:06d}" for n in range(200)]
    parts = SlotCache(tmp_path, "dong")
    for code in codes:
        parts.put(code, "dòng", f"khóa {code}", f"<tr>{code}</tr>")
    parts.finish(set(codes))
    files = _shard_files(tmp_path / "dong")
    assert len(files) == SlotCache.SHARDS
    for _ in range(3):  # builds that take every list page from the cache: nothing read or written
        SlotCache(tmp_path, "dong").finish(set(codes))
    assert _shard_files(tmp_path / "dong") == files
    # One procedure edited: its row is made again under a new key and replaces the old one;
    # only its own file is written again.
    parts = SlotCache(tmp_path, "dong")
    assert [parts.get(c, "dòng", f"khóa {c}") for c in codes] == [f"<tr>{c}</tr>" for c in codes]
    assert parts.get(codes[7], "dòng", "khóa mới") is None
    parts.put(codes[7], "dòng", "khóa mới", "<tr>mới</tr>")
    parts.finish(set(codes))
    after = _shard_files(tmp_path / "dong")
    assert [name for name in files if after[name] != files[name]] == [_file_of(codes[7])]
    parts = SlotCache(tmp_path, "dong")
    assert parts.get(codes[7], "dòng", f"khóa {codes[7]}") is None  # replaced, not kept
    assert parts.get(codes[7], "dòng", "khóa mới") == "<tr>mới</tr>"
    # A procedure gone: its parts leave with the next rewrite of its file.
    same_file = next(c for c in codes[8:] if _file_of(c) == _file_of(codes[7]))
    parts.put(same_file, "dòng", "khóa khác", "<tr>khác</tr>")
    parts.finish(set(codes) - {codes[7]})
    assert SlotCache(tmp_path, "dong").get(codes[7], "dòng", "khóa mới") is None
    # A damaged file: its parts are made again.
    damaged = tmp_path / "dong" / _file_of(codes[0])
    damaged.write_bytes(b"\x80\x05hong")
    assert SlotCache(tmp_path, "dong").get(codes[0], "dòng", f"khóa {codes[0]}") is None


def test_a_forked_process_hands_back_what_it_used_and_added(tmp_path: Path) -> None:
    parent = OutputCache(tmp_path)
    parent.index.put("cu", 1)
    parent.parts("tim-kiem").put("1.000001", "tài liệu", "k1", "cũ")
    parent.finish()
    parent = OutputCache(tmp_path)
    parent.index.put("cha", 2)
    child = OutputCache(tmp_path)
    child.index.get("cu")
    child.index.put("con", 3)
    child.parts("tim-kiem").put("1.000002", "tài liệu", "k2", "con")
    parent.merge(child.handed_back())
    parent.finish()
    assert BundleCache(tmp_path, OutputCache.NAMESPACE).entries == {"cha": 2, "con": 3, "cu": 1}
    later = OutputCache(tmp_path).parts("tim-kiem")
    assert later.get("1.000001", "tài liệu", "k1") == "cũ"
    assert later.get("1.000002", "tài liệu", "k2") == "con"


def _aged(cache: BuildCache, keys: list[str]) -> None:
    for key in keys:
        old = cache.started - PRUNE_GRACE - 60
        os.utime(cache.folder / key[:2] / key, (old, old))


def test_pruning_waits_until_enough_was_written_since_it_last_looked(tmp_path: Path) -> None:
    keys = [f"{n:02x}" * 32 for n in range(100)]
    cache = BuildCache(tmp_path, "trang")
    for key in keys:
        cache.put(key, b"x")
    assert cache.prune() == 0  # first look: everything is in use
    # One entry replaced by a new one: too little written to look through 100 entries.
    stale, fresh = keys[0], "ff" * 32
    cache = BuildCache(tmp_path, "trang")
    for key in keys[1:]:
        assert cache.has(key)
        cache.used.add(key)
    cache.put(fresh, b"y")
    _aged(cache, [stale])
    assert cache.prune() == 0
    assert (cache.folder / stale[:2] / stale).exists()
    # Enough written since the last look (over PRUNE_SHARE of the entries in use): it looks.
    cache = BuildCache(tmp_path, "trang")
    more = [f"ee{n:02x}" + "0" * 60 for n in range(int(PRUNE_SHARE * 100) + 1)]
    for key in [*keys[1:], fresh]:
        cache.used.add(key)
    for key in more:
        cache.put(key, b"z")
    _aged(cache, [stale])
    assert cache.prune() == 1
    assert not (cache.folder / stale[:2] / stale).exists()
    assert all((cache.folder / k[:2] / k).exists() for k in [*keys[1:], fresh, *more])
