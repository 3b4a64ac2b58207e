"""Vietnamese wording of score figures: numbers, changes, bands and the one-sentence summary.

Pages print figures only through these functions, so a score reads the same on a unit page, in
a ranking table and in a chart (decimal comma, fixed number of decimals per index). Open data
files use plain numbers instead (see `score_data.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..derive.scores import Change, Standing
from ..records.schema import BandSet, IndexDefinition

#: Percentages of the maximum are shown with one decimal.
PERCENT_DIGITS = 1


def format_decimal(value: float, digits: int) -> str:
    """92.18 → “92,18”; 1234.5 (1 digit) → “1.234,5”: a fixed number of decimals."""
    text = f"{value:,.{digits}f}"
    if text in ("-0", "-0." + "0" * digits):  # round(-0.001, 2) must not print "-0,00"
        text = text[1:]
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def index_label(definition: IndexDefinition) -> str:
    """The short name used in sentences and titles: “PAR Index”, else the full name."""
    return definition.ten_viet_tat or definition.ten


def year_span(start: int, end: int | None) -> str:
    """“2017–2021”, “năm 2019”, “từ năm 2022”."""
    if end is None:
        return f"từ năm {start}"
    return f"năm {start}" if end == start else f"{start}–{end}"


@dataclass(frozen=True)
class ChangeText:
    """A change as shown: a symbol (decorative), words (what screen readers and print get) and
    a CSS modifier saying whether it is an improvement."""

    symbol: str
    words: str
    tone: str  # better | worse | same | none | break


def change_text(change: Change, digits: int, higher_is_better: bool = True,
                methodology_break: bool = False, short: bool = False) -> ChangeText:
    """▲ “tăng 2,08 điểm so với năm 2022”, ▼ “giảm …”, = “không đổi …”, or no previous year;
    `short` drops “điểm so với năm …” for table cells whose header says it.

    Across a methodology break the figures are not directly comparable: no arrow is shown.
    """
    since = "" if short else f" so với năm {change.previous_year}"
    if methodology_break and change.previous_year is not None:
        if short:
            return ChangeText("", "đổi bộ tiêu chí, không so sánh", "break")
        return ChangeText("", f"bộ tiêu chí khác năm {change.previous_year} nên không so "
                              "sánh trực tiếp", "break")
    if change.direction == "none" or change.delta is None:
        return ChangeText("", "chưa có năm trước" if short else "chưa có năm trước để so sánh",
                          "none")
    if change.direction == "unchanged":
        return ChangeText("=", f"không đổi{since}", "same")
    amount = format_decimal(abs(change.delta), digits)
    up = change.direction == "up"
    words = f"{'tăng' if up else 'giảm'} {amount}{'' if short else ' điểm'}{since}"
    return ChangeText("▲" if up else "▼", words, "better" if up == higher_is_better else "worse")


def rank_change_text(change: Change) -> str:
    """“tăng 2 bậc so với năm 2022”, “giữ nguyên thứ hạng …”; empty when not comparable."""
    if change.direction == "none" or change.delta is None:
        return ""
    since = f"so với năm {change.previous_year}"
    if change.direction == "unchanged":
        return f"giữ nguyên thứ hạng {since}"
    steps = int(abs(change.delta))
    return f"{'tăng' if change.direction == 'up' else 'giảm'} {steps} bậc {since}"


def summary_sentence(s: Standing, definition: IndexDefinition) -> str:
    """“Năm 2023, Tỉnh Quảng Ninh đạt 92,18 điểm PAR Index, xếp hạng 1/63, xếp loại Nhóm A,
    tăng 2,08 điểm so với năm 2022.”"""
    label = index_label(definition)
    if not s.scored:
        reason = f" ({s.reason})" if s.reason else ""
        return f"Năm {s.year}, {s.unit_name} không được đánh giá {label}{reason}."
    digits = definition.thang_do.so_chu_so_thap_phan
    parts = [f"Năm {s.year}, {s.unit_name} đạt {format_decimal(s.score or 0, digits)} điểm "
             f"{label}"]
    if s.rank_text:
        parts.append(f"xếp hạng {s.rank_text}")
    if s.band:
        parts.append(f"xếp loại {s.band}")
    parts.append(change_text(s.score_change, digits, definition.cao_hon_la_tot,
                             s.methodology_break).words)
    return ", ".join(parts) + "."


@dataclass(frozen=True)
class BandRule:
    """One band with its range spelled out: “Nhóm B: từ 80% đến dưới 90% (80% ≤ điểm < 90%)”."""

    name: str
    words: str
    formula: str


def band_rules(bands: BandSet) -> list[BandRule]:
    """Every band of `bands` with the issuer's rule (≥ or >) written out, highest first."""
    unit = "%" if bands.theo == "phan-tram" else " điểm"
    what = "tỷ lệ điểm" if bands.theo == "phan-tram" else "điểm"

    def v(x: float) -> str:
        return format_decimal(x, 2).rstrip("0").rstrip(",") + unit

    rules = []
    upper: float | None = None
    for band in bands.muc:
        low = v(band.nguong)
        if bands.so_sanh == ">=":
            words = f"từ {low} trở lên" if upper is None else f"từ {low} đến dưới {v(upper)}"
            formula = f"{what} ≥ {low}" if upper is None else f"{low} ≤ {what} < {v(upper)}"
        else:
            words = f"trên {low}" if upper is None else f"trên {low} đến {v(upper)}"
            formula = f"{what} > {low}" if upper is None else f"{low} < {what} ≤ {v(upper)}"
        rules.append(BandRule(band.ten, words, formula))
        upper = band.nguong
    if upper is not None:
        lowest = v(upper)
        below = bands.duoi_nguong or "Không xếp loại"
        if bands.so_sanh == ">=":
            rules.append(BandRule(below, f"dưới {lowest}", f"{what} < {lowest}"))
        else:
            rules.append(BandRule(below, f"từ {lowest} trở xuống", f"{what} ≤ {lowest}"))
    return rules
