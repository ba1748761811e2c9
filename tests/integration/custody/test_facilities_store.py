"""Facility use cases on SQLite and PostgreSQL: reviews as the only source of a risk level (and
the table refusing one without a review), reconciliation, goods and the five-year limit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from tradeguard.domain.errors import Collision, Conflict, InvalidInput
from tradeguard.domain.facilities import (
    Admission,
    ComplianceReview,
    FacilityKind,
    FacilityState,
    RiskLevel,
)
from tradeguard.services import facilities, facilities_goods
from tradeguard.services.facilities_reports import reconcile_codes, reviews_due
from tradeguard.store.database import Database

TODAY = date.today()


def site(
    code: str = "N774",
    kind: FacilityKind = FacilityKind.BONDED_WAREHOUSE,
    class_code: str = "8",
    port: str = "1401",
) -> facilities.FacilityInput:
    return facilities.FacilityInput(
        code,
        f"Site {code}",
        kind,
        class_code,
        "Harbor Logistics",
        port,
        "WB1",
        Decimal("50000"),
        TODAY - timedelta(days=400),
    )


def count(db: Database, table: str) -> int:
    with db.session() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_review_without_evidence_is_refused_and_nothing_is_written(database) -> None:  # type: ignore[no-untyped-def]
    facilities.register_facility(database, site(), "officer")
    before = count(database, "audit_log")
    with pytest.raises(InvalidInput) as error:
        facilities.record_review(
            database, "N774", ComplianceReview(TODAY, "auditor", RiskLevel.LOW, ()), "auditor"
        )
    assert error.value.field == "evidence"
    assert count(database, "facility_reviews") == 0 and count(database, "audit_log") == before
    assert facilities.show_facility(database, "N774").risk_level is None


def test_the_table_refuses_a_risk_level_no_review_supports(database) -> None:  # type: ignore[no-untyped-def]
    facilities.register_facility(database, site(), "officer")
    with pytest.raises(Collision), database.session() as session:
        session.execute(text("UPDATE facilities SET risk_level = 'low' WHERE code = 'N774'"))
    assert facilities.show_facility(database, "N774").risk_level is None


def test_the_latest_review_sets_the_level_and_when_the_next_is_due(database) -> None:  # type: ignore[no-untyped-def]
    facilities.register_facility(database, site(), "officer")
    assert reviews_due(database).never_reviewed == 1
    assert [d.code for d in reviews_due(database).overdue] == ["N774"]
    recent = TODAY - timedelta(days=30)
    facilities.record_review(
        database,
        "N774",
        ComplianceReview(recent, "auditor", RiskLevel.HIGH, ("review:1", "count:1"), 2),
        "auditor",
    )
    older = ComplianceReview(TODAY - timedelta(days=200), "auditor", RiskLevel.LOW, ("r:0",))
    view = facilities.record_review(database, "N774", older, "auditor")
    assert view.risk_level == "high" and view.reviewed_on == recent
    assert view.review_due == recent.replace(year=recent.year + 1)
    assert [r.risk_level for r in view.reviews] == ["low", "high"]
    assert reviews_due(database).overdue == []


def test_codes_reconcile_against_the_reference_list(database) -> None:  # type: ignore[no-untyped-def]
    facilities.register_facility(database, site(), "officer")  # N774 is on the list
    facilities.register_facility(database, site("Q999"), "officer")
    facilities.register_facility(database, site("S064", port="1401"), "officer")  # port differs
    result = reconcile_codes(database)
    assert result.not_on_list == ["Q999"]
    assert [(m.code, m.field) for m in result.mismatched] == [
        ("S064", "port_code"),
        ("S064", "class_code"),
    ]
    assert result.reconciled == 1
    assert "N774" not in result.no_facility and len(result.no_facility) == 46


def test_goods_over_five_years_in_a_warehouse_are_listed_not_in_a_zone(database) -> None:  # type: ignore[no-untyped-def]
    facilities.register_facility(database, site(), "officer")
    facilities.register_facility(
        database, site("Z100", FacilityKind.FOREIGN_TRADE_ZONE, "subzone"), "officer"
    )
    old = TODAY - timedelta(days=6 * 365)
    for code in ("N774", "Z100"):
        facilities_goods.admit_goods(
            database,
            code,
            Admission("ABC12345675", "wine", 100, Decimal("9000"), old, old),
            "officer",
        )
    report = facilities_goods.goods_over_limit(database)
    assert [g.facility for g in report.goods] == ["N774"]
    assert report.value == Decimal("9000.00")
    admission = report.goods[0].id
    with pytest.raises(Conflict):
        facilities_goods.withdraw_goods(
            database, admission, 101, facilities_goods.WithdrawalPurpose.EXPORT, "officer"
        )
    facilities_goods.withdraw_goods(
        database, admission, 100, facilities_goods.WithdrawalPurpose.EXPORT, "officer"
    )
    assert facilities_goods.goods_over_limit(database).goods == []


def test_a_suspended_facility_admits_nothing_and_a_bad_entry_names_the_field(database) -> None:  # type: ignore[no-untyped-def]
    facilities.register_facility(database, site(), "officer")
    goods = Admission("ABC12345670", "wine", 1, Decimal("1"), TODAY, TODAY)
    with pytest.raises(InvalidInput) as error:
        facilities_goods.admit_goods(database, "N774", goods, "officer")
    assert error.value.field == "entry_no"
    facilities.move_facility(database, "N774", FacilityState.SUSPENDED, "officer")
    with pytest.raises(Conflict):
        facilities_goods.admit_goods(
            database,
            "N774",
            Admission("ABC12345675", "wine", 1, Decimal("1"), TODAY, TODAY),
            "officer",
        )
    assert count(database, "facility_admissions") == 0
