"""The oversight tracker's in-bond and facility checks read the custody controls: no data on an
empty store, not met while a movement is overdue or a facility unreviewed, met once resolved."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tests.integration.api.targeted_home import settings_for
from tradeguard.domain.facilities import ComplianceReview, FacilityKind, RiskLevel
from tradeguard.domain.inbond import MovementType
from tradeguard.domain.oversight import EvidenceStatus
from tradeguard.services import facilities, inbond
from tradeguard.services.inbond_claims import declare_default
from tradeguard.services.oversight_custody import (
    facility_codes_reconciled,
    facility_risk_reviewed,
    inbond_overdue_resolved,
)
from tradeguard.services.oversight_evidence import EvidenceContext

TODAY = date.today()


def test_the_custody_checks_follow_the_controls(database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = EvidenceContext(database, settings_for(tmp_path), 2026, TODAY)
    for check in (inbond_overdue_resolved, facility_codes_reconciled, facility_risk_reviewed):
        assert check(ctx).status is EvidenceStatus.NO_DATA
    inbond.authorize_movement(
        database,
        inbond.MovementInput(
            "300000001",
            MovementType.IMMEDIATE_TRANSPORTATION,
            "2704",
            "3901",
            "SWFT",
            "B1",
            Decimal("100"),
            TODAY - timedelta(days=40),
        ),
        "officer",
    )
    assert inbond_overdue_resolved(ctx).status is EvidenceStatus.NOT_MET
    declare_default(database, "300000001", "port")
    assert inbond_overdue_resolved(ctx).status is EvidenceStatus.MET
    facilities.register_facility(
        database,
        facilities.FacilityInput(
            "N774",
            "Harbor",
            FacilityKind.BONDED_WAREHOUSE,
            "8",
            "Harbor Logistics",
            "1401",
            "WB1",
            Decimal("50000"),
            TODAY - timedelta(days=400),
        ),
        "officer",
    )
    assert facility_codes_reconciled(ctx).status is EvidenceStatus.MET
    assert facility_risk_reviewed(ctx).status is EvidenceStatus.NOT_MET
    review = ComplianceReview(TODAY, "auditor", RiskLevel.LOW, ("review:N774",))
    facilities.record_review(database, "N774", review, "auditor")
    assert facility_risk_reviewed(ctx).status is EvidenceStatus.MET
