"""Evidence checks: one small function per control a recommendation names, over the stores.

Each check's docstring is its criterion, and the tracker shows it beside the figures. A check
returns met or not met only when the data can say so; otherwise no data, with the reason. Adding
a check is one function here (or in services/oversight_custody.py) and one line in CHECKS.
"""

from __future__ import annotations

from datetime import timedelta

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.oversight import Evidence, met_if, no_data
from tradeguard.domain.pti import PTI
from tradeguard.reference.positions import load_positions, load_staffing_parameters
from tradeguard.services import oversight_custody as custody
from tradeguard.services import oversight_refunds as refunds
from tradeguard.services.oversight_admissibility import exclusion_order_review
from tradeguard.services.oversight_evidence import Check, EvidenceContext
from tradeguard.services.plan_files import default_plans_dir, load_plans
from tradeguard.services.staffing import hiring_plan
from tradeguard.services.workload import staffing_model
from tradeguard.store.unit_of_work import UnitOfWork

# The hiring plan is judged at the horizon the demo and the staffing page use.
HIRING_HORIZON_YEARS = 4


def pti_measures_targeted(ctx: EvidenceContext) -> Evidence:
    """Every PTI has a plan in force for the year, and every measure of it has a target."""
    plans = [p for p in load_plans([default_plans_dir(ctx.settings)]) if p.in_force(ctx.fy)]
    covered = {p.pti for p in plans}
    measures = [m for p in plans for m in p.measures()]
    untargeted = sorted(
        f"{p.id}:{m.id}" for p in plans for m in p.measures() if ctx.fy not in m.targets
    )
    missing = [pti.value for pti in PTI if pti not in covered]
    figures = {
        "fiscal_year": ctx.fy,
        "plans_in_force": len(plans),
        "ptis_with_plan": len(covered),
        "ptis_without_plan": missing,
        "measures": len(measures),
        "measures_with_target": len(measures) - len(untargeted),
        "measures_without_target": untargeted[:20],
    }
    if not plans:
        return no_data("no PTI plan is in force for the year", **figures)
    return met_if(not missing and not untargeted, figures)


def hiring_plan_reaches_targets(ctx: EvidenceContext) -> Evidence:
    """A hiring plan exists for every trade position and reaches its target within 4 years."""
    target_fy = ctx.fy + HIRING_HORIZON_YEARS
    try:
        plans = hiring_plan(target_fy)
    except InvalidInput as error:
        return no_data(str(error), target_fy=target_fy)
    short = {p.position: p.shortfall for p in plans if not p.feasible}
    return met_if(
        bool(plans) and not short,
        {
            "target_fy": target_fy,
            "positions": len(plans),
            "positions_reaching_target": len(plans) - len(short),
            "shortfall_people": short,
            "hires_needed": sum(p.hires_needed for p in plans),
        },
    )


def workload_model_documented(ctx: EvidenceContext) -> Evidence:
    """Every workload driver names its data source, and every position has standard hours."""
    parameters = load_staffing_parameters()
    drivers = parameters.drivers
    undocumented = sorted(n for n, d in drivers.items() if not d.measured_from or not d.note)
    names = [p.name for p in load_positions()]
    without_hours = [n for n in names if not parameters.standard_hours.get(n)]
    unmeasured = sorted(n for n, d in drivers.items() if d.measured_from == "not yet measured")
    return met_if(
        not undocumented and not without_hours,
        {
            "drivers": len(drivers),
            "drivers_with_source": len(drivers) - len(undocumented),
            "drivers_not_yet_measured": unmeasured,
            "positions": len(names),
            "positions_without_standard_hours": without_hours,
        },
    )


