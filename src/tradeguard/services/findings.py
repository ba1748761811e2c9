"""Findings: the results of exams and document reviews, recorded against their holds.

A finding closes its hold. A violation is priced against the entry line it names and opens the
cases it calls for (services.cases) in the same transaction; a clean finding counts towards the
importer's removal from the hold's rules after K clean findings in a row (docs/exams.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.cases.duty_demand import duty_owed
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.exams import FindingInput, parse_finding
from tradeguard.domain.finding import ViolationFinding, check_finding_date
from tradeguard.domain.pti import PTI
from tradeguard.reference.catalog import load_reference
from tradeguard.services.cases import open_for_finding_in
from tradeguard.services.effectiveness import exempt_after_clean_in
from tradeguard.services.findings_export import write_findings
from tradeguard.store.database import Database
from tradeguard.store.exams import FindingRow, HoldRow
from tradeguard.store.history import LakeHistory
from tradeguard.store.lake import EntryLake
from tradeguard.store.unit_of_work import UnitOfWork

__all__ = ["DEFAULT_EXEMPT_AFTER", "FindingsRecorded", "record_findings"]

# Clean findings in a row after which an importer is removed from a rule (docs/exams.md).
DEFAULT_EXEMPT_AFTER = 5


def _lines(lake_dir: Path, entry_nos: set[str]) -> dict[tuple[str, int], dict[str, Any]]:
    lake = EntryLake(lake_dir)
    if not entry_nos or lake.is_empty():
        return {}
    frame = lake.scan().filter(pl.col("entry_no").is_in(sorted(entry_nos))).collect()
    return {(r["entry_no"], int(r["line_no"])): r for r in frame.iter_rows(named=True)}


def _violation(
    hold: HoldRow,
    row: FindingRow,
    given: FindingInput,
    line: dict[str, Any],
    home: Path,
    rule_ptis: dict[str, str],
) -> ViolationFinding:
    """The finding the cases engine opens cases from, with the declared and corrected facts."""
    assert given.pti is not None and given.violation_type is not None
    reference = load_reference(home)
    true_hts = given.hts10 or line["hts10"]
    true_origin = given.origin or line["origin_country"]
    tariff = reference.hts.get(true_hts)
    true_rate = Decimal(str(line["duty_rate"]))
    # a new classification, or a preference claim refused, brings the general rate back
    rate_changes = (given.hts10 and given.hts10 != line["hts10"]) or (
        given.violation_type == "false_preference"
    )
    if rate_changes and tariff is not None and tariff.general_rate is not None:
        true_rate = tariff.general_rate
    order = reference.adcvd_for(true_hts, true_origin)
    adcvd = (
        order.rate
        if order
        else (None if line["adcvd_rate"] is None else Decimal(str(line["adcvd_rate"])))
    )
    rule_id, version = _rule_for(hold, given.pti, rule_ptis)
    true_value = given.value_usd or Decimal(str(line["value_usd"]))
    return ViolationFinding(
        finding_id=f"F-{row.id}", hold_id=str(hold.id), entry_no=hold.entry_no,
        line_no=given.line_no, rule_id=rule_id, rule_version=version, pti=given.pti,
        violation_type=given.violation_type, finding_date=given.finding_date,
        importer_id=hold.importer_id, manufacturer_id=line["manufacturer_id"],
        declared_hts10=line["hts10"], true_hts10=true_hts, declared_origin=line["origin_country"],
        true_origin=true_origin, declared_value_usd=Decimal(str(line["value_usd"])),
        true_value_usd=true_value, duty_paid_usd=Decimal(str(line["duty_usd"])),
        true_duty_rate=true_rate, adcvd_rate=adcvd,
        domestic_value_usd=given.domestic_value_usd or true_value, violation_date=hold.entry_date,
    )  # fmt: skip


def _rule_for(hold: HoldRow, pti: PTI, rule_ptis: dict[str, str]) -> tuple[str, int]:
    """The rule the finding is credited to: the first of the hold's rules for the same PTI."""
    refs = hold.refs()
    if not refs:
        return ("RANDOM-SAMPLE", 0)
    same = [r for r in refs if rule_ptis.get(r) == pti.value]
    return _split_ref((same or refs)[0])


def _split_ref(ref: str) -> tuple[str, int]:
    rule_id, _, version = ref.partition("@")
    return rule_id, int(version) if version.isdigit() else 0


