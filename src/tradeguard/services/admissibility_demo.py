"""The demo's admissibility step: generated reference data imported from CSV like an officer's
file, trade alerts recorded, the lake screened with the admissibility rule columns, and what
follows: entries denied entry, detentions under withhold release orders moved to release,
export or seizure, liquidated damages claims for goods not redelivered, and the review list
of orders to ask the ITC to rescind. Each is the same service the CLI and the API call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.cases.money import ZERO
from tradeguard.domain.pti import PTI
from tradeguard.domain.redelivery import Breach, mitigated_amount
from tradeguard.domain.withhold_release import DetentionState
from tradeguard.generator.admissibility import LineFacts, generate_admissibility
from tradeguard.services import admissibility as reference
from tradeguard.services.admissibility_cases import claim_liquidated_damages, deny_entry
from tradeguard.services.admissibility_screening import Screening, screen_lake
from tradeguard.services.cases import move_case
from tradeguard.services.withhold_release import detain, list_detentions, move_detention
from tradeguard.store.database import Database
from tradeguard.store.lake import EntryLake

ACTOR = "demo"
SAMPLE_LINES = 50_000  # enough lines to build reference data from; the screening reads them all


@dataclass(frozen=True, slots=True)
class AdmissibilityDemo:
    imported: dict[str, int]
    alerts: reference.AlertReport
    rescission: list[reference.RescissionCandidate]
    denied_entries: int
    detentions: dict[str, int]
    unauthorized_entries: int
    claims: int
    claimed_usd: str
    truth: dict[str, str]

    def as_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "exclusion_orders": [o.as_json() for o in self.alerts.orders],
            "alerts": {k: v for k, v in self.alerts.as_json().items() if k != "orders"},
            "rescission_review": [c.as_json() for c in self.rescission],
            "denied_entries": self.denied_entries,
            "withhold_release_detentions": self.detentions,
            "unauthorized_manufacturer_entries": self.unauthorized_entries,
            "liquidated_damages_claims": self.claims,
            "liquidated_damages_claimed_usd": self.claimed_usd,
            "cases_opened": self.denied_entries + self.claims + self.detentions["seized"],
            "screening_against_truth": self.truth,
        }


def _line_facts(settings: Settings) -> list[LineFacts]:
    frame = (
        EntryLake(settings.lake_dir)
        .scan()
        .select("entry_no", "hts10", "manufacturer_id", "origin_country", "entry_date")
        .sort("entry_no", "hts10")
        .head(SAMPLE_LINES)
        .collect()
    )
    return [LineFacts(*row) for row in frame.iter_rows()]


def _import_and_alert(
    db: Database, settings: Settings, seed: int, out: Path
) -> tuple[dict[str, int], Any]:
    today = date.today()
    lines = _line_facts(settings)
    scenario = generate_admissibility(lines, seed=seed, today=today)
    paths = scenario.write(out)
    kinds = {
        "recordations": reference.ReferenceKind.RECORDATIONS,
        "exclusion_orders": reference.ReferenceKind.EXCLUSION_ORDERS,
        "withhold_orders": reference.ReferenceKind.WITHHOLD_ORDERS,
    }
    imported = {
        name: reference.import_reference(db, kinds[name], path, ACTOR).imported
        for name, path in paths.items()
    }
    for order in scenario.exclusion_orders:
        lag = scenario.alert_lag_days.get(order.order_no)
        if lag is not None and order.effective_on + timedelta(days=lag) <= today:
            reference.record_alert(
                db, order.order_no, order.effective_on + timedelta(days=lag), ACTOR
            )
    return imported, (scenario, lines)


def _deny_and_claim(db: Database, screening: Screening) -> tuple[int, int, str]:
    """Deny entry to every excluded entry; every fourth had been released under bond and was
    not redelivered: a liquidated damages claim, petitioned and mitigated every other time."""
    denied = claims = 0
    claimed = ZERO
    for n, line in enumerate(screening.entries("excluded")):
        opened = deny_entry(
            db, entry_no=line.entry_no, importer_id=line.importer_id, pti=PTI.IPR,
            reason="covered by an ITC exclusion order", on=line.entry_date, actor=ACTOR,
        )  # fmt: skip
        move_case(
            db, opened.case_id, "destroyed" if n % 5 == 4 else "exported", ACTOR, on=line.entry_date
        )
        denied += 1
        if n % 4 != 3:
            continue
        claim = claim_liquidated_damages(
            db, entry_no=line.entry_no, importer_id=line.importer_id,
            breach=Breach.FAILURE_TO_REDELIVER, value_usd=line.value_usd, restricted=False,
            on=line.entry_date, actor=ACTOR,
        )  # fmt: skip
        claims += 1
        claimed += claim.demanded
        if claims % 2:
            move_case(db, claim.case_id, "petitioned", ACTOR, on=line.entry_date)
            lesser = mitigated_amount(claim.demanded, 20)
            move_case(db, claim.case_id, "mitigated", ACTOR, on=line.entry_date, amount=lesser)
            move_case(db, claim.case_id, "paid", ACTOR, on=line.entry_date, amount=lesser)
    return denied, claims, str(claimed)


def _detain(db: Database, screening: Screening, today: date) -> dict[str, int]:
    """Detain every withheld entry, then: proof and release, export, or seizure once the
    window has passed (a third each); detentions still in their window stay detained."""
    for n, line in enumerate(screening.entries("withheld")):
        view = detain(
            db, entry_no=line.entry_no, wro_no=screening.withhold_order_for(line),
            importer_id=line.importer_id, value_usd=line.value_usd, detained_on=line.entry_date,
            actor=ACTOR,
        )  # fmt: skip
        ends = view.detention.window_ends
        if n % 3 == 0 and line.entry_date + timedelta(days=20) <= today:
            proof_on = line.entry_date + timedelta(days=20)
            move_detention(db, view.id, DetentionState.PROOF_SUBMITTED, proof_on, ACTOR)
            move_detention(db, view.id, DetentionState.RELEASED, proof_on, ACTOR)
        elif n % 3 == 1:
            move_detention(db, view.id, DetentionState.EXPORTED, line.entry_date, ACTOR)
        elif ends < today:
            move_detention(db, view.id, DetentionState.SEIZED, ends + timedelta(days=1), ACTOR)
    states: dict[str, int] = {s.value: 0 for s in DetentionState}
    for view in list_detentions(db, today=today):
        states[view.detention.state.value] += 1
    return states


def _found(planted: set[str], screened: set[str]) -> str:
    missed, extra = len(planted - screened), len(screened - planted)
    return f"{len(planted) - missed} of {len(planted)} planted found, {extra} false alarms"


def admissibility_demo(
    db: Database, settings: Settings, seed: int, generated_dir: Path
) -> AdmissibilityDemo:
    today, out = date.today(), generated_dir / "admissibility"
    imported, (scenario, lines) = _import_and_alert(db, settings, seed, out)
    screening = screen_lake(db, settings)
    denied, claims, claimed = _deny_and_claim(db, screening)
    detentions = _detain(db, screening, today)
    # the truth covers only the sampled lines; compare on those entries
    sampled = {x.entry_no for x in lines}
    screened = {
        f: {x.entry_no for x in screening.entries(f)} & sampled
        for f in ("excluded", "withheld", "unauthorized")
    }
    truth = {
        "excluded": _found(scenario.expected_excluded(lines), screened["excluded"]),
        "withheld": _found(scenario.expected_withheld(lines), screened["withheld"]),
        "unauthorized": _found(scenario.expected_unauthorized(lines), screened["unauthorized"]),
    }
    return AdmissibilityDemo(
        imported=imported,
        alerts=reference.alert_report(db, today=today),
        rescission=reference.rescission_review(db, screening.entries_per_order(), today=today),
        denied_entries=denied,
        detentions=detentions,
        unauthorized_entries=len(screening.entries("unauthorized")),
        claims=claims,
        claimed_usd=claimed,
        truth=truth,
    )
