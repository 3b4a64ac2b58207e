"""Page families: one module per kind of generated output, all behind `base.Family`.

| family | output |
|---|---|
| `procedures` | `thu-tuc/<ma>/` |
| `lists` | `thu-tuc/`, `linh-vuc/…`, `cap/…`, `da-bai-bo/` |
| `units` | `don-vi/…` |
| `decisions` | `cong-bo/…` |
| `scores` | `chi-so/…` and score downloads |
| `opendata` | `api/…` |
| `embeds` | `embed/…` |
| `sheets` | `thu-tuc/<ma>/niem-yet/`, `…/mot-cua/` (printable posting sheets, counter lists) |
| `search` | `tim-kiem/` and its index |
"""

from __future__ import annotations

from . import decisions, embeds, lists, opendata, procedures, scores, search, sheets, units
from .base import Family

#: Every family, in the order the build renders them.
FAMILIES: tuple[Family, ...] = (
    procedures.FAMILY, lists.FAMILY, units.FAMILY, decisions.FAMILY, scores.FAMILY,
    opendata.FAMILY, embeds.FAMILY, sheets.FAMILY, search.FAMILY,
)

__all__ = ["FAMILIES", "Family"]
