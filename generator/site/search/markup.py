"""What procedure pages tell the search indexer: how much the name weighs, and a searchable
spelling of the name without đ."""

from __future__ import annotations

from dataclasses import dataclass

from ...derive.summary import ProcedureSummary
from ...records.schema import Procedure


@dataclass(frozen=True)
class SearchFields:
    #: `data-pagefind-weight` of the name: 10 up to 6 words, shrinking to 5 at 24 and more.
    #: Every variant of "Đăng ký khai sinh" has the query in its name, and the one that is
    #: nothing but the query must come first; Pagefind only normalises by whole-page length.
    name_weight: str
    #: Pagefind 1.5 folds Vietnamese tone and vowel marks but not đ: "dang ky" never meets
    #: "đăng ký". A searchable (never shown) field spells name, sector and unit with d.
    folded: str


def procedure_search_fields(p: Procedure, s: ProcedureSummary) -> SearchFields:
    words = len(p.ten_thu_tuc.split())
    weight = min(10.0, max(5.0, 10 * (6 / words) ** 0.5))
    text = f"{p.ten_thu_tuc} · {p.linh_vuc} · {s.unit.ten_don_vi}"
    return SearchFields(f"{weight:.1f}", text.replace("đ", "d").replace("Đ", "D"))
