"""CPSV-AP 3.2 export of the current procedures as JSON-LD (open data `api/cpsv-ap.jsonld`).

The Core Public Service Vocabulary Application Profile (SEMIC) is how European portals exchange
service descriptions; the record's fields map onto it one to one:

| record | CPSV-AP 3.2 |
|---|---|
| ma_thu_tuc, ten_thu_tuc, mo_ta | dct:identifier, dct:title, dct:description |
| co_quan_thuc_hien (the unit) | cv:hasCompetentAuthority → cv:PublicOrganisation |
| thanh_phan_ho_so (each document) | cpsv:hasInput → cv:Evidence |
| phi_le_phi | cv:hasCost → cv:Cost (the fee as worded, no amount: records hold text) |
| thoi_han of the channels | cv:processingTime (xsd:duration, ISO 8601) |
| can_cu_phap_ly | cv:hasLegalResource → eli:LegalResource |
| cach_thuc_thuc_hien | cv:hasChannel → cv:Channel |
| ket_qua_thuc_hien | cpsv:produces → cv:Output |

Node IRIs are the site's own pages: absolute when `site_url` is known, else relative to the
file (`../thu-tuc/<ma>/`), which JSON-LD resolves against the file's own address.
"""

from __future__ import annotations

from typing import Any

from ..derive.summary import CHANNEL_ORDER, ProcedureSummary, iso_duration
from ..records.schema import (
    DossierDocument,
    LegalDocument,
    Outcome,
    Procedure,
    SubmissionChannel,
)
from ..records.vocab import ONLINE
from .paths import PATHS
from .textformat import plain_text

CONTEXT: dict[str, Any] = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    # Text is Vietnamese; codes, dates and durations are typed so they carry no language tag.
    "@language": "vi",
    "dct:identifier": {"@type": "xsd:string"},
    "dct:modified": {"@type": "xsd:date"},
    "cv:processingTime": {"@type": "xsd:duration"},
    "eli:date_document": {"@type": "xsd:date"},
    "schema:url": {"@type": "@id"},
}

#: Where the file is published (node IRIs without site_url are relative to it).
FILE_DIR = "api/"


def service_duration(p: Procedure) -> str | None:
    """The procedure's processing time as an ISO 8601 duration.

    Channels may differ (online is often quicker): the service gets the time of the first
    channel in the usual order (Trực tiếp, Trực tuyến, Dịch vụ bưu chính) that states one,
    and each `cv:Channel` carries its own.
    """
    for channel in sorted(p.cach_thuc_thuc_hien, key=lambda c: CHANNEL_ORDER.index(c.hinh_thuc)):
        if channel.thoi_han:
            return iso_duration(channel.thoi_han)
    return None


def site_iri(path: str, site_url: str | None) -> str:
    """A page of the site as seen from `api/`: absolute with site_url, else relative."""
    return site_url + path if site_url else "../" + path


def public_service(p: Procedure, s: ProcedureSummary, site_url: str | None) -> dict[str, Any]:
    page = site_iri(PATHS.procedure(p.ma_thu_tuc), site_url)
    unit = s.unit
    service: dict[str, Any] = {
        "@id": page,
        "@type": "cpsv:PublicService",
        "dct:identifier": p.ma_thu_tuc,
        "dct:title": p.ten_thu_tuc,
        "dct:description": plain_text(p.mo_ta) if p.mo_ta else
        f"{p.ten_thu_tuc}. Thời hạn: {s.time_limit}. Phí, lệ phí: {s.fee}.",
        "cv:hasCompetentAuthority": {
            "@id": site_iri(PATHS.unit(unit.ma_don_vi), site_url),
            "@type": "cv:PublicOrganisation",
            "dct:identifier": unit.ma_don_vi,
            "skos:prefLabel": unit.ten_don_vi,
        },
        "cpsv:hasInput": [_evidence(group.nhom, doc)
                          for group in p.thanh_phan_ho_so for doc in group.giay_to],
        "cv:hasCost": [{"@type": "cv:Cost", "dct:description": s.fee}],
        "cv:hasLegalResource": [_legal_resource(d) for d in p.can_cu_phap_ly],
        "cv:hasChannel": [_channel(c, s) for c in sorted(
            p.cach_thuc_thuc_hien, key=lambda c: CHANNEL_ORDER.index(c.hinh_thuc))],
        "cpsv:produces": [_output(o) for o in p.ket_qua_thuc_hien],
        "schema:url": page,
    }
    duration = service_duration(p)
    if duration:
        service["cv:processingTime"] = duration
    if s.updated:
        service["dct:modified"] = s.updated.isoformat()
    return service


def _evidence(group: str | None, doc: DossierDocument) -> dict[str, Any]:
    copies = [f"{doc.ban_chinh} bản chính"] if doc.ban_chinh else []
    copies += [f"{doc.ban_sao} bản sao"] if doc.ban_sao else []
    parts = [group] if group else []
    parts += [", ".join(copies)] if copies else []
    parts += [plain_text(doc.ghi_chu)] if doc.ghi_chu else []
    parts += [f"Mẫu: {f.ten}" for f in doc.mau_don]
    evidence: dict[str, Any] = {"@type": "cv:Evidence", "dct:title": plain_text(doc.ten)}
    if parts:
        evidence["dct:description"] = "; ".join(parts)
    return evidence


def _legal_resource(d: LegalDocument) -> dict[str, Any]:
    resource: dict[str, Any] = {"@type": "eli:LegalResource", "dct:identifier": d.so_ky_hieu}
    if d.trich_yeu:
        resource["dct:title"] = d.trich_yeu
    if d.ngay_ban_hanh:
        resource["eli:date_document"] = d.ngay_ban_hanh.isoformat()
    if d.lien_ket:
        resource["schema:url"] = d.lien_ket
    return resource


def _channel(c: SubmissionChannel, s: ProcedureSummary) -> dict[str, Any]:
    channel: dict[str, Any] = {"@type": "cv:Channel", "dct:type": c.hinh_thuc}
    if c.thoi_han:
        channel["cv:processingTime"] = iso_duration(c.thoi_han)
    described = [t for t in (c.thoi_han_mo_ta, plain_text(c.mo_ta) if c.mo_ta else None) if t]
    if described:
        channel["dct:description"] = "; ".join(described)
    if c.hinh_thuc == ONLINE and s.online_url:
        channel["schema:url"] = s.online_url
    return channel


def _output(o: Outcome) -> dict[str, Any]:
    output: dict[str, Any] = {"@type": "cv:Output", "dct:title": o.ten}
    if o.ma:
        output["dct:identifier"] = o.ma
    return output
