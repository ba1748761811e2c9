"""Measures of Regulatory Audit: assignments completed, by type, and the revenue they identify.

An assignment counts in the fiscal year its report is issued. Its type is the audit case's
subtype: the report names focused assessments, quick response audits and surveys, and the FY2017
AD/CVD plan counts nonaudit services beside them. Audits concern importers, not entries, so the
port and Center filters do not apply.
"""

from __future__ import annotations

from tradeguard.domain.cases.audit import AuditType
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.domain.measures.enforcement import Compute, of_pti
from tradeguard.domain.measures.facts import AuditFact, Filters, PerformanceFacts, in_fy
from tradeguard.domain.measures.value import MeasureValue, count, dollars

# the audit case's subtypes: one vocabulary with domain/cases/audit.py
FOCUSED_ASSESSMENT = AuditType.FOCUSED_ASSESSMENT.value
QUICK_RESPONSE_AUDIT = AuditType.QUICK_RESPONSE.value
SURVEY = AuditType.SURVEY.value
NONAUDIT_SERVICE = AuditType.NONAUDIT_SERVICE.value


def completed(facts: PerformanceFacts, fy: int, filters: Filters) -> list[AuditFact]:
    first, last = fiscal_year_bounds(fy)
    return [
        a for a in facts.audits if in_fy(a.completed_on, first, last) and of_pti(a.pti, filters)
    ]


def audits_completed(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    """Assignments of every type whose report was issued in the year."""
    return count(len(completed(facts, fy, filters)))


def audits_of_type(audit_type: str) -> Compute:
    """Assignments of one type (the case subtype) completed in the year."""

    def measure(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
        return count(sum(1 for a in completed(facts, fy, filters) if a.audit_type == audit_type))

    return measure


def audit_revenue(field: str) -> Compute:
    """Revenue identified or collected by the audits completed in the year."""

    def measure(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
        return dollars(sum(getattr(a, f"{field}_cents") for a in completed(facts, fy, filters)))

    return measure
