"""The persistent build cache: what a build derived, stored under a key of what it depends on.

Engine-independent. The cache is a folder (`.congkhai-cache/` at the project root, git-ignored)
of entries named by a SHA-256 key. A key hashes everything its entry depends on, always
including `code_key()` — the package's version and source, and the versions of the libraries
that shape the output — so a change of record, template, configuration or code yields a new key
and the stale entry is never read. Nothing is ever invalidated by hand: a build keeps the entries
it used and removes the rest (`prune`), so the folder stays the size of one site.

Deleting the folder is always safe: the next build is a cold one, byte-identical to a warm one.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import shutil
import time
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2

from .records.loader import LoadedDocument

#: The cache folder, relative to the project root (documented in the README, git-ignored).
CACHE_DIR = ".congkhai-cache"
#: Libraries whose version changes generated HTML.
_LIBRARIES = ("congkhai", "mkdocs", "mkdocs-material", "jinja2", "markdown", "pymdown-extensions",
              "pydantic", "pyyaml")
#: Seconds an unused entry survives after its last use (see `BuildCache.prune`).
PRUNE_GRACE = 600.0
#: `prune` looks through a namespace once the entries written since it last did exceed this
#: share of the entries in use: each write can leave one stale entry, and looking through
#: tens of thousands of entries costs more than a build after one edit renders.
PRUNE_SHARE = 0.05
_PACKAGE = Path(__file__).resolve().parent
_code_key: str | None = None


def digest(*parts: str | bytes) -> str:
    """A key from the given parts (each length-prefixed, so ("ab", "c") ≠ ("a", "bc"))."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def code_key() -> str:
    """Key of the code that builds the site: this package's files and the libraries' versions."""
    global _code_key
    if _code_key is None:
        parts: list[str | bytes] = []
        for name in _LIBRARIES:
            try:
                parts.append(f"{name}={metadata.version(name)}")
            except metadata.PackageNotFoundError:
                parts.append(f"{name}=-")
        parts.extend(tree_parts(_PACKAGE))
        _code_key = digest(*parts)
    return _code_key


def tree_parts(folder: Path) -> list[str | bytes]:
    """Path and content of every file under `folder` (byte code left out), in a stable order."""
    parts: list[str | bytes] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return parts


