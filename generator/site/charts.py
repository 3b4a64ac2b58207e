"""Inline SVG charts drawn at build time (no chart library in the browser).

A chart is accessible on its own (`role="img"`, a `<title>` and a `<desc>` named by
`aria-labelledby`) and is always printed next to a table of the same numbers. The output is
deterministic: ids come from the caller, coordinates use one decimal, labels use the caller's
number format.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 34, 40
INSET = 24
#: Most horizontal grid lines an axis gets. nice_range aims at about five; the bound holds
#: whatever the numbers (a step below the float precision of the values would never advance).
MAX_TICKS = 12
LINE = "#b71c1c"    # the site's primary red, 5.6:1 on white
BREAK = "#5c4400"   # dark ochre for methodology breaks, 8:1 on white
GRID = "#d6d6d6"


@dataclass(frozen=True)
class ChartPoint:
    """One recorded year: a value, or None for a year the unit was not scored (N/A)."""

    year: int
    value: float | None


@dataclass(frozen=True)
class ChartBreak:
    """A methodology break just before `year` (the first year of the new framework)."""

    year: int
    label: str


def nice_range(low: float, high: float, floor: float, ceiling: float) -> tuple[float, float, float]:
    """Axis bounds around [low, high] on round steps, kept inside the scale [floor, ceiling]."""
    span = high - low or (ceiling - floor) * 0.1 or 1.0
    if not math.isfinite(span) or span <= 0:
        span = 1.0
    raw = span / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    lo = max(floor, math.floor((low - step / 2) / step) * step)
    hi = min(ceiling, math.ceil((high + step / 2) / step) * step)
    if hi <= lo:
        hi = lo + step
    return lo, hi, step


def step_digits(step: float) -> int:
    """Decimals needed to print ticks `step` apart (0.25 → 2, 5 → 0)."""
    digits = 0
    while abs(step * 10 ** digits - round(step * 10 ** digits)) > 1e-9 and digits < 6:
        digits += 1
    return digits


def _f(x: float) -> str:
    return f"{x:.1f}"


def line_chart(chart_id: str, title: str, description: str, points: Sequence[ChartPoint],
               breaks: Sequence[ChartBreak], scale: tuple[float, float],
               value_text: Callable[[float], str], tick_text: Callable[[float, int], str],
               missing_text: str = "N/A") -> Markup:
    """A line over the years of `points`; unscored and unrecorded years are gaps, and the line
    never crosses a methodology break (a dashed vertical line with a label marks it)."""
    years = [p.year for p in points]
    first, last = min(years), max(years)
    values = [p.value for p in points if p.value is not None]
    low, high, step = nice_range(min(values, default=scale[0]), max(values, default=scale[1]),
                                 *scale)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: float) -> float:
        if last == first:
            return LEFT + plot_w / 2
        # Inset so that the first and last labels stay inside the frame.
        return LEFT + INSET + (year - first) / (last - first) * (plot_w - 2 * INSET)

    def y(value: float) -> float:
        return TOP + plot_h - (value - low) / (high - low) * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="ck-chart" viewBox="0 0 {WIDTH} '
           f'{HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
           f'aria-labelledby="{chart_id}-tieu-de {chart_id}-mo-ta" font-size="13" '
           f'font-family="inherit">',
           f'<title id="{chart_id}-tieu-de">{escape(title)}</title>',
           f'<desc id="{chart_id}-mo-ta">{escape(description)}</desc>']
    digits = step_digits(step)
    ratio = (high - low) / step
    count = min(MAX_TICKS, math.floor(ratio + 1e-3) + 1) if math.isfinite(ratio) else 2
    for tick in (low + i * step for i in range(count)):
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(y(tick))}" y2="{_f(y(tick))}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{_f(y(tick) + 4)}" text-anchor="end" '
                   f'fill="currentColor">{escape(tick_text(tick, digits))}</text>')
    for year in sorted(set(years)):  # first and last are among them
        out.append(f'<text x="{_f(x(year))}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                   f'fill="currentColor">{year}</text>')
    for brk in breaks:
        bx = _f(x(brk.year - 0.5))
        out.append(f'<line class="ck-chart-break" x1="{bx}" x2="{bx}" y1="{TOP - 4}" '
                   f'y2="{TOP + plot_h}" stroke="{BREAK}" stroke-width="1.5" '
                   f'stroke-dasharray="5 4"/>')
        anchor = "end" if x(brk.year - 0.5) > LEFT + plot_w * 0.6 else "start"
        shift = -4 if anchor == "end" else 4
        out.append(f'<text x="{_f(x(brk.year - 0.5) + shift)}" y="{TOP - 14}" '
                   f'text-anchor="{anchor}" fill="{BREAK}" font-size="12">'
                   f'{escape(brk.label)}</text>')
    break_years = {b.year for b in breaks}
    segment: list[ChartPoint] = []
    segments: list[list[ChartPoint]] = []
    for p in sorted(points, key=lambda p: p.year):
        joins = (segment and p.value is not None and p.year == segment[-1].year + 1
                 and p.year not in break_years)
        if not joins and segment:
            segments.append(segment)
            segment = []
        if p.value is not None:
            segment.append(p)
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            coords = " ".join(f"{_f(x(p.year))},{_f(y(p.value))}"
                              for p in seg if p.value is not None)
            out.append(f'<polyline points="{coords}" fill="none" stroke="{LINE}" '
                       f'stroke-width="2.5" stroke-linejoin="round"/>')
    for p in points:
        if p.value is None:
            out.append(f'<text class="ck-chart-missing" x="{_f(x(p.year))}" '
                       f'y="{_f(TOP + plot_h - 6)}" text-anchor="middle" fill="currentColor" '
                       f'font-size="12">{escape(missing_text)}</text>')
            continue
        px, py = _f(x(p.year)), _f(y(p.value))
        out.append(f'<circle cx="{px}" cy="{py}" r="4" fill="{LINE}"/>')
        out.append(f'<text x="{px}" y="{_f(y(p.value) - 9)}" text-anchor="middle" '
                   f'fill="currentColor" font-weight="700">{escape(value_text(p.value))}</text>')
    out.append("</svg>")
    return Markup("\n".join(out))
