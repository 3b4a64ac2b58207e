"""Lists of procedures: all current ones, per sector, per level, the indexes of sectors and
levels, and the list of abolished procedures (the only place they are listed)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ...records.schema import Feedback, Procedure
from ...vietnamese import sort_key
from ..output import Output, SitePage
from ..paths import PATHS
from ..render import Renderer
from .base import Family

#: Rows per list page: a phone loads a page of the national catalogue (1,500+ procedures,
#: about 1.3 KB of HTML a row) in well under 300 KB.
PER_PAGE = 100


@dataclass(frozen=True)
class Pager:
    """Where one page sits in a long list: every page is linked (complete without JavaScript)."""

    base: str
    number: int
    count: int
    start: int  # rows before this page, for the running "Số TT"

    @property
    def path(self) -> str:
        return PATHS.page(self.base, self.number)

    def links(self) -> list[tuple[int, str]]:
        return [(n, PATHS.page(self.base, n)) for n in range(1, self.count + 1)]

    @property
    def previous(self) -> str | None:
        return PATHS.page(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return PATHS.page(self.base, self.number + 1) if self.number < self.count else None


def paginate(base: str, items: list[Procedure]) -> list[tuple[Pager, list[Procedure]]]:
    """The list cut into pages of `PER_PAGE` (one page, even empty, for a short list)."""
    count = max(1, -(-len(items) // PER_PAGE))
    return [(Pager(base, n, count, (n - 1) * PER_PAGE),
             items[(n - 1) * PER_PAGE:n * PER_PAGE]) for n in range(1, count + 1)]


def page_title(title: str, pager: Pager) -> str:
    return title if pager.count == 1 else f"{title} (trang {pager.number}/{pager.count})"


def listing(r: Renderer, path: str, title: str, procedures: list[Procedure], *,
            intro: str = "", feedback_unit: str | None = None,
            group_by_sector: bool = False, kind: str = "list") -> Iterator[Output]:
    """A list of procedures, one page per `PER_PAGE` rows, each page linking every other.

    A page comes from the build cache when its rows' procedures and the few catalogue facts
    the template reads (sectors, levels, units with counters, the feedback channel) are
    unchanged: after one edit, only the pages listing the edited procedure are rendered."""
    feedback = r.cat.feedback_for(feedback_unit)
    shown = list_facts(r, feedback)
    for pager, items in paginate(path, procedures):
        here = pager.path

        def page(pager: Pager = pager, items: list[Procedure] = items) -> SitePage:
            body = r.render("listing.html", pager.path, title=page_title(title, pager),
                            intro=intro, procedures=items, pg=pager,
                            group_by_sector=group_by_sector, filters=kind == "all-procedures",
                            feedback=feedback)
            return SitePage(path=pager.path, title=page_title(title, pager), body=body,
                            template="listing.html", description=intro or title, kind=kind)
        yield r.output("trang danh sách", [here, title, intro, str(group_by_sector), kind,
                                         repr(pager), *shown,
                                         *(r.procedure_key(p) for p in items)], page)


def list_facts(r: Renderer, feedback: Feedback | None) -> list[str]:
    """What a page listing procedures shows besides its rows (`Renderer.procedure_key` of
    each): the feedback channel, the sectors and levels, the units with a counter."""
    return [repr(feedback), repr([t.name for t in r.cat.sectors]),
            repr([t.name for t in r.cat.levels]), repr(sorted(r.cat.procedures_of_unit))]


def by_sector_then_name(procedures: list[Procedure]) -> list[Procedure]:
    return sorted(procedures, key=lambda p: (sort_key(p.linh_vuc), sort_key(p.ten_thu_tuc),
                                             p.ma_thu_tuc))


def generate(r: Renderer) -> Iterator[Output]:
    cat = r.cat
    yield from listing(r, PATHS.procedures, "Danh mục thủ tục hành chính",
                  by_sector_then_name(cat.current),
                  intro=f"{len(cat.current)} thủ tục hành chính đang áp dụng, xếp theo lĩnh vực.",
                  group_by_sector=True, kind="all-procedures")
    by_sector: dict[str, list[Procedure]] = defaultdict(list)
    by_level: dict[str, list[Procedure]] = defaultdict(list)
    for p in cat.current:  # one pass: a national catalogue has about a hundred sectors
        by_sector[p.linh_vuc].append(p)
        for name in dict.fromkeys(p.cap_thuc_hien):
            by_level[name].append(p)
    for term in cat.sectors:
        items = by_sector[term.name]
        yield from listing(r, PATHS.sector(term), f"Lĩnh vực {term.name}", items,
                      intro=f"{len(items)} thủ tục hành chính thuộc lĩnh vực {term.name}.")
    for term in cat.levels:
        items = by_level[term.name]
        yield from listing(r, PATHS.level(term), f"Thủ tục {term.name.lower()}",
                      by_sector_then_name(items), group_by_sector=True,
                      intro=f"{len(items)} thủ tục hành chính thực hiện ở {term.name.lower()}.")
    yield SitePage(PATHS.sectors, "Lĩnh vực", r.render("terms.html", PATHS.sectors,
                   title="Thủ tục theo lĩnh vực", terms=cat.sectors, kind="sector"),
                   template="listing.html", kind="index")
    yield SitePage(PATHS.levels, "Cấp thực hiện", r.render("terms.html", PATHS.levels,
                   title="Thủ tục theo cấp thực hiện", terms=cat.levels, kind="level"),
                   template="listing.html", kind="index")
    yield SitePage(PATHS.abolished, "Thủ tục đã bãi bỏ",
                   r.render("abolished.html", PATHS.abolished, procedures=cat.abolished,
                            feedback=cat.feedback_for(None)),
                   template="listing.html", kind="abolished",
                   description="Các thủ tục hành chính đã bị bãi bỏ và quyết định bãi bỏ.")


FAMILY = Family("danh mục", generate)
