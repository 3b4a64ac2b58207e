"""Printing and posting in a real browser: posting sheets on exactly one A4 page for the longest
procedures of the national corpus, their QR codes decoded by a real decoder (zxing-cpp), a
counter's page of sheets, the full procedure page's printed margins, the compact embed's height
on a phone.

The corpus project is the sample project plus the longest records of the shared national
corpus, imported with `congkhai import` the way an editor would (sectors the sample's
catalogue lacks are added to its mkdocs.yml; records `congkhai check` rejects are left out).
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
import zxingcpp
from pypdf import PdfReader

from .conftest import ROOT, ServedSite, build_site, serve

pytestmark = pytest.mark.browser

#: The shared samples sit next to the repository (or next to the folder of git worktrees).
CORPUS = next((base / "shared" / "samples" / "national-corpus" for base in (ROOT.parent, ROOT.parents[1])
               if (base / "shared" / "samples" / "national-corpus").is_dir()),
              ROOT.parent / "shared" / "samples" / "national-corpus")
SITE_URL = "https://example.gov.vn/tthc/"
#: How many of the corpus' largest records, and of its longest names, are imported.
LARGEST, LONGEST_NAMES = 8, 4
SAMPLE_CODE = "1.001193"  # Thủ tục đăng ký khai sinh: the example
PHONE_WIDTH, CARD_MAX_HEIGHT = 390, 1500
#: A4's printable area at the sheets' 10 mm margins, in CSS pixels (190 × 277 mm at 96 dpi):
#: the screen layout measured against it wraps lines as the printed page does.
A4_CONTENT = {"width": 718, "height": 1047}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    code = "import sys; from generator.tools.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def longest_records() -> list[Path]:
    files = sorted(CORPUS.glob("*/*.json"))
    if not files:
        pytest.skip(f"{CORPUS} holds no records")
    largest = sorted(files, key=lambda f: (-f.stat().st_size, f.name))[:LARGEST]
    names = {f: len(json.loads(f.read_text(encoding="utf-8")).get("ten_thu_tuc") or "")
             for f in files}
    longest = sorted(files, key=lambda f: (-names[f], f.name))[:LONGEST_NAMES]
    return sorted(set(largest) | set(longest))


def corpus_project(project: Path) -> list[str]:
    """Make `project`: the sample project plus the corpus' longest records; return their codes."""
    project.mkdir(parents=True)
    for part in ("mkdocs.yml", "docs", "units", "indexes", "procedures"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / part)
    before = {p.name for p in (project / "procedures").glob("*.yaml")}
    run = _run("import", *map(str, longest_records()), "--unit", "so-tu-phap",
               "--ngay-cap-nhat", "2025-01-01", cwd=project)
    assert run.returncode == 0, run.stdout + run.stderr
    imported = [p for p in sorted((project / "procedures").glob("*.yaml")) if p.name not in before]
    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(config_text.replace("!!python/name:", "")) or {}
    known = set(next(p["congkhai"] for p in config["plugins"]
                     if isinstance(p, dict) and "congkhai" in p)["linh_vuc"])
    sectors = sorted({yaml.safe_load(p.read_text(encoding="utf-8"))["linh_vuc"]
                      for p in imported} - known)
    if sectors:
        # Append the corpus' sectors to the catalogue, under the existing `linh_vuc:` list.
        config_text = re.sub(r"(\n(\s+)linh_vuc:\n)", lambda m: m.group(1) + "".join(
            f"{m.group(2)}  - {s}\n" for s in sectors), config_text, count=1)
        (project / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    kept = []
    for record in imported:
        if _run("check", str(record.relative_to(project)), cwd=project).returncode == 0:
            kept.append(record.stem)
        else:
            record.unlink()
    assert len(kept) >= LARGEST // 2, "too few corpus records passed `congkhai check`"
    return kept


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Iterator[tuple[ServedSite, list[str]]]:
    project = tmp_path_factory.mktemp("corpus") / "project"
    kept = corpus_project(project)
    site = build_site(project / "mkdocs.yml", project / "site", site_url=SITE_URL)
    with serve(site) as url:
        yield ServedSite(url, site, project), kept


def pdf_pages(page) -> PdfReader:
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def decode_qr(page, selector: str) -> list[str]:
    """Rasterise the page's inline SVG QR code in the browser (canvas, 8 px per module) and
    decode the grey pixels with zxing-cpp."""
    data = page.evaluate("""async (selector) => {
        const svg = document.querySelector(selector);
        const size = svg.viewBox.baseVal.width * 8;
        const source = new XMLSerializer().serializeToString(svg);
        const image = new Image();
        image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = canvas.height = size;
        const context = canvas.getContext("2d");
        context.fillStyle = "#fff";
        context.fillRect(0, 0, size, size);
        context.drawImage(image, 0, 0, size, size);
        const rgba = context.getImageData(0, 0, size, size).data;
        let grey = "";
        for (let i = 0; i < rgba.length; i += 4) grey += String.fromCharCode(rgba[i + 1]);
        return [size, btoa(grey)];
    }""", selector)
    size, grey = data
    pixels = memoryview(base64.b64decode(grey)).cast("B", (size, size))
    return [barcode.text for barcode in zxingcpp.read_barcodes(pixels)]


def test_every_posting_sheet_prints_on_one_a4_page_and_its_qr_decodes(corpus_site, new_page):
    site, codes = corpus_site
    for code in [SAMPLE_CODE, *codes]:
        page = new_page(site.page(f"thu-tuc/{code}/niem-yet/"), viewport=A4_CONTENT)
        reader = pdf_pages(page)
        assert len(reader.pages) == 1, code
        width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297), code  # A4
        # Nothing is cut off: the sheet's content fits its one-page box.
        clipped = page.evaluate("""() => { const s = document.querySelector('.ck-sheet');
            return s.scrollHeight - s.clientHeight; }""")
        assert clipped <= 1, (code, clipped)
        text = reader.pages[0].extract_text()
        assert code in text
        assert decode_qr(page, ".ck-sheet__qr svg") == [f"{SITE_URL}thu-tuc/{code}/"], code


