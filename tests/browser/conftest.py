"""Real-browser test harness: build a site, serve it, drive headless Chromium, check with axe.

Reusable by every browser test (search, lists, unit and ranking pages, embeds):

- `build_site(config, site_dir, site_url=…)` builds any MkDocs project into a directory;
- `serve(directory)` serves a directory on 127.0.0.1 from a background thread;
- the session fixtures `sample_site` and `sample_site_subpath` are the real sample project
  (repo root `mkdocs.yml`), served at `/` and under `/tthc/`, built once per session;
- the session fixture `national_site` is a national-size site: every record of the shared
  corpus (../shared/samples, 1,572 procedures) imported by `bench/corpus.py new_project` (the
  project's own importer), built once with the real plugin and served under `/tthc/`;
  `national_records` reads its records once;
- `new_page(…)` opens a page in a fresh browser context (phone-sized by default, JavaScript
  on or off), closed at teardown;
- `axe_violations(page)` runs axe-core in the page and returns the WCAG 2.x A/AA violations;
- `search(page, query)` types a query into the header search and returns the result titles.

Chromium is Debian's package (`playwright install` cannot download browsers here); axe-core
comes from `npm ci` at the repo root.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-quic", "--no-first-run"]
#: The axe-core tags that make up WCAG 2.2 level AA (TT 26/2020/TT-BTTTT asks for AA).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: A phone (the users the search is for); tests needing a wide screen pass their own viewport.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "vi-VN"}
SUB_PATH = "tthc"

# Build the site in a subprocess so MkDocs and the plugin start clean (the plugin sets
# SOURCE_DATE_EPOCH in its process); `load_config` takes overrides such as site_url.
_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site_dir, site_url = sys.argv[1:4]
overrides = {"site_dir": site_dir}
if site_url:
    overrides["site_url"] = site_url
build(load_config(config_file=config_file, **overrides))
"""


