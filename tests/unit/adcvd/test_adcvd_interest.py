"""Interest on AD/CVD differences: daily compounding at each quarter's rate, rounded once."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.adcvd.interest import QuarterRate, RateSchedule, interest_cents
from tradeguard.domain.errors import InvalidInput
from tradeguard.reference.interest_rates import packaged_schedule

FLAT = RateSchedule((QuarterRate(date(2000, 1, 1), Decimal("0.08"), Decimal("0.07")),))
SCHEDULE = packaged_schedule()
days = st.dates(min_value=date(2021, 1, 1), max_value=date(2031, 12, 31))
principal = st.integers(min_value=0, max_value=10**12)


def test_a_year_at_eight_percent_compounded_daily() -> None:
    # 2025 has 365 days: (1 + 0.08/365) ** 365 - 1 = 8.3277572...%
    assert interest_cents(100_000_00, date(2025, 1, 1), date(2026, 1, 1), FLAT) == 8_327_76


def test_each_quarter_uses_its_own_rate() -> None:
    # 2024 at 8%, then 2025 at 7% in the packaged schedule
    across = interest_cents(1_000_000_00, date(2024, 12, 1), date(2025, 2, 1), SCHEDULE)
    at_eight = interest_cents(1_000_000_00, date(2024, 12, 1), date(2025, 1, 1), SCHEDULE)
    assert 0 < across - at_eight < interest_cents(1_000_000_00, date(2024, 12, 1),
                                                  date(2025, 1, 1), FLAT)  # fmt: skip
    assert SCHEDULE.rate_on(date(2024, 6, 1)) == Decimal("0.08")
    assert SCHEDULE.rate_on(date(2030, 6, 1)) == Decimal("0.07")  # the last listed rate holds


def test_overpayment_interest_is_at_the_overpayment_rate() -> None:
    under = interest_cents(1_000_00, date(2025, 1, 1), date(2026, 1, 1), SCHEDULE)
    over = interest_cents(1_000_00, date(2025, 1, 1), date(2026, 1, 1), SCHEDULE, overpayment=True)
    assert over < under


@given(principal, days, st.integers(min_value=0, max_value=4000))
def test_interest_is_never_negative_and_zero_without_days(p: int, start: date, n: int) -> None:
    assert interest_cents(p, start, start, SCHEDULE) == 0
    assert interest_cents(p, start, start - timedelta(days=1), SCHEDULE) == 0
    assert interest_cents(p, start, start + timedelta(days=n), SCHEDULE) >= 0


@given(principal, principal, days, st.integers(min_value=1, max_value=3000))
def test_more_principal_never_earns_less(a: int, b: int, start: date, n: int) -> None:
    low, high = sorted((a, b))
    end = start + timedelta(days=n)
    assert interest_cents(low, start, end, SCHEDULE) <= interest_cents(high, start, end, SCHEDULE)


@given(principal, days, st.integers(min_value=0, max_value=1500), st.integers(0, 1500))
def test_splitting_a_period_compounds_to_within_a_cent(p: int, start: date, a: int, b: int) -> None:
    """Interest to a midpoint, then on principal plus that interest, equals the whole period's
    interest to within the one rounding the split adds."""
    middle, end = start + timedelta(days=a), start + timedelta(days=a + b)
    first = interest_cents(p, start, middle, SCHEDULE)
    second = interest_cents(p + first, middle, end, SCHEDULE)
    assert abs(first + second - interest_cents(p, start, end, SCHEDULE)) <= 1


def test_a_negative_principal_or_rate_is_refused() -> None:
    with pytest.raises(InvalidInput):
        interest_cents(-1, date(2025, 1, 1), date(2025, 2, 1), SCHEDULE)
    with pytest.raises(InvalidInput) as error:
        RateSchedule((QuarterRate(date(2025, 1, 1), Decimal("-0.01"), Decimal("0")),))
    assert error.value.field == "rate"
