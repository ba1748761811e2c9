"""Plans: parsing with named errors, status thresholds in both directions, the plan inventory's
PTI statuses and each problem reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.plan_inventory import PtiStatus, Reason, take_inventory
from tradeguard.domain.plans import (
    Direction,
    PlanKind,
    PlanStatus,
    Status,
    parse_period,
    parse_plan,
    status,
)
from tradeguard.domain.pti import PTI

D = Decimal


def plan_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "pti": "IPR",
        "period": "FY2026",
        "goals": [
            {
                "id": "seize",
                "measures": [
                    {"id": "m1", "definition": "seizures.count", "targets": {"FY2026": 10}}
                ],
            }
        ],
    }
    data.update(overrides)
    return data


# -- status ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("100", Status.MET),
        ("120", Status.MET),
        ("90", Status.ON_TRACK),
        ("89.99", Status.OFF_TRACK),
    ],
)
def test_higher_is_better_default_band_is_ten_percent(actual: str, expected: Status) -> None:
    assert status(D(actual), D(100), Direction.HIGHER) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("3", Status.MET), ("2", Status.MET), ("3.3", Status.ON_TRACK), ("3.31", Status.OFF_TRACK)],
)
def test_lower_is_better_mirrors_the_thresholds(actual: str, expected: Status) -> None:
    assert status(D(actual), D(3), Direction.LOWER) is expected


def test_explicit_on_track_threshold_replaces_the_default_band() -> None:
    assert status(D(80), D(100), Direction.HIGHER, on_track=D(75)) is Status.ON_TRACK
    assert status(D(95), D(100), Direction.HIGHER, on_track=D(98)) is Status.OFF_TRACK
    assert status(D(5), D(0), Direction.LOWER, on_track=D(10)) is Status.ON_TRACK
    assert status(D(11), D(0), Direction.LOWER, on_track=D(10)) is Status.OFF_TRACK


def test_no_target_and_nothing_measured() -> None:
    assert status(D(5), None, Direction.HIGHER) is Status.NO_TARGET
    assert status(None, None, Direction.LOWER) is Status.NO_TARGET
    assert status(None, D(5), Direction.HIGHER) is Status.OFF_TRACK


@given(st.decimals(0, 10**9, places=2), st.decimals(1, 10**9, places=2))
def test_met_exactly_when_the_target_is_reached(actual: Decimal, target: Decimal) -> None:
    assert (status(actual, target, Direction.HIGHER) is Status.MET) == (actual >= target)
    assert (status(actual, target, Direction.LOWER) is Status.MET) == (actual <= target)


# -- parsing --------------------------------------------------------------------------------------
def test_plan_parses_with_defaults_from_the_catalogue() -> None:
    plan = parse_plan(plan_data(), "ipr-2026")
    assert (plan.id, plan.pti, plan.kind, plan.period) == ("ipr-2026", PTI.IPR, "annual", "FY2026")
    measure = plan.measures()[0]
    assert measure.targets == {2026: D(10)}
    assert (measure.effective_unit(), measure.effective_direction()) == ("count", "higher")
    assert plan.filters_for(measure).pti is PTI.IPR


@pytest.mark.parametrize(
    ("text", "years"),
    [("FY2026", (2026, 2026)), ("FY2026-FY2030", (2026, 2030)), ("fy2017-2019", (2017, 2019))],
)
def test_periods(text: str, years: tuple[int, int]) -> None:
    assert parse_period(text) == years


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"period": "2026"}, "period"),
        ({"period": "FY2028-FY2026"}, "period"),
        ({"pti": "Tariffs"}, "pti"),
        ({"goals": [{"id": "g", "measures": [{"id": "m"}]}]}, "goals.0.measures.0.definition"),
        (
            {
                "goals": [
                    {
                        "id": "g",
                        "measures": [{"id": "m", "definition": "x", "targets": {"FY2026": "lots"}}],
                    }
                ]
            },
            "goals.0.measures.0.targets.2026",
        ),
        ({"owner": "me"}, "owner"),
        ({"kind": "strategic"}, "kind"),  # one fiscal year is an annual plan
        ({"period": "FY2026-FY2028", "kind": "annual"}, "kind"),
        ({"status": "approved"}, "status"),
        ({"adopted_on": "soon"}, "adopted_on"),
    ],
)
def test_invalid_plans_name_the_field(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_plan(plan_data(**overrides), "p")
    assert caught.value.field == field


def test_a_plan_without_period_or_pti_is_refused() -> None:
    data = plan_data()
    del data["period"]
    with pytest.raises(InvalidInput, match="period"):
        parse_plan(data, "p")
    data = plan_data()
    del data["pti"]
    with pytest.raises(InvalidInput) as caught:
        parse_plan(data, "p")
    assert caught.value.field == "pti"


def test_kind_and_status_default_from_the_period_and_to_in_force() -> None:
    plan = parse_plan(plan_data(period="FY2026-FY2028", status="in_force"), "p")
    assert (plan.kind, plan.status) == (PlanKind.STRATEGIC, PlanStatus.IN_FORCE)
    draft = parse_plan(plan_data(kind="annual", status="Draft"), "p")
    assert (draft.kind, draft.status) == (PlanKind.ANNUAL, PlanStatus.DRAFT)


# -- inventory ------------------------------------------------------------------------------------
FEB_2017 = date(2017, 2, 28)


def reasons(found: Any) -> list[tuple[str, str, str]]:
    return [(f.reason, f.plan, f.measure) for f in found.problems]


def row(found: Any, pti: PTI) -> tuple[PtiStatus, tuple[str, ...], tuple[str, ...]]:
    (only,) = [p for p in found.ptis if p.pti == pti.value]
    return only.status, only.in_force, only.drafts


def test_a_pti_with_no_plan_in_force_has_status_none() -> None:
    found = take_inventory([parse_plan(plan_data(), "ipr")], 2026, date(2026, 3, 1))
    assert [p.pti for p in found.ptis] == [p.value for p in PTI]
    none = {p.pti for p in found.ptis if p.status is PtiStatus.NONE}
    assert none == {p.value for p in PTI} - {PTI.IPR.value}
    assert row(found, PTI.IPR) == (PtiStatus.CURRENT, ("ipr",), ())
    assert not found.clean


def test_a_plan_past_its_period_is_outdated_once_unless_a_later_one_replaces_it() -> None:
    old = parse_plan(plan_data(period="FY2010-FY2014", goals=[]), "ipr-old")
    older = parse_plan(plan_data(period="FY2005-FY2009", goals=[]), "ipr-older")
    found = take_inventory([older, old], 2017, FEB_2017, [PTI.IPR])
    assert row(found, PTI.IPR) == (PtiStatus.OUTDATED, ("ipr-old",), ())
    assert found.problems == ()
    new = parse_plan(plan_data(period="FY2017", goals=[]), "ipr-new")
    replaced = take_inventory([older, old, new], 2017, FEB_2017, [PTI.IPR])
    assert row(replaced, PTI.IPR) == (PtiStatus.CURRENT, ("ipr-new",), ())
    assert replaced.clean


def test_a_draft_is_not_in_force_and_a_plan_is_a_draft_until_adopted() -> None:
    old = parse_plan(plan_data(period="FY2011", goals=[]), "ipr-2011")
    draft = parse_plan(plan_data(period="FY2017-FY2019", status="draft", goals=[]), "ipr-17")
    found = take_inventory([old, draft], 2017, FEB_2017, [PTI.IPR])
    assert row(found, PTI.IPR) == (PtiStatus.OUTDATED, ("ipr-2011",), ("ipr-17",))
    adopted = parse_plan(
        plan_data(period="FY2017-FY2019", adopted_on="2017-05-15", goals=[]), "ipr-17"
    )
    before = take_inventory([old, adopted], 2017, FEB_2017, [PTI.IPR])
    assert row(before, PTI.IPR) == (PtiStatus.OUTDATED, ("ipr-2011",), ("ipr-17",))
    after = take_inventory([old, adopted], 2017, date(2017, 6, 1), [PTI.IPR])
    assert row(after, PTI.IPR) == (PtiStatus.CURRENT, ("ipr-17",), ())


def test_a_measure_with_no_target_for_a_year_of_its_plan_is_a_problem() -> None:
    goals = [
        {
            "id": "g",
            "measures": [
                {"id": "audits", "definition": "audits.completed", "targets": {"FY2026": 4}}
            ],
        }
    ]
    plan = parse_plan(plan_data(period="FY2026-FY2027", goals=goals), "adcvd")
    found = take_inventory([plan], 2026, date(2026, 3, 1), [PTI.IPR])
    assert reasons(found) == [(Reason.MEASURE_WITHOUT_TARGET, "adcvd", "audits")]
    assert found.problems[0].detail == "FY2027"


def test_drafts_are_checked_and_superseded_plans_are_not() -> None:
    untargeted = [{"id": "g", "measures": [{"id": "m", "definition": "seizures.count"}]}]
    gone = parse_plan(plan_data(period="FY2009", goals=untargeted), "gone")
    targeted = [
        {"id": "g", "measures": [{"id": "m", "definition": "seizures.count", "targets": {2011: 5}}]}
    ]
    used = parse_plan(plan_data(period="FY2011", goals=targeted), "used")
    draft = parse_plan(plan_data(period="FY2017", status="draft", goals=untargeted), "draft")
    found = take_inventory([gone, used, draft], 2017, FEB_2017, [PTI.IPR])
    assert reasons(found) == [(Reason.MEASURE_WITHOUT_TARGET, "draft", "m")]


def test_a_definition_not_in_the_catalogue_is_a_problem() -> None:
    goals = [
        {
            "id": "g",
            "measures": [
                {"id": "surveys", "definition": "surveys.conducted", "targets": {"FY2026": 4}}
            ],
        }
    ]
    found = take_inventory([parse_plan(plan_data(goals=goals), "p")], 2026, date(2026, 3, 1))
    assert reasons(found) == [(Reason.UNKNOWN_DEFINITION, "p", "surveys")]


def test_a_port_filter_on_an_importer_level_measure_is_a_problem() -> None:
    goals = [
        {
            "id": "g",
            "measures": [
                {
                    "id": "a",
                    "definition": "audits.completed",
                    "targets": {"FY2026": 4},
                    "filters": {"port": 2704},
                }
            ],
        }
    ]
    found = take_inventory([parse_plan(plan_data(goals=goals), "p")], 2026, date(2026, 3, 1))
    assert reasons(found) == [(Reason.FILTER_NOT_APPLICABLE, "p", "a")]


def test_a_clean_set_is_clean() -> None:
    plans = [parse_plan(plan_data(pti=p.value), f"plan-{i}") for i, p in enumerate(PTI)]
    assert take_inventory(plans, 2026, date(2026, 3, 1)).clean
