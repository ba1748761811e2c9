"""The packaged reference tables hold what other parts of tradeguard rely on."""

from __future__ import annotations

import csv
import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from tradeguard.domain.declaration import Mode
from tradeguard.reference import AdcvdOrder, HtsLine, Port, Reference, load_reference

GAO_CENTERS = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "data"
    / "gao-17-618"
    / "centers_of_excellence.csv"
)


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


def test_centers_are_the_ten_named_in_the_report(ref: Reference) -> None:
    assert len(ref.centers) == 10
    if GAO_CENTERS.exists():
        with GAO_CENTERS.open(encoding="utf-8") as f:
            assert set(ref.centers) == {row["center"] for row in csv.DictReader(f)}


def test_every_chapter_has_a_center_and_vehicles_and_aircraft_go_to_automotive(
    ref: Reference,
) -> None:
    for chapter in range(1, 98):
        assert ref.center_for_hts(f"{chapter:02d}01000000") in ref.centers
    assert ref.center_for_hts("8703230190") == "Automotive and Aerospace"
    assert ref.center_for_hts("8802400070") == "Automotive and Aerospace"
    assert ref.center_for_hts("6109100012") == "Apparel, Footwear and Textiles"
    assert ref.center_for_hts("0409000005") == "Agriculture and Prepared Products"


def test_hts_lines_are_real_shaped_and_rated(ref: Reference) -> None:
    assert 300 <= len(ref.hts) <= 1000
    for code, line in ref.hts.items():
        assert code == line.hts10 and len(code) == 10 and code.isdigit()
        assert line.chapter == int(code[:2])
        assert line.unit and len(line.unit) <= 8
        if line.general_rate is not None:
            assert Decimal(0) <= line.general_rate <= Decimal("3.5")  # 350%: tobacco over quota
    assert ref.hts["8507600020"].general_rate == Decimal("0.034")  # lithium-ion batteries, 3.4%
    assert ref.hts["0409000005"].general_rate is None  # honey: 1.9¢/kg is specific
    chapters = {line.chapter for line in ref.hts.values()}
    assert {3, 4, 17, 27, 30, 42, 61, 62, 64, 72, 73, 76, 84, 85, 87, 94, 95} <= chapters


def test_ports_have_schedule_d_codes_and_known_modes(ref: Reference) -> None:
    assert 40 <= len(ref.ports) <= 60
    modes = {m.value for m in Mode}
    for code, port in ref.ports.items():
        assert code == port.code and len(code) == 4 and code.isdigit()
        assert port.modes and port.modes <= modes
    assert ref.ports["2704"].name == "Los Angeles"
    assert ref.ports["2304"].name == "Laredo"


def test_countries_are_iso_3166(ref: Reference) -> None:
    assert len(ref.countries) == 249
    assert {"US", "CN", "MX", "VN", "HK"} <= ref.countries
    assert "UK" not in ref.countries


def test_adcvd_orders_and_lookup(ref: Reference) -> None:
    assert 15 <= len(ref.adcvd_orders) <= 25
    for order in ref.adcvd_orders:
        assert order.case_no[0] in "AC" and order.country in ref.countries
        assert Decimal(0) < order.rate
    extrusions = ref.adcvd_for("7604101000", "CN")
    assert extrusions is not None and extrusions.case_no == "A-570-967"
    assert ref.adcvd_for("7604101000", "VN") is None
    nails = ref.adcvd_for("7317005501", "VN")
    assert nails is not None and nails.case_no == "A-552-818"
    assert ref.adcvd_for("7616991000", "CN") is None  # other articles of aluminum: outside scope


def test_reference_types_are_frozen_with_slots() -> None:
    for kind in (HtsLine, Port, AdcvdOrder, Reference):
        assert dataclasses.is_dataclass(kind)
        assert kind.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert hasattr(kind, "__slots__")


def test_load_reference_is_cached_per_home(tmp_path: Path) -> None:
    assert load_reference() is load_reference()
    assert load_reference(tmp_path) is load_reference(tmp_path)
