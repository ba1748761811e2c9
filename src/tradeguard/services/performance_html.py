"""The performance report as one self-contained HTML page: the Table 11 inventory, a table per
plan in force, and a chart per PTI of each measure's actual as a share of its target. plotly.js is
inlined once, so the file opens offline."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from tradeguard.services.performance import MeasureHistory, PerformanceReport, PlanResult

STATUS_COLOURS = {"met": "#1a7f37", "on track": "#9a6700", "off track": "#cf222e"}
NO_STATUS_COLOUR = "#57606a"


def attainment(actual: Decimal | None, target: Decimal | None, direction: str) -> float | None:
    """Actual as a percentage of target, turned so that above 100 is always better (cap 200)."""
    if actual is None or target is None or target <= 0:
        return None
    if direction == "lower":
        return 200.0 if actual <= 0 else min(200.0, float(target / actual * 100))
    return min(200.0, float(actual / target * 100))


def _figure(pti: str, series: tuple[MeasureHistory, ...]) -> go.Figure:
    figure = go.Figure()
    for s in series:
        figure.add_trace(
            go.Scatter(
                x=[f"FY{p.fy}" for p in s.points],
                y=[attainment(p.actual, p.target, s.direction) for p in s.points],
                customdata=[[str(p.actual), str(p.target), s.unit] for p in s.points],
                hovertemplate="actual %{customdata[0]} against target %{customdata[1]} "
                "%{customdata[2]}<extra>" + escape(f"{s.plan}: {s.measure}") + "</extra>",
                mode="lines+markers",
                name=f"{s.measure} ({s.plan})",
            )
        )
    figure.add_hline(y=100, line_dash="dash", annotation_text="target")
    figure.update_layout(
        title=f"{pti}: actual against target",
        yaxis_title="actual as % of target (above 100 is better)",
        xaxis_type="category",
        height=420,
    )
    return figure


def _table(plan: PlanResult) -> str:
    rows = []
    for m in plan.measures:
        row = m.as_json()
        interval = f" [{row['interval'][0]}, {row['interval'][1]}]" if row["interval"] else ""
        colour = STATUS_COLOURS.get(row["status"], NO_STATUS_COLOUR)
        cells = [m.id, m.title, m.unit, m.direction, row["target"], f"{row['actual']}{interval}"]
        rows.append(
            "<tr>"
            + "".join(f"<td>{escape(str(c))}</td>" for c in cells)
            + f'<td style="color:{colour};font-weight:bold">{escape(row["status"])}</td>'
            + f"<td>{escape(m.reason)}</td></tr>"
        )
    head = "".join(
        f"<th>{h}</th>"
        for h in ("measure", "definition", "unit", "better", "target", "actual", "status", "why")
    )
    title = escape(f"{plan.pti} — {plan.plan} ({plan.kind}, {plan.period})")
    return f"<h3>{title}</h3><table><tr>{head}</tr>{''.join(rows)}</table>"


def _inventory(report: PerformanceReport) -> str:
    rows = "".join(
        f"<tr><td>{escape(p.pti)}</td><td>{escape(p.status.value)}</td>"
        f"<td>{escape(', '.join(p.in_force) or '—')}</td>"
        f"<td>{escape(', '.join(p.drafts) or '—')}</td></tr>"
        for p in report.inventory.ptis
    )
    problems = "".join(
        f"<li>{escape(f'{f.pti}: {f.plan} {f.measure}: {f.reason.value} ({f.detail})')}</li>"
        for f in report.inventory.problems
    )
    return (
        "<h2>Plans (GAO-17-618 Table 11)</h2><table><tr><th>PTI</th><th>status</th>"
        f"<th>in force</th><th>drafts</th></tr>{rows}</table>"
        f"<h3>Problems</h3><ul>{problems or '<li>none</li>'}</ul>"
    )


def render(report: PerformanceReport) -> str:
    parts, first = [], True
    for pti, series in report.history.items():
        parts.append(f"<h2>{escape(pti)}</h2>")
        parts.extend(_table(p) for p in report.plans if p.pti == pti)
        if not series:
            parts.append("<p><strong>No plan with measures and targets.</strong></p>")
            continue
        parts.append(pio.to_html(_figure(pti, series), full_html=False, include_plotlyjs=first))
        first = False
    statuses = ", ".join(f"{n} {s}" for s, n in report.statuses.items())
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>tradeguard performance FY{report.fy}</title><style>"
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head><body>"
        f"<h1>Priority Trade Issues: actual against target, FY{report.fy}</h1>"
        f"<p>As of {report.as_of.isoformat()}. Measures: {escape(statuses)}.</p>"
        + _inventory(report)
        + "".join(parts)
        + "</body></html>"
    )


def write_html(report: PerformanceReport, path: Path) -> Path:
    """Write the page (the report must carry its history: `with_history=True`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report), encoding="utf-8")
    return path
