"""Cases opened by findings, bond checks and allegations; the enforcement report's money."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.errors import Conflict, InvalidInput
from tradeguard.domain.finding import ViolationFinding
from tradeguard.domain.pti import PTI
from tradeguard.services import case_reports
from tradeguard.services import cases as service
from tradeguard.services.allegation_triage import triage_allegation
from tradeguard.services.bond_checks import check_bond_sufficiency
from tradeguard.store.database import Database

FINDING = ViolationFinding(
    finding_id="F-9", hold_id="H-9", entry_no="ABC12345675", line_no=2, rule_id="R-adcvd-garlic",
    rule_version=3, pti=PTI.ADCVD, violation_type="transshipment", finding_date=date(2024, 5, 6),
    importer_id="IMP-9", manufacturer_id="MFR-9", declared_hts10="0703200010",
    true_hts10="0703200010", declared_origin="VN", true_origin="CN",
    declared_value_usd=D("10000"), true_value_usd=D("10000"), duty_paid_usd=D("0"),
    true_duty_rate=D("0"), adcvd_rate=D("3.7667"), domestic_value_usd=D("60000"),
    culpability="fraud", violation_date=date(2024, 4, 1),
)  # fmt: skip


def test_a_finding_opens_its_table_1_cases_once(database: Database) -> None:
    ids = service.open_cases_for_finding(database, FINDING, "import-specialist")
    cases = [service.show_case(database, i) for i in ids]
    assert [c.kind for c in cases] == ["duty_demand", "penalty", "bond_demand", "referral"]
    for c in cases:
        assert (c.entry_no, c.hold_id, c.rule_id, c.rule_version, c.finding_id) == (
            "ABC12345675", "H-9", "R-adcvd-garlic", 3, "F-9",
        )  # fmt: skip
    duty, penalty, bond, referral = cases
    assert duty.demanded == D("37667.00")
    assert penalty.maximum == D("60000.00")  # fraud: the domestic value
    assert bond.demanded == D("40000.00")
    assert referral.details["evidence"] == ["finding:F-9", "hold:H-9"]
    sol = [d for d in penalty.deadlines if d.name == "statute of limitations"]
    assert sol[0].due_on == date(2029, 4, 1)
    assert service.open_cases_for_finding(database, FINDING, "again") == ids


def test_duty_demand_billed_then_paid_collects_what_was_billed(database: Database) -> None:
    (duty_id, *_) = service.open_cases_for_finding(database, FINDING, "cbp")
    service.move_case(database, duty_id, "billed", "cbp", on=date(2024, 5, 10))
    paid = service.move_case(database, duty_id, "paid", "cbp", on=date(2024, 6, 1))
    assert paid.collected == paid.demanded == D("37667.00")


def test_an_insufficient_bond_opens_a_bond_demand(database: Database) -> None:
    ok = check_bond_sufficiency(
        database, importer_id="IMP-1", current_bond=D("130000"),
        prior_12_month_dtf=D("1234567"), actor="bond-team",
    )  # fmt: skip
    assert ok.sufficient and ok.case_id is None
    short = check_bond_sufficiency(
        database, importer_id="IMP-1", current_bond=D("130000"), prior_12_month_dtf=D("1234567"),
        adcvd_exposure=D("45000"), actor="bond-team", pti=PTI.ADCVD, on=date(2024, 2, 1),
    )  # fmt: skip
    assert (short.required, short.shortfall) == (D("170000.00"), D("40000.00"))
    case = service.show_case(database, short.case_id)
    assert (case.kind, case.pti, case.demanded) == (
        "bond_demand",
        PTI.ADCVD.value,
        D("170000.00"),
    )
    moved = service.move_case(database, case.id, "demanded", "bond-team", on=date(2024, 2, 2))
    assert moved.demanded == D("170000.00")


def test_an_allegation_is_triaged_into_an_eapa_case_or_closed_with_a_reason(
    database: Database,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        triage_allegation(database, "A-1", "nothing", actor="ti", pti=PTI.ADCVD)
    assert caught.value.field == "reason"
    closed = triage_allegation(
        database, "A-1", "vague", actor="ti", pti=PTI.IPR, reason="no importer named",
        received_on=date(2024, 3, 1),
    )  # fmt: skip
    assert closed["opened_case_id"] is None
    shown = service.show_case(database, closed["allegation_case_id"])  # type: ignore[arg-type]
    assert shown.state == "closed" and shown.history[-1].note == "no importer named"
    opened = triage_allegation(
        database, "A-2", "garlic through VN", actor="ti", pti=PTI.ADCVD, open_as=CaseKind.EAPA,
        received_on=date(2024, 6, 14), importer_id="IMP-9",
    )  # fmt: skip
    eapa = service.show_case(database, opened["opened_case_id"])  # type: ignore[arg-type]
    assert (eapa.kind, eapa.allegation_id, eapa.state) == ("eapa", "A-2", "received")
    assert eapa.deadlines[0].due_on == date(2024, 7, 9)


def test_report_per_pti_and_fiscal_year(database: Database) -> None:
    def opening(kind: CaseKind, pti: PTI, day: date) -> CaseOpening:
        return CaseOpening(kind=kind, pti=pti, opened_on=day, maximum=D("1000"), demanded=D("1000"))

    p = service.open_case(database, opening(CaseKind.PENALTY, PTI.REVENUE, date(2015, 10, 1)), "x")
    for to in ("prepenalty_notice", "penalty_notice", "petitioned"):
        service.move_case(database, p, to, "x", on=date(2015, 10, 5))
    service.move_case(database, p, "mitigated", "x", amount=D("250.50"), on=date(2015, 11, 1))
    service.move_case(database, p, "paid", "x", on=date(2015, 11, 11))
    s = service.open_case(database, opening(CaseKind.SEIZURE, PTI.IPR, date(2016, 9, 30)), "x")
    for to in ("noticed", "forfeited", "destroyed"):
        service.move_case(database, s, to, "x", on=date(2016, 11, 1))
    held = service.open_case(database, opening(CaseKind.SEIZURE, PTI.IPR, date(2016, 1, 5)), "x")
    service.open_case(database, opening(CaseKind.SEIZURE, PTI.IPR, date(2016, 10, 1)), "x")  # FY17
    report = case_reports.enforcement_report(database, 2016)
    by = {r.pti: r for r in report.by_pti}
    revenue, ipr = by[PTI.REVENUE.value], by[PTI.IPR.value]
    assert revenue.penalties == {
        "assessed": D("1000.00"), "mitigated": D("250.50"), "collected": D("250.50"),
    }  # fmt: skip
    assert revenue.days_to_close == {"mean": 41.0, "median": 41}
    assert ipr.cases_opened == 2 and ipr.seizures == {
        "in_custody": 1, "destroyed": 1, "returned": 0, "sold": 0,
    }  # fmt: skip
    assert report.totals.cases_opened == 3
    inventory = case_reports.seized_property_inventory(database, today=date(2016, 1, 14))
    assert [(r.case_id, r.storage_days) for r in inventory][0] == (held, 10)


amounts = st.lists(
    st.decimals(min_value=D("0"), max_value=D("1e9"), places=2), min_size=1, max_size=6
)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amounts)
def test_report_totals_equal_the_sum_of_the_cases(database: Database, values: list[D]) -> None:
    before = case_reports.enforcement_report(database, 2025).totals.duty_demands["demanded"]
    for v in values:
        service.open_case(
            database,
            CaseOpening(
                kind=CaseKind.DUTY_DEMAND, pti=PTI.REVENUE, opened_on=date(2025, 1, 2), demanded=v
            ),
            "x",
        )
    after = case_reports.enforcement_report(database, 2025).totals.duty_demands["demanded"]
    assert after - before == sum(values, D("0"))


def test_eapa_determination_can_be_extended_once_to_360_days(database: Database) -> None:
    cid = service.open_case(
        database, CaseOpening(kind=CaseKind.EAPA, pti=PTI.ADCVD, opened_on=date(2024, 1, 2)), "ti"
    )
    service.move_case(database, cid, "initiated", "ti", on=date(2024, 1, 10))
    assert service.extend_eapa_determination(database, cid, "ti").as_json() == {
        "determination_due": date(2025, 1, 4)
    }
    with pytest.raises(Conflict, match="already extended"):
        service.extend_eapa_determination(database, cid, "ti")
    assert service.show_case(database, cid).version == 3


def test_audits_and_penalties_name_a_known_subtype(database: Database) -> None:
    audit = CaseOpening(kind=CaseKind.AUDIT, pti=PTI.REVENUE, opened_on=date(2024, 1, 2))
    with pytest.raises(InvalidInput) as caught:
        service.open_case(database, audit, "ra")
    assert caught.value.field == "audit_type"
    cid = service.open_case(database, replace(audit, subtype="quick_response_audit"), "ra")
    service.move_case(database, cid, "fieldwork", "ra")
    found = service.move_case(database, cid, "report_issued", "ra", amount=D("109.00"))
    done = service.move_case(database, cid, "closed", "ra", amount=D("60.00"))
    assert (found.identified, done.collected) == (D("109.00"), D("60.00"))
    with pytest.raises(InvalidInput):
        bad = CaseOpening(kind=CaseKind.PENALTY, pti=PTI.REVENUE, opened_on=date(2024, 1, 2))
        service.open_case(database, replace(bad, subtype="9999"), "fpf")
