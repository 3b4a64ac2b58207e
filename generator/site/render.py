"""Render: our own Jinja environment, which turns derived data into HTML fragments.

Engine-independent: fragments become `SitePage` bodies (see `output.py`) that the MkDocs
plugin hands to MkDocs. Autoescape is ON here (MkDocs renders its themes with it off): every
record value is escaped unless it went through `textformat`, which sanitises Markdown.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from ..cache import OutputCache, code_key, digest
from ..derive.posting import is_note_group
from ..derive.site_data import SiteData
from ..derive.summary import format_date, format_number
from ..problems import BuildFailure
from ..records.schema import Procedure
from ..vietnamese import slugify
from . import textformat
from .output import DataFile, Output, SitePage, Stored
from .paths import PATHS, relative_url
from .qr import qr_svg

TEMPLATES = Path(__file__).parent / "templates"
T = TypeVar("T")


@functools.cache
def make_environment() -> jinja2.Environment:
    """One environment per process: compiling the templates costs more than a quick preview's
    whole page (Jinja recompiles a template whose file changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(
        markdown=textformat.markdown_html,
        inline=textformat.inline_html,
        format_date=format_date,
        number=format_number,
    )
    env.filters["slugify"] = slugify
    env.filters["css_string"] = css_string
    env.globals["qr_svg"] = qr_svg
    env.globals["is_note_group"] = is_note_group
    return env


def css_string(text: str) -> Markup:
    """A quoted CSS string of `text` (for print margin boxes): every character that is not a
    letter, digit or space is a CSS escape, so no record text can end the string or the
    <style> element."""
    escaped = "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


class Renderer:
    """Render fragments with links made relative to the page being rendered."""

    def __init__(self, site: SiteData, outputs: OutputCache | None = None) -> None:
        self.site = site
        self.cat = site.catalogue
        self.summaries = site.summaries
        self.env = make_environment()
        if outputs is not None and self.env.bytecode_cache is None:
            self.env.bytecode_cache = outputs.templates
        self._rows: dict[tuple[str, str, str, bool], str] = {}
        #: The build cache of rendered outputs (None: render everything).
        self.outputs = outputs
        self._shared_key: str | None = None
        self._catalogue_key: str | None = None
        self._procedure_keys: dict[str, str] = {}

    def per_procedure(self, what: str, p: Procedure, produce: Callable[[Procedure], T]) -> T:
        """`produce(p)`, or its result from the build cache when nothing it shows changed.

        For the pages and fragments of one procedure only (its page, embeds, posting sheet):
        what they show is the procedure's summary (which holds the record, its unit, its
        replacement…), the names of its related procedures and the few catalogue facts
        `shared_key` names. A summary is made of its record, the record it names as its
        replacement, its unit and the configuration (`summary.summarize`): the key takes the
        two records by fingerprint when they were read from files (the units and the
        configuration are in `shared_key`), else the summary itself. The per-procedure
        templates read nothing else of the catalogue: a template that starts to must add it to
        the key (tests/sitebuild/test_cache.py compares builds after each kind of edit with a
        cold build, byte for byte)."""
        if self.outputs is None:
            return produce(p)
        return self.memo(what, [self.procedure_key(p)], lambda: produce(p))

    def output(self, what: str, parts: list[str],
               produce: Callable[[], SitePage | DataFile]) -> Output:
        """`memo` for a whole page or data file: a reference to it in the build cache
        (`output.Stored`), read only if the writer writes it. Also when it was just made: the
        build then holds no page's body from rendering to writing (at 20,000 procedures the
        bodies are gigabytes), and a forked renderer hands back references, not bodies."""
        if self.outputs is None:
            return produce()
        key = digest(what, *parts)
        found = self.outputs.reference(key)
        if found is not None:
            path, template, kind = found
            return Stored(path, key, self.outputs.folder, template, kind)
        made = dataclasses.replace(produce(), source=key)
        about = (made.path, made.template, made.kind) if isinstance(made, SitePage) else (
            made.path, "", "")
        if not self.outputs.put(key, made, about):
            return made  # the cache folder cannot be written: hand the output itself
        return Stored(made.path, key, self.outputs.folder, *about[1:])

    def procedure_output(self, what: str, p: Procedure,
                         produce: Callable[[Procedure], SitePage | DataFile]) -> Output:
        """`output` for the page or file of one procedure only: see `per_procedure`."""
        return self.output(what, [self.procedure_key(p)], lambda: produce(p))

    def is_stored(self, what: str, p: Procedure) -> bool:
        """Whether the build cache holds `procedure_output(what, p, …)` (not read, not used)."""
        return self.outputs is not None and \
            digest(what, self.procedure_key(p)) in self.outputs.index.entries

    def fragment(self, what: str, p: Procedure, produce: Callable[[Procedure], T],
                 parts: str) -> T:
        """`per_procedure` for a small part of a larger output (a procedure's row in a file of
        them all), kept with the other parts of its kind `parts` (see
        `cache.SlotCache`: "dong" list rows, "tim-kiem" search documents…)."""
        if self.outputs is None:
            return produce(p)
        store = self.outputs.parts(parts)
        key = self.procedure_key(p)
        found = store.get(p.ma_thu_tuc, what, key)
        if found is None:
            found = produce(p)
            store.put(p.ma_thu_tuc, what, key, found)
        return found  # type: ignore[no-any-return]

    def memo(self, what: str, parts: list[str], produce: Callable[[], T]) -> T:
        """`produce()`, or its result from the build cache under `what` and `parts`, which
        must name everything the result shows (with `procedure_key` for each procedure)."""
        if self.outputs is None:
            return produce()
        key = digest(what, *parts)
        found = self.outputs.get(key)
        if found is None:
            found = produce()
            self.outputs.put(key, found)
        return found  # type: ignore[no-any-return]

    def procedure_key(self, p: Procedure) -> str:
        """What a procedure's own pages show: see `per_procedure`."""
        code = p.ma_thu_tuc
        shown = self._procedure_keys.get(code)
        if shown is None:
            # Related procedures are shown by name (or by code when not published here).
            related = [(c, self.cat.by_code[c].ten_thu_tuc if c in self.cat.by_code else None)
                       for c in p.thu_tuc_lien_quan]
            shown = self._procedure_keys[code] = digest(
                self.shared_key(), self._summary_key(p), repr(related))
        return shown

    def _summary_key(self, p: Procedure) -> str:
        fingerprints = self.cat.fingerprints
        replacement = p.thu_tuc_thay_the
        own = fingerprints.get(p.ma_thu_tuc)
        if own is not None and (not replacement or replacement not in self.cat.by_code):
            return f"{own}\n-"
        if own is not None and replacement in fingerprints:
            return f"{own}\n{fingerprints[replacement]}"
        return repr(self.summaries[p.ma_thu_tuc])

    def catalogue_key(self) -> str:
        """Every procedure's `procedure_key` and `shared_key`: what a file made of the whole
        catalogue of procedures and units shows (not the score indexes' definitions)."""
        if self._catalogue_key is None:
            self._catalogue_key = digest(self.shared_key(),
                                         *(self.procedure_key(p) for p in self.cat.procedures))
        return self._catalogue_key

    def shared_key(self) -> str:
        """The catalogue facts any procedure's own pages may show besides its summary and its
        related procedures' names: the code and the configuration, every unit (feedback
        channels) and the decisions' addresses."""
        if self._shared_key is None:
            cat = self.cat
            self._shared_key = digest(
                code_key(), repr(cat.config), repr(sorted(cat.units.items())),
                repr(sorted((n, d.slug) for n, d in cat.decision_by_number.items())))
        return self._shared_key

    def render(self, template: str, page_path: str, **context: Any) -> Markup:
        def url(target: str) -> str:
            return relative_url(target, page_path)
        html = self.env.get_template(template).render(
            cat=self.cat, url=url, summaries=self.summaries, page_path=page_path,
            paths=PATHS, any_remote=self.any_remote, count=self.cat.count_in,
            list_row=self.list_row, **context,
        )
        return Markup(html)

    def list_row(self, p: Procedure, number: int, page_path: str, remote: bool) -> Markup:
        """A list row, cached per procedure and the two links it holds (to its page and its
        unit's page, relative to the list page): each procedure appears in several lists (all,
        sector, level, unit, decision) and the rows are the bulk of their HTML. The key is the
        links themselves, not the page's depth, so a row never depends on which list happened
        to render it first (a unit's own list links the unit as "./")."""
        s = self.summaries[p.ma_thu_tuc]
        key = (p.ma_thu_tuc, relative_url(PATHS.procedure(p.ma_thu_tuc), page_path),
               relative_url(PATHS.unit(s.unit.ma_don_vi), page_path), remote)
        row = self._rows.get(key)
        if row is None:
            # Kept in the build cache too: a list page that shows an edited procedure is
            # rendered again, but only the edited procedure's row is.
            row = self._rows[key] = self.fragment(
                f"dòng danh sách {key[1:]!r}", p, lambda q: str(self.render(
                    "_row.html", page_path, p=q, s=s, remote=remote,
                    number_placeholder=Markup("\x00"))), parts="dong")
        return Markup(row.replace("\x00", str(number), 1))

    def any_remote(self, procedures: list[Procedure]) -> bool:
        """Whether a list needs the “Cách thức thực hiện” column (TT 01/2018 Điều 3)."""
        return any(self.summaries[p.ma_thu_tuc].has_remote_channel for p in procedures)


@contextlib.contextmanager
def for_record(what: str) -> Iterator[None]:
    """Name the record when rendering its page fails (a template or a derivation broke)."""
    try:
        yield
    except BuildFailure:
        raise
    except Exception as error:
        raise BuildFailure(f"{what}: {type(error).__name__}: {error}") from error


def jsonld_script(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> block; `<` is escaped so no record text can
    close the script element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