def build_site(config: Path, site_dir: Path, *, site_url: str | None = None) -> Path:
    """Build the MkDocs project of `config` into `site_dir` (search index included)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SOURCE_DATE_EPOCH", None)
    run = subprocess.run([sys.executable, "-c", _BUILD, str(config), str(site_dir), site_url or ""],
                         capture_output=True, text=True, env=env, timeout=900, cwd=config.parent)
    if run.returncode != 0:
        raise AssertionError(f"building {config} failed:\n{run.stdout}\n{run.stderr}")
    assert (site_dir / "tim-kiem" / "chi-muc" / "manifest.json").is_file(), "no search index"
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    timeout = 30  # seconds a connection may stay idle: no thread waits forever

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) until the block ends; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass(frozen=True)
class ServedSite:
    """A built site and the URL it is served at (always ending in "/")."""

    url: str
    directory: Path
    project: Path

    def page(self, path: str = "") -> str:
        return self.url + path.lstrip("/")


def current_procedures(project: Path) -> dict[str, str]:
    """Code → name of the project's current (not abolished) procedures, read from the YAML."""
    result = {}
    for path in sorted((project / "procedures").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if record.get("trang_thai") != "đã bãi bỏ":
            result[str(record["ma_thu_tuc"])] = record["ten_thu_tuc"]
    return result


def _sample_project() -> Path:
    """The repo root, or the project named by $CONGKHAI_BROWSER_PROJECT (a directory with a
    mkdocs.yml, e.g. tests/fixtures/site) when working on the harness itself."""
    project = Path(os.environ.get("CONGKHAI_BROWSER_PROJECT") or ROOT)
    project = project if project.is_absolute() else ROOT / project
    if not any((project / "procedures").glob("*.yaml")):
        pytest.fail(f"{project / 'procedures'} holds no records: the browser tests need the "
                    "sample data")
    return project


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Iterator[ServedSite]:
    """The real sample project, built once and served at the server root."""
    project = _sample_project()
    site = build_site(project / "mkdocs.yml", tmp_path_factory.mktemp("sample") / "site")
    with serve(site) as url:
        yield ServedSite(url, site, project)


@pytest.fixture(scope="session")
def sample_site_subpath(tmp_path_factory) -> Iterator[ServedSite]:
    """The same project built for, and served under, a sub-path: http://127.0.0.1:<port>/tthc/."""
    project = _sample_project()
    www = tmp_path_factory.mktemp("www")
    site = build_site(project / "mkdocs.yml", www / SUB_PATH,
                      site_url=f"https://example.gov.vn/{SUB_PATH}/")
    with serve(www) as url:
        yield ServedSite(url + SUB_PATH + "/", site, project)


def _bench_corpus():
    """bench/corpus.py (bench/ is no package): the national corpus import the bench uses."""
    spec = importlib.util.spec_from_file_location("congkhai_bench_corpus",
                                                  ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def national_site(tmp_path_factory) -> Iterator[ServedSite]:
    """The whole shared national corpus as a real site: a new project (`congkhai init`), every
    record imported with the project's importer, built by MkDocs with the real plugin for
    https://example.gov.vn/tthc/ and served under /tthc/. Built once per session (about a
    minute and a half on two cores: the import ~16 s, the build ~75 s).

    CONGKHAI_NATIONAL_SITE=DIR keeps the project and the built site in DIR and reuses them on
    the next run (delete DIR after changing the generator, the importer or the corpus)."""
    corpus = _bench_corpus()
    missing = [str(source) for source in corpus.SOURCES if not source.is_dir()]
    if missing:
        pytest.skip(f"the shared national corpus is not available ({', '.join(missing)})")
    keep = os.environ.get("CONGKHAI_NATIONAL_SITE")
    work = Path(keep).resolve() if keep else tmp_path_factory.mktemp("national")
    project, www = work / "project", work / "www"
    site = www / SUB_PATH
    if not (keep and (site / "tim-kiem" / "chi-muc" / "manifest.json").is_file()):
        for old in (project, www):
            if old.exists():
                shutil.rmtree(old)
        result = corpus.new_project(project)
        assert len(result.written) > 1500, "the national corpus was not imported"
        build_site(project / "mkdocs.yml", site, site_url=f"https://example.gov.vn/{SUB_PATH}/")
    with serve(www) as url:
        yield ServedSite(url + SUB_PATH + "/", site, project)


@dataclass(frozen=True)
class Record:
    code: str
    name: str
    sector: str
    levels: tuple[str, ...]


@pytest.fixture(scope="session")
def national_records(national_site) -> dict[str, Record]:
    """Code → the national site's current (searchable) procedures, read from their YAML."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    records = {}
    for path in sorted((national_site.project / "procedures").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        if data.get("trang_thai") != "đã bãi bỏ":
            code = str(data["ma_thu_tuc"])
            records[code] = Record(code, data["ten_thu_tuc"], data["linh_vuc"],
                                   tuple(data.get("cap_thuc_hien") or ()))
    return records


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:
    """Open pages in fresh contexts: `new_page(url, javascript=True, **context_options)`.

    Uncaught page errors fail the test: a script that throws is a broken page.
    """
    contexts = []
    errors: list[str] = []

    def open_page(url: str | None = None, *, javascript: bool = True, **options):
        context = browser.new_context(**{**PHONE, **options}, java_script_enabled=javascript)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        if url:
            page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], "JavaScript errors in the page"


def axe_violations(page, tags: list[str] = WCAG_AA) -> list[dict]:
    """Run axe-core over the page as it is now; return its violations for `tags`."""
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` at the repository root")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations", tags)


def describe(violations: list[dict]) -> str:
    """One line per violation and node, for assertion messages."""
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            lines.append(f"{v['id']} ({v['impact']}): {node['target']} — {node['failureSummary']}")
    return "\n".join(lines)


# --- The search page -----------------------------------------------------------------------

def open_search(page):
    """Follow the header's search link to the search page; return its input."""
    page.click(".ck-search__button")
    box = page.locator("[data-ck-search] input[type=search]")
    box.wait_for()
    return box


def search(page, query: str, *, minimum: int = 1) -> list[str]:
    """Type `query` in the search page (following the header link if needed); return the result
    titles, best first, once the search has answered for exactly this query."""
    if not page.locator("[data-ck-search] input[type=search]").count():
        open_search(page)
    box = page.locator("[data-ck-search] input[type=search]")
    box.fill(query)
    return wait_for_answer(page, query, minimum=minimum)


def wait_for_answer(page, query: str, *, minimum: int = 1) -> list[str]:
    """Wait until the search has answered `query` (typed by whatever means); return the
    result titles, best first."""
    # The status line names the query once the engine has answered it.
    page.wait_for_function(
        """([query, minimum]) => {
            const root = document.querySelector('[data-ck-search]');
            const status = root.querySelector('[data-ck-status]');
            if (root.getAttribute('aria-busy') === 'true') return false;
            const text = status.textContent;
            if (!text.includes('“' + query.trim() + '”')) return false;
            const items = root.querySelectorAll('[data-ck-results] > li');
            return text.startsWith('Không') || items.length >= Math.min(minimum, 1);
        }""", arg=[query, minimum])
    return result_titles(page)


def status_text(page) -> str:
    return page.locator("[data-ck-search] [data-ck-status]").inner_text()


def result_total(page) -> int:
    """The number of results the status line announces (all of them, not only those shown)."""
    text = status_text(page)
    if text.startswith("Không"):
        return 0
    found = re.match(r"Tìm thấy (\d+) thủ tục", text)
    assert found, text
    return int(found.group(1))


def result_titles(page) -> list[str]:
    return [t.strip() for t in
            page.locator("[data-ck-search] [data-ck-results] a").all_inner_texts()]


def result_count(page) -> int:
    """Results shown (a page of them; more load on request)."""
    return page.locator("[data-ck-search] [data-ck-results] > li").count()


def result_links(page) -> list[str]:
    return page.locator("[data-ck-search] [data-ck-results] a").evaluate_all(
        "links => links.map(a => a.href)")


COMPRESSIBLE = (".js", ".css", ".json", ".html")


def transfer_size(url: str, body: bytes) -> int:
    """Bytes on the wire for `body` from a host that gzips text."""
    path = url.split("?", 1)[0]
    if path.endswith(COMPRESSIBLE):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


def first_query_downloads(page, query: str) -> dict[str, int]:
    """On the search page (already loaded), type `query` and wait for the results; return
    URL → bytes on the wire of every file the query fetched (index files and the script)."""
    page.wait_for_load_state("networkidle")
    fetched: dict[str, int] = {}

    def record(response):
        if ("/tim-kiem/" in response.url or response.url.endswith("search.js")) and response.ok:
            fetched[response.url] = transfer_size(response.url, response.body())

    page.on("response", record)
    titles = search(page, query)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", record)
    assert titles, f"no result for {query!r}"
    return fetched
