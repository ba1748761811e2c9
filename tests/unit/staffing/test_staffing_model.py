"""Required FTE from workload: the arithmetic, the calibration, and measured versus default."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.workload import (
    DriverVolume,
    StandardHours,
    exam_officer_hours_per_day,
    required_fte,
)
from tradeguard.reference.positions import load_positions, load_staffing_parameters
from tradeguard.services.staffing import (
    HiringFlags,
    hiring_parameters_for,
    officer_trade_fte,
    port_exam_officer_hours_per_day,
)
from tradeguard.services.workload import staffing_model


def test_required_fte_is_units_times_hours_over_productive_hours() -> None:
    staff = required_fte(
        "Drawback specialist",
        [
            StandardHours("drawback_claims", Decimal("1.5"), Decimal("2")),
            StandardHours("entries", Decimal("0.01"), Decimal("0.01")),
        ],
        {
            "drawback_claims": DriverVolume("drawback_claims", 16_000, measured=True),
            "entries": DriverVolume("entries", 80_000, measured=False),
        },
        Decimal(1600),
    )
    # low: (24,000 + 800) / 1600 = 15.5 -> 16 (half up); high: (32,000 + 800) / 1600 = 20.5 -> 21
    assert (staff.fte_low, staff.fte_high) == (16, 21)
    claims = staff.workload[0]
    assert (claims.units, claims.measured, claims.fte_low, claims.fte_high) == (
        16_000,
        True,
        Decimal("15.0"),
        Decimal("20.0"),
    )


def test_a_driver_without_volume_is_named() -> None:
    with pytest.raises(InvalidInput, match="audits"):
        required_fte(
            "Customs auditor", [StandardHours("audits", Decimal(1), Decimal(2))], {}, Decimal(1600)
        )


def test_low_hours_above_high_hours_are_refused() -> None:
    with pytest.raises(InvalidInput):
        StandardHours("audits", Decimal(3), Decimal(2))


def test_at_the_reference_workload_the_model_reproduces_the_optimal_ranges() -> None:
    required = {r.position: r for r in staffing_model().required}
    for position in load_positions():
        staff = required[position.name]
        assert (staff.fte_low, staff.fte_high) == (position.optimal_low, position.optimal_high)
        assert all(not line.measured for line in staff.workload)


def test_measured_workload_scales_the_requirement_and_is_reported_as_measured() -> None:
    document = staffing_model(measured={"drawback_claims": 25_000}).as_json()
    assert document["scope"]["lake_used"] is False
    drawback = next(p for p in document["positions"] if p["position"] == "Drawback specialist")
    # half the reference year's 50,000 claims: half the 38-48 range
    assert (drawback["fte_low"], drawback["fte_high"]) == (19, 24)
    assert drawback["workload"] == [
        {
            "driver": "drawback_claims",
            "units": 25_000,
            "source": "measured",
            "hours_per_unit_low": "1.216",
            "hours_per_unit_high": "1.536",
            "fte_low": "19.0",
            "fte_high": "24.0",
        }
    ]


def test_an_unknown_measured_driver_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        staffing_model(measured={"bananas": 3})
    assert raised.value.field == "measured"


def test_officer_trade_fte_is_the_reports_figure() -> None:
    assert officer_trade_fte() == 6889


def test_exam_officer_hours_for_a_port_follow_its_share_of_entries() -> None:
    # 6,889 FTE x 10 % x 1,600 h / 260 days = 4,239.38 h a day
    assert port_exam_officer_hours_per_day(Decimal("0.1")) == Decimal("4239.4")
    assert port_exam_officer_hours_per_day(Decimal(0)) == Decimal("0.0")
    with pytest.raises(InvalidInput):
        exam_officer_hours_per_day(
            officer_trade_fte=6889,
            port_share=Decimal("1.5"),
            productive_hours_per_fte=Decimal(1600),
            operating_days_per_year=260,
        )


def test_flags_beat_position_values_which_beat_defaults() -> None:
    params = load_staffing_parameters()
    auditor, auditor_costs = hiring_parameters_for("Customs auditor", params, 397)
    assert (auditor.lead_time_months, auditor.training_months) == (9, 6)
    assert auditor.attrition_rate == Decimal("0.06")
    assert auditor.hiring_capacity == 40  # a tenth of the 397 people needed
    assert (auditor_costs.per_hire_cents, auditor_costs.per_person_year_cents) == (
        500_000,
        13_500_000,
    )
    officer, _ = hiring_parameters_for("CBP officer", params, 27_650)
    assert (officer.lead_time_months, officer.hiring_capacity) == (18, 2765)
    what_if = HiringFlags(lead_time_months=3, hiring_capacity=7)
    officer, _ = hiring_parameters_for("CBP officer", params, 27_650, what_if)
    assert (officer.lead_time_months, officer.hiring_capacity) == (3, 7)


def test_every_position_has_a_trade_share_with_its_source() -> None:
    shares = load_staffing_parameters().trade_shares
    assert set(shares) == {p.name for p in load_positions()}
    assert all(s.source for s in shares.values())
    assert str(shares["CBP officer"].share) == "6889/22000"
    mandated = [p.name for p in load_positions() if p.is_mandated]
    assert all(shares[name].share == 1 for name in mandated)


def test_a_params_file_lays_over_the_packaged_one(tmp_path: Path) -> None:
    overlay = tmp_path / "params.yaml"
    overlay.write_text(
        'hiring: {attrition_rate: "0.1"}\n'
        "positions: {CBP officer: {lead_time_months: 12, hiring_capacity: 100}}\n"
    )
    params = load_staffing_parameters(overlay)
    assert params.hiring["attrition_rate"] == Decimal("0.1")
    assert params.hiring["lead_time_months"] == 9
    officer = params.position_overrides["CBP officer"]
    assert (officer["lead_time_months"], officer["hiring_capacity"]) == (12, 100)
    assert officer["training_months"] == 6  # the packaged value the overlay did not name
    assert str(params.trade_shares["CBP officer"].share) == "6889/22000"
    assert params.productive_hours_per_fte == Decimal(1600)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("hiring: {attrition_rate: 0.1}\n", "hiring.attrition_rate"),
        ("positions: {Astronaut: {}}\n", "positions"),
        ('positions: {Chemist: {trade_share: "1.2"}}\n', "positions.Chemist.trade_share"),
        ("positions: {Chemist: {hiring_capacity: many}}\n", "positions.Chemist.hiring_capacity"),
        ('hiring: {cost_per_hire: "50.001"}\n', "hiring.cost_per_hire"),
        ("hiring: {lead_time: 3}\n", "hiring"),
        ("- just a list\n", "params"),
    ],
)
def test_bad_params_files_name_the_field(tmp_path: Path, text: str, field: str) -> None:
    overlay = tmp_path / "params.yaml"
    overlay.write_text(text)
    with pytest.raises(InvalidInput) as raised:
        load_staffing_parameters(overlay)
    assert raised.value.field == field
