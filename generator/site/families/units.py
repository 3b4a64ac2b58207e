"""Unit pages: `don-vi/<ma_don_vi>/` (information, contact, feedback, the procedures it handles,
its scores) and the index of units."""

from __future__ import annotations

from collections.abc import Iterator

from ...records.kinds import UNIT
from ...vietnamese import sort_key
from ..output import Output, SitePage
from ..paths import PATHS
from ..render import Renderer, for_record
from .base import Family
from .lists import by_sector_then_name, listing, paginate
from .scores import score_section


def generate(r: Renderer) -> Iterator[Output]:
    cat = r.cat
    for unit_id, unit in cat.units.items():
        path = PATHS.unit(unit_id)
        with for_record(cat.where(UNIT.plural, unit_id)):
            procedures = by_sector_then_name(cat.procedures_of_unit.get(unit_id, []))
            # A province's unit handles thousands of national procedures: the unit page shows
            # the first page of them, the rest are list pages under it (don-vi/<id>/trang-2/).
            pages = paginate(path, procedures)
            first, first_items = pages[0]
            body = r.render("unit.html", path, unit=unit, procedures=first_items, pg=first,
                            total=len(procedures), merged_from=cat.merged_from.get(unit_id, []),
                            feedback=cat.feedback_for(unit_id), scores=score_section(r, unit_id))
            yield SitePage(path=path, title=unit.ten_don_vi, body=body, template="unit.html",
                           description=f"{unit.ten_don_vi}: thông tin liên hệ, thủ tục hành "
                           "chính và kết quả đánh giá.", kind="unit")
            if len(pages) > 1:
                title = f"Thủ tục hành chính do {unit.ten_don_vi} thực hiện"
                intro = f"{len(procedures)} thủ tục đang áp dụng."
                yield from (page for page in listing(r, path, title, procedures, intro=intro,
                                                     feedback_unit=unit_id,
                                                     group_by_sector=True)
                            if page.path != path)
    units = sorted(cat.units.values(),
                   key=lambda u: (sort_key(u.loai_don_vi), sort_key(u.ten_don_vi)))
    yield SitePage(PATHS.units, "Đơn vị", r.render("units.html", PATHS.units, units=units),
                   template="listing.html", kind="index")


FAMILY = Family("đơn vị", generate)