def test_counter_page_holds_all_its_sheets_one_per_page(corpus_site, new_page):
    site, codes = corpus_site
    page = new_page(site.page("don-vi/so-tu-phap/mot-cua/niem-yet/"),
                    viewport=A4_CONTENT)
    shown = page.eval_on_selector_all("article.ck-sheet", "a => a.map(s => s.dataset.code)")
    listed = page.context.new_page()
    listed.goto(site.page("don-vi/so-tu-phap/mot-cua/"))
    in_list = listed.eval_on_selector_all(".ck-counter-list tbody tr[data-code]",
                                          "rows => rows.map(r => r.dataset.code)")
    assert set(codes) <= set(shown)
    assert shown == in_list
    # The list itself prints on A4 landscape (its seven or eight official columns).
    width, height = (float(v) for v in pdf_pages(listed).pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (297, 210)
    reader = pdf_pages(page)
    assert len(reader.pages) == len(shown)
    for number, code in enumerate(shown):
        assert code in reader.pages[number].extract_text(), (number, code)


def test_full_procedure_page_prints_title_page_numbers_dates_and_qr(corpus_site, new_page):
    site, _ = corpus_site
    page = new_page(site.page(f"thu-tuc/{SAMPLE_CODE}/"), viewport=A4_CONTENT)
    reader = pdf_pages(page)
    total = len(reader.pages)
    first = " ".join(reader.pages[0].extract_text().split())
    # pypdf splits some Vietnamese glyph clusters with spaces: compare without spaces.
    flat = first.replace(" ", "")
    assert f"Trang1/{total}" in flat
    assert "Thủtụcđăngkýkhaisinh" in flat
    assert "Cậpnhật:" in flat and "Inngày" in flat
    assert f"{SITE_URL}thu-tuc/{SAMPLE_CODE}/".replace(" ", "") in flat
    last = reader.pages[-1].extract_text().replace(" ", "")
    assert f"Trang{total}/{total}" in last
    assert decode_qr(page, ".ck-print-head svg") == [f"{SITE_URL}thu-tuc/{SAMPLE_CODE}/"]
    # "Lưu ý" holds notes, not documents: printed as text, without ☐ boxes.
    notes = page.locator("h3", has_text="Lưu ý").locator("xpath=following-sibling::ul[1]")
    assert "ck-notes" in notes.get_attribute("class")
    boxes = notes.locator(".ck-box")
    assert boxes.count() > 0
    assert boxes.evaluate_all("bs => bs.every(b => getComputedStyle(b).display === 'none')")
    ticked = page.locator("ul.ck-checklist:not(.ck-notes) .ck-box").first
    assert ticked.evaluate("b => getComputedStyle(b).display") != "none"


def test_compact_card_is_short_on_a_phone(corpus_site, new_page):
    site, codes = corpus_site
    for code in [SAMPLE_CODE, *codes]:
        page = new_page(site.page(f"embed/the/thu-tuc/{code}/"))
        assert page.viewport_size["width"] == PHONE_WIDTH
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < CARD_MAX_HEIGHT, (code, height)
        assert page.locator("main a", has_text="Xem đầy đủ").count() == 1
