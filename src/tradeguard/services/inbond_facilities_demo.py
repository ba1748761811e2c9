"""The demo's in-bond and bonded facilities step: generated movements and facilities go in
through the same use cases the officers use, then the controls run and what they find is set
against what was planted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from tradeguard.config import Settings
from tradeguard.domain.cases.money import from_cents
from tradeguard.domain.errors import Conflict
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.generator.facilities import PlannedFacility, generate_facilities
from tradeguard.generator.inbond import PlannedMovement, generate_movements
from tradeguard.services import facilities, facilities_goods, inbond
from tradeguard.services.facilities_bonds import facility_bonds
from tradeguard.services.facilities_reports import reconcile_codes, reviews_due
from tradeguard.services.inbond_claims import declare_default, open_claims, overdue_movements
from tradeguard.services.inbond_records import retention_report
from tradeguard.store.database import Database

ACTOR = "demo"
# Which breach (or report) finds each planted in-bond violation.
FOUND_BY = {
    "late_arrival": "late_delivery",
    "late_arrival_report": "late_arrival_report",
    "never_arrived": "non_delivery",
    "not_exported": "failure_to_export",
    "late_export_report": "late_export_report",
    "missing_proof": "missing_documents",
}


@dataclass(frozen=True, slots=True)
class Detection:
    planted: int
    detected: int
    missed: list[str]
    false_alarms: list[str]

    def line(self) -> str:
        return f"{self.detected} of {self.planted} found, {len(self.false_alarms)} false alarms"


def _compare(planted: set[str], found: set[str]) -> Detection:
    return Detection(
        len(planted),
        len(planted & found),
        sorted(planted - found)[:10],
        sorted(found - planted)[:10],
    )


def load_movements(db: Database, planned: list[PlannedMovement], as_of: date) -> None:
    for p in planned:
        m = p.movement
        new = inbond.MovementInput(
            m.inbond_no,
            m.movement_type,
            m.origin_port,
            m.destination_port,
            m.carrier_code,
            m.bond_no,
            m.value,
            m.departed_on,
            m.restricted,
            p.application,
        )
        inbond.authorize_movement(db, new, ACTOR, today=as_of)
        if p.arrived_on and p.arrival_reported_on:
            inbond.report_arrival(
                db,
                m.inbond_no,
                p.arrived_on,
                ACTOR,
                reported_on=p.arrival_reported_on,
                proof=p.arrival_proof,
                today=as_of,
            )
        if p.exported_on and p.export_reported_on:
            inbond.report_export(
                db,
                m.inbond_no,
                p.exported_on,
                ACTOR,
                reported_on=p.export_reported_on,
                proof=p.export_proof,
                today=as_of,
            )


def load_facilities(db: Database, planned: list[PlannedFacility], as_of: date) -> None:
    for p in planned:
        f = p.facility
        facilities.register_facility(
            db,
            facilities.FacilityInput(
                f.code,
                f.name,
                f.kind,
                f.class_code,
                f.operator,
                f.port_code,
                f.bond_no,
                f.bond_amount,
                f.registered_on,
            ),
            ACTOR,
            today=as_of,
        )
        for review in p.reviews:
            facilities.record_review(db, f.code, review, ACTOR, today=as_of)
        for goods in p.admissions:
            facilities_goods.admit_goods(db, f.code, goods, ACTOR, today=as_of)


def _inbond_findings(db: Database, planned: list[PlannedMovement], as_of: date) -> dict[str, Any]:
    overdue = overdue_movements(db, today=as_of)
    defaults = 0
    for port in overdue.ports:
        for o in port.movements:
            try:
                declare_default(db, o.inbond_no, ACTOR, today=as_of)
                defaults += 1
            except Conflict:  # its deadline is today: the port waits another day
                continue
    swept = open_claims(db, ACTOR, today=as_of)
    views = inbond.list_movements(db, today=as_of)
    retention = retention_report(db, today=as_of)
    found: dict[str, set[str]] = {name: set() for name in FOUND_BY.values()}
    for v in views:
        for claim in v.claims:
            found.setdefault(claim.breach, set()).add(v.inbond_no)
    found["missing_documents"] = {m.inbond_no for m in retention.missing_documents}
    claims = [c for v in views for c in v.claims]
    detection = {
        name: _compare(
            {p.movement.inbond_no for p in planned if p.violation == name}, found[breach]
        ).line()
        for name, breach in FOUND_BY.items()
    }
    return {
        "movements": len(views),
        "by_type": dict(Counter(v.movement_type for v in views)),
        "by_state": dict(Counter(v.state for v in views)),
        "overdue_for_port_follow_up": overdue.total,
        "ports_following_up": len(overdue.ports),
        "defaults_declared": defaults,
        "liquidated_damages_claims": len(claims),
        "claims_by_breach": dict(Counter(c.breach for c in claims)),
        "claimed_usd": str(sum((c.amount for c in claims), Decimal("0.00"))),
        "claims_opened_by_sweep": len(swept.opened),
        "records_missing_documents": len(retention.missing_documents),
        "records_retained_until": retention.retained_until_by_year,
        "planted_vs_detected": detection,
    }


def _facility_findings(db: Database, planned: list[PlannedFacility], as_of: date) -> dict[str, Any]:
    reconciliation = reconcile_codes(db, today=as_of)
    reviews = reviews_due(db, today=as_of)
    over = facilities_goods.goods_over_limit(db, today=as_of)
    bonds = facility_bonds(db, today=as_of)
    views = facilities.list_facilities(db, today=as_of)

    def planted(name: str) -> set[str]:
        return {p.facility.code for p in planned if name in p.violations}

    never = {f.code for f in views if f.risk_level is None and f.review_status == "overdue"}
    stale = {f.code for f in views if f.risk_level is not None and f.review_status == "overdue"}
    detection = {
        "unreconciled_code": _compare(
            planted("unreconciled_code"), set(reconciliation.not_on_list)
        ).line(),
        "unreviewed": _compare(planted("unreviewed"), never).line(),
        "review_overdue": _compare(planted("review_overdue"), stale).line(),
        "over_limit": _compare(planted("over_limit"), {g.facility for g in over.goods}).line(),
        "insufficient_bond": _compare(
            planted("insufficient_bond"), {f.code for f in bonds.insufficient}
        ).line(),
    }
    return {
        "registered": len(views),
        "by_kind": dict(Counter(f.kind for f in views)),
        "codes_not_on_reference_list": reconciliation.not_on_list,
        "reference_codes_without_facility": len(reconciliation.no_facility),
        "codes_mismatched": len(reconciliation.mismatched),
        "risk_levels": reviews.by_risk_level,
        "reviews_overdue": len(reviews.overdue),
        "never_reviewed": reviews.never_reviewed,
        "goods_over_5_year_limit": len(over.goods),
        "value_over_limit_usd": str(over.value),
        "bonds_short_of_duties_on_hand": len(bonds.insufficient),
        "bond_shortfall_usd": str(from_cents(sum(f.shortfall_cents for f in bonds.insufficient))),
        "planted_vs_detected": detection,
    }


def inbond_and_facilities_demo(
    db: Database, seed: int, as_of: date, *, movements: int, sites: int
) -> dict[str, Any]:
    """Load generated movements and facilities, run the controls, compare with what was planted."""
    planned_movements = generate_movements(seed, movements, as_of)
    planned_facilities = generate_facilities(seed, sites, as_of)
    load_movements(db, planned_movements, as_of)
    load_facilities(db, planned_facilities, as_of)
    return {
        "as_of": as_of.isoformat(),
        "inbond": _inbond_findings(db, planned_movements, as_of),
        "facilities": _facility_findings(db, planned_facilities, as_of),
    }


class DemoRunLike(Protocol):
    """What this step reads of services.demo.DemoRun (which lists this step among its own)."""

    settings: Settings
    entries: int
    seed: int
    fy: int


def step_inbond_facilities(run: DemoRunLike) -> dict[str, Any]:
    """In-bond movements and bonded facilities on the fiscal year's last day (or today, if
    sooner): one movement per 500 entries, at least 60, and 30 facilities."""
    _, last = fiscal_year_bounds(run.fy)
    as_of = min(last, date.today())
    db = Database(run.settings.effective_database_url)
    try:
        return inbond_and_facilities_demo(
            db, run.seed, as_of, movements=max(60, run.entries // 500), sites=30
        )
    finally:
        db.dispose()
