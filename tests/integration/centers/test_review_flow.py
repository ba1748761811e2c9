"""A review's life through the services, on SQLite and PostgreSQL: a request for information
reminded and escalated by the sweep, a notice of action proposed and taken, and the finding that
opens cases exactly as an exam's finding does."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from tests.integration.centers.centers_home import centers_home
from tradeguard.domain.errors import Conflict
from tradeguard.domain.reviews import NoticeKind, ReviewState
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.center_dashboards import center_dashboards
from tradeguard.services.center_reviews import plan_reviews
from tradeguard.services.review_moves import ReviewMove, close_reviews, move_review, sweep_requests
from tradeguard.services.rules import load_rules_file
from tradeguard.services.targeting import run_targeting
from tradeguard.store.database import Database
from tradeguard.store.lake import EntryLake
from tradeguard.store.unit_of_work import UnitOfWork


def test_a_review_from_request_to_finding_and_cases(tmp_path: Path, database: Database) -> None:
    settings, own = centers_home(tmp_path)
    own.dispose()
    for path in sorted(STARTER_RULES_DIR.glob("*.yaml")):
        load_rules_file(database, path, actor="seed")
    run_targeting(database, settings, stage="post-entry", sample_rate=0.0, seed=5)
    plan_reviews(database, settings, actor="test", replay=True)
    with UnitOfWork(database) as uow:
        queued = uow.center_reviews.in_states({ReviewState.QUEUED})
    # a review of an entry with a dutiable line: undervaluation on it owes duty
    lines = EntryLake(settings.lake_dir).scan().filter(pl.col("duty_rate") > 0.02).collect()
    dutiable = {r["entry_no"]: r for r in lines.iter_rows(named=True)}
    first = next(r for r in queued if r.entry_no in dutiable)
    line = dutiable[first.entry_no]
    second = next(r for r in queued if r.id != first.id)
    day = first.planned_on + timedelta(10)
    view = move_review(database, first.id, ReviewMove.RFI, on=day, actor="is")
    assert view.state == "rfi_sent" and view.rfi_due_on == day + timedelta(30)
    assert sweep_requests(database, on=day + timedelta(30), actor="is").reminded == []
    assert sweep_requests(database, on=day + timedelta(31), actor="is").reminded == [first.id]
    swept = sweep_requests(database, on=day + timedelta(60), actor="is")
    assert swept.escalated == [first.id]
    with pytest.raises(Conflict):
        move_review(database, first.id, ReviewMove.RESPOND, on=day + timedelta(61), actor="is")
    with pytest.raises(Conflict):  # a violation needs its notice of action taken first
        close_reviews(database, settings, {first.id: {"result": "violation"}}, actor="is",
                      today=day + timedelta(61))  # fmt: skip
    move_review(database, first.id, ReviewMove.PROPOSE_NOTICE, on=day + timedelta(62),
                actor="is", notice=NoticeKind.VALUE_ADVANCE)  # fmt: skip
    move_review(database, first.id, ReviewMove.TAKE_NOTICE, on=day + timedelta(90), actor="is")
    found_on = day + timedelta(91)
    finding = {
        "result": "violation", "pti": "Revenue", "violation_type": "undervaluation",
        "line_no": line["line_no"], "value_usd": str(Decimal(str(line["value_usd"])) * 4 + 1000),
        "finding_date": found_on.isoformat(),
    }  # fmt: skip
    clean = {"result": "clean", "finding_date": found_on.isoformat()}
    closed = {
        v.id: v
        for v in close_reviews(
            database, settings, {first.id: finding, second.id: clean}, actor="is", today=found_on
        ).views
    }
    assert [v.state for v in closed.values()] == ["closed", "closed"]
    assert closed[second.id].result == "clean"
    assert closed[first.id].result == "violation" and closed[first.id].duty_found_usd > 0
    with UnitOfWork(database) as uow:
        assert uow.findings.for_hold(first.hold_id) is not None
        assert {c.kind for c in uow.cases.of_hold(first.hold_id)} >= {"duty_demand"}
    boards = {b.center: b for b in center_dashboards(database, settings, as_of=found_on).centers}
    board = boards[first.center]
    assert board.violations >= 1 and board.timed_out_rfis >= 1
    assert board.notices.get("value_advance") == 1
    assert board.duty_found_usd == pytest.approx(float(closed[first.id].duty_found_usd))
