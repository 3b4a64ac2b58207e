"""The procedure site's pages: one function per page type, each returning `SitePage`s."""

from __future__ import annotations

from typing import Iterator

from .catalogue import Catalogue, Decision
from .jsonld import government_service
from .render import PATHS, Renderer, SitePage, jsonld_script
from .schema import Procedure
from .slugs import sort_key
from .textformat import plain_text

CHANGE_KINDS = ("mới ban hành", "sửa đổi, bổ sung", "thay thế", "bãi bỏ")


def procedure_pages(r: Renderer) -> Iterator[SitePage]:
    for p in r.cat.procedures:
        s = r.summaries[p.ma_thu_tuc]
        path = PATHS.procedure(p.ma_thu_tuc)
        body = r.render("procedure.html", path, p=p, s=s,
                        feedback=r.cat.feedback_for(p.co_quan_thuc_hien))
        description = plain_text(p.mo_ta) or (
            f"{p.ten_thu_tuc}. Thời hạn: {s.time_limit}. Phí, lệ phí: {s.fee}."
        )
        yield SitePage(
            path=path, title=p.ten_thu_tuc, body=body, template="procedure.html",
            description=description[:300], updated=s.updated, kind="procedure",
            jsonld=jsonld_script(government_service(p, s, r.cat)),
            extra={"current": s.current, "sector": p.linh_vuc, "levels": p.cap_thuc_hien,
                   "unit": s.unit.ten_don_vi, "online": p.muc_do_dvc or "không"},
        )


def _listing(r: Renderer, path: str, title: str, procedures: list[Procedure], *,
             intro: str = "", feedback_unit: str | None = None, group_by_sector: bool = False,
             kind: str = "list") -> SitePage:
    body = r.render("listing.html", path, title=title, intro=intro, procedures=procedures,
                    group_by_sector=group_by_sector, filters=kind == "all-procedures",
                    feedback=r.cat.feedback_for(feedback_unit))
    return SitePage(path=path, title=title, body=body, template="listing.html",
                    description=intro or title, kind=kind)


def _by_sector_then_name(procedures: list[Procedure]) -> list[Procedure]:
    return sorted(procedures, key=lambda p: (sort_key(p.linh_vuc), sort_key(p.ten_thu_tuc), p.ma_thu_tuc))


def list_pages(r: Renderer) -> Iterator[SitePage]:
    cat = r.cat
    yield _listing(r, PATHS.procedures, "Danh mục thủ tục hành chính",
                   _by_sector_then_name(cat.current),
                   intro=f"{len(cat.current)} thủ tục hành chính đang áp dụng, xếp theo lĩnh vực.",
                   group_by_sector=True, kind="all-procedures")
    for term in cat.sectors:
        items = [p for p in cat.current if p.linh_vuc == term.name]
        yield _listing(r, PATHS.sector(term), f"Lĩnh vực {term.name}", items,
                       intro=f"{len(items)} thủ tục hành chính thuộc lĩnh vực {term.name}.")
    for term in cat.levels:
        items = [p for p in cat.current if term.name in p.cap_thuc_hien]
        yield _listing(r, PATHS.level(term), f"Thủ tục {term.name.lower()}",
                       _by_sector_then_name(items), group_by_sector=True,
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


def unit_pages(r: Renderer) -> Iterator[SitePage]:
    cat = r.cat
    for unit_id, unit in cat.units.items():
        path = PATHS.unit(unit_id)
        procedures = _by_sector_then_name(cat.procedures_of_unit.get(unit_id, []))
        body = r.render("unit.html", path, unit=unit, procedures=procedures,
                        merged_from=cat.merged_from.get(unit_id, []),
                        feedback=cat.feedback_for(unit_id), scores=r.unit_scores(unit_id))
        yield SitePage(path=path, title=unit.ten_don_vi, body=body, template="unit.html",
                       description=f"{unit.ten_don_vi}: thông tin liên hệ, thủ tục hành chính "
                       "và kết quả đánh giá.", kind="unit")
    units = sorted(cat.units.values(), key=lambda u: (sort_key(u.loai_don_vi), sort_key(u.ten_don_vi)))
    yield SitePage(PATHS.units, "Đơn vị", r.render("units.html", PATHS.units, units=units),
                   template="listing.html", kind="index")


def decision_pages(r: Renderer) -> Iterator[SitePage]:
    cat = r.cat
    for decision in cat.decisions:
        path = PATHS.decision(decision.slug)
        yield SitePage(path=path, title=f"Quyết định {decision.number}",
                       body=r.render("decision.html", path, d=decision, kinds=CHANGE_KINDS,
                                     feedback=cat.feedback_for(None)),
                       template="listing.html", kind="decision",
                       description=_decision_description(decision))
    yield SitePage(PATHS.decisions, "Quyết định công bố",
                   r.render("decisions.html", PATHS.decisions, decisions=cat.decisions),
                   template="listing.html", kind="index")


def _decision_description(d: Decision) -> str:
    counts = ", ".join(f"{len(d.entries[k])} {k}" for k in CHANGE_KINDS if d.entries.get(k))
    return f"Quyết định {d.number} công bố thủ tục hành chính: {counts}."


def home_sections(r: Renderer):
    cat = r.cat
    latest = [d for d in cat.decisions if d.date][:5]
    return r.render("home.html", PATHS.home, latest=latest, kinds=CHANGE_KINDS)
