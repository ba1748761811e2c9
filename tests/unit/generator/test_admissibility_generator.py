"""The admissibility generator is deterministic by seed and plants what the screening must find."""

from __future__ import annotations

from datetime import date, timedelta

from tradeguard.generator.admissibility import LineFacts, generate_admissibility

START = date(2025, 10, 1)
LINES = [
    LineFacts(f"E{n:04d}", hts, f"MFR-{n % 5}", "CN" if n % 2 else "VN", START + timedelta(n))
    for n, hts in enumerate(["9503000073", "8507600020", "6403990060", "9503000090"] * 30)
]


def test_same_seed_same_data_and_every_order_has_a_scope(tmp_path) -> None:
    today = START + timedelta(days=400)
    one = generate_admissibility(LINES, seed=3, today=today)
    two = generate_admissibility(LINES, seed=3, today=today)
    assert one == two
    assert generate_admissibility(LINES, seed=4, today=today) != one
    assert all(o.hts_scope for o in one.exclusion_orders)
    paths = one.write(tmp_path)
    assert (
        paths["exclusion_orders"].read_text()
        == two.write(tmp_path / "b")["exclusion_orders"].read_text()
    )


def test_the_planted_hits_exist() -> None:
    scenario = generate_admissibility(LINES, seed=3, today=START + timedelta(days=400))
    assert scenario.expected_excluded(LINES)
    assert scenario.expected_withheld(LINES)
    assert scenario.expected_unauthorized(LINES)
