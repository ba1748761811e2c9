"""GAO-17-618 Table 1: the cases each kind of violation finding opens, with their money."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.actions import TABLE_1, actions_for
from tradeguard.domain.cases.opening import openings_for_finding
from tradeguard.domain.finding import ViolationFinding
from tradeguard.domain.pti import PTI

K = CaseKind


def finding(**changes: object) -> ViolationFinding:
    base = ViolationFinding(
        finding_id="F-1", hold_id="H-1", entry_no="ABC12345675", line_no=1,
        rule_id="R-garlic", rule_version=2, pti=PTI.REVENUE, violation_type="misclassification",
        finding_date=date(2024, 5, 6), importer_id="IMP-1", manufacturer_id="MFR-1",
        declared_hts10="0703200010", true_hts10="0703200090", declared_origin="VN",
        true_origin="CN", declared_value_usd=D("10000"), true_value_usd=D("10000"),
        duty_paid_usd=D("0"), true_duty_rate=D("0.05"), adcvd_rate=None,
        domestic_value_usd=D("25000"),
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def test_table_1_covers_every_pti() -> None:
    assert set(TABLE_1) == set(PTI)
    assert actions_for(PTI.ADCVD, "transshipment", "negligence") == (
        K.DUTY_DEMAND,
        K.PENALTY,
        K.BOND_DEMAND,
    )
    assert actions_for(PTI.REVENUE, "counterfeit", "fraud") == (
        K.SEIZURE, K.DUTY_DEMAND, K.PENALTY, K.REFERRAL,
    )  # fmt: skip


def test_revenue_misclassification_demands_duty_and_proposes_a_penalty() -> None:
    duty, penalty = openings_for_finding(finding())
    assert (duty.kind, duty.demanded) == (K.DUTY_DEMAND, D("500.00"))
    assert (penalty.kind, penalty.subtype, penalty.maximum) == (K.PENALTY, "1592", D("1000.00"))
    assert penalty.demanded == penalty.maximum
    assert (penalty.entry_no, penalty.hold_id, penalty.rule_id, penalty.rule_version) == (
        "ABC12345675", "H-1", "R-garlic", 2,
    )  # fmt: skip
    assert penalty.violation_date == date(2024, 5, 6)


def test_adcvd_evasion_adds_bond_coverage() -> None:
    kinds = {o.kind: o for o in openings_for_finding(
        finding(pti=PTI.ADCVD, violation_type="transshipment", adcvd_rate=D("3.7667"),
                true_duty_rate=D("0"), culpability="gross_negligence")
    )}  # fmt: skip
    assert set(kinds) == {K.DUTY_DEMAND, K.PENALTY, K.BOND_DEMAND}
    assert kinds[K.DUTY_DEMAND].demanded == D("37667.00")
    assert kinds[K.BOND_DEMAND].demanded == D("40000.00")
    assert kinds[K.PENALTY].maximum == D("25000.00")  # domestic value < 4x loss


def test_no_loss_means_no_duty_demand_and_a_share_of_value_penalty() -> None:
    (penalty,) = openings_for_finding(finding(duty_paid_usd=D("900")))
    assert penalty.maximum == D("2000.00")  # 20% of $10,000


@pytest.mark.parametrize("pti", [PTI.IPR, PTI.IMPORT_SAFETY])
def test_counterfeit_and_unsafe_goods_are_seized(pti: PTI) -> None:
    kinds = [o.kind for o in openings_for_finding(finding(pti=pti, violation_type="counterfeit"))]
    assert kinds == [K.SEIZURE, K.PENALTY]


def test_fraud_is_referred_to_hsi_with_evidence() -> None:
    openings = openings_for_finding(finding(culpability="fraud"))
    referral = openings[-1]
    assert referral.kind is K.REFERRAL
    assert referral.details["evidence"] == ["finding:F-1", "hold:H-1"]
    assert openings[1].maximum == D("25000.00")  # fraud: domestic value
