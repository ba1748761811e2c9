"""The hiring plan as one self-contained HTML chart: trade FTE, actual and projected, per position.

Charted in trade FTE, the unit of Tables 5 and 6, so the report's actuals, the projection and the
target share one axis (the plan itself hires people; its JSON shows both).
"""

from __future__ import annotations

from pathlib import Path

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.hiring_plan import PositionPlan
from tradeguard.domain.staffing_gaps import Position
from tradeguard.reference.positions import load_positions

COLUMNS = 3


def write_plan_chart(plans: list[PositionPlan], path: Path) -> Path:
    """Projected trade FTE against the target FTE per position, plotly.js embedded."""
    # plotly is heavy and only this file-writing path needs it.
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    positions: dict[str, Position] = {p.name: p for p in load_positions()}
    rows = (len(plans) + COLUMNS - 1) // COLUMNS
    figure = make_subplots(rows=rows, cols=COLUMNS, subplot_titles=[p.position for p in plans])
    for index, plan in enumerate(plans):
        where = {"row": index // COLUMNS + 1, "col": index % COLUMNS + 1}
        actuals = positions[plan.position].actuals
        years = sorted(actuals)
        first = index == 0
        figure.add_trace(
            go.Scatter(
                x=years,
                y=[actuals[y] for y in years],
                mode="lines+markers",
                name="actual",
                line={"color": "#1f77b4"},
                showlegend=first,
            ),
            **where,
        )
        figure.add_trace(
            go.Scatter(
                x=[years[-1]] + [y.fiscal_year for y in plan.years],
                y=[actuals[years[-1]]] + [float(y.fte_end) for y in plan.years],
                mode="lines+markers",
                name="projected",
                line={"color": "#2ca02c", "dash": "dot"},
                showlegend=first,
            ),
            **where,
        )
        figure.add_trace(
            go.Scatter(
                x=[years[0], plan.target_fy],
                y=[plan.target_fte, plan.target_fte],
                mode="lines",
                name="target",
                line={"color": "#d62728"},
                showlegend=first,
            ),
            **where,
        )
    target_fy = plans[0].target_fy if plans else ""
    figure.update_layout(
        title=f"Projected headcount against target by FY{target_fy} (trade FTE)",
        height=320 * rows,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.write_html(str(path), include_plotlyjs=True, full_html=True)
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror}", field="html") from error
    return path
