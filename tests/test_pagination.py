"""Long lists are split into pages a phone can load, each linking every page (no JavaScript)."""

from __future__ import annotations

from generator.site.families.lists import PER_PAGE, page_title, paginate
from generator.site.paths import PATHS


def test_pages_of_a_long_list():
    items = list(range(2 * PER_PAGE + 1))
    pages = paginate("thu-tuc/", items)  # type: ignore[arg-type]
    assert [(p.path, len(rows), p.start) for p, rows in pages] == [
        ("thu-tuc/", PER_PAGE, 0), ("thu-tuc/trang-2/", PER_PAGE, PER_PAGE),
        ("thu-tuc/trang-3/", 1, 2 * PER_PAGE)]
    first, middle, last = (p for p, _rows in pages)
    assert first.previous is None and first.next == "thu-tuc/trang-2/"
    assert middle.previous == "thu-tuc/" and middle.next == "thu-tuc/trang-3/"
    assert last.next is None
    assert middle.links() == [(1, "thu-tuc/"), (2, "thu-tuc/trang-2/"), (3, "thu-tuc/trang-3/")]
    assert page_title("Danh mục", middle) == "Danh mục (trang 2/3)"


def test_a_short_or_empty_list_is_one_page():
    assert [(p.path, p.count) for p, _ in paginate("cap/cap-xa/", [])] == [("cap/cap-xa/", 1)]
    (only, rows), = paginate("don-vi/x/", [1, 2])  # type: ignore[list-item]
    assert (only.count, rows, page_title("Đơn vị", only)) == (1, [1, 2], "Đơn vị")
    assert PATHS.page("linh-vuc/thue/", 1) == "linh-vuc/thue/"
