"""Regulatory audit: focused assessment, quick response audit, survey or nonaudit service.

Revenue identified and collected are tracked apart (GAO-17-618: over $109M identified, almost
$60M collected in FY2015).
"""

from __future__ import annotations

from enum import StrEnum

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table
from tradeguard.domain.errors import InvalidInput


class AuditType(StrEnum):
    FOCUSED_ASSESSMENT = "focused_assessment"
    QUICK_RESPONSE = "quick_response_audit"
    SURVEY = "survey"
    # advice and reviews that are not audits; the FY2017 AD/CVD plan counted them beside audits
    NONAUDIT_SERVICE = "nonaudit_service"


MACHINE = CaseMachine(
    kind=CaseKind.AUDIT,
    initial="planned",
    moves=table(
        {
            "planned": ("fieldwork", "cancelled"),
            "fieldwork": ("report_issued",),
            "report_issued": ("closed",),
        }
    ),
    amount_on_entry={"report_issued": "identified", "closed": "collected"},
)


def parse_audit_type(text: str) -> AuditType:
    try:
        return AuditType(text.strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        names = ", ".join(a.value for a in AuditType)
        raise InvalidInput(
            f"unknown audit type {text!r}; expected one of: {names}", "audit_type"
        ) from None
