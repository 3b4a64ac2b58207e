"""The MkDocs adapter: hands the core's pages and files to MkDocs. No domain logic here."""

from __future__ import annotations

import calendar
import dataclasses
import logging
import os
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .build import build_site
from .config import ProjectConfig
from .problems import RecordsInvalid
from .render import SiteOutput, SitePage
from .search_index import SearchIndexError, index_site

#: Our own browser scripts, shipped with the package and published under this folder.
ASSETS = Path(__file__).parent / "assets"
ASSETS_URL = "assets/congkhai/"

log = logging.getLogger("mkdocs.plugins.congkhai")


class CongkhaiConfig(Config):
    co_quan_chu_quan = c.Optional(c.Type(str))
    procedures_dir = c.Type(str, default="procedures")
    units_dir = c.Type(str, default="units")
    indexes_dir = c.Type(str, default="indexes")
    linh_vuc = c.Optional(c.Type(list))
    cap_thuc_hien = c.Optional(c.Type(list))
    loai_don_vi = c.Optional(c.Type(list))
    phan_anh_kien_nghi = c.Optional(c.Type(dict))
    dia_chi_dvc = c.Optional(c.Type(str))
    #: Index the built site with Pagefind and show the search box (false: neither).
    search = c.Type(bool, default=True)


class CongkhaiPlugin(BasePlugin[CongkhaiConfig]):
    def __init__(self) -> None:
        self.output: SiteOutput | None = None
        self.pages: dict[str, SitePage] = {}

    def on_config(self, config):
        self.root = Path(config.config_file_path or ".").resolve().parent
        options = {k: v for k, v in self.config.items() if v is not None and k != "search"}
        # The core cannot read MkDocs' site_url itself: feeds, embeds and open data need it.
        project = ProjectConfig(**options, site_url=config.site_url)
        try:
            result = build_site(self.root, project)
        except RecordsInvalid as invalid:
            # Raised before MkDocs cleans site/, so the last good site stays in place.
            raise PluginError(str(invalid)) from None
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
        return config

    def on_files(self, files: Files, config) -> Files:
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
        for script in sorted(ASSETS.glob("*.js")):
            files.append(File.generated(config, ASSETS_URL + script.name,
                                        abs_src_path=str(script)))
        return files

    def on_env(self, env, config, files):
        # The header and the list template show search controls only when there is an index.
        env.globals["congkhai_search"] = self.config.search
        env.globals["congkhai_assets"] = ASSETS_URL
        return env

    def on_page_markdown(self, markdown, page, config, files):
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

    def on_page_content(self, html, page, config, files):
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            # MkDocs keeps `page.content` until it writes the page: keep no second copy.
            light = dataclasses.replace(generated, body=Markup(""))
            self.pages[page.file.src_uri] = page.meta["congkhai"] = light
            return str(generated.body)
        if page.file.src_uri == "index.md" and self.output is not None:
            return html + str(self.output.home_sections)
        return html

    def on_post_build(self, config):
        if not self.config.search:
            return
        try:
            report = index_site(Path(config.site_dir))
        except SearchIndexError as failed:
            raise PluginError(str(failed)) from None
        for warning in report.warnings:
            log.warning(f"Pagefind: {warning}")
        log.info(report.summary())

    def on_serve(self, server, config, builder):
        for folder in ("procedures_dir", "units_dir", "indexes_dir"):
            path = self.root / self.config[folder]
            if path.exists():
                server.watch(str(path))
        server.watch(str(Path(__file__).parent / "templates"))
        server.watch(str(ASSETS))
        return server
