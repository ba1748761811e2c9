"""What an officer reads: a port's exam queue in the order the exam plan works it, and one
hold with its declaration lines, the reasons it was held and what was found.

The queue order is the allocation's (domain.exams.allocate): mandatory holds first, then the
random compliance sample, then discretionary holds by expected yield, highest first. The reasons
are each rule version's name and rationale; its predicate is added only `with_predicates`.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.exams import DISCRETIONARY, MANDATORY, RANDOM
from tradeguard.services.hold_views import (
    CaseLink,
    HoldCard,
    HoldDetail,
    HoldReason,
    ModelView,
    PortWaiting,
)
from tradeguard.services.rule_hits import read_findings
from tradeguard.store.database import Database
from tradeguard.store.exams import CLOSED, HoldRow
from tradeguard.store.lake import EntryLake
from tradeguard.store.rules import RuleRepository
from tradeguard.store.unit_of_work import UnitOfWork

LANE_RANK = {MANDATORY: 0, RANDOM: 1, DISCRETIONARY: 2}
LINE_FIELDS = (
    "line_no", "hts10", "description", "origin_country", "manufacturer_id", "quantity", "unit",
    "value_usd", "duty_rate", "duty_usd", "spi", "adcvd_case",
)  # fmt: skip


def plan_lane(hold: HoldRow) -> str:
    """As the planner counts it: a sampled entry is the measurement even if a rule also held it."""
    return RANDOM if hold.sampled and hold.lane == DISCRETIONARY else hold.lane


def queue_order(hold: HoldRow) -> tuple[int, Decimal, int]:
    return (LANE_RANK.get(plan_lane(hold), 3), -hold.expected_yield_usd, hold.id)


def _card_fields(hold: HoldRow) -> dict[str, Any]:
    return {
        "id": hold.id,
        "entry_no": hold.entry_no,
        "port": hold.port_code,
        "lane": hold.lane,
        "plan_lane": plan_lane(hold),
        "stage": hold.stage,
        "status": hold.status,
        "exam_type": hold.exam_type,
        "officer": hold.officer,
        "importer_id": hold.importer_id,
        "entry_date": hold.entry_date,
        "value_usd": hold.value_usd,
        "expected_yield_usd": hold.expected_yield_usd,
        "rule_ids": hold.ids(),
        "sampled": hold.sampled,
    }


def _card(hold: HoldRow) -> HoldCard:
    return HoldCard(**_card_fields(hold))


def check_port(port: str) -> str:
    cleaned = port.strip()
    if not (cleaned.isdigit() and len(cleaned) == 4):
        raise InvalidInput(f"port must be a four-digit port code, got {port!r}", "port")
    return cleaned


def ports_with_holds(db: Database) -> list[PortWaiting]:
    """Ports with holds waiting for an exam in the latest targeting run, busiest first."""
    with UnitOfWork(db) as uow:
        run = uow.runs.latest_or_none()
        if run is None:
            return []
        waiting = uow.holds.waiting_by_port(run.id)
        ports = [PortWaiting(p, n) for p, n in waiting.items()]
    return sorted(ports, key=lambda p: (-p.waiting, p.port))


def port_queue(db: Database, port: str) -> list[HoldCard]:
    """The waiting holds of one port from the latest targeting run, in the plan's order."""
    port = check_port(port)
    with UnitOfWork(db) as uow:
        run = uow.runs.latest_or_none()
        if run is None:
            return []
        holds = uow.holds.waiting_at_port(run.id, port)
        return [_card(h) for h in sorted(holds, key=queue_order)]


def _reasons(rules: RuleRepository, refs: list[str], *, with_predicates: bool) -> list[HoldReason]:
    out = []
    for ref in refs:
        rule_id, _, version = ref.partition("@")
        row = rules.version(rule_id, int(version) if version.isdigit() else -1)
        content = json.loads(row.content) if row is not None else {}
        out.append(
            HoldReason(
                rule_id, int(version) if version.isdigit() else None,
                content.get("name", rule_id), content.get("rationale", ""),
                content.get("risk"), content.get("pti"),
                content.get("where") if with_predicates else None,
            )
        )  # fmt: skip
    return out


def _lines(settings: Settings, entry_no: str) -> pl.DataFrame:
    lake = EntryLake(settings.lake_dir)
    if lake.is_empty():
        return pl.DataFrame()
    return lake.scan().filter(pl.col("entry_no") == entry_no).sort("line_no").collect()


def _model_view(settings: Settings, lines: pl.DataFrame) -> ModelView | None:
    """The active risk model's score and its top contributions in words, when a model exists."""
    if lines.is_empty():
        return None
    # Imported here: LightGBM takes seconds to import, and most holds are read without it.
    from tradeguard.risk.registry import active_version, load_active

    model = load_active(settings.models_dir)
    if model is None:
        return None
    scored = model.score(lines, read_findings(settings))
    if scored.is_empty():
        return None
    row = scored.row(0, named=True)
    return ModelView(
        active_version(settings.models_dir),
        round(float(row["risk_score"]), 4),
        round(float(row["expected_yield_usd"]), 2),
        list(row["reasons"] or []),
    )


def cases_of_hold(db: Database, hold_id: int) -> list[CaseLink]:
    with UnitOfWork(db) as uow:
        rows = uow.cases.of_hold(hold_id)
    return [CaseLink(c.id, c.kind, c.pti, c.state) for c in rows]


def hold_detail(
    db: Database, settings: Settings, hold_id: int, *, with_predicates: bool
) -> HoldDetail:
    """A hold, its declaration lines, its reasons, and its finding and cases once recorded."""
    with UnitOfWork(db) as uow:
        hold = uow.holds.get(hold_id)
        card = _card_fields(hold)
        center, ptis = hold.center, json.loads(hold.pti_hits)
        reasons = _reasons(uow.rules, hold.refs(), with_predicates=with_predicates)
        finding = uow.findings.for_hold(hold_id)
        record = finding.snapshot() if finding is not None else None
    lines = _lines(settings, card["entry_no"])
    return HoldDetail(
        **card,
        center=center,
        ptis=ptis,
        reasons=reasons,
        lines=[{k: row.get(k) for k in LINE_FIELDS} for row in lines.iter_rows(named=True)],
        model=_model_view(settings, lines),
        finding=record,
        cases=cases_of_hold(db, hold_id),
        closed=card["status"] == CLOSED,
    )


def finding_row(hold_id: int, fields: dict[str, Any]) -> dict[str, str]:
    """A finding as a results file gives it to record_findings, every field as text (a date
    in ISO form): the hold from the path, never from the body."""
    row = {k: str(v) for k, v in fields.items() if v not in (None, "")}
    row["hold_id"] = str(hold_id)
    return row
