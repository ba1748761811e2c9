"""Quota charging: whole units, presentation order, nothing charged twice, fill points."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.quotas import (
    Quota,
    QuotaKind,
    QuotaLine,
    QuotaPeriod,
    charge,
    fill_points,
    over_filled,
    overlapping,
    period_of,
    whole_units,
)


def quota(qid: str = "Q-1", quantity: int = 100, **extra: object) -> Quota:
    fields: dict[str, object] = {
        "quota_id": qid, "name": qid, "kind": QuotaKind.TARIFF_RATE, "hts_scope": ("0201",),
        "countries": (), "excluded_countries": (), "period": QuotaPeriod.CALENDAR_YEAR,
        "quantity": quantity, "unit": "kg", "in_quota_rate": "4%", "over_quota_rate": "26.4%",
        "effective_from": date(2020, 1, 1), "effective_to": None, "source": "test",
    }  # fmt: skip
    fields.update(extra)
    return Quota(**fields)  # type: ignore[arg-type]


START = date(2026, 9, 1)
quotas_drawn = st.lists(
    st.tuples(st.integers(0, 400), st.sampled_from(list(QuotaPeriod))), min_size=1, max_size=3
).map(
    lambda qs: [
        quota(f"Q-{i}", q, period=p, countries=(c,))
        for i, ((q, p), c) in enumerate(zip(qs, ["BR", "AU", "NZ"], strict=False))
    ]
)
lines_drawn = st.lists(
    st.builds(
        QuotaLine,
        entry_no=st.sampled_from(["ABC-0000001-1", "ABC-0000002-9", "XYZ-0000001-3"]),
        line_no=st.integers(1, 3),
        entry_date=st.integers(0, 150).map(lambda n: START + timedelta(days=n)),
        hts10=st.sampled_from(["0201201000", "0202201000", "1701991025"]),
        origin_country=st.sampled_from(["BR", "AU", "NZ", "US"]),
        unit=st.sampled_from(["kg", "NO"]),
        quantity=st.integers(0, 120),
    ),
    max_size=25,
    unique_by=lambda x: (x.entry_no, x.line_no, x.entry_date),
)


@settings(max_examples=300, deadline=None)
@given(quotas_drawn, lines_drawn, st.randoms())
def test_charging_is_greedy_in_presentation_order_and_never_loses_a_unit(qs, lines, rnd):
    charges = charge(qs, lines)
    shuffled = list(lines)
    rnd.shuffle(shuffled)
    assert charge(qs, shuffled) == charges  # the order files were loaded in does not matter
    by_quota = {q.quota_id: q for q in qs}
    quantity = {(x.entry_no, x.line_no, x.entry_date): x.quantity for x in lines}
    used: dict[tuple[str, str], int] = {}
    for c in charges:  # charges come in presentation order
        assert c.in_quota + c.over_quota == quantity[(c.entry_no, c.line_no, c.entry_date)]
        key = (c.quota_id, c.period)
        left = by_quota[c.quota_id].quantity - used.get(key, 0)
        assert c.in_quota == min(left, c.in_quota + c.over_quota)  # all that fits, no more
        used[key] = used.get(key, 0) + c.in_quota
    for (qid, _period), total in used.items():
        assert 0 <= total <= by_quota[qid].quantity
    points = fill_points(qs, charges)
    over = {(c.entry_no, c.line_no, c.entry_date) for c in charges if c.over_quota > 0}
    for x in lines:  # the rule column's plain meaning agrees with the charges
        assert over_filled(qs, points, x) == ((x.entry_no, x.line_no, x.entry_date) in over)


def test_the_tiebreak_is_entry_number_then_line_number_on_the_same_day() -> None:
    day = date(2026, 1, 5)
    lines = [
        QuotaLine("B-2", 1, day, "0201201000", "BR", "kg", 60),
        QuotaLine("A-9", 2, day, "0201201000", "BR", "kg", 30),
        QuotaLine("A-9", 1, day, "0201201000", "BR", "kg", 30),
        QuotaLine("A-1", 1, day - timedelta(days=1), "0201201000", "BR", "kg", 30),
    ]
    got = [(c.entry_no, c.line_no, c.in_quota, c.over_quota) for c in charge([quota()], lines)]
    assert got == [("A-1", 1, 30, 0), ("A-9", 1, 30, 0), ("A-9", 2, 30, 0), ("B-2", 1, 10, 50)]
    (point,) = fill_points([quota()], charge([quota()], lines))
    assert (point.entry_no, point.line_no, point.period) == ("B-2", 1, "2026")


def test_periods_start_afresh() -> None:
    assert period_of(QuotaPeriod.FISCAL_YEAR, date(2025, 10, 1)).label == "FY2026"
    assert period_of(QuotaPeriod.FISCAL_YEAR, date(2026, 9, 30)).label == "FY2026"
    q4 = period_of(QuotaPeriod.QUARTER, date(2024, 12, 31))
    assert (q4.label, q4.start, q4.end) == ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31))
    q = quota(quantity=50)
    lines = [
        QuotaLine("A-1", 1, date(2025, 12, 31), "0201201000", "BR", "kg", 80),
        QuotaLine("A-2", 1, date(2026, 1, 1), "0201201000", "BR", "kg", 40),
    ]
    assert [(c.period, c.in_quota, c.over_quota) for c in charge([q], lines)] == [
        ("2025", 50, 30),
        ("2026", 40, 0),
    ]


@given(st.decimals(min_value=0, max_value=10**9, places=3))
def test_a_fraction_is_charged_as_a_whole_unit(quantity: Decimal) -> None:
    units = whole_units(quantity)
    assert units - 1 < quantity <= units
    assert whole_units(float(quantity)) == whole_units(Decimal(repr(float(quantity))))


def test_overlapping_quotas_are_found_and_disjoint_ones_pass() -> None:
    au = quota("BEEF-AU", countries=("AU",))
    other = quota("BEEF-OTHER", excluded_countries=("AU",))
    assert overlapping([au, other]) == []
    assert overlapping([au, quota("X", countries=("AU",), hts_scope=("020120",))]) == [
        ("BEEF-AU", "X")
    ]
    ended = quota("OLD", countries=("AU",), effective_to=date(2019, 12, 31))
    assert overlapping([au, ended]) == []


def test_a_bad_quota_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as error:
        quota(quantity=-1)
    assert error.value.field == "quantity"
    with pytest.raises(InvalidInput):
        quota(countries=("AU",), excluded_countries=("NZ",))


def test_random_order_with_many_lines_charges_the_same() -> None:
    rng = random.Random(4)
    lines = [
        QuotaLine(f"E-{i:04d}", 1, date(2026, 1, 1) + timedelta(days=rng.randrange(60)),
                  "0201201000", "BR", "kg", rng.randrange(1, 9))
        for i in range(400)
    ]  # fmt: skip
    q = quota(quantity=700)
    charged = charge([q], lines)
    assert sum(c.in_quota for c in charged) == 700
    assert sum(c.over_quota for c in charged) == sum(x.quantity for x in lines) - 700
