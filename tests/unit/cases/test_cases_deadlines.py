"""Deadlines that start when a case enters a state: EAPA clocks, seizure petitions, the statute."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.business_days import business_days_between, is_business_day
from tradeguard.domain.cases.deadlines import (
    add_years,
    deadlines_on_entry,
    status,
    statute_of_limitations,
)


def _by_name(kind: CaseKind, state: str, day: date, **kw: bool) -> dict[str, date]:
    return {d.name: d.due_on for d in deadlines_on_entry(kind, state, day, **kw)}


def test_eapa_initiation_is_15_business_days_after_receipt() -> None:
    # received Friday 2024-06-14; Juneteenth (Wed 06-19) is skipped
    assert _by_name(CaseKind.EAPA, "received", date(2024, 6, 14)) == {
        "initiate investigation": date(2024, 7, 9)  # July 4 skipped too
    }


def test_eapa_interim_and_determination_clocks() -> None:
    due = _by_name(CaseKind.EAPA, "initiated", date(2024, 1, 10))
    assert due == {"interim measures": date(2024, 4, 9), "determination": date(2024, 11, 5)}
    extended = _by_name(CaseKind.EAPA, "initiated", date(2024, 1, 10), extended=True)
    assert extended["determination"] == date(2025, 1, 4)


def test_seizure_petition_window_is_30_days_from_notice() -> None:
    (petition,) = deadlines_on_entry(CaseKind.SEIZURE, "noticed", date(2024, 3, 1))
    assert petition.due_on == date(2024, 3, 31)
    assert "petitioned" in petition.satisfied_by


def test_statute_of_limitations_runs_five_years_and_alerts_a_year_ahead() -> None:
    sol = statute_of_limitations(date(2020, 2, 29))
    assert sol.due_on == date(2025, 2, 28)
    assert sol.alert_on == date(2024, 2, 29)
    assert status(sol.due_on, sol.alert_on, date(2024, 3, 1)) == "alert"
    assert status(sol.due_on, sol.alert_on, date(2025, 3, 1)) == "overdue"
    assert status(sol.due_on, sol.alert_on, date(2023, 1, 1)) == "upcoming"
    assert status(sol.due_on, sol.alert_on, sol.due_on) == "alert"  # due today is not yet late


def test_states_without_rules_have_no_deadlines() -> None:
    assert deadlines_on_entry(CaseKind.REFERRAL, "referred", date(2024, 1, 1)) == []


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1)))
def test_business_day_deadlines_land_on_business_days(received: date) -> None:
    for kind, state, n in ((CaseKind.EAPA, "received", 15), (CaseKind.ALLEGATION, "received", 15)):
        (d,) = deadlines_on_entry(kind, state, received)
        assert is_business_day(d.due_on)
        assert business_days_between(received, d.due_on) == n
        assert d.alert_on == d.due_on - timedelta(days=5)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)))
def test_add_years_keeps_the_day_or_clamps_leap_days(day: date) -> None:
    later = add_years(day, 5)
    assert later.year == day.year + 5 and later.month == day.month
    assert later.day == day.day or (day.month, day.day, later.day) == (2, 29, 28)
