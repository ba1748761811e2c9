"""Measures of the Centers' post-entry work and of the national account managers' accounts.

A review counts in the fiscal year it closed (done, duty found, lost to liquidation) or, when
missed, in the fiscal year of its entry. Reviews have a Center but no port: a port filter
measures nothing. Account compliance is the clean share of the managed importers' closed
reviews, with its 95% interval.
"""

from __future__ import annotations

from collections.abc import Callable

from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.domain.measures.facts import Filters, PerformanceFacts, ReviewFact, in_fy
from tradeguard.domain.measures.value import (
    NOTHING,
    MeasureValue,
    count,
    dollars,
    percent,
    wilson_percent,
)

Compute = Callable[[PerformanceFacts, int, Filters], MeasureValue]


def _at(review: ReviewFact, filters: Filters) -> bool:
    return filters.center is None or review.center == filters.center


def _closed(facts: PerformanceFacts, fy: int, filters: Filters) -> list[ReviewFact] | None:
    if filters.port is not None:
        return None
    first, last = fiscal_year_bounds(fy)
    return [
        r
        for r in facts.reviews
        if r.state == "closed" and in_fy(r.closed_on, first, last) and _at(r, filters)
    ]


def reviews_done(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    closed = _closed(facts, fy, filters)
    return NOTHING if closed is None else count(len(closed))


def reviews_missed(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    if filters.port is not None:
        return NOTHING
    first, last = fiscal_year_bounds(fy)
    return count(
        sum(
            r.state == "missed" and in_fy(r.entry_date, first, last) and _at(r, filters)
            for r in facts.reviews
        )
    )


def review_duty(kind: str) -> Compute:
    """Duty found by the year's closed reviews, or the part of it lost to liquidation."""

    def measure(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
        closed = _closed(facts, fy, filters)
        if closed is None:
            return NOTHING
        field = "duty_found_cents" if kind == "found" else "foregone_cents"
        return dollars(sum(getattr(r, field) for r in closed))

    return measure


def closed_after_liquidation(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    closed = _closed(facts, fy, filters)
    if closed is None:
        return NOTHING
    return count(sum(r.foregone_cents > 0 for r in closed))


def account_compliance(facts: PerformanceFacts, fy: int, filters: Filters) -> MeasureValue:
    closed = _closed(facts, fy, filters)
    if not closed:
        return NOTHING
    accounts = [r for r in closed if r.account]
    clean = sum(r.result == "clean" for r in accounts)
    value = percent(clean, len(accounts))
    if value.value is None:
        return NOTHING
    return MeasureValue(value.value, wilson_percent(clean, len(accounts)))
