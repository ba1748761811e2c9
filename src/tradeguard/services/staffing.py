"""Staffing use cases: gaps against the law and the model, required staff, and the hiring plan.

Each use case returns domain results; `*_document` turns them into the JSON the CLI prints, so
the API can serve the same documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.domain.hiring_plan import HiringParameters, PositionPlan, plan_position
from tradeguard.domain.staffing_gaps import Position, PositionGap, analyse_gaps
from tradeguard.domain.workload import RequiredStaff, exam_officer_hours_per_day, required_fte
from tradeguard.reference.positions import (
    StaffingParameters,
    load_positions,
    load_staffing_parameters,
)
from tradeguard.services.workload import driver_volumes

CBP_OFFICER = "CBP officer"


# -- gaps ----------------------------------------------------------------------------------------
def staffing_gaps() -> list[PositionGap]:
    return analyse_gaps(load_positions())


def gaps_document(gaps: list[PositionGap]) -> dict[str, Any]:
    return {
        "positions": [
            {
                "position": g.position.name,
                "mandated": g.position.mandated_minimum,
                "optimal_low": g.position.optimal_low,
                "optimal_high": g.position.optimal_high,
                "years": {
                    str(fy): {
                        "actual": y.actual,
                        "below_mandated": y.below_mandated,
                        "below_optimal": y.below_optimal,
                    }
                    for fy, y in g.years.items()
                },
                "years_below_mandated": g.years_below_mandated,
                "generally_below_mandated": g.generally_below_mandated,
                "years_below_optimal": g.years_below_optimal,
                "generally_below_optimal": g.generally_below_optimal,
            }
            for g in gaps
        ]
    }


# -- the model -----------------------------------------------------------------------------------
def staffing_model(
    *,
    lake_dir: Path | None = None,
    measured: Mapping[str, int] | None = None,
    params_file: Path | None = None,
) -> list[RequiredStaff]:
    """Required FTE per position at tradeguard's workload (measured where it can be)."""
    parameters = load_staffing_parameters(params_file)
    volumes = driver_volumes(parameters, lake_dir=lake_dir, measured=measured)
    return [
        required_fte(
            p.name,
            parameters.standard_hours.get(p.name, []),
            volumes,
            parameters.productive_hours_per_fte,
        )
        for p in load_positions()
    ]


def model_document(required: list[RequiredStaff]) -> dict[str, Any]:
    positions = {p.name: p for p in load_positions()}
    return {
        "positions": [
            {
                "position": r.position,
                "fte_low": r.fte_low,
                "fte_high": r.fte_high,
                "optimal_low": positions[r.position].optimal_low,
                "optimal_high": positions[r.position].optimal_high,
                "workload": [
                    {
                        "driver": w.driver,
                        "units": w.units,
                        "source": "measured" if w.measured else "default",
                        "hours_per_unit_low": str(w.hours_low),
                        "hours_per_unit_high": str(w.hours_high),
                        "fte_low": str(w.fte_low),
                        "fte_high": str(w.fte_high),
                    }
                    for w in r.workload
                ],
            }
            for r in required
        ]
    }


# -- the hiring plan -----------------------------------------------------------------------------
def hiring_parameters_for(
    position: str,
    parameters: StaffingParameters,
    *,
    attrition_rate: Decimal | None = None,
    lead_time_months: int | None = None,
    hiring_capacity: int | None = None,
) -> HiringParameters:
    """YAML defaults, then the command's flags, then the position's own YAML overrides."""
    chosen: dict[str, Any] = dict(parameters.hiring)
    flags = {
        "attrition_rate": attrition_rate,
        "lead_time_months": lead_time_months,
        "hiring_capacity": hiring_capacity,
    }
    chosen.update({k: v for k, v in flags.items() if v is not None})
    chosen.update(parameters.position_overrides.get(position, {}))
    return HiringParameters(
        attrition_rate=chosen.get("attrition_rate", Decimal(0)),
        lead_time_months=chosen.get("lead_time_months", 0),
        hiring_capacity=chosen.get("hiring_capacity"),
    )