def workload_model_validated(ctx: EvidenceContext) -> Evidence:
    """The model's required FTE, from this deployment's workload, overlaps the Resource
    Optimization Model's optimal range for every position (an independent estimate)."""
    model = staffing_model(lake_dir=ctx.settings.lake_dir)
    ranges = {p.name: (p.optimal_low, p.optimal_high) for p in load_positions()}
    outside = {
        r.position: f"{r.fte_low}-{r.fte_high} FTE, optimal {ranges[r.position][0]}-"
        f"{ranges[r.position][1]}"
        for r in model.required
        if not (r.fte_low <= ranges[r.position][1] and ranges[r.position][0] <= r.fte_high)
    }
    figures = {
        "positions": len(model.required),
        "within_optimal_range": len(model.required) - len(outside),
        "outside_optimal_range": outside,
        "workload": model.workload.note,
    }
    if model.workload.scope is None:
        return no_data(
            "the model ran on national defaults only, not this deployment's workload", **figures
        )
    return met_if(not outside, figures)


def case_deadlines_kept(ctx: EvidenceContext) -> Evidence:
    """No open case has a statutory or procedural deadline past due and unmet."""
    with UnitOfWork(ctx.db) as work:
        due, unmet = work.oversight.deadlines_due_by(ctx.as_of)
    figures = {"as_of": ctx.as_of.isoformat(), "deadlines_due": due, "deadlines_missed": unmet}
    if due == 0:
        return no_data("no case deadline has fallen due", **figures)
    return met_if(unmet == 0, figures)


def holds_closed_on_time(ctx: EvidenceContext) -> Evidence:
    """Every hold older than the overdue limit has been closed by a finding."""
    cutoff = ctx.as_of - timedelta(days=ctx.settings.overdue_days)
    with UnitOfWork(ctx.db) as work:
        total, without = work.oversight.holds_created_by(cutoff)
    figures = {
        "holds_older_than_limit": total,
        "overdue_without_finding": without,
        "overdue_days": ctx.settings.overdue_days,
        "as_of": ctx.as_of.isoformat(),
    }
    if total == 0:
        return no_data("no hold is older than the overdue limit", **figures)
    return met_if(without == 0, figures)


def risk_based_bond_demands(ctx: EvidenceContext) -> Evidence:
    """Bond sufficiency was checked against exposure in the year: bond demands were opened."""
    first, last = ctx.period
    with UnitOfWork(ctx.db) as work:
        demands = work.oversight.bond_demands(first, last)
    figures = {"fiscal_year": ctx.fy, "bond_demands": len(demands)}
    if not demands:
        return no_data("no bond demand was opened in the year", **figures)
    by_pti: dict[str, int] = {}
    for case in demands:
        by_pti[case.pti] = by_pti.get(case.pti, 0) + 1
    return met_if(True, {**figures, "by_pti": by_pti})


CHECKS: dict[str, Check] = {
    "pti_measures_targeted": pti_measures_targeted,
    "hiring_plan_reaches_targets": hiring_plan_reaches_targets,
    "workload_model_documented": workload_model_documented,
    "workload_model_validated": workload_model_validated,
    "case_deadlines_kept": case_deadlines_kept,
    "holds_closed_on_time": holds_closed_on_time,
    "risk_based_bond_demands": risk_based_bond_demands,
    "adcvd_liquidation_timeliness": custody.adcvd_liquidation_timeliness,
    "adcvd_nonpayment_mitigation": custody.adcvd_nonpayment_mitigation,
    "exclusion_order_review": exclusion_order_review,
    "drawback_claims_checked": refunds.drawback_claims_checked,
    "drawback_revenue_loss_estimate": refunds.drawback_revenue_loss_estimate,
    "drawback_bond_sufficiency": refunds.drawback_bond_sufficiency,
    "inbond_overdue_resolved": custody.inbond_overdue_resolved,
    "facility_codes_reconciled": custody.facility_codes_reconciled,
    "facility_risk_reviewed": custody.facility_risk_reviewed,
    "single_transaction_bonds_monitored": refunds.single_transaction_bonds_monitored,
}
