"""schema.org `GovernmentService` for each procedure page (search engines, portals)."""

from __future__ import annotations

import json
from typing import Any

from ..derive.catalogue import Catalogue
from ..derive.summary import ProcedureSummary, iso_duration
from ..records.schema import Procedure
from ..records.vocab import ONLINE
from .textformat import plain_text


def government_service(p: Procedure, s: ProcedureSummary, cat: Catalogue) -> dict[str, Any]:
    unit = s.unit
    provider: dict[str, Any] = {"@type": "GovernmentOrganization", "name": unit.ten_don_vi}
    if unit.lien_he:
        if unit.lien_he.dia_chi:
            provider["address"] = unit.lien_he.dia_chi
        if unit.lien_he.dien_thoai:
            provider["telephone"] = unit.lien_he.dien_thoai
        if unit.lien_he.email:
            provider["email"] = unit.lien_he.email
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "identifier": p.ma_thu_tuc,
        "name": p.ten_thu_tuc,
        "serviceType": p.linh_vuc,
        "provider": provider,
        "audience": [{"@type": "Audience", "audienceType": a} for a in p.doi_tuong_thuc_hien],
        "areaServed": cat.config.co_quan_chu_quan,
        "availableChannel": [
            {"@type": "ServiceChannel", "name": c.hinh_thuc,
             **({"serviceUrl": s.online_url} if c.hinh_thuc == ONLINE and s.online_url else {}),
             **({"processingTime": iso_duration(c.thoi_han)} if c.thoi_han else {})}
            for c in p.cach_thuc_thuc_hien
        ],
        "termsOfService": [d.so_ky_hieu for d in p.can_cu_phap_ly],
        "serviceOutput": [{"@type": "Thing", "name": o.ten} for o in p.ket_qua_thuc_hien],
    }
    if p.mo_ta:
        data["description"] = plain_text(p.mo_ta)
    if p.nguon:
        data["sameAs"] = p.nguon
    return data


def jsonld_script(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> block; `<` is escaped so no record text can
    close the script element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
