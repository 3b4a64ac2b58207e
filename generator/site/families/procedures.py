"""Procedure pages: `thu-tuc/<ma_thu_tuc>/`, one per procedure (abolished ones keep a page with
a banner). The page's summary, time limit and fee come from the derived `ProcedureSummary`."""

from __future__ import annotations

from collections.abc import Iterator

from ...records.kinds import PROCEDURE
from ..jsonld import government_service, jsonld_script
from ..output import Output, SitePage
from ..paths import PATHS
from ..render import Renderer, for_record
from ..textformat import plain_text
from .base import Family

#: Under what the build cache keeps procedure pages.
WHAT = "trang"


def generate(r: Renderer) -> Iterator[Output]:
    for p in r.cat.procedures:
        with for_record(r.cat.where(PROCEDURE.plural, p.ma_thu_tuc)):
            yield r.procedure_output(WHAT, p, lambda q: procedure_page(r, q.ma_thu_tuc))


def procedure_page(r: Renderer, code: str) -> SitePage:
    p = r.cat.by_code[code]
    s = r.summaries[code]
    path = PATHS.procedure(code)
    body = r.render("procedure.html", path, p=p, s=s,
                    feedback=r.cat.feedback_for(p.co_quan_thuc_hien))
    description = plain_text(p.mo_ta) or (
        f"{p.ten_thu_tuc}. Thời hạn: {s.time_limit}. Phí, lệ phí: {s.fee}."
    )
    return SitePage(
        path=path, title=p.ten_thu_tuc, body=body, template="procedure.html",
        description=description[:300], updated=s.updated, kind="procedure",
        jsonld=jsonld_script(government_service(p, s, r.cat)),
        extra={"current": s.current, "sector": p.linh_vuc, "levels": p.cap_thuc_hien,
               "unit": s.unit.ten_don_vi, "online": p.muc_do_dvc or "không"},
    )


FAMILY = Family("thủ tục", generate)
