"""Posting sheets and one-stop counter lists (generator/site/families/sheets.py): structural
checks of the built fixture site, and the short forms and key documents they print."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.build import build_site
from generator.derive.posting import is_note_group, shorten
from generator.records.config import load_config
from generator.site.qr import qr_svg
from generator.site.render import css_string

from .conftest import FIXTURE

SITE_URL = "https://example.gov.vn/tthc/"
CODE = "1.001193"
MARKUP_CODE = "1.000656"  # its name holds `</title><script>…`
ABOLISHED = "1.000419"


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_every_current_procedure_has_a_posting_sheet(fixture_site):
    sheets = sorted(p.parent.parent.name for p in fixture_site.glob("thu-tuc/*/niem-yet/index.html"))
    assert sheets == ["1.000656", "1.001193", "1.013225"]  # not the abolished 1.000419


def test_posting_sheet_holds_the_summary_and_a_qr_code(soup_of):
    soup = soup_of(f"thu-tuc/{CODE}/niem-yet")
    assert soup.html["lang"] == "vi"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert soup.select('[class^="md-"]') == []  # no Material chrome
    [sheet] = soup.select("article.ck-sheet")
    assert text(sheet.select_one("h2")) == "Thủ tục đăng ký khai sinh"
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in sheet.select("dt")}
    assert list(facts) == ["Ai thực hiện", "Thời hạn giải quyết", "Phí, lệ phí", "Nơi nộp hồ sơ",
                           "Cách thức nộp"]
    assert facts["Thời hạn giải quyết"] == "1 ngày làm việc"
    assert sheet.select("section.ck-sheet__docs li")
    foot = text(sheet.select_one("footer"))
    assert "Công bố tại: Quyết định" in foot
    assert "Thông tin cập nhật ngày:" in foot
    assert SITE_URL + f"thu-tuc/{CODE}/" in foot
    qr = sheet.select_one(".ck-sheet__qr svg.ck-qr")
    assert qr["aria-label"] == f"Mã QR tới trang thủ tục: {SITE_URL}thu-tuc/{CODE}/"
    # The print date is filled in by the browser at print time, never by the build.
    assert sheet.select_one("[data-ck-print-date]").has_attr("hidden")
    assert [s["src"] for s in soup.select("script")] == ["../../../assets/congkhai/print-date.js"]
    assert soup.select_one("a.ck-skip")["href"] == "#noi-dung"
    assert soup.select_one("main#noi-dung")


def test_markup_in_a_name_stays_text_on_the_sheet(fixture_site):
    html = (fixture_site / f"thu-tuc/{MARKUP_CODE}/niem-yet/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_unit_counter_lists_its_procedures_with_the_official_columns(soup_of):
    soup = soup_of("don-vi/ubnd-xa-a/mot-cua")
    headers = [text(th) for th in soup.select(".ck-counter-list thead th")]
    assert headers[:7] == ["Số TT", "Tên TTHC", "Thời hạn giải quyết", "Địa điểm thực hiện",
                           "Phí, lệ phí", "Căn cứ pháp lý", "Cơ quan thực hiện"]
    codes = [tr["data-code"] for tr in soup.select(".ck-counter-list tbody tr[data-code]")]
    assert codes == ["1.001193", "1.000656"]  # current only; “khai sinh” < “khai tử”
    link = soup.select_one('.ck-sheet-tools a[href="niem-yet/"]')
    assert text(link) == "In trang niêm yết của từng thủ tục"


def test_counter_sheets_page_holds_every_sheet_of_the_counter(soup_of):
    soup = soup_of("don-vi/ubnd-xa-a/mot-cua/niem-yet")
    assert [a["data-code"] for a in soup.select("article.ck-sheet")] == ["1.001193", "1.000656"]
    sector = soup_of("linh-vuc/ho-tich/mot-cua/niem-yet")
    assert [a["data-code"] for a in sector.select("article.ck-sheet")] == ["1.001193", "1.000656"]


def test_procedure_page_carries_its_print_parts(soup_of):
    soup = soup_of(f"thu-tuc/{CODE}")
    head = soup.select_one(".ck-print-head")
    assert "ck-print-only" in head["class"]
    assert head.select_one("svg.ck-qr")
    assert text(head) == f"{SITE_URL}thu-tuc/{CODE}/"
    assert head["data-ck-print-footer"] == "Cập nhật: 20/03/2026"
    style = soup.select_one('style[media="print"]').get_text()
    assert 'counter(page) "/" counter(pages)' in style and "@top-center" in style
    assert text(soup.select_one(".ck-posting-link a")) == "In trang niêm yết (một trang A4)"


def test_without_site_url_the_sheet_says_so_instead_of_a_wrong_qr():
    config = load_config(FIXTURE / "mkdocs.yml").model_copy(update={"site_url": None})
    pages = {p.path: p for p in build_site(FIXTURE, config).output.pages}
    body = BeautifulSoup(str(pages[f"thu-tuc/{CODE}/niem-yet/"].body), "html.parser")
    assert body.select("svg") == []
    assert "site_url" in text(body.select_one(".ck-sheet__no-url"))


def test_shorten_keeps_a_prefix_and_marks_the_cut():
    assert shorten("Giấy chứng sinh", 50).text == "Giấy chứng sinh"
    short = shorten("Tờ khai đăng ký khai sinh theo mẫu, nếu nộp trực tiếp", 30)
    assert short.cut and short.text == "Tờ khai đăng ký khai sinh…"
    assert len(short.text) <= 30
    assert shorten("**Bản sao** [Giấy khai sinh](https://x)", 100).text == "Bản sao Giấy khai sinh"


def test_note_groups_are_not_documents():
    assert is_note_group("Lưu ý") and is_note_group("Ghi chú:")
    assert not is_note_group("Giấy tờ phải nộp") and not is_note_group(None)


def test_css_string_cannot_end_the_string_or_the_style_element():
    assert str(css_string('a"b</style>')) == '"a\\22 b\\3c \\2f style\\3e "'


def test_qr_svg_is_deterministic_and_labelled():
    one = qr_svg("https://example.gov.vn/tthc/thu-tuc/1.001193/", "Mã QR")
    assert one == qr_svg("https://example.gov.vn/tthc/thu-tuc/1.001193/", "Mã QR")
    assert one.startswith('<svg class="ck-qr"') and 'aria-label="Mã QR"' in one



def test_unit_and_sector_pages_link_to_their_counter_pages(soup_of):
    for page, counter in [("don-vi/ubnd-xa-a", "mot-cua/"), ("linh-vuc/ho-tich", "mot-cua/")]:
        links = soup_of(page).select(".ck-counter-links a")
        assert [a["href"] for a in links] == [counter, counter + "niem-yet/"], page
    # A unit that handles no procedure has no counter page, and no link to one.
    assert soup_of("don-vi/so-y-te").select(".ck-counter-links") == []
    assert soup_of("thu-tuc").select(".ck-counter-links") == []
