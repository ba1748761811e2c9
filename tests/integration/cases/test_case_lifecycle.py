"""The demo's steps on a small year carry its cases to money: cases closed, penalties assessed
and collected, audits of every type, EAPA investigations, e-allegations and referrals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tradeguard.config import load_settings
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.services.case_reports import enforcement_report, latest_fiscal_year
from tradeguard.services.demo import STEPS
from tradeguard.services.demo_run import DemoRun, prepare_home
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

UNTIL = "case lifecycle"


@pytest.mark.slow
def test_a_small_year_closes_its_cases_and_collects(tmp_path: Path) -> None:
    settings = replace(load_settings(), home=tmp_path / "home")
    prepare_home(settings.home)
    run = DemoRun(settings, 2500, 3, settings.home / "generated")
    names = [name for name, _ in STEPS]
    for name, step in STEPS[: names.index(UNTIL) + 1]:
        # the model and its challenger do not touch the cases
        if name not in ("risk model; last fortnight", "risk model in shadow and monitored"):
            run.summary[name] = step(run)
    db = Database(settings.effective_database_url)
    try:
        assert latest_fiscal_year(db) == run.fy
        totals = enforcement_report(db, run.fy).totals
        first, last = fiscal_year_bounds(run.fy)
        with UnitOfWork(db) as uow:
            cases = uow.cases.matching()
            removals = uow.exemptions.active()
    finally:
        db.dispose()
    assert totals.cases_closed > 0
    assert totals.penalties["assessed"] > totals.penalties["collected"] > 0
    assert set(totals.audits_by_type) == {
        "focused_assessment", "quick_response_audit", "survey", "nonaudit_service",
    }  # fmt: skip
    for kind in ("eapa", "allegation", "referral", "seizure", "duty_demand"):
        assert totals.by_kind[kind] > 0, kind
    ratios = totals.ratios
    assert 0 < ratios["penalties_collected_of_assessed"] < 0.2
    # the lifecycle's cases take time to close (denied entries close the day they open)
    for kind in ("penalty", "seizure", "duty_demand"):
        assert (totals.days_to_close_by_kind[kind]["median"] or 0) > 0, kind
    # every move is dated between the case's opening and today; openings from the year on (the
    # Centers' post-entry reviews open cases after the year ends)
    assert all(first <= c.opened_on <= date.today() for c in cases)
    assert all(c.closed_on is None or c.opened_on <= c.closed_on <= date.today() for c in cases)
    # operations tagged; importers removed dated by their findings, from the year on
    assert any("operation" in c.details for c in cases)
    assert all(first <= r.created_on <= date.today() for r in removals)
    assert any(r.created_on <= last for r in removals)
    lifecycle = run.summary[UNTIL]
    assert lifecycle["e-allegations"]["submitted"] >= 6 and lifecycle["moves"] > 0
