"""Small line charts drawn on the server as inline SVG: readable without JavaScript and allowed
by the Content-Security-Policy (presentation attributes only, no style, no script).

The module name starts with an underscore so page discovery skips it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from markupsafe import Markup, escape

WIDTH, HEIGHT = 420, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 28, 44, 30
MAX_YEAR_LABELS = 6
COLOURS = ("#005ea2", "#cf222e", "#1a7f37", "#9a6700", "#6f42c1", "#57606a")


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    points: Sequence[tuple[int, float | None]]  # (fiscal year, value or None for no value yet)
    dashed: bool = False


def number(value: object) -> float | None:
    """Report values come as ints, floats or decimal strings; None stays None."""
    if value is None or value == "":
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _label(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:.4g}"


def fiscal_year(fy: int) -> str:
    return f"FY{fy}"


def line_chart(
    title: str,
    series: list[Series],
    *,
    unit: str = "",
    from_zero: bool = True,
    x_label: Callable[[int], str] = fiscal_year,
) -> Markup:
    """One chart: a line per series over fiscal years, with a legend and the y range marked.

    `from_zero` False fits the y axis to the values (headcounts that move by a few percent)."""
    years = sorted({fy for s in series for fy, _ in s.points})
    values = [v for s in series for _, v in s.points if v is not None]
    label = escape(title)
    head = (
        f'<svg class="chart" role="img" aria-label="{label}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{label}</title><text x="4" y="16" font-size="12" font-weight="bold">{label}'
        f"</text>"
    )
    if not years or not values:
        return Markup(head + '<text x="4" y="60" font-size="12">no data yet</text></svg>')
    low, high = (min(0.0, *values) if from_zero else min(values)), max(values)
    high = high if high > low else low + 1
    span_x = max(1, len(years) - 1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(fy: int) -> float:
        return LEFT + inner_w * (years.index(fy) / span_x if len(years) > 1 else 0.5)

    def y(v: float) -> float:
        return TOP + inner_h * (1 - (v - low) / (high - low))

    parts = [head]
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + inner_h}" x2="{WIDTH - RIGHT}" y2="{TOP + inner_h}" '
        'stroke="#999"/>'
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + inner_h}" stroke="#999"/>'
    )
    suffix = escape(f" {unit}" if unit and unit not in ("count",) else "")
    for v in (low, high):
        parts.append(
            f'<text x="{LEFT - 4}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end">'
            f"{escape(_label(v))}</text>"
        )
    step = -(-len(years) // MAX_YEAR_LABELS)
    for fy in years[::step]:
        parts.append(
            f'<text x="{x(fy):.1f}" y="{HEIGHT - 10}" font-size="10" text-anchor="middle">'
            f"{escape(x_label(fy))}</text>"
        )
    for i, s in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        known = [(fy, v) for fy, v in s.points if v is not None]
        dash = ' stroke-dasharray="5 3"' if s.dashed else ""
        if len(known) > 1:
            path = " ".join(f"{x(fy):.1f},{y(v):.1f}" for fy, v in known)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
            )
        for fy, v in known:
            parts.append(
                f'<circle cx="{x(fy):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(s.label)} {escape(x_label(fy))}: {escape(_label(v))}{suffix}"
                "</title></circle>"
            )
        legend_x = LEFT + 8 + i * 130
        parts.append(
            f'<line x1="{legend_x}" y1="{TOP - 14}" x2="{legend_x + 16}" y2="{TOP - 14}" '
            f'stroke="{colour}" stroke-width="2"{dash}/>'
            f'<text x="{legend_x + 20}" y="{TOP - 10}" font-size="10">{escape(s.label[:20])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