def hiring_plan(
    target_fy: int,
    *,
    attrition_rate: Decimal | None = None,
    lead_time_months: int | None = None,
    hiring_capacity: int | None = None,
    params_file: Path | None = None,
) -> list[PositionPlan]:
    """One plan per position, from its last actual year to the target fiscal year."""
    parameters = load_staffing_parameters(params_file)
    plans = []
    for position in load_positions():
        last = position.last_actual_fy
        if target_fy <= last:
            raise InvalidInput(
                f"target fiscal year must be after FY{last}, the last year with actual "
                f"staffing, got {target_fy}",
                field="target_fy",
            )
        plans.append(
            plan_position(
                position=position.name,
                current=position.actuals[last],
                last_actual_fy=last,
                target=position.target,
                target_fy=target_fy,
                parameters=hiring_parameters_for(
                    position.name,
                    parameters,
                    attrition_rate=attrition_rate,
                    lead_time_months=lead_time_months,
                    hiring_capacity=hiring_capacity,
                ),
            )
        )
    return plans


def plan_document(target_fy: int, plans: list[PositionPlan]) -> dict[str, Any]:
    return {
        "target_fy": target_fy,
        "positions": [
            {
                "position": p.position,
                "target": p.target,
                "feasible": p.feasible,
                "shortfall": p.shortfall,
                "hires_needed": p.hires_needed,
                "statement": p.statement(),
                "parameters": {
                    "attrition_rate": str(p.parameters.attrition_rate),
                    "lead_time_months": p.parameters.lead_time_months,
                    "hiring_capacity": p.parameters.hiring_capacity,
                },
                "years": {
                    str(y.fiscal_year): {
                        "start": y.start,
                        "separations": y.separations,
                        "hires_started": y.hires_started,
                        "hires_on_board": y.hires_on_board,
                        "end": y.end,
                    }
                    for y in p.years
                },
            }
            for p in plans
        ],
    }


def write_plan_chart(plans: list[PositionPlan], path: Path) -> Path:
    """Projected headcount against target per position, as one self-contained HTML file."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    positions: dict[str, Position] = {p.name: p for p in load_positions()}
    cols = 3
    rows = (len(plans) + cols - 1) // cols
    figure = make_subplots(rows=rows, cols=cols, subplot_titles=[p.position for p in plans])
    for index, plan in enumerate(plans):
        row, col = index // cols + 1, index % cols + 1
        actuals = positions[plan.position].actuals
        years = sorted(actuals)
        figure.add_trace(
            go.Scatter(
                x=years,
                y=[actuals[y] for y in years],
                mode="lines+markers",
                name="actual",
                line={"color": "#1f77b4"},
                showlegend=index == 0,
            ),
            row=row,
            col=col,
        )
        projected_x = [years[-1]] + [y.fiscal_year for y in plan.years]
        projected_y = [actuals[years[-1]]] + [y.end for y in plan.years]
        figure.add_trace(
            go.Scatter(
                x=projected_x,
                y=projected_y,
                mode="lines+markers",
                name="projected",
                line={"color": "#2ca02c", "dash": "dot"},
                showlegend=index == 0,
            ),
            row=row,
            col=col,
        )
        figure.add_trace(
            go.Scatter(
                x=[years[0], plan.target_fy],
                y=[plan.target, plan.target],
                mode="lines",
                name="target",
                line={"color": "#d62728"},
                showlegend=index == 0,
            ),
            row=row,
            col=col,
        )
    figure.update_layout(
        title=f"Projected headcount against target by FY{plans[0].target_fy if plans else ''}",
        height=320 * rows,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.write_html(str(path), include_plotlyjs=True, full_html=True)
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror}", field="html") from error
    return path


# -- for exam capacity ---------------------------------------------------------------------------
def officer_trade_fte() -> int:
    """CBP officers' full-time equivalent spent on trade: 6,889 (October 2014, GAO-17-618 Table 6).

    Of about 22,000 officers, this is the share the exams allocation may treat as trade capacity.
    """
    for position in load_positions():
        if position.name == CBP_OFFICER:
            return position.actuals[position.last_actual_fy]
    raise NotFound(f"{CBP_OFFICER} is missing from the positions reference data")


def port_exam_officer_hours_per_day(
    port_share: Decimal, *, params_file: Path | None = None
) -> Decimal:
    """Officer-hours a day a port can give to trade exams, given its share of national entries.

    trade FTE × port_share × productive hours per FTE ÷ operating days per year (YAML).
    """
    parameters = load_staffing_parameters(params_file)
    return exam_officer_hours_per_day(
        officer_trade_fte=officer_trade_fte(),
        port_share=port_share,
        productive_hours_per_fte=parameters.productive_hours_per_fte,
        operating_days_per_year=parameters.operating_days_per_year,
    )
