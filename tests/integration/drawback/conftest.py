"""A tiny entry lake for the drawback and bond tests, loaded through the real ingest.

- entry 1 (ABC-serial 1, 2 March 2026): line 1 toys 9503000073, value $10,000, duty $500.00;
  line 2 batteries 8507600020, value $20,000, duty $680.00.
- entry 2 (ABC-serial 2, 3 March 2026): line 1 aluminium 7604210000, value $5,000, duty $250.00,
  on a single transaction bond.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import TEST_REFS, declaration_row, write_csv
from tradeguard.config import load_settings
from tradeguard.domain.entry_number import make_entry_no
from tradeguard.services.ingest import ingest

ENTRY_1 = make_entry_no("ABC", 1)
ENTRY_2 = make_entry_no("ABC", 2)


def lake_rows() -> list[dict[str, str]]:
    return [
        declaration_row(1, 1, duty_rate="0.050000", duty_usd="500.00"),
        declaration_row(
            1, 2, hts10="8507600020", value_usd="20000.00", duty_rate="0.034000", duty_usd="680.00"
        ),
        declaration_row(
            2,
            1,
            entry_date="2026-03-03",
            hts10="7604210000",
            value_usd="5000.00",
            duty_rate="0.050000",
            duty_usd="250.00",
            bond_type="single",
            bond_amount_usd="5300.00",
        ),
    ]


@pytest.fixture
def lake(home: Path, tmp_path: Path) -> Path:
    settings = load_settings()
    report = ingest([write_csv(tmp_path / "lines.csv", lake_rows())], settings, refs=TEST_REFS)
    assert report.accepted == 3, report
    return settings.lake_dir