def _write_all(fd: int, data: bytes) -> None:
    """`os.write` until every byte is written (a write may take part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class BuildCache:
    """Entries of one namespace (e.g. "trang" for rendered pages) in the cache folder."""

    def __init__(self, folder: Path, namespace: str) -> None:
        self.folder = folder / namespace
        self._root = str(self.folder)  # entries are named as text: tens of thousands a build
        self.used: set[str] = set()
        self.started = time.time()
        self._made: set[str] = set()
        self.written = 0

    def _path(self, key: str) -> str:
        return f"{self._root}/{key[:2]}/{key}"

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            with open(path, "rb") as stream:
                data = stream.read()
            os.utime(path)  # in use: see prune
        except OSError:
            return None
        self.used.add(key)
        return data

    def has(self, key: str) -> bool:
        try:
            os.utime(self._path(key))  # in use: see prune
        except OSError:
            return False
        return True

    def put(self, key: str, data: bytes) -> bool:
        """Store an entry (False: it could not be written); written to a temporary name
        first, so a reader never sees half.

        A build writes one entry per page and per rendered fragment (about 200,000 at 20,000
        procedures), so each costs as few system calls as it can: its folder is made once per
        process, and the temporary name is unique by process and key (no random names)."""
        self.used.add(key)
        self.written += 1
        folder = f"{self._root}/{key[:2]}"
        target = f"{folder}/{key}"
        tmp = f"{folder}/.tmp-{os.getpid()}-{key}"
        try:
            if folder not in self._made:
                os.makedirs(folder, exist_ok=True)
                self._made.add(folder)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
            os.replace(tmp, target)
        except OSError:
            return False  # a cache that cannot be written only makes the next build slower
        return True

    def prune(self, keep: Iterable[str] | None = None) -> int:
        """Remove the entries this build did not use (or not in `keep`); return how many.
        The build's use ends here: the next build (under `serve`) counts its own. It looks
        through the namespace only once enough entries were written since it last did (see
        `PRUNE_SHARE`): until then a few stale entries stay.

        An entry another build touched lately is kept: two builds of one project at once
        (tests, a `serve` beside a `build`) must not remove what the other is about to read."""
        kept = set(self.used if keep is None else keep)
        self.used = set()
        removed = 0
        if not self.folder.is_dir():
            return 0
        # Entries written since the last look (by this build and the ones that did not look).
        count = self.folder / ".da-ghi"
        try:
            written = int(count.read_text(encoding="ascii")) + self.written
        except (OSError, ValueError):
            written = self.written + len(kept) + 1  # never looked: look now
        self.written = 0
        if written <= PRUNE_SHARE * len(kept):
            with contextlib.suppress(OSError):
                count.write_text(str(written), encoding="ascii")
            return 0
        before = self.started - PRUNE_GRACE
        for sub in self.folder.iterdir():
            if not sub.is_dir():
                continue
            for entry in sub.iterdir():
                if entry.name in kept:
                    continue
                try:
                    if entry.stat().st_mtime < before:
                        entry.unlink()
                        removed += 1
                except OSError:
                    pass
        with contextlib.suppress(OSError):
            count.write_text("0", encoding="ascii")
        return removed


class RecordCache:
    """Validated records by the content of their file: reading, composing and validating a
    record is skipped when its file is byte-for-byte one already seen (by this process under
    `mkdocs serve`, or by an earlier build through the cache folder). An entry holds exactly what
    `load_record` returned (the record, its located document and its problems), pickled: the
    cache folder is the project's own, written only by this package, like `__pycache__`.
    Entries are kept by record file (`SlotCache`, `RECORD_SHARDS` files): an edited record's
    entry replaces the old one.

    In memory the entries are the loaded objects themselves: under `mkdocs serve` one build
    and the next (and the quick preview's snapshot) share each unchanged record instead of
    holding a copy each. Records are frozen models; nothing downstream changes them."""

    #: Files the records are kept in: at 20,000 records, an edit rewrites one of about 7 MB.
    RECORD_SHARDS = 64

    def __init__(self, folder: Path | None, keep: bool = True) -> None:
        self.folder = folder
        #: Keep the loaded records after the build's load (for the next build in this process).
        self.keep = keep
        self.store = SlotCache(folder, "ban-ghi", self.RECORD_SHARDS) \
            if folder is not None else None
        self.memory: dict[str, Any] = {}
        self.used: set[str] = set()
        self.files: set[str] = set()
        self.hits = 0
        self.misses = 0

    def loader(self, load: Callable[[Path, str, Any], Any]) -> Callable[[Path, str, Any], Any]:
        """`load` (e.g. `records.validate.load_record`) answered from the cache when it can."""
        def cached(path: Path, display: str, kind: Any) -> Any:
            try:
                data = path.read_bytes()
            except OSError:
                return load(path, display, kind)  # the loader reports the unreadable file
            key = digest(code_key(), display, getattr(kind, "folder_option", ""), data)
            self.used.add(key)
            self.files.add(display)
            if key in self.memory:
                self.hits += 1
                return self.memory[key]
            found = self.store.get(display, "hồ sơ", key) if self.store is not None else None
            if found is not None:
                self.hits += 1
                record, (doc_path, doc_digest, doc_blob), problems = found
                doc = StoredDocument(doc_path, doc_digest, doc_blob) if doc_blob else None
                result = self.memory[key] = (record, doc, problems)
                return result
            self.misses += 1
            result = self.memory[key] = load(path, display, kind)
            if self.store is not None:
                record, doc, problems = result
                # The document apart: it is read again only to locate a problem.
                stored = (doc.path, doc.source_digest, pickle.dumps(
                    doc, protocol=pickle.HIGHEST_PROTOCOL)) if doc is not None else ("", None, b"")
                self.store.put(display, "hồ sơ", key, (record, stored, problems))
                if doc is not None:
                    # Held as its bytes from now on, as a read-back record's is: a project's
                    # documents are several times the size of its records in memory.
                    result = self.memory[key] = (record, StoredDocument(*stored), problems)
            return result
        return cached

    def finish(self) -> None:
        """Write the new entries, forget those of files that no longer exist or changed (all
        of them when this process builds once: the build frees what it no longer needs)."""
        self.memory = {k: v for k, v in self.memory.items() if k in self.used and self.keep}
        if self.store is not None:
            self.store.finish(current=self.files)
            if not self.keep:
                self.store.shards = {}
        self.used, self.files = set(), set()
        retire(self.folder)


#: What older versions of this package kept in the cache folder, removed when found.
RETIRED = ("ho-so", "manh.pickle", "dong.pickle", "doc-ho-so.pickle")


def retire(folder: Path | None) -> None:
    if folder is None:
        return
    for name in RETIRED:
        path = folder / name
        with contextlib.suppress(OSError):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


class BundleCache:
    """Small values by key, all in one file of the cache folder (`<name>.pickle`): a build reads
    the one file instead of one file per entry (thousands of pages), and writes it back when
    it added an entry or no longer used one (an entry goes with the first build that does not
    use it). Two builds at once: the last to finish writes."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path = folder / f"{name}.pickle"
        self.entries: dict[str, Any] = {}
        found = _read_pickle(self.path)
        if isinstance(found, dict):
            self.entries = found
        self.used: set[str] = set()
        #: The entries this process added (a forked process hands them back: `merge`).
        self.fresh: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = self.fresh[key] = value
        self.used.add(key)

    def merge(self, used: set[str], fresh: dict[str, Any]) -> None:
        """What another process (forked from this one) used and added."""
        self.entries.update(fresh)
        self.fresh.update(fresh)
        self.used |= used

    def finish(self) -> None:
        if not self.fresh and len(self.used) == len(self.entries):
            return
        _write_pickle(self.path, {key: self.entries[key] for key in sorted(self.used)})


class SlotCache:
    """Values made from one source each, in one slot per owner and kind, under the key of
    what the value shows: a procedure's small parts by its code (its row in a file of all
    procedures, its search document, what its summary reads from its record), a validated
    record by its file's path. A changed owner's value replaces the old one in its slot, so
    nothing stale piles up and nothing needs counting builds.

    A build that does not use a value keeps it: parts are used only when what they are part
    of is made again (a list page that shows an edited procedure). The slots are spread over
    `SHARDS` files by owner (`<name>/<shard>.pickle`), each read when a value of it is first
    asked for and written back only when one of its values changed: a build after one edit
    rewrites a sixteenth of the parts, not tens of megabytes, and reads sixteen files, not
    one per record. The slots of owners that are gone leave with the next rewrite of their
    file (`finish(current)`). Two builds at once: the last to write a file wins."""

    SHARDS = 16

    def __init__(self, folder: Path, name: str, shards: int = SHARDS) -> None:
        self.folder = folder / name
        self.count = shards
        self.shards: dict[int, dict[str, dict[str, tuple[str, Any]]]] = {}
        self.changed: set[int] = set()
        #: The values this process added, by (owner, kind): a forked process hands them back.
        self.fresh: dict[tuple[str, str], tuple[str, Any]] = {}

    def _shard(self, owner: str) -> tuple[int, dict[str, dict[str, tuple[str, Any]]]]:
        number = zlib.crc32(owner.encode("utf-8")) % self.count
        shard = self.shards.get(number)
        if shard is None:
            found = _read_pickle(self.folder / f"{number:x}.pickle")
            shard = self.shards[number] = found if isinstance(found, dict) else {}
        return number, shard

    def get(self, owner: str, kind: str, key: str) -> Any:
        """The value of `owner` of this kind, if it was made under `key`; else None."""
        found = self._shard(owner)[1].get(owner, {}).get(kind)
        return found[1] if found is not None and found[0] == key else None

    def put(self, owner: str, kind: str, key: str, value: Any) -> None:
        number, shard = self._shard(owner)
        shard.setdefault(owner, {})[kind] = self.fresh[owner, kind] = (key, value)
        self.changed.add(number)

    def merge(self, fresh: dict[tuple[str, str], tuple[str, Any]]) -> None:
        """The values another process (forked from this one) added."""
        for (owner, kind), (key, value) in fresh.items():
            self.put(owner, kind, key, value)

    def finish(self, current: Collection[str] | None = None) -> None:
        """Write back the files whose values changed, without the slots of owners not in
        `current` (when given: every owner there is, e.g. the catalogue's codes)."""
        for number in sorted(self.changed):
            shard = self.shards[number]
            kept = {owner: dict(sorted(shard[owner].items())) for owner in sorted(shard)
                    if current is None or owner in current}
            _write_pickle(self.folder / f"{number:x}.pickle", kept)
            self.shards[number] = kept
        self.changed, self.fresh = set(), {}


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off meanwhile (as it was after): for work that makes
    only objects that stay alive, which the collector would walk again and again as the heap
    grows, finding nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read_pickle(path: Path) -> Any:
    """What `_write_pickle` wrote there, or None (missing, cut short, another version).
    Unpickling makes only live objects: the collector is paused (a third of the time, for
    tens of thousands of objects)."""
    with collector_paused():
        try:
            return pickle.loads(path.read_bytes())
        except Exception:
            return None


def _write_pickle(path: Path, value: Any) -> None:
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower


class StoredDocument(LoadedDocument):
    """A record's document from the build cache, read only when something asks for more than
    its path and digest (a problem to locate): a build after one edit needs the documents of
    the edited records only, and the documents are half of what reading a record back costs."""

    def __init__(self, path: str, source_digest: str | None, blob: bytes) -> None:
        self.path = path
        self.source_digest = source_digest
        self._blob = blob

    def __getattr__(self, name: str) -> Any:
        # Only for attributes not set yet: the document's other fields.
        if name.startswith("__") or "_blob" not in self.__dict__:
            raise AttributeError(name)
        loaded = pickle.loads(self.__dict__.pop("_blob"))
        self.__dict__.update(vars(loaded))
        return getattr(self, name)


class OutputCache:
    """Rendered outputs (pages, fragments) by a key of everything they show, pickled.

    The families that render one page per procedure ask it first (`Renderer.per_procedure`):
    after one record changed, only that record's pages are rendered again. Used from the
    forked renderer too: an entry it reads or writes is touched, so `prune` keeps it."""

    NAMESPACE = "khoi-trang"

    def __init__(self, folder: Path) -> None:
        self.store = BuildCache(folder, self.NAMESPACE)
        #: Compiled templates, for the Jinja environment that renders the outputs.
        self.templates = template_cache(folder)
        #: What a later build needs of each entry that is a whole page or data file.
        self.index = BundleCache(folder, self.NAMESPACE)
        #: Small parts made from one procedure each, by kind of part (see `parts`).
        self.part_caches: dict[str, SlotCache] = {}
        self.cache_folder = folder

    def get(self, key: str) -> Any:
        blob = self.store.get(key)
        return None if blob is None else pickle.loads(blob)

    def put(self, key: str, value: Any, about: tuple[str, ...] | None = None) -> bool:
        """Store `value` (False: it could not be written); `about`: it is a whole page or data
        file, and these are the few facts a later build needs of it without reading it
        (`reference`)."""
        if not self.store.put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)):
            return False
        if about is not None:
            self.index.put(key, about)
        return True

    def reference(self, key: str) -> tuple[str, ...] | None:
        """What `put` was told of a stored page or data file, or None (not stored as one)."""
        found = self.index.get(key)
        if found is None or not self.store.has(key):
            return None
        self.store.used.add(key)
        return found  # type: ignore[no-any-return]

    @property
    def folder(self) -> str:
        return str(self.store.folder)

    @staticmethod
    def load(folder: str, key: str) -> Any:
        """The entry `key` of the cache folder `folder` (a `reference`'s), or None."""
        try:
            with open(os.path.join(folder, key[:2], key), "rb") as stream:
                return pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError):
            return None

    def parts(self, name: str) -> SlotCache:
        """The small parts of one kind (`SlotCache`), e.g. "dong" for list rows: one
        file set each, so a process reads only the kinds it renders."""
        found = self.part_caches.get(name)
        if found is None:
            found = self.part_caches[name] = SlotCache(self.cache_folder, name)
        return found

    def handed_back(self) -> tuple[set[str], dict[str, Any], dict[str, dict[Any, Any]]]:
        """What a forked process used and added, for the parent's `merge`."""
        return (self.index.used, self.index.fresh,
                {name: parts.fresh for name, parts in self.part_caches.items() if parts.fresh})

    def merge(self, handed: tuple[set[str], dict[str, Any], dict[str, dict[Any, Any]]]) -> None:
        """What a forked process handed back (`handed_back`), to be written with this one's."""
        used, fresh, parts = handed
        self.index.merge(used, fresh)
        for name, added in parts.items():
            self.parts(name).merge(added)

    def finish(self, current: Collection[str] | None = None) -> None:
        """`current`: the codes of the catalogue's procedures (see `SlotCache.finish`)."""
        self.store.prune()
        self.index.finish()
        for parts in self.part_caches.values():
            parts.finish(current)


def template_cache(folder: Path) -> jinja2.BytecodeCache:
    """Jinja templates compiled by an earlier build (one file per template, checked against the
    template's source by Jinja itself): compiling costs more than a build after one edit
    renders. The code that runs is the same either way, so is the output."""
    target = folder / "jinja"
    with contextlib.suppress(OSError):  # else every template is compiled, as without a cache
        target.mkdir(parents=True, exist_ok=True)
    return _TemplateCache(str(target))


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # an unwritable cache only makes builds slower
            super().dump_bytecode(bucket)


class EncodedCache:
    """Encoded JSON documents by the document's `repr`: for plain JSON values (what the
    encoder accepts) equal `repr`s mean equal documents, and `repr` runs in C."""

    def __init__(self, folder: Path) -> None:
        self.store = BuildCache(folder, "json")

    def json(self, data: Any, sort_keys: bool, encode: Callable[[Any, bool], bytes]) -> bytes:
        key = digest(code_key(), repr(data), str(sort_keys))
        cached = self.store.get(key)
        if cached is None:
            cached = encode(data, sort_keys)
            self.store.put(key, cached)
        return cached

    def finish(self) -> None:
        self.store.prune()
