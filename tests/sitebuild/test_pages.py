"""Structural checks (CSS selectors) of every page type of the fixture site."""

from __future__ import annotations

import itertools
import json
import re

import pytest

CODE = "1.001193"


def text(node) -> str:
    return " ".join(node.get_text("").split())


def article(soup):
    return soup.select_one("article.md-content__inner")


# --- Procedure page ------------------------------------------------------------------------


def test_procedure_page_summary_comes_first(soup_of):
    soup = soup_of(f"thu-tuc/{CODE}")
    content = article(soup)
    h1 = content.select_one("h1")
    assert text(h1) == "Thủ tục đăng ký khai sinh"
    sections = [h.get("id") for h in content.select("h2")]
    assert sections[0] == "tom-tat", "the summary must come before every other section"
    facts = {text(dt): text(dt.find_next_sibling("dd")) for dt in content.select(".ck-summary dt")}
    assert facts == {
        "Ai thực hiện": "Công dân Việt Nam; Người Việt Nam định cư ở nước ngoài",
        "Thời hạn giải quyết": "1 ngày làm việc",
        "Phí, lệ phí": "Miễn phí",
        "Nơi nộp hồ sơ": "UBND xã A <b>mẫu</b>, Thôn 1, xã A",
        "Cách thức nộp": "Trực tiếp; Trực tuyến; Dịch vụ bưu chính",
        "Dịch vụ công trực tuyến": "Toàn trình: nộp hồ sơ và nhận kết quả trực tuyến",
        # The key documents (forms first) and a link to the full list.
        "Giấy tờ cần chuẩn bị": "Tờ khai đăng ký khai sinh theo mẫu Giấy chứng sinh "
                                "Giấy tờ tùy thân Xem đủ 3 giấy tờ",
    }
    button = content.select_one(".ck-summary a.md-button")
    assert button["href"] == "https://dichvucong.gov.vn/" and text(button) == "Nộp hồ sơ trực tuyến"


def test_procedure_page_has_every_required_element(soup_of):
    content = article(soup_of(f"thu-tuc/{CODE}"))
    headings = [text(h) for h in content.select("h2")]
    assert headings == [
        "Tóm tắt", "Hồ sơ cần chuẩn bị", "Trình tự thực hiện", "Cách thức thực hiện",
        "Yêu cầu, điều kiện thực hiện", "Kết quả thực hiện", "Cơ quan thực hiện",
        "Địa điểm, thời gian thực hiện", "Căn cứ pháp lý",
        "Quyết định công bố và lịch sử thay đổi", "Thủ tục liên quan",
        "Phản ánh, kiến nghị về quy định hành chính",
    ]
    # Steps are a real ordered list; sub-cases stay inside their step.
    steps = content.select("ol.ck-steps > li")
    assert len(steps) == 3
    assert "(ii) Trường hợp chưa đầy đủ" in text(steps[1])
    # Channels with per-channel time and fee.
    rows = content.select(".ck-channels tbody tr")
    assert [text(r.th) for r in rows] == ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]
    # Dossier as a checklist, the form next to the document it belongs to.
    groups = [text(h) for h in content.select("#ho-so ~ h3, section h3")]
    assert groups[:2] == ["Giấy tờ phải nộp", "Giấy tờ phải xuất trình"]
    first = content.select("ul.ck-checklist li")[0]
    assert text(first.select_one(".ck-box")) == "☐"
    assert "Tờ khai đăng ký khai sinh theo mẫu" in text(first)
    assert text(first.select_one(".ck-copies")) == "(1 bản chính)"
    form = first.select_one(".ck-form a")
    assert form["href"] == "https://example.gov.vn/mau/to-khai-khai-sinh.docx"
    # Absent conditional elements say so explicitly; this record comes from the national
    # database (`nguon`), so an empty one is unknown there, not "Không".
    conditions = content.select_one("#dieu-kien").find_parent("section")
    assert text(conditions.select_one("p")) == "Cơ sở dữ liệu quốc gia chưa có thông tin"
    assert "KQ.G15.000031" in text(content.select_one("#ket-qua").find_parent("section"))
    legal = [text(li) for li in content.select("ul.ck-legal li")]
    assert legal[1] == ("123/2015/NĐ-CP: Nghị định quy định chi tiết một số điều và biện pháp thi "
                        "hành Luật Hộ tịch (ngày 15/11/2015, Chính phủ)")
    history = content.select(".ck-history tbody tr")
    assert [text(r.select("td")[0]) for r in history] == ["163/QĐ-BTP", "100/QĐ-UBND"]
    assert text(history[1].select("td")[3]) == "sửa đổi, bổ sung"
    assert "Sửa đổi thành phần hồ sơ" in text(history[1].select("td")[4])
    assert history[0].select_one("a")["href"] == "../../cong-bo/163-qd-btp/"
    # Handling unit with contact, and the feedback block with the unit's own override.
    unit = content.select_one("#co-quan").find_parent("section")
    assert unit.select_one("a")["href"] == "../../don-vi/ubnd-xa-a/"
    feedback = content.select_one("aside.ck-feedback")
    assert "UBND xã A" in text(feedback) and "0200.222.222" in text(feedback)
    updated = content.select_one(".ck-page-footer time")
    assert updated["datetime"] == "2026-03-20" and text(updated) == "20/03/2026"


