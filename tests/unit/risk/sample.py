"""Synthetic declarations and findings for the risk tests (see conftest.py for the story)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import polars as pl

from tradeguard.domain.declaration import COLUMNS
from tradeguard.domain.entry_number import make_entry_no

START = date(2026, 1, 1)
MONEY = pl.Decimal(18, 2)


def make_declarations(n_entries: int = 600, seed: int = 1) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for e in range(n_entries):
        importer = int(rng.integers(0, 20))
        day = START + timedelta(days=int(rng.integers(0, 120)))
        for line in range(1, int(rng.integers(1, 3)) + 1):
            value = Decimal(int(rng.integers(1_000, 50_000)))
            rows.append(
                {
                    "entry_no": make_entry_no("ABC", e + 1),
                    "line_no": line,
                    "entry_date": day,
                    "port_code": ["2704", "1001"][int(rng.integers(0, 2))],
                    "mode": "vessel",
                    "entry_type": "01",
                    "filer_code": "ABC",
                    "importer_id": f"IMP-{importer:02d}",
                    "manufacturer_id": f"MFR-{int(rng.integers(0, 30)):02d}",
                    "origin_country": ["CN", "VN", "MX"][int(rng.integers(0, 3))],
                    "export_country": "CN",
                    "hts10": ["9503000073", "8507600020", "7604210000"][int(rng.integers(0, 3))],
                    "description": "goods",
                    "quantity": Decimal(int(rng.integers(10, 1000))),
                    "unit": "NO",
                    "value_usd": value,
                    "duty_rate": Decimal("0.05"),
                    "duty_usd": value * Decimal("0.05"),
                    "spi": "",
                    "adcvd_case": "",
                    "adcvd_rate": None,
                    "ctpat": importer % 5 == 4,
                    "isa": False,
                    "bond_type": "continuous",
                    "bond_amount_usd": Decimal("50000.00"),
                }
            )
    frame = pl.DataFrame(rows, infer_schema_length=None)
    return frame.select(COLUMNS).with_columns(
        pl.col("value_usd", "duty_usd", "bond_amount_usd").cast(MONEY),
        pl.col("quantity").cast(pl.Decimal(18, 2)),
        pl.col("duty_rate", "adcvd_rate").cast(pl.Decimal(12, 6)),
    )


def make_findings(declarations: pl.DataFrame, seed: int = 2) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    bad = declarations["importer_id"].is_in([f"IMP-{i:02d}" for i in range(4)]).to_numpy()
    chance = np.where(bad, 0.7, 0.05)
    violation = rng.random(declarations.height) < chance
    value = declarations["value_usd"].cast(pl.Float64).to_numpy()
    return pl.DataFrame(
        {
            "entry_no": declarations["entry_no"],
            "line_no": declarations["line_no"],
            "finding_date": declarations["entry_date"] + timedelta(days=7),
            "violation": violation,
            "pti": ["Revenue" if v else None for v in violation],
            "duty_shortfall_usd": np.where(violation, value * 0.1, 0.0),
            "source": np.where(rng.random(declarations.height) < 0.2, "random", "targeted"),
        }
    )
