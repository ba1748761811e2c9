"""Plans: parsing with named errors, status thresholds in both directions, each lint reason."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.plans import (
    Direction,
    Reason,
    Status,
    lint,
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


# -- lint -----------------------------------------------------------------------------------------
def reasons(found: list[Any]) -> list[tuple[str, str | None, str | None]]:
    return [(f.reason, f.plan, f.measure) for f in found]


def test_a_pti_with_no_plan_in_force_is_reported() -> None:
    found = lint([parse_plan(plan_data(), "ipr")], 2026)
    missing = {f.pti for f in found if f.reason is Reason.NO_PLAN_IN_FORCE}
    assert missing == {p.value for p in PTI} - {PTI.IPR.value}


def test_a_plan_past_its_period_is_reported_unless_a_later_one_replaces_it() -> None:
    old = parse_plan(plan_data(period="FY2010-FY2014", goals=[]), "ipr-old")
    found = lint([old], 2017, [PTI.IPR])
    assert (Reason.PLAN_PAST_PERIOD, "ipr-old", None) in reasons(found)
    assert (Reason.NO_PLAN_IN_FORCE, None, None) in reasons(found)
    new = parse_plan(
        plan_data(period="FY2017", goals=[]),
        "ipr-new",
    )
    assert lint([old, new], 2017, [PTI.IPR]) == []


def test_a_measure_with_no_target_for_a_year_of_its_plan_is_reported() -> None:
    goals = [
        {
            "id": "g",
            "measures": [
                {"id": "audits", "definition": "audits.completed", "targets": {"FY2026": 4}}
            ],
        }
    ]
    plan = parse_plan(plan_data(period="FY2026-FY2027", goals=goals), "adcvd")
    found = lint([plan], 2026, [PTI.IPR])
    assert reasons(found) == [(Reason.MEASURE_WITHOUT_TARGET, "adcvd", "audits")]
    assert found[0].detail == "FY2027"


def test_a_definition_not_in_the_catalogue_is_reported() -> None:
    goals = [
        {
            "id": "g",
            "measures": [
                {"id": "surveys", "definition": "surveys.conducted", "targets": {"FY2026": 4}}
            ],
        }
    ]
    found = lint([parse_plan(plan_data(goals=goals), "p")], 2026, [PTI.IPR])
    assert reasons(found) == [(Reason.UNKNOWN_DEFINITION, "p", "surveys")]


def test_a_port_filter_on_an_importer_level_measure_is_reported() -> None:
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
    found = lint([parse_plan(plan_data(goals=goals), "p")], 2026, [PTI.IPR])
    assert reasons(found) == [(Reason.FILTER_NOT_APPLICABLE, "p", "a")]


def test_a_clean_set_lints_clean() -> None:
    plans = [parse_plan(plan_data(pti=p.value), f"plan-{i}") for i, p in enumerate(PTI)]
    assert lint(plans, 2026) == []