def test_headings_never_skip_a_level(soup_of):
    for path in (f"thu-tuc/{CODE}", "thu-tuc", "don-vi/ubnd-xa-a", "cong-bo/100-qd-ubnd", "da-bai-bo"):
        levels = [int(h.name[1]) for h in article(soup_of(path)).select("h1, h2, h3, h4")]
        assert levels[0] == 1, path
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{path}: h{before} followed by h{after}"


def test_government_service_json_ld(soup_of):
    soup = soup_of(f"thu-tuc/{CODE}")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "GovernmentService"
    assert data["identifier"] == CODE
    assert data["provider"]["name"] == "UBND xã A <b>mẫu</b>"
    assert {c["name"] for c in data["availableChannel"]} == {"Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"}
    assert data["availableChannel"][0]["processingTime"] == "P1D"


def test_abolished_procedure_page_has_banner_and_decision(soup_of):
    content = article(soup_of("thu-tuc/1.000419"))
    banner = content.select_one(".ck-banner--abolished")
    assert banner is not None
    assert "Thủ tục này đã bị bãi bỏ theo Quyết định 200/QĐ-UBND ngày 04/05/2026" in text(banner)
    assert banner.select_one('a[href="../1.000656/"]') is not None
    assert content.select_one(".ck-summary a.md-button") is None


# --- Lists ---------------------------------------------------------------------------------

OFFICIAL_COLUMNS = ["Số TT", "Tên TTHC", "Thời hạn giải quyết", "Địa điểm thực hiện",
                    "Phí, lệ phí", "Căn cứ pháp lý", "Cơ quan thực hiện"]


def list_codes(soup) -> list[str]:
    scope = article(soup) if soup.name == "[document]" else soup
    return [row["data-code"] for row in scope.select(".ck-list tbody tr[data-code]")]


def test_all_procedures_list_uses_official_columns(soup_of):
    soup = soup_of("thu-tuc")
    headers = [text(th) for th in article(soup).select(".ck-list thead th")]
    assert headers == OFFICIAL_COLUMNS + ["Cách thức thực hiện"]
    # Grouped by sector, then by name, in Vietnamese order (o < ô: “Hoạt động” < “Hộ tịch”).
    assert list_codes(soup) == ["1.013225", "1.001193", "1.000656"]
    groups = [text(th) for th in article(soup).select("tr.ck-group th")]
    assert groups == ["Hoạt động xây dựng", "Hộ tịch"]
    assert article(soup).select_one("script") is None  # plain HTML, works without JavaScript


@pytest.mark.parametrize("path", ["thu-tuc", "linh-vuc/ho-tich", "cap/cap-xa", "don-vi/ubnd-xa-a",
                                  "cong-bo/163-qd-btp", ""])
def test_abolished_procedure_absent_from_current_lists(soup_of, path):
    soup = soup_of(path) if path else soup_of(".")
    assert "1.000419" not in list_codes(soup)
    later = article(soup).select_one(".ck-later")
    links = [a["href"] for a in article(soup).select("a") if "1.000419" in a.get("href", "")]
    # Only a decision page names it, outside its tables, as abolished later.
    assert links == ([] if later is None else ["../../thu-tuc/1.000419/"])


def test_sector_and_level_lists(soup_of):
    assert list_codes(soup_of("linh-vuc/ho-tich")) == ["1.001193", "1.000656"]
    assert list_codes(soup_of("linh-vuc/hoat-dong-xay-dung")) == ["1.013225"]
    assert list_codes(soup_of("cap/cap-tinh")) == ["1.013225"]
    headers = [text(th) for th in article(soup_of("linh-vuc/ho-tich")).select("thead th")]
    assert headers == OFFICIAL_COLUMNS + ["Cách thức thực hiện"]


def test_list_pages_carry_feedback_block(soup_of):
    for path in ("thu-tuc", "linh-vuc/ho-tich", "cap/cap-xa", "cong-bo/163-qd-btp", "da-bai-bo"):
        assert article(soup_of(path)).select_one("aside.ck-feedback dl") is not None, path


