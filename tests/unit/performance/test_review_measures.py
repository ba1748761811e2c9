"""The Centers' measures over a handful of hand-made reviews."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tradeguard.domain.measures import Filters, PerformanceFacts, compute
from tradeguard.domain.measures.facts import ReviewFact

FACTS = PerformanceFacts(
    as_of=date(2027, 1, 1),
    reviews=(
        ReviewFact("Electronics", "IMP1", date(2026, 1, 2), "closed", date(2026, 3, 1),
                   "violation", duty_found_cents=12_345, account=True),
        ReviewFact("Electronics", "IMP2", date(2025, 11, 2), "closed", date(2026, 9, 30),
                   "violation", duty_found_cents=5_000, foregone_cents=5_000),
        ReviewFact("Machinery", "IMP1", date(2026, 2, 2), "closed", date(2026, 4, 1), "clean",
                   account=True),
        ReviewFact("Machinery", "IMP3", date(2026, 2, 2), "missed"),
        ReviewFact("Machinery", "IMP3", date(2026, 2, 2), "queued"),
    ),
)  # fmt: skip


def test_review_measures_count_the_fiscal_year_and_the_center() -> None:
    every = Filters()
    assert compute("reviews.done", FACTS, 2026, every).value == 3
    assert compute("reviews.missed", FACTS, 2026, every).value == 1
    assert compute("reviews.duty_found_usd", FACTS, 2026, every).value == Decimal("173.45")
    assert compute("reviews.duty_foregone_usd", FACTS, 2026, every).value == Decimal("50.00")
    assert compute("reviews.closed_after_liquidation", FACTS, 2026, every).value == 1
    electronics = Filters(center="Electronics")
    assert compute("reviews.done", FACTS, 2026, electronics).value == 2
    assert compute("reviews.done", FACTS, 2027, every).value == 0
    assert compute("reviews.done", FACTS, 2026, Filters(port="2704")).value is None


def test_account_compliance_has_its_interval() -> None:
    measured = compute("accounts.compliance_pct", FACTS, 2026, Filters())
    assert measured.value == Decimal("50.00")
    assert measured.interval is not None
    low, high = measured.interval
    assert low < Decimal(50) < high
