"""Look-ups on index definitions: which framework version and which bands apply."""

from __future__ import annotations

from .schema import BandSet, FrameworkVersion, IndexDefinition


def _covers(tu_nam: int, den_nam: int | None, kinds: list[str], year: int, kind: str) -> bool:
    return tu_nam <= year <= (den_nam or 9999) and (not kinds or kind in kinds)


def version_for(definition: IndexDefinition, year: int, unit_kind: str) -> FrameworkVersion | None:
    """The framework version that scored units of `unit_kind` in `year`, if any."""
    for version in definition.phien_ban:
        if _covers(version.tu_nam, version.den_nam, version.ap_dung_cho, year, unit_kind):
            return version
    return None


def bandset_for(definition: IndexDefinition, year: int, unit_kind: str) -> BandSet | None:
    """The classification bands for `unit_kind` in `year` (first matching issuer wins)."""
    for bands in definition.phan_loai:
        if _covers(bands.tu_nam, bands.den_nam, bands.ap_dung_cho, year, unit_kind):
            return bands
    return None


def component_names(version: FrameworkVersion) -> list[str]:
    return [c.ma for c in version.thanh_phan]
