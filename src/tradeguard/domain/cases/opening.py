"""What it takes to open a case, and the openings a violation finding calls for."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from tradeguard.domain.cases.actions import actions_for
from tradeguard.domain.cases.audit import parse_audit_type
from tradeguard.domain.cases.base import CaseKind, check_case_date
from tradeguard.domain.cases.bond import additional_coverage
from tradeguard.domain.cases.duty_demand import duty_owed
from tradeguard.domain.cases.money import ZERO, cents
from tradeguard.domain.cases.penalty import Culpability, Statute, maximum_1592, parse_culpability
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.finding import ViolationFinding
from tradeguard.domain.pti import PTI


@dataclass(frozen=True, slots=True)
class CaseOpening:
    kind: CaseKind
    pti: PTI
    opened_on: date
    subtype: str | None = None
    importer_id: str | None = None
    manufacturer_id: str | None = None
    entry_no: str | None = None
    line_no: int | None = None
    hold_id: str | None = None
    finding_id: str | None = None
    rule_id: str | None = None
    rule_version: int | None = None
    allegation_id: str | None = None
    violation_type: str | None = None
    culpability: str | None = None
    violation_date: date | None = None
    # the statutory maximum of a penalty; an assessment above it is refused
    maximum: Decimal | None = None
    # what the case asks for at opening: duty owed, proposed penalty, bond coverage
    demanded: Decimal = ZERO
    details: dict[str, Any] = field(default_factory=dict)

    def check_dates(self, today: date) -> None:
        """Refuse an opening dated in the future or long ago, or a violation after it."""
        check_case_date(self.opened_on, today=today, field="on")
        if self.violation_date is not None:
            check_case_date(self.violation_date, today=today, field="violation_date")
            if self.violation_date > self.opened_on:
                raise InvalidInput(
                    f"violation_date {self.violation_date} is after the case was opened "
                    f"({self.opened_on})",
                    "violation_date",
                )


def _penalty(
    base: CaseOpening, finding: ViolationFinding, culpability: Culpability, owed: Decimal
) -> CaseOpening:
    """A counterfeit is penalised under 19 USC 1526 (domestic value), the rest under 1592."""
    if finding.violation_type == "counterfeit":
        statute, maximum = Statute.S1526, cents(finding.domestic_value_usd)
    else:
        statute = Statute.S1592
        maximum = maximum_1592(
            culpability, finding.domestic_value_usd, owed, finding.true_value_usd
        )
    details = {**base.details, "loss_of_duties": str(owed)}
    return replace(
        base,
        kind=CaseKind.PENALTY,
        subtype=statute.value,
        maximum=maximum,
        demanded=maximum,
        details=details,
    )


def openings_for_finding(finding: ViolationFinding) -> list[CaseOpening]:
    """The cases one finding opens (Table 1), with the money each one starts from.

    A duty demand only when duty was lost; a bond demand only when there is AD/CVD exposure.
    """
    culpability = parse_culpability(finding.culpability)
    base = CaseOpening(
        kind=CaseKind.DUTY_DEMAND,
        pti=finding.pti,
        opened_on=finding.finding_date,
        importer_id=finding.importer_id,
        manufacturer_id=finding.manufacturer_id,
        entry_no=finding.entry_no,
        line_no=finding.line_no,
        hold_id=finding.hold_id,
        finding_id=finding.finding_id,
        rule_id=finding.rule_id,
        rule_version=finding.rule_version,
        violation_type=finding.violation_type,
        culpability=culpability.value,
        violation_date=finding.violation_date or finding.finding_date,
        details={
            "declared_hts10": finding.declared_hts10,
            "true_hts10": finding.true_hts10,
            "declared_origin": finding.declared_origin,
            "true_origin": finding.true_origin,
            "declared_value_usd": str(finding.declared_value_usd),
            "true_value_usd": str(finding.true_value_usd),
            "duty_paid_usd": str(finding.duty_paid_usd),
            "domestic_value_usd": str(finding.domestic_value_usd),
        },
    )
    return _openings(base, finding, culpability)


def _openings(
    base: CaseOpening, finding: ViolationFinding, culpability: Culpability
) -> list[CaseOpening]:
    """Each action Table 1 calls for, skipped when it has no money to start from."""
    owed = duty_owed(
        finding.true_value_usd, finding.true_duty_rate, finding.adcvd_rate, finding.duty_paid_usd
    )
    adcvd_exposure = cents(finding.true_value_usd * (finding.adcvd_rate or ZERO))
    facts = base.details
    out: list[CaseOpening] = []
    for kind in actions_for(finding.pti, finding.violation_type, culpability.value):
        if kind is CaseKind.DUTY_DEMAND:
            if owed > ZERO:
                out.append(replace(base, kind=kind, demanded=owed))
        elif kind is CaseKind.PENALTY:
            out.append(_penalty(base, finding, culpability, owed))
        elif kind is CaseKind.BOND_DEMAND:
            if adcvd_exposure > ZERO:
                details = {**facts, "adcvd_exposure": str(adcvd_exposure)}
                coverage = additional_coverage(adcvd_exposure)
                out.append(replace(base, kind=kind, demanded=coverage, details=details))
        elif kind is CaseKind.SEIZURE:
            out.append(replace(base, kind=kind))
        else:
            evidence = [f"finding:{finding.finding_id}", f"hold:{finding.hold_id}"]
            out.append(replace(base, kind=kind, details={**facts, "evidence": evidence}))
    return out


def check_subtype(opening: CaseOpening) -> None:
    """An audit says which kind of audit; a penalty which statute."""
    if opening.kind is CaseKind.AUDIT:
        parse_audit_type(opening.subtype or "")
    elif opening.kind is CaseKind.PENALTY and opening.subtype is not None:
        statutes = {s.value for s in Statute}
        if opening.subtype not in statutes:
            names = ", ".join(sorted(statutes))
            raise InvalidInput(
                f"unknown penalty statute {opening.subtype!r}; expected {names}", "subtype"
            )
