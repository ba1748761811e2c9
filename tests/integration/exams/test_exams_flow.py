"""Planning, recording, overdue holds, Centers, exemptions and effectiveness on a hand-made run."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import polars as pl
import pytest
from sqlalchemy import select

from tests.integration.exams.conftest import CONSUMER, DAY, World, entry
from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.domain.pti import PTI
from tradeguard.services import effectiveness, exam_queues, exams
from tradeguard.store.change_log import ChangeEntry
from tradeguard.store.exams import HoldRow


def _holds(world: World) -> dict[str, HoldRow]:
    with world.db.session() as session:
        return {h.entry_no: h for h in session.scalars(select(HoldRow))}


def _plan(world: World, scale: str = "1") -> dict[str, dict[str, object]]:
    plans = exams.plan_exams(world.db, capacity_scale=Decimal(scale), today=DAY)
    return {p.port: p.document() for p in plans}


def test_mandatory_and_random_are_examined_beyond_capacity_and_the_rest_is_missed(
    world: World,
) -> None:
    port = _plan(world)["2704"]
    assert port["mandatory"] == 1 and port["random_examined"] == 4
    assert port["discretionary_examined"] == 0
    assert port["missed"] == 2 and port["missed_expected_yield"] == 1000.0
    # one mandatory and four random physical exams of 4 hours each, beyond a small capacity
    assert port["hours_used"] == 20.0
    assert port["backlog_hours"] == pytest.approx(20.0 - float(port["capacity_hours"]))  # type: ignore[arg-type]
    holds = _holds(world)
    assert entry(9) not in holds  # released entries get no hold
    assert holds[entry(2)].status == "released"
    assert holds[entry(8)].exam_type == "document_review"
    assert exam_queues.center_queues(world.db) == [
        exam_queues.CenterQueue(CONSUMER, queue=1, reviewed=0, workload_hours=0.5)
    ]


def test_more_capacity_goes_to_the_highest_expected_yield_first(world: World) -> None:
    base = Decimal(str(_plan(world)["2704"]["capacity_hours"]))
    assert base > 0
    port = _plan(world, str(Decimal("21.5") / base))["2704"]
    assert (port["discretionary_examined"], port["missed"]) == (1, 1)
    assert port["missed_expected_yield"] == 100.0
    holds = _holds(world)
    assert holds[entry(2)].status == "planned" and holds[entry(2)].exam_type == "nii"
    assert holds[entry(3)].status == "released"


def test_plan_refuses_a_reversed_window_and_a_negative_scale(world: World) -> None:
    with pytest.raises(InvalidInput) as error:
        exams.plan_exams(world.db, date_from=DAY, date_to=DAY - timedelta(days=1))
    assert error.value.field == "to"
    with pytest.raises(InvalidInput) as error:
        exams.plan_exams(world.db, capacity_scale=Decimal(-1))
    assert error.value.field == "capacity_scale"


def test_a_violation_closes_the_hold_and_is_written_to_the_findings_file(world: World) -> None:
    _plan(world)
    hold = _holds(world)[entry(1)]
    report = exams.record_findings(
        world.db,
        world.settings,
        [{"hold_id": hold.id, "result": "violation", "pti": "REVENUE",
          "violation_type": "undervaluation", "value_usd": "25000", "finding_date": "2026-03-04"}],
        actor="officer-7",
    )  # fmt: skip
    assert report.recorded == 1 and report.violations == 1
    assert report.cases, "an undervaluation finding opens at least a duty demand"
    assert _holds(world)[entry(1)].status == "closed"
    frame = pl.read_parquet(world.settings.home / "findings" / "findings.parquet")
    assert frame.columns == [
        "entry_no", "line_no", "finding_date", "violation", "pti", "violation_type",
        "duty_shortfall_usd", "source",
    ]  # fmt: skip
    row = frame.row(0, named=True)
    # 5% of the true $25,000 is $1,250 owed; $500 was paid
    assert row["duty_shortfall_usd"] == 750.0
    assert (row["violation"], row["source"], str(row["finding_date"])) == (
        True,
        "targeted",
        "2026-03-04",
    )
    with world.db.session() as session:
        actions = {a.action for a in session.scalars(select(ChangeEntry))}
    assert {"hold.create", "hold.plan", "finding.record", "hold.close"} <= actions


def test_bad_results_are_refused_by_field_and_nothing_is_recorded(world: World) -> None:
    _plan(world)
    holds = _holds(world)
    good = {"hold_id": holds[entry(4)].id, "result": "clean"}
    cases = [
        ({"hold_id": holds[entry(1)].id, "result": "violation", "pti": "Tea"}, "pti"),
        (
            {
                "hold_id": holds[entry(1)].id,
                "result": "violation",
                "pti": "IPR",
                "violation_type": "stolen",
            },
            "violation_type",
        ),  # fmt: skip
        ({"hold_id": holds[entry(1)].id}, "result"),
        ({"hold_id": "x", "result": "clean"}, "hold_id"),
        (
            {"hold_id": holds[entry(1)].id, "result": "clean", "finding_date": "4 March"},
            "finding_date",
        ),
    ]
    for bad, field in cases:
        with pytest.raises(InvalidInput) as error:
            exams.record_findings(world.db, world.settings, [good, bad], actor="t")
        assert error.value.field == field
        assert "result 2" in str(error.value)
    with pytest.raises(NotFound):
        exams.record_findings(
            world.db, world.settings, [good, {"hold_id": 999, "result": "clean"}], actor="t"
        )
    assert _holds(world)[entry(4)].status != "closed"
    exams.record_findings(world.db, world.settings, [good], actor="t")
    with pytest.raises(Conflict):
        exams.record_findings(world.db, world.settings, [good], actor="t")


def test_holds_without_a_finding_become_overdue_by_officer_and_port(world: World) -> None:
    _plan(world)
    assert exam_queues.overdue(world.db, overdue_days=5, today=DAY + timedelta(days=5)).holds == []
    late = exam_queues.overdue(world.db, overdue_days=5, today=DAY + timedelta(days=6))
    # planned: the mandatory, four random and the Center review; released holds are not waiting
    assert len(late.holds) == 6
    assert late.by_port() == [{"port": "2704", "holds": 6}]
    assert sum(o["holds"] for o in late.by_officer()) == 6
    hold = _holds(world)[entry(1)]
    exams.record_findings(
        world.db, world.settings, [{"hold_id": hold.id, "result": "clean"}], actor="t"
    )
    assert (
        len(exam_queues.overdue(world.db, overdue_days=5, today=DAY + timedelta(days=6)).holds) == 5
    )


def test_an_importer_is_removed_from_a_rule_after_k_clean_findings_and_can_be_put_back(
    world: World,
) -> None:
    _plan(world, "20")
    holds = _holds(world)
    first = [{"hold_id": holds[entry(2)].id, "result": "clean", "finding_date": "2026-03-03"}]
    report = exams.record_findings(world.db, world.settings, first, actor="t", exempt_after=2)
    assert report.exemptions == []
    second = [{"hold_id": holds[entry(3)].id, "result": "clean", "finding_date": "2026-03-04"}]
    report = exams.record_findings(world.db, world.settings, second, actor="t", exempt_after=2)
    assert report.exemptions == [{"rule_id": "R-REV-001", "importer_id": "IMP-0001"}]
    assert effectiveness.active_exemptions(world.db) == {"R-REV-001": ["IMP-0001"]}
    effectiveness.reverse_exemption(world.db, "R-REV-001", "IMP-0001", actor="supervisor")
    assert effectiveness.active_exemptions(world.db) == {}
    with pytest.raises(NotFound):
        effectiveness.reverse_exemption(world.db, "R-REV-001", "IMP-0001", actor="supervisor")
    with world.db.session() as session:
        actions = [a.action for a in session.scalars(select(ChangeEntry))]
    assert "rule_exemption.grant" in actions and "rule_exemption.reverse" in actions


def test_rule_effectiveness_and_compliance_on_a_hand_made_example(world: World) -> None:
    _plan(world, "20")
    h = _holds(world)
    violation = {"result": "violation", "pti": "Revenue", "violation_type": "undervaluation"}
    results = [
        {"hold_id": h[entry(2)].id, **violation, "duty_shortfall_usd": "250"},
        {"hold_id": h[entry(3)].id, "result": "clean"},
        {"hold_id": h[entry(4)].id, **violation, "duty_shortfall_usd": "40"},
        *[{"hold_id": h[entry(s)].id, "result": "clean"} for s in (5, 6, 7)],
    ]
    exams.record_findings(world.db, world.settings, results, actor="t")
    rules = {r.rule_id: r for r in effectiveness.rule_effectiveness(world.db).rules}
    rev = rules["R-REV-001"]
    # holds #2, #3 and #8 (the Center review, no finding yet); 1 violation in 2 findings
    assert (rev.version, rev.holds, rev.findings, rev.violations) == (1, 3, 2, 1)
    assert rev.hit_rate == 0.5 and rev.revenue_found_usd == 250.0
    lo, hi = rev.hit_rate_ci
    assert lo < 0.5 < hi
    # the random sample found Revenue violations in 1 of 4 exams: lift 0.5 / 0.25
    assert rev.lift == pytest.approx(2.0)
    assert rules["R-ADCVD-001"].findings == 0 and rules["R-ADCVD-001"].hit_rate is None
    report = effectiveness.compliance(world.db)
    assert report.overall.examined == 4 and report.overall.rate == 0.25
    assert report.ptis[PTI.REVENUE].violations == 1
    # $40 short over 4 sampled entries, scaled to the run's 9 entries
    assert report.as_json()["revenue_gap"]["estimate_usd"] == 90.0