def test_abolished_list(soup_of):
    soup = soup_of("da-bai-bo")
    rows = article(soup).select(".ck-list tbody tr")
    assert [r["data-code"] for r in rows] == ["1.000419"]
    assert "200/QĐ-UBND" in text(rows[0])


def test_decision_page_has_three_lists(soup_of):
    content = article(soup_of("cong-bo/200-qd-ubnd"))
    assert [text(h) for h in content.select("h2")][:3] == [
        "Danh mục thủ tục hành chính mới ban hành",
        "Danh mục thủ tục hành chính sửa đổi, bổ sung, thay thế",
        "Danh mục thủ tục hành chính bị bãi bỏ",
    ]
    abolished = content.select_one("#bai-bo").find_parent("section")
    assert [r["data-code"] for r in abolished.select("tr[data-code]")] == ["1.000419"]
    amended = article(soup_of("cong-bo/100-qd-ubnd")).select_one("#sua-doi").find_parent("section")
    assert "Sửa đổi thành phần hồ sơ" in text(amended)


def test_unit_page(soup_of):
    content = article(soup_of("don-vi/ubnd-xa-a"))
    assert text(content.select_one("h1")) == "UBND xã A <b>mẫu</b>"
    assert list_codes(content) == ["1.001193", "1.000656"]
    merged = content.select_one('a[href="../ubnd-xa-b/"]')
    assert merged is not None and "UBND xã B (cũ)" in text(merged)
    old = article(soup_of("don-vi/ubnd-xa-b"))
    assert old.select_one('.ck-banner--merged a[href="../ubnd-xa-a/"]') is not None


def test_home_page_sections(soup_of):
    content = article(soup_of("."))
    ids = [h.get("id") for h in content.select("h2")]
    assert ids == ["tra-cuu", "theo-linh-vuc", "theo-cap", "theo-don-vi", "thay-doi"]
    changes = [text(li) for li in content.select("#thay-doi + ul li")]
    assert changes[0].startswith("Quyết định 200/QĐ-UBND ngày 04/05/2026: 1 thủ tục bãi bỏ")


# --- Safety and navigation -----------------------------------------------------------------


def test_script_in_record_is_escaped_everywhere(fixture_site):
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html, page
        assert "javascript:alert" not in html, page
        assert "<b>mẫu</b>" not in html, page
    html = (fixture_site / "thu-tuc/1.000656/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith("Thủ tục đăng ký khai tử &lt;/title&gt;&lt;script&gt;")


def test_procedure_and_unit_pages_never_in_navigation(soup_of):
    nav = soup_of(f"thu-tuc/{CODE}").select("nav.md-nav--primary a.md-nav__link")
    targets = [a.get("href", "") for a in nav]
    assert targets, "the small site navigation is expected"
    assert not [t for t in targets if re.search(r"thu-tuc/\d|don-vi/.", t)]


def test_no_third_party_requests(fixture_site):
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r"<(script|link|img|iframe)\b[^>]*>", html):
            tag = match.group(0)
            if tag.startswith("<link") and 'rel="canonical"' in tag:
                continue
            assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", tag), (page, tag)
    assert "fonts.googleapis" not in (fixture_site / "index.html").read_text(encoding="utf-8")


def test_every_list_row_links_to_its_procedure_and_unit(fixture_site):
    """Rows are rendered once and shared between lists (render.list_row): on every list page,
    each row's links must still lead to that row's procedure and unit pages. (A row shared by
    page depth once sent a sector's counter list to the wrong page for the unit.)"""
    from urllib.parse import urljoin

    from bs4 import BeautifulSoup

    checked = 0
    for page in sorted(fixture_site.rglob("index.html")):
        folder = page.parent.relative_to(fixture_site).as_posix()
        here = "/" if folder == "." else f"/{folder}/"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for row in soup.select(".ck-list tr[data-code]"):
            if len(row.find_all("td", recursive=False)) < 7:
                continue  # not an official list row (a decision's table of changes)
            code = row["data-code"]
            procedure, unit = row.select("td a[href]")[:2]
            assert urljoin(here, procedure["href"]) == f"/thu-tuc/{code}/", (here, code)
            target = urljoin(here, unit["href"])
            assert target.startswith("/don-vi/") and (fixture_site / target.strip("/")).is_dir()
            unit_name = (fixture_site / target.strip("/") / "index.html").read_text("utf-8")
            assert f"<h1>{unit.decode_contents()}</h1>" in unit_name or unit.get_text() in unit_name
            checked += 1
    assert checked > 20
