"""Evidence checks over AD/CVD liquidation and collection (services/adcvd*.py), in-bond
movements and bonded facilities (services/inbond*.py, services/facilities*.py). Drawback and
single transaction bonds: services/oversight_refunds.py; exclusion orders:
services/oversight_admissibility.py.

AD/CVD figures come through the unit of work's oversight repository (store/oversight.py); the
custody checks through those features' own reports.
"""

from __future__ import annotations

from tradeguard.domain.cases.money import from_cents
from tradeguard.domain.oversight import Evidence, met_if, no_data
from tradeguard.domain.pti import PTI
from tradeguard.services.facilities_bonds import facility_bonds
from tradeguard.services.facilities_reports import reconcile_codes, reviews_due
from tradeguard.services.inbond import list_movements
from tradeguard.services.inbond_claims import overdue_movements
from tradeguard.services.oversight_evidence import EvidenceContext
from tradeguard.store.unit_of_work import UnitOfWork


def adcvd_liquidation_timeliness(ctx: EvidenceContext) -> Evidence:
    """Every AD/CVD line liquidated in the year was liquidated within 6 months of Commerce's
    instructions; late ones are counted by cause."""
    first, last = ctx.period
    with UnitOfWork(ctx.db) as work:
        tally = work.oversight.liquidation_tally(first, last)
    figures = {
        "fiscal_year": ctx.fy,
        "liquidated": tally.liquidated,
        "late": tally.late,
        "late_by_cause": tally.late_by_cause,
    }
    if tally.liquidated == 0:
        return no_data("no AD/CVD line was liquidated in the year", **figures)
    return met_if(tally.late == 0, figures)


def adcvd_nonpayment_mitigation(ctx: EvidenceContext) -> Evidence:
    """Every importer with an AD/CVD bill past due and unpaid faces a bond demand (AD/CVD)."""
    with UnitOfWork(ctx.db) as work:
        bills = work.oversight.adcvd_bill_count()
        unpaid = work.oversight.importers_with_unpaid_bills(ctx.as_of)
        demanded = work.oversight.bond_demand_importers(PTI.ADCVD.value)
    if bills == 0:
        return no_data("no AD/CVD bill has been issued")
    unmitigated = sorted(set(unpaid) - demanded)
    figures = {
        "as_of": ctx.as_of.isoformat(),
        "bills": bills,
        "importers_with_unpaid_bills": len(unpaid),
        # principal and interest still owed: written-off amounts are no longer owed
        "still_owed_usd": str(from_cents(sum(unpaid.values()))),
        "importers_with_bond_demand": len(set(unpaid) & demanded),
        "importers_without_bond_demand": unmitigated[:20],
    }
    if not unpaid:
        return no_data("no AD/CVD bill is past due and unpaid", **figures)
    return met_if(not unmitigated, figures)


def inbond_overdue_resolved(ctx: EvidenceContext) -> Evidence:
    """Every in-bond movement past its arrival deadline has been resolved or penalised
    (services/inbond_claims.py: overdue movements left for the ports to follow up)."""
    movements = len(list_movements(ctx.db, today=ctx.as_of))
    if movements == 0:
        return no_data("no in-bond movement is recorded")
    overdue = overdue_movements(ctx.db, today=ctx.as_of)
    unresolved = [o.inbond_no for p in overdue.ports for o in p.movements]
    figures = {"as_of": ctx.as_of.isoformat(), "movements": movements,
               "overdue_unresolved": overdue.total, "ports": len(overdue.ports),
               "first_unresolved": unresolved[:20]}  # fmt: skip
    return met_if(overdue.total == 0, figures)


def facility_codes_reconciled(ctx: EvidenceContext) -> Evidence:
    """Every bonded warehouse and FTZ has one valid facility code in the registry
    (services/facilities_reports.py: codes against the reference list)."""
    found = reconcile_codes(ctx.db, today=ctx.as_of)
    if found.facilities == 0:
        return no_data("no bonded facility is registered")
    figures = {"facilities": found.facilities, "reconciled": found.reconciled,
               "not_on_list": found.not_on_list[:20], "mismatched": len(found.mismatched),
               "list_entries_without_facility": len(found.no_facility)}  # fmt: skip
    return met_if(not found.not_on_list and not found.mismatched, figures)


def facility_risk_reviewed(ctx: EvidenceContext) -> Evidence:
    """Every bonded facility's risk level is backed by a compliance review, no review is
    overdue (a risk level exists only from a review: domain/facilities.py), and every
    facility's bond covers the duties on the goods it holds (services/facilities_bonds.py)."""
    due = reviews_due(ctx.db, today=ctx.as_of)
    facilities = sum(due.by_risk_level.values())
    if facilities == 0:
        return no_data("no bonded facility is registered")
    bonds = facility_bonds(ctx.db, ctx.settings.lake_dir, today=ctx.as_of)
    short = bonds.insufficient
    unpriced = sum(f.unpriced_value_cents for f in bonds.facilities)
    figures = {"as_of": ctx.as_of.isoformat(), "facilities": facilities,
               "by_risk_level": due.by_risk_level, "never_reviewed": due.never_reviewed,
               "reviews_overdue": [d.code for d in due.overdue][:20],
               "bonds_sufficient": len(bonds.facilities) - len(short),
               "bonds_short": {f.code: str(from_cents(f.shortfall_cents)) for f in short[:20]},
               "unpriced_goods_usd": str(from_cents(unpriced))}  # fmt: skip
    return met_if(due.never_reviewed == 0 and not due.overdue and not short, figures)
