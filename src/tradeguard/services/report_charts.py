"""Static SVG charts for printed reports: WeasyPrint draws them with no browser and no
JavaScript, they stay sharp at any zoom, and their text can be read out of the PDF.

Two shapes cover the annual report: horizontal bars (one or two values per row, an optional
reference mark per row such as a target) and lines over fiscal years.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

COLOURS = ("#005ea2", "#c05600", "#1a7f37", "#6f42c1", "#57606a", "#cf222e")
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
MAX_X_LABELS = 8


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    values: tuple[float | None, ...]
    mark: float | None = None  # e.g. the target, drawn as a black tick
    note: str = ""  # printed at the end of the row, e.g. "112% of target"


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    points: Sequence[tuple[int, float | None]]
    dashed: bool = False


def _fmt(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.1f}M"
    if abs(value) >= 10_000:
        return f"{value / 1000:,.0f}k"
    return f"{value:,.4g}"


def _legend(names: Sequence[str], x: float, y: float, dashed: Sequence[bool] = ()) -> list[str]:
    out = []
    for i, name in enumerate(names):
        colour = COLOURS[i % len(COLOURS)]
        dash = ' stroke-dasharray="5 3"' if i < len(dashed) and dashed[i] else ""
        lx = x + i * 170
        out.append(
            f'<line x1="{lx}" y1="{y - 4}" x2="{lx + 18}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="6"{dash}/><text x="{lx + 24}" y="{y}" font-size="11" {FONT}>'
            f"{escape(name[:60])}</text>"
        )
    return out


def _head(title: str, width: int, height: int) -> str:
    """The opening tag with the chart's name for screen readers, and its printed title."""
    return (
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{escape(title)}</title><text x="0" y="16" font-size="14" font-weight="bold" '
        f"{FONT}>{escape(title)}</text>"
    )


def bar_chart(
    title: str, bars: Sequence[Bar], series: Sequence[str], *, unit: str = "", width: int = 640
) -> Markup:
    """One row per bar, each value of the row a thin bar; a black tick at each row's mark."""
    label_w, note_w, row_h, top = 250, 100, 14 + 8 * len(series), 44
    height = top + row_h * max(1, len(bars)) + 24
    values = [v for b in bars for v in (*b.values, b.mark) if v is not None]
    high = max(values) if values else 1.0
    high = high if high > 0 else 1.0
    plot_w = width - label_w - note_w

    def x(v: float) -> float:
        return label_w + plot_w * max(0.0, v) / high

    head = _head(title, width, height)
    parts = [head, *_legend(series, label_w, 34)]
    if not bars:
        parts.append(f'<text x="0" y="{top + 14}" font-size="12" {FONT}>no data</text></svg>')
        return Markup("".join(parts))
    for row, bar in enumerate(bars):
        y0 = top + row * row_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y0 + row_h / 2 + 4:.1f}" font-size="10" '
            f'text-anchor="end" {FONT}>{escape(bar.label[:42])}</text>'
        )
        for i, value in enumerate(bar.values):
            if value is None:
                continue
            parts.append(
                f'<rect x="{label_w}" y="{y0 + 3 + i * 8}" width="{x(value) - label_w:.1f}" '
                f'height="7" fill="{COLOURS[i % len(COLOURS)]}"/>'
            )
        if bar.mark is not None:
            parts.append(
                f'<line x1="{x(bar.mark):.1f}" y1="{y0 + 1}" x2="{x(bar.mark):.1f}" '
                f'y2="{y0 + row_h - 3}" stroke="#000" stroke-width="2"/>'
            )
        parts.append(
            f'<text x="{width - note_w + 6}" y="{y0 + row_h / 2 + 4:.1f}" font-size="10" '
            f"{FONT}>{escape(bar.note)}</text>"
        )
    base = top + row_h * len(bars)
    parts.append(
        f'<line x1="{label_w}" y1="{base}" x2="{label_w + plot_w}" y2="{base}" stroke="#777"/>'
        f'<text x="{label_w}" y="{base + 14}" font-size="10" {FONT}>0</text>'
        f'<text x="{label_w + plot_w}" y="{base + 14}" font-size="10" text-anchor="end" {FONT}>'
        f"{escape(_fmt(high))}{escape(' ' + unit if unit else '')}</text></svg>"
    )
    return Markup("".join(parts))


def line_chart(
    title: str,
    lines: Sequence[Line],
    *,
    unit: str = "",
    width: int = 640,
    x_labels: Mapping[int, str] | None = None,
) -> Markup:
    """A line per series over fiscal years (or other steps named by `x_labels`), the y axis
    from zero, every step labelled."""
    height, left, right, top, bottom = 260, 70, 24, 56, 30
    years = sorted({fy for s in lines for fy, _ in s.points})
    values = [v for s in lines for _, v in s.points if v is not None]
    head = _head(title, width, height)
    if not years or not values:
        return Markup(head + f'<text x="0" y="60" font-size="12" {FONT}>no data</text></svg>')
    high = max(values) or 1.0
    inner_w, inner_h = width - left - right, height - top - bottom

    def x(fy: int) -> float:
        return left + inner_w * (years.index(fy) / max(1, len(years) - 1))

    def y(v: float) -> float:
        return top + inner_h * (1 - v / high)

    parts = [head, *_legend([s.label for s in lines], left, 34, [s.dashed for s in lines])]
    for frac in (0.0, 0.5, 1.0):
        v = high * frac
        parts.append(
            f'<line x1="{left}" y1="{y(v):.1f}" x2="{width - right}" y2="{y(v):.1f}" '
            f'stroke="#ddd"/><text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="10" '
            f'text-anchor="end" {FONT}>{escape(_fmt(v))}</text>'
        )
    step = -(-len(years) // MAX_X_LABELS)
    for fy in years[::step]:
        parts.append(
            f'<text x="{x(fy):.1f}" y="{height - 10}" font-size="10" text-anchor="middle" '
            f"{FONT}>{escape(x_labels.get(fy, str(fy)) if x_labels else f'FY{fy}')}</text>"
        )
    for i, s in enumerate(lines):
        colour = COLOURS[i % len(COLOURS)]
        known = [(fy, v) for fy, v in s.points if v is not None]
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        path = " ".join(f"{x(fy):.1f},{y(v):.1f}" for fy, v in known)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        parts.extend(
            f'<circle cx="{x(fy):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>' for fy, v in known
        )
    if unit:
        parts.append(
            f'<text x="{left - 6}" y="{top - 8}" font-size="10" text-anchor="end" {FONT}>'
            f"{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
