"""Derive, procedures: the facts a citizen needs first, computed once per procedure.

Lists, procedure pages, JSON-LD and open data all read a `ProcedureSummary`, so a time limit
or a fee is worded the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..records.schema import Procedure, PublicationDecision, SubmissionChannel, TimeLimit, Unit
from ..records.vocab import ABOLITION, CHANNELS, CURRENT, FULLY_ONLINE, IN_PERSON, NO_INFO, ONLINE
from .catalogue import Catalogue

CHANNEL_ORDER = CHANNELS


def format_number(value: float) -> str:
    """5.0 → “5”; 1.5 → “1,5” (Vietnamese decimal comma)."""
    if value == int(value):
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def time_limit_text(limit: TimeLimit) -> str:
    return f"{format_number(limit.so)} {limit.don_vi}"


def iso_duration(limit: TimeLimit) -> str:
    """ISO 8601 duration. Working days have no ISO unit: they are exported as days."""
    n = format_number(limit.so).replace(",", ".")
    return {"giờ": f"PT{n}H", "tháng": f"P{n}M", "năm": f"P{n}Y"}.get(limit.don_vi, f"P{n}D")


def _channel_time(c: SubmissionChannel) -> str:
    parts = []
    if c.thoi_han:
        parts.append(time_limit_text(c.thoi_han))
    if c.thoi_han_mo_ta:
        parts.append(c.thoi_han_mo_ta)
    return "; ".join(parts) or NO_INFO


def _per_channel(channels: list[SubmissionChannel],
                 text: Callable[[SubmissionChannel], str]) -> str:
    values = [(c.hinh_thuc, text(c)) for c in channels]
    distinct = {v for _, v in values}
    if len(distinct) == 1:
        return values[0][1]
    return "; ".join(f"{name}: {value}" for name, value in values)


@dataclass(frozen=True)
class ProcedureSummary:
    procedure: Procedure
    unit: Unit
    time_limit: str
    fee: str
    channels: list[str]
    place: str
    online_level: str | None
    online_url: str | None
    updated: dt.date | None
    current: bool
    #: The decision that abolished it (the last "bãi bỏ" entry), for abolished procedures.
    abolition: PublicationDecision | None = None
    #: The procedure that replaces an abolished one, when it is in the catalogue.
    replacement: Procedure | None = None

    @property
    def has_remote_channel(self) -> bool:
        return any(c != IN_PERSON for c in self.channels)

    @property
    def has_online_channel(self) -> bool:
        return ONLINE in self.channels

    @property
    def fully_online(self) -> bool:
        return self.online_level == FULLY_ONLINE


def summarize(p: Procedure, cat: Catalogue) -> ProcedureSummary:
    unit = cat.unit(p.co_quan_thuc_hien)
    channels = sorted(p.cach_thuc_thuc_hien, key=lambda c: CHANNEL_ORDER.index(c.hinh_thuc))
    time_limit = p.thoi_han_giai_quyet or _per_channel(channels, _channel_time)
    fee = _per_channel(channels, lambda c: c.phi_le_phi or "Không")
    if p.dia_diem_thuc_hien:
        place = " ".join(p.dia_diem_thuc_hien.split())
    else:
        address = unit.lien_he.dia_chi if unit.lien_he and unit.lien_he.dia_chi else None
        place = f"{unit.ten_don_vi}" + (f", {address}" if address else "")
    online = any(c.hinh_thuc == ONLINE for c in channels)
    online_url = p.dia_chi_truc_tuyen or (cat.config.dia_chi_dvc if online else None)
    dates = [d.ngay_ban_hanh for d in p.cong_bo if d.ngay_ban_hanh]
    updated = p.ngay_cap_nhat or (max(dates) if dates else None)
    return ProcedureSummary(
        procedure=p, unit=unit, time_limit=time_limit, fee=fee,
        channels=[c.hinh_thuc for c in channels], place=place,
        online_level=p.muc_do_dvc, online_url=online_url, updated=updated,
        current=p.trang_thai == CURRENT,
        abolition=next((d for d in reversed(p.cong_bo) if d.loai == ABOLITION), None),
        replacement=cat.by_code.get(p.thu_tuc_thay_the) if p.thu_tuc_thay_the else None,
    )


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else NO_INFO
