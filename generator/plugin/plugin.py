"""The MkDocs adapter: hands the core's pages and files to MkDocs. No domain logic here.

Each event handler is a few lines that call the core (`generator.build`, `generator.site`):
- `on_config` reads the project configuration with the same reader as `congkhai check`, builds
  every page in memory (so invalid records stop the build before MkDocs cleans `site/`), and
  puts the package's theme templates and stylesheet in front of Material's;
- `on_files` adds the generated pages (never in the navigation) and data files;
- `on_page_*` give MkDocs each page's escaped title, template and body (the search index is
  one more family of data files, built by the core with the pages);
- `on_post_build` swaps the finished site in.

Three build-wide duties live in their own modules: `pagecache` (a page whose inputs are
unchanged is written from the persistent cache, not rendered again), `staging` (the site is
written to a staging folder and swapped in only when complete) and `carry` (a file the site
folder already holds as this build would write it is neither rendered nor written again).
"""

from __future__ import annotations

import calendar
import dataclasses
import logging
import os
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from ..build import build_site
from ..cache import CACHE_DIR, RecordCache, template_cache
from ..preview import BuildState
from ..problems import BuildFailure, RecordsInvalid
from ..records.config import config_from_options, read_project_config
from ..site.output import DataFile, SiteOutput, SitePage, Stored
from . import staging
from .carry import CarriedFile, SiteManifest, carry, content_key
from .pagecache import FRAME_ONLY_TEMPLATE, PageCache, nav_digest, nav_sources, stored_key
from .quickpreview import QuickServe, Snapshot

PACKAGE = Path(__file__).resolve().parents[1]
#: Templates that frame generated pages (they extend Material's main.html): shipped with the
#: package, so a site needs no copy of them; a site's own `custom_dir` still comes first.
THEME = Path(__file__).resolve().parent / "theme"
#: Our browser scripts and styles, published under `ASSETS_URL`.
ASSETS = PACKAGE / "site" / "assets"
ASSETS_URL = "assets/congkhai/"
STYLESHEET = ASSETS_URL + "congkhai.css"

log = logging.getLogger("mkdocs.plugins.congkhai")


