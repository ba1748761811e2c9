"""Exploration in exam planning: when the risk model ranked the run, a share of the hours goes to
holds of importers never examined, which the order by expected yield alone would never reach."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
from sqlalchemy import select

from tests.integration.exams.conftest import DAY, World, entry
from tradeguard.domain.exams import EXAM_COSTS, ExamType
from tradeguard.services import exams
from tradeguard.services.model_exploration import exploration_reach
from tradeguard.store.exams import HoldRow

NEW_IMPORTER = "IMP-0002"


def _decisions(world: World, *, scored: bool) -> None:
    """The run as targeting wrote it, entry #3 (the lower-yield discretionary hold) from an
    importer never seen before, and risk scores filled when a model ranked it."""
    path = world.settings.decisions_dir / "run-1" / "decisions.parquet"
    frame = pl.read_parquet(path).with_columns(
        importer_id=pl.when(pl.col("entry_no") == entry(3))
        .then(pl.lit(NEW_IMPORTER))
        .otherwise(pl.col("importer_id")),
        risk_score=pl.lit(0.5 if scored else None, dtype=pl.Float64),
    )
    frame.write_parquet(path)


def _examine_the_mandatory_hold(world: World) -> Decimal:
    """Plan, and close the mandatory hold with a finding: its importer has been examined. Returns
    the hours of one more exam than the holds left must get (so one discretionary exam fits)."""
    exams.plan_exams(world.db, capacity_scale=Decimal(0), today=DAY)
    with world.db.session() as session:
        hold = session.scalars(select(HoldRow).where(HoldRow.entry_no == entry(1))).one()
    finding = {"hold_id": hold.id, "result": "clean", "finding_date": "2026-03-03"}
    exams.record_findings(world.db, world.settings, [finding], actor="t")
    plans = exams.plan_exams(world.db, capacity_scale=Decimal(0), today=DAY)
    port = next(p for p in plans if p.port == "2704")
    one_more = port.hours_used + EXAM_COSTS[ExamType.NII].hours
    base = exams.plan_exams(world.db, today=DAY)
    return one_more / next(p for p in base if p.port == "2704").capacity_hours


def _examined(world: World) -> set[str]:
    with world.db.session() as session:
        rows = session.scalars(select(HoldRow).where(HoldRow.status == "planned"))
        return {h.entry_no for h in rows if h.lane == "discretionary" and h.stage == "entry"}


def test_a_model_ranked_run_gives_an_exam_to_the_never_examined_importer(world: World) -> None:
    _decisions(world, scored=True)
    scale = _examine_the_mandatory_hold(world)
    port = next(p for p in exams.plan_exams(world.db, capacity_scale=scale, today=DAY))
    assert port.discretionary_examined == 1 and port.explored == 1
    assert _examined(world) == {entry(3)}  # not #2, which has the higher expected yield
    reach = exploration_reach(world.db, scale)
    assert (reach.discretionary_exams, reach.never_examined_importers) == (1, 1)
    assert reach.by_yield_alone == 0 and reach.explore_share == 0.1


def test_without_a_model_the_plan_follows_expected_yield_alone(world: World) -> None:
    _decisions(world, scored=False)
    scale = _examine_the_mandatory_hold(world)
    port = next(p for p in exams.plan_exams(world.db, capacity_scale=scale, today=DAY))
    assert port.discretionary_examined == 1 and port.explored == 0
    assert _examined(world) == {entry(2)}
    assert exploration_reach(world.db, scale).explore_share == 0.0
