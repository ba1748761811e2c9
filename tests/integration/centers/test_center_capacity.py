"""Each Center's reviews follow its import specialists: halve them and the reviews halve while
the missed reviews (and their expected yield) grow."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.integration.centers.centers_home import centers_home
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.reviews import ReviewState
from tradeguard.services.center_reviews import ReviewPlan, plan_reviews
from tradeguard.services.targeting import run_targeting
from tradeguard.store.unit_of_work import UnitOfWork


def _plan(tmp: Path, specialists: dict[str, Decimal] | None = None) -> dict[str, ReviewPlan]:
    settings, db = centers_home(tmp)
    try:
        planned = plan_reviews(db, settings, specialists=specialists, actor="test")
        with UnitOfWork(db) as uow:
            rows = uow.center_reviews.every()
        assert sum(r.current is ReviewState.MISSED for r in rows) == planned.missed
        return {p.center: p for p in planned.centers}
    finally:
        db.dispose()


def test_halving_a_centers_specialists_halves_its_reviews_and_raises_missed(
    tmp_path: Path,
) -> None:
    full = _plan(tmp_path / "full")
    busiest = max(full.values(), key=lambda p: p.plan.discretionary_examined)
    assert busiest.plan.discretionary_examined >= 10, "the fixture needs a working Center"
    assert busiest.plan.missed > 0, "capacity must bind for the test to mean anything"
    half = _plan(tmp_path / "half", {busiest.center: busiest.specialists / 2})
    cut = half[busiest.center]
    assert cut.plan.capacity_hours == pytest.approx(
        busiest.plan.capacity_hours / 2, abs=Decimal("0.02")
    )
    forced = busiest.plan.mandatory + busiest.plan.random_examined
    # the discretionary reviews fill the capacity left after the mandatory ones, so halving the
    # capacity halves them up to one review's rounding at each end
    assert abs(cut.reviews - busiest.reviews / 2) <= forced / 2 + 2
    assert cut.reviews < busiest.reviews
    assert cut.plan.missed > busiest.plan.missed
    assert cut.plan.missed_expected_yield > busiest.plan.missed_expected_yield
    for center, plan in full.items():  # the other Centers keep their work
        if center != busiest.center:
            assert half[center].reviews == plan.reviews


def test_planning_twice_adds_nothing_and_a_bad_center_names_the_field(tmp_path: Path) -> None:
    settings, db = centers_home(tmp_path)
    try:
        first = plan_reviews(db, settings, actor="test")
        again = plan_reviews(db, settings, actor="test")
        assert first.reviews > 0 and again.reviews == 0 and again.missed == 0
        with pytest.raises(InvalidInput) as raised:
            plan_reviews(db, settings, specialists={"Nowhere": Decimal(3)}, actor="test")
        assert raised.value.field == "specialists"
        run_targeting(db, settings, stage="entry", sample_rate=0.0, seed=5)
        with UnitOfWork(db) as uow:
            holds_before = len(uow.holds.with_findings())
        with pytest.raises(InvalidInput) as refused:
            plan_reviews(db, settings, actor="test")
        assert refused.value.field == "stage"
        with UnitOfWork(db) as uow:  # nothing half-written: no holds for the entry run
            assert len(uow.holds.with_findings()) == holds_before
    finally:
        db.dispose()
