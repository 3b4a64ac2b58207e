"""The build cache's parts that make a build after one edit cheap, each against the plain way:

- a document of all procedures encoded from cached items is the document encoded whole;
- a record read back from the cache locates its problems as the record read from its file,
  and reads its document only then;
- small parts kept in one file survive a build, are dropped when no longer used, and a
  damaged file is rebuilt;
- pruning looks through a namespace only once enough was written since it last did.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from generator.cache import (
    PRUNE_GRACE,
    PRUNE_SHARE,
    BuildCache,
    BundleCache,
    RecordCache,
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


def test_small_parts_survive_a_build_and_go_when_no_longer_used(tmp_path: Path) -> None:
    bundle = BundleCache(tmp_path, "manh")
    bundle.put("a", "một")
    bundle.put("b", ("hai", 2))
    bundle.finish()
    later = BundleCache(tmp_path, "manh")
    assert later.get("b") == ("hai", 2)
    later.finish()  # "a" was not used
    assert BundleCache(tmp_path, "manh").entries == {"b": ("hai", 2)}
    (tmp_path / "manh.pickle").write_bytes(b"\x80\x05hong")  # cut short
    damaged = BundleCache(tmp_path, "manh")
    assert damaged.get("b") is None
    damaged.put("b", "lại")
    damaged.finish()
    assert BundleCache(tmp_path, "manh").get("b") == "lại"


def test_a_part_used_only_now_and_then_outlives_the_builds_that_do_not_use_it(
        tmp_path: Path) -> None:
    bundle = BundleCache(tmp_path, "manh", keep_builds=2)
    bundle.put("dong", "<tr>")
    bundle.finish()
    for _ in range(2):  # two builds take the page from the cache: the row is not used
        bundle = BundleCache(tmp_path, "manh", keep_builds=2)
        bundle.finish()
    bundle = BundleCache(tmp_path, "manh", keep_builds=2)
    assert bundle.get("dong") == "<tr>"  # the third renders the page again: still there
    bundle.finish()
    for _ in range(3):
        bundle = BundleCache(tmp_path, "manh", keep_builds=2)
        bundle.finish()
    assert BundleCache(tmp_path, "manh", keep_builds=2).get("dong") is None


def test_a_forked_process_hands_back_what_it_used_and_added(tmp_path: Path) -> None:
    parent = BundleCache(tmp_path, "manh")
    parent.put("cu", 1)
    parent.finish()
    parent = BundleCache(tmp_path, "manh")
    parent.put("cha", 2)
    child = BundleCache(tmp_path, "manh")
    child.get("cu")
    child.put("con", 3)
    parent.merge(child.used, child.fresh)
    parent.finish()
    assert BundleCache(tmp_path, "manh").entries == {"cha": 2, "con": 3, "cu": 1}


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