@dataclass(frozen=True, slots=True)
class FindingsRecorded:
    recorded: int
    violations: int
    cases: list[int]
    exemptions: list[dict[str, str]]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _parse(rows: list[dict[str, Any]], actor: str, today: date) -> list[FindingInput]:
    given: list[FindingInput] = []
    for number, raw in enumerate(rows, start=1):
        try:
            given.append(parse_finding(raw, actor=actor, today=today))
        except InvalidInput as error:
            raise InvalidInput(f"result {number}: {error}", error.field) from error
    return given


@dataclass(frozen=True, slots=True)
class _Context:
    """What every finding of one recording shares."""

    settings: Settings
    lines: dict[tuple[str, int], dict[str, Any]]
    rule_ptis: dict[str, str]
    actor: str
    exempt_after: int
    today: date


def _record_one(
    uow: UnitOfWork, hold: HoldRow, g: FindingInput, ctx: _Context
) -> tuple[list[int], list[dict[str, str]]]:
    """Close one hold with its finding; the cases it opened and the exemptions it earned."""
    before = hold.snapshot()
    hold.close()
    check_finding_date(g.finding_date, entry_date=hold.entry_date, today=ctx.today)
    line = ctx.lines.get((hold.entry_no, g.line_no))
    if g.result == "violation" and line is None:
        raise InvalidInput(
            f"entry {hold.entry_no} has no line {g.line_no} in the entry lake", "line_no"
        )
    row = uow.findings.add(
        FindingRow(
            hold_id=hold.id, result=g.result, line_no=g.line_no,
            pti=g.pti.value if g.pti else None, violation_type=g.violation_type,
            corrected_hts10=g.hts10, corrected_origin=g.origin, corrected_value_usd=g.value_usd,
            counterfeit=g.counterfeit, unsafe=g.unsafe, duty_shortfall_usd=Decimal(0),
            recorded_by=g.recorded_by, finding_date=g.finding_date,
        )
    )  # fmt: skip
    cases: list[int] = []
    exemptions: list[dict[str, str]] = []
    if g.result == "violation":
        assert line is not None
        found = _violation(hold, row, g, line, ctx.settings.home, ctx.rule_ptis)
        row.duty_shortfall_usd = (
            g.duty_shortfall_usd
            if g.duty_shortfall_usd is not None
            else duty_owed(
                found.true_value_usd, found.true_duty_rate, found.adcvd_rate, found.duty_paid_usd
            )
        )
        cases = open_for_finding_in(uow, found, ctx.actor)
    else:
        # dated by the clean finding that earned it, not by the day it was typed in
        exemptions = exempt_after_clean_in(uow, hold, ctx.exempt_after, ctx.actor, g.finding_date)
    uow.changes.record(
        actor=ctx.actor, action="finding.record", entity="finding", entity_id=str(row.id),
        after=row.snapshot(),
    )  # fmt: skip
    uow.changes.record(
        actor=ctx.actor, action="hold.close", entity="hold", entity_id=str(hold.id),
        before=before, after=hold.snapshot(),
    )  # fmt: skip
    return cases, exemptions


def record_findings(
    db: Database,
    settings: Settings,
    rows: list[dict[str, Any]],
    *,
    actor: str,
    exempt_after: int | None = None,
    today: date | None = None,
) -> FindingsRecorded:
    """Close holds with findings, all rows or none; violations open their cases, clean streaks
    (`exempt_after`, default the TRADEGUARD_EXEMPT_AFTER setting) remove importers from rules;
    then the findings file is rewritten."""
    today = today or date.today()
    given = _parse(rows, actor, today)
    cases: list[int] = []
    exemptions: list[dict[str, str]] = []
    with UnitOfWork(db) as uow:
        holds = uow.holds.get_many(g.hold_id for g in given)
        ctx = _Context(
            settings=settings,
            lines=_lines(settings.lake_dir, {h.entry_no for h in holds.values()}),
            rule_ptis=uow.rules.field_by_ref("pti"),
            actor=actor,
            exempt_after=settings.exempt_after if exempt_after is None else exempt_after,
            today=today,
        )
        for g in given:
            opened, earned = _record_one(uow, holds[g.hold_id], g, ctx)
            cases += opened
            exemptions += earned
        uow.commit()
    written = write_findings(db, settings.home)
    lake = EntryLake(settings.lake_dir)
    if not lake.is_empty():  # the history a day's run reads knows these findings
        with lake.writing() as writer:
            LakeHistory(lake).update(writer.snapshot, written)
    return FindingsRecorded(
        recorded=len(given),
        violations=sum(1 for g in given if g.result == "violation"),
        cases=cases,
        exemptions=exemptions,
    )
