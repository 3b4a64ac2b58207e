"""The MkDocs adapter: hands the core's pages and files to MkDocs. No domain logic here.

Each event handler is a few lines that call the core (`generator.build`, `generator.site`):
- `on_config` reads the project configuration with the same reader as `congkhai check`, builds
  every page in memory (so invalid records stop the build before MkDocs cleans `site/`), and
  puts the package's theme templates and stylesheet in front of Material's;
- `on_files` adds the generated pages (never in the navigation) and data files;
- `on_page_*` give MkDocs each page's escaped title, template and body (the search index is
  one more family of data files, built by the core).
"""

from __future__ import annotations

import calendar
import dataclasses
import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..build import build_site
from ..problems import BuildFailure, RecordsInvalid
from ..records.config import config_from_options, read_project_config
from ..site.output import SiteOutput, SitePage

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
        self.pages: dict[str, SitePage] = {}
        self.search = True
        self.options: dict[str, Any] = {}

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
        try:
            result = build_site(self.root, project)
        except RecordsInvalid as invalid:
            # Raised before MkDocs cleans site/, so the last good site stays in place.
            raise PluginError(str(invalid)) from None
        except BuildFailure as failure:
            raise PluginError(f"không dựng được trang: {failure}") from None
        for line in result.timings.lines():
            log.debug(f"congkhai: {line}")
        # Record warnings (e.g. an official rank that contradicts published scores) are kept as
        # published; `congkhai check` shows them to editors, the strict build does not fail.
        for problem in result.warnings:
            log.info(problem.format())
        self.output = result.output
        self.pages = {page.src_uri: page for page in self.output.pages}
        if self.output.latest_date and "SOURCE_DATE_EPOCH" not in os.environ:
            # MkDocs stamps sitemap.xml(.gz) with the build date; use the records' date instead
            # so that the same records always build a byte-identical site.
            epoch = calendar.timegm(self.output.latest_date.timetuple())
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        _use_theme(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.output is not None
        # One look-up table: Files rebuilds its own after every append (quadratic for N pages).
        existing = {f.src_uri: f for f in files}
        for page in self.output.pages:
            if page.src_uri in existing:
                files.remove(existing[page.src_uri])
            files.append(File.generated(config, page.src_uri, content="",
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        for data in self.output.files:
            files.append(File.generated(config, data.path, content=data.content))
        # From here MkDocs holds the pages and files; drop our lists so each body lives once.
        self.output.pages, self.output.files = [], []
        for asset in sorted(ASSETS.iterdir()):
            if asset.suffix in (".js", ".css") and asset.name != "embed.css":
                files.append(File.generated(config, ASSETS_URL + asset.name,
                                            abs_src_path=str(asset)))
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        # The header and the list template show search controls only when there is an index.
        env.globals["congkhai_search"] = self.search
        env.globals["congkhai_assets"] = ASSETS_URL
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return markdown
        # MkDocs prints titles and meta raw (autoescape is off): hand it escaped text only.
        page.meta["template"] = generated.template
        page.meta["description"] = str(escape(generated.description))
        page.meta["congkhai"] = generated
        # Material prints `page.meta.title` verbatim but passes `page.title` through
        # `striptags`, which *un*-escapes entities; so the escaped title goes in meta.
        page.meta["title"] = str(escape(generated.title))
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            # MkDocs keeps `page.content` until it writes the page: keep no second copy.
            light = dataclasses.replace(generated, body=Markup(""))
            self.pages[page.file.src_uri] = page.meta["congkhai"] = light
            return str(generated.body)
        if page.file.src_uri == "index.md" and self.output is not None:
            return html + str(self.output.home_sections)
        return html

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for folder in self.project.record_dirs:
            path = self.root / folder
            if path.exists():
                server.watch(str(path))
        server.watch(str(PACKAGE / "site" / "templates"))
        server.watch(str(THEME))
        server.watch(str(ASSETS))
        return server


def _use_theme(config: MkDocsConfig) -> None:
    """Put the package's templates after the site's own `custom_dir`, before Material's, and
    load the package's stylesheet on every page."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, str(THEME))
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)


def _problems(problems: list[Any]) -> str:
    return "cấu hình có lỗi:\n" + "\n".join(p.format() for p in problems)