class CongkhaiPlugin(BasePlugin):
    """Options are declared once, in `records.config.PluginOptions`: MkDocs' own option
    checking is bypassed (`load_config`) and the options are read in `on_config` by the reader
    `congkhai check` uses, so the two can never disagree."""

    def __init__(self) -> None:
        self.output: SiteOutput | None = None
        self.pages: dict[str, SitePage | Stored] = {}
        self.search = True
        self.options: dict[str, Any] = {}
        self.command = "build"
        self.site_dir: Path | None = None
        self.staging: Path | None = None
        self.cache: PageCache | None = None
        self.warnings = _WarningCount()
        self.nav: Navigation | None = None
        self.broken = False
        self.record_cache: RecordCache | None = None
        self.state: BuildState | None = None
        self.files: Files | None = None
        self.env: Any = None
        #: The last good full build under `mkdocs serve` (see quickpreview.py).
        self.snapshot: Snapshot | None = None
        #: What the site folder holds (carry.py); `carrying`: it is known, so this build
        #: writes only what changed (else the whole site, into staging).
        self.manifest: SiteManifest | None = None
        self.carrying = False
        #: Key of every file this build writes or carries, by its path in the site.
        self.keys: dict[str, str] = {}
        self.carried: list[str] = []
        #: Pages carried over before MkDocs read them, and the navigation this build shows.
        self.unread = 0
        self.nav_digest = ""

    def on_startup(self, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this plugin object across `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty

    def load_config(self, options: dict[str, Any],
                    config_file_path: str | None = None) -> tuple[list[Any], list[Any]]:
        self.options = dict(options)
        return [], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        if config.config_file_path:
            read = read_project_config(Path(config.config_file_path),
                                       site_url=config.site_url or "")
        else:
            read = config_from_options(self.options, config.site_url)
        if read.config is None:
            raise PluginError(_problems(read.problems))
        project = self.project = read.config
        self.search = project.search
        self.broken = False
        try:
            result = build_site(self.root, project, self._records(),
                                keep_state=self.command == "serve",
                                # Forking is for a plain build: `serve` runs threads.
                                processes=_cores() if self.command == "build" else 1)
        except (RecordsInvalid, BuildFailure) as failure:
            message = str(failure) if isinstance(failure, RecordsInvalid) else (
                f"không dựng được trang: {failure}")
            if self.command != "serve":
                # Raised before MkDocs cleans site/, so the last good site stays in place.
                raise PluginError(message) from None
            # Under `mkdocs serve` a failed build makes the server hold every request until
            # the next good build; an editor mid-edit should keep the last good preview. So
            # the build goes on without generated pages, into a staging folder that is then
            # discarded (on_post_build): the served site is untouched.
            log.error(f"{message}\nbản xem trước giữ nguyên bản dựng tốt gần nhất.")
            self.broken = True
            self.output, self.pages, self.cache = SiteOutput(), {}, None
            self._stage(config)
            return config
        for line in result.timings.lines():
            log.debug(f"congkhai: {line}")
        # Record warnings (e.g. an official rank that contradicts published scores) are kept as
        # published; `congkhai check` shows them to editors, the strict build does not fail.
        if log.isEnabledFor(logging.INFO):  # thousands at national size: format only if shown
            for problem in result.warnings:
                log.info(problem.format())
        self.output = result.output
        self.state = result.state
        self.pages = {page.src_uri: page for page in self.output.pages}
        self.cache = PageCache(self.root, config, self.search)
        if self.output.latest_date and "SOURCE_DATE_EPOCH" not in os.environ:
            # MkDocs stamps sitemap.xml(.gz) with the build date; use the records' date instead
            # so that the same records always build a byte-identical site.
            epoch = calendar.timegm(self.output.latest_date.timetuple())
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        _use_theme(config)
        self._stage(config)
        return config

    def _records(self) -> RecordCache:
        """Validated records by file content; kept in memory across `mkdocs serve` rebuilds."""
        folder = self.root / CACHE_DIR
        if self.record_cache is None or self.record_cache.folder != folder:
            self.record_cache = RecordCache(folder, keep=self.command == "serve")
        return self.record_cache

    def _stage(self, config: MkDocsConfig) -> None:
        """Write this build into a staging folder (swapped in by on_post_build)."""
        self.site_dir = Path(config.site_dir).resolve()
        self.manifest, self.carrying, self.keys, self.carried = None, False, {}, []
        self.unread, self.nav_digest = 0, ""
        if getattr(self, "dirty", False):
            return  # a --dirty build updates the site folder in place, by definition
        self.staging = staging.staging_dir(self.site_dir)
        config.site_dir = str(self.staging)
        self.warnings.start(strict=bool(config.strict))
        if not self.broken:
            self.manifest = SiteManifest(self.root / CACHE_DIR, self.site_dir)
            self.carrying = self.manifest.load()

    def _carry(self, file: File, key: str) -> bool:
        """Note `file`'s key; carry it over if the site folder already holds it (carry.py)."""
        self.keys[file.dest_uri] = key
        if not self.carrying or self.manifest is None or not file.inclusion.is_included():
            return False
        if not self.manifest.holds(file.dest_uri, key):
            return False
        carry(file)
        self.carried.append(file.dest_uri)
        return True

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.output is not None
        if self.cache is not None:
            named = []
            for src in nav_sources(config.nav):
                page = self.pages.get(src)
                if isinstance(page, Stored):
                    page = self.pages[src] = _load(page, SitePage)
                if page is not None:
                    named.append(page.title)
            self.cache.begin(config, named)
        # One look-up table: Files rebuilds its own after every append (quadratic for N pages).
        existing = {f.src_uri: f for f in files}
        for page in self.output.pages:
            if page.src_uri in existing:
                files.remove(existing[page.src_uri])
            if self.carrying and self.cache is not None and page.template != FRAME_ONLY_TEMPLATE:
                # Carried over unread when the site folder holds it (MkDocs never reads it).
                carried = generated_file(config, page.src_uri, "", InclusionLevel.NOT_IN_NAV)
                page_key = self.cache.page_key(page)
                if self._carry(carried, page_key):
                    self.cache.keep(page_key)
                    self.unread += 1
                    files.append(carried)
                    del self.pages[page.src_uri]
                    continue
            key = self.cache.frame_key(page) if self.cache else None
            if key is not None and self.cache is not None:
                # Unchanged embed: carried over, or written as the file it was, no page pipeline.
                html = generated_file(config, page.src_uri[:-len("md")] + "html", b"")
                if self._carry(html, key):
                    self.cache.keep(key)
                    files.append(html)
                    del self.pages[page.src_uri]
                    continue
                cached = self.cache.frame_only(key)
                if cached is not None:
                    html.content_bytes = cached
                    files.append(html)
                    del self.pages[page.src_uri]
                    continue
            files.append(generated_file(config, page.src_uri, "", InclusionLevel.NOT_IN_NAV))
        for data in self.output.files:
            if isinstance(data, Stored):
                # Read from the build cache only if the site folder does not hold it yet.
                file = generated_file(config, data.path, b"")
                if not self._carry(file, stored_key(data.source)):
                    file.content_bytes = _load(data, DataFile).content
            else:
                file = generated_file(config, data.path, data.content)
                self._carry(file, stored_key(data.source) if data.source
                            else content_key(file.content_bytes))
            files.append(file)
        # From here MkDocs holds the pages and files; drop our lists so each body lives once.
        self.output.pages, self.output.files = [], []
        for asset in sorted(ASSETS.iterdir()):
            if asset.suffix in (".js", ".css") and asset.name != "embed.css":
                files.append(File.generated(config, ASSETS_URL + asset.name,
                                            abs_src_path=str(asset)))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # The header and the list template show search controls only when there is an index.
        env.globals["congkhai_search"] = self.search
        env.globals["congkhai_assets"] = ASSETS_URL
        if env.bytecode_cache is None and not self.broken:
            env.bytecode_cache = template_cache(self.root / CACHE_DIR)
        self.files, self.env = files, env
        if self.cache is not None and self.nav is not None:
            # Every page is read now: the navigation (titles, order) is final. Pages carried
            # over unread show the navigation the site folder was written with: the same, or
            # the key missed something that changes it (then nothing is published).
            self.nav_digest = nav_digest(self.nav)
            if self.unread and self.manifest is not None and \
                    self.manifest.nav != self.nav_digest:
                self.manifest.forget()
                raise PluginError("điều hướng của trang web đổi mà khóa bộ đệm không thấy; "
                                  "trang web giữ nguyên, hãy dựng lại (lần sau dựng toàn bộ)")
            self.cache.start(files, self.pages)
            # What the site folder held as these pages would be was carried over in
            # on_files, under the same keys: these are written, copied or rendered.
            for src, key in self.cache.keys.items():
                file = files.get_file_from_path(src)
                if file is None or file.page is None:
                    continue
                self.keys[file.dest_uri] = key
                self.cache.look_up(file.page)
        for file in files:
            # Assets and every other file MkDocs copies, carried when their bytes are unchanged.
            if (file.dest_uri not in self.keys and not file.is_documentation_page()
                    and not isinstance(file, CarriedFile)):
                self._carry(file, content_key(file.content_bytes))
        return env

    def on_template_context(self, context: TemplateContext, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        if template_name == "sitemap.xml" and self.carried and self.files is not None:
            # Carried pages are not built, but the sitemap lists them as a cold build does.
            pages = []
            for f in self.files:
                if isinstance(f, CarriedFile) and f.page is None and f.src_uri.endswith(".md"):
                    Page(None, f, config)  # never read: what the sitemap shows needs no more
                if f.page is not None and f.inclusion.is_included() and (
                        f.is_documentation_page() or isinstance(f, CarriedFile)):
                    pages.append(f)
            context["pages"] = pages
        return context

    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            # The body is handed over only now, so MkDocs holds one page's body at a time.
            cached = self.cache.cached_html(page) if self.cache else None
            if cached is not None:
                page.content = cached
                return context
            if isinstance(generated, Stored):
                # Read from the build cache now that it is written (see on_page_markdown).
                generated = self.pages[page.file.src_uri] = _load(generated, SitePage)
                meta = page_meta(generated)
                del meta["template"]  # chosen already (and by the page cache, maybe)
                page.meta.update(meta)
            page.content = str(generated.body)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        src = page.file.src_uri
        generated = self.pages.get(src)
        if generated is not None:
            if self.cache is not None:
                self.cache.store(page, output)
            page.content = ""
            if isinstance(generated, SitePage):
                self.pages[src] = page.meta["congkhai"] = dataclasses.replace(
                    generated, body=Markup(""))
        return output

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if page.file.src_uri in self.pages:
            page.__class__ = GeneratedPage  # no Markdown to convert: see GeneratedPage
        return page

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return markdown
        if isinstance(generated, Stored):
            # Not read yet: it may still be copied from the page cache (decided once every
            # page is read, on_env). Until it is read, MkDocs has what it needs: its template,
            # and the kind by which the sitemap leaves embeds out.
            page.meta.update({"template": generated.template, "congkhai": generated})
        else:
            page.meta.update(page_meta(generated))
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if page.file.src_uri in self.pages:
            return ""  # the body comes in on_page_context (or from the cache)
        if page.file.src_uri == "index.md" and self.output is not None:
            return html + str(self.output.home_sections)
        return html

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.broken:
            self.warnings.stop()
            if self.staging is not None and self.site_dir is not None:
                staging.discard(self.staging)
                config.site_dir = str(self.site_dir)
                self.staging = None
            return
        if self.cache is not None:
            log.info(self.cache.finish())
        if self.staging is not None and self.site_dir is not None:
            if self.warnings.stop():
                # MkDocs aborts a strict build with warnings right after this event.
                staging.discard(self.staging)
            elif self.carrying and self.manifest is not None:
                # Only what changed was written: move it into the site folder (carry.py).
                self.manifest.nav = self.nav_digest
                written = self.manifest.update(self.staging, self.carried, self.keys)
                log.info(f"congkhai: {written} tệp được ghi, "
                         f"{len(self.carried)} tệp giữ nguyên trong thư mục trang")
                self._keep_snapshot(config)
            else:
                # Under serve the previous site is removed in the background (seconds at
                # national size) while the new one is already served.
                staging.swap_in(self.staging, self.site_dir,
                                background=self.command == "serve")
                if self.manifest is not None:
                    self.manifest.nav = self.nav_digest
                    self.manifest.record(self.keys)
                self._keep_snapshot(config)
            config.site_dir = str(self.site_dir)
            self.staging = None

    def _keep_snapshot(self, config: MkDocsConfig) -> None:
        """Under serve, what the quick preview renders edited records against."""
        if (self.state is not None and self.files is not None and self.nav is not None
                and self.site_dir is not None):
            self.snapshot = Snapshot(config, self.files, self.nav, self.env, self.state,
                                     self.site_dir)
        self.state = self.files = self.env = None

    def on_build_error(self, error: Exception) -> None:
        # Whatever failed, the last good site is untouched: drop the half-written staging.
        self.warnings.stop()
        if self.staging is not None:
            staging.discard(self.staging)
            self.staging = None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        quick = None
        if self.command == "serve" and not getattr(self, "dirty", False):
            quick = QuickServe(server, builder, page_meta, lambda: self.snapshot)
        for folder in self.project.record_dirs:
            path = self.root / folder
            if path.exists():
                server.watch(str(path))
                if quick is not None:
                    quick.watch(path)
        server.watch(str(PACKAGE / "site" / "templates"))
        server.watch(str(THEME))
        server.watch(str(ASSETS))
        return server


def generated_file(config: MkDocsConfig, src_uri: str, content: str | bytes,
                   inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    """`File.generated(config, src_uri, content=…, inclusion=…)` without its path parsing
    (`PurePath(src_uri).as_posix()`: a third of a second for a national site's 15,500 files):
    our paths are '/'-separated and clean already. Tested equal to `File.generated`."""
    file = File.__new__(File)
    file.src_uri, file.src_dir, file.dest_dir = src_uri, None, config.site_dir
    file.use_directory_urls, file.inclusion = config.use_directory_urls, inclusion
    file.generated_by = config.plugins._current_plugin or "<unknown>"
    file.abs_src_path, file._content = None, content
    # What `File.dest_uri` works out (through `is_documentation_page` and `name`), directly.
    if src_uri.endswith(".md"):
        parent, _, stem = src_uri[:-3].rpartition("/")
        stem = "index" if stem == "README" else stem
        folder = f"{parent}/" if parent else ""
        file.dest_uri = (f"{folder}{stem}.html" if not file.use_directory_urls or
                         stem == "index" else f"{folder}{stem}/index.html")
    else:
        file.dest_uri = src_uri
    return file


T = TypeVar("T", SitePage, DataFile)


def _load(stored: Stored, kind: type[T]) -> T:
    """A stored page or file, read from the build cache."""
    try:
        found = stored.load()
    except LookupError as error:
        raise PluginError(str(error)) from None
    if not isinstance(found, kind):
        raise PluginError(f"bộ đệm dựng trang ({CACHE_DIR}) hỏng ở {stored.path}: hãy dựng lại")
    return found


def _cores() -> int:
    """Processors this process may use (its affinity, where the system says), at most two."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:
        available = os.cpu_count() or 1
    return min(2, available)


def page_meta(generated: SitePage) -> dict[str, Any]:
    """What MkDocs' page templates read of a generated page."""
    return {
        # MkDocs prints titles and meta raw (autoescape is off): hand it escaped text only.
        "template": generated.template,
        "description": str(escape(generated.description)),
        "congkhai": generated,
        # Material prints `page.meta.title` verbatim but passes `page.title` through
        # `striptags`, which *un*-escapes entities; so the escaped title goes in meta.
        "title": str(escape(generated.title)),
    }


def _use_theme(config: MkDocsConfig) -> None:
    """Put the package's templates after the site's own `custom_dir`, before Material's, and
    load the package's stylesheet on every page."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, str(THEME))
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)


class GeneratedPage(Page):
    """A page whose body is HTML from the core: its Markdown source is always empty, so
    converting it only costs a new Markdown instance per page (a second or more per thousand
    pages). `render` sets what converting "" sets."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}


class _WarningCount(logging.Handler):
    """Counts MkDocs' warnings during a strict build, as MkDocs itself does to abort it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def start(self, strict: bool) -> None:
        self.count = 0
        if strict:
            logging.getLogger("mkdocs").addHandler(self)

    def stop(self) -> int:
        logging.getLogger("mkdocs").removeHandler(self)
        return self.count


def _problems(problems: list[Any]) -> str:
    return "cấu hình có lỗi:\n" + "\n".join(p.format() for p in problems)
