"""The suite's factory: valid declaration rows and the small reference they need."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from tradeguard.domain.entry_number import make_entry_no
from tradeguard.intake.validation import ReferenceSets

# A reference small enough to read: three tariff lines, two ports, a handful of countries.
TEST_REFS = ReferenceSets(
    hts10=frozenset({"9503000073", "8507600020", "7604210000"}),
    ports=frozenset({"2704", "1001"}),
    countries=frozenset({"CN", "VN", "US", "MX", "DE"}),
)


def declaration_row(serial: int = 1, line_no: int = 1, **overrides: Any) -> dict[str, str]:
    """A valid declaration line as text, the way a CSV carries it."""
    row = {
        "entry_no": make_entry_no("ABC", serial),
        "line_no": str(line_no),
        "entry_date": "2026-03-02",
        "port_code": "2704",
        "mode": "vessel",
        "entry_type": "01",
        "filer_code": "ABC",
        "importer_id": "IMP-0001",
        "manufacturer_id": "CNTOYMAK123SHA",
        "origin_country": "CN",
        "export_country": "CN",
        "hts10": "9503000073",
        "description": "plastic toy figures",
        "quantity": "1200",
        "unit": "NO",
        "value_usd": "10000.00",
        "duty_rate": "0.000000",
        "duty_usd": "0.00",
        "spi": "",
        "adcvd_case": "",
        "adcvd_rate": "",
        "ctpat": "false",
        "isa": "false",
        "bond_type": "continuous",
        "bond_amount_usd": "50000.00",
    }
    row.update({k: str(v) for k, v in overrides.items()})
    return row


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def seed_cases(db: Any, count: int) -> None:
    """`count` cases in one bulk insert, cycling through kinds, PTIs and open/closed states, as a
    busy database holds them (the demo opens 2,292); for the paging tests and bench/pages.py."""
    from datetime import date, timedelta

    from sqlalchemy import insert

    from tradeguard.domain.cases.base import CaseKind
    from tradeguard.domain.pti import PTI
    from tradeguard.store.cases import CaseRow

    kinds, ptis = list(CaseKind), list(PTI)
    rows = [
        {
            "kind": kinds[i % len(kinds)].value,
            "pti": ptis[i % len(ptis)].value,
            "state": "open" if i % 3 else "closed",
            "version": 1,
            "opened_on": date(2025, 10, 1) + timedelta(days=i % 300),
            "opened_by": "seed",
            "importer_id": f"IMP-{i % 97:05d}",
            "entry_no": f"ABC-{i:07d}-1",
            "details": json.dumps({"note": "seeded"}),
        }
        for i in range(count)
    ]
    with db.session() as session:
        session.execute(insert(CaseRow), rows)


def advance_row(serial: int = 1, line_no: int = 1, **overrides: Any) -> dict[str, str]:
    """A valid advance filing line (ISF and manifest) for `declaration_row(serial, line_no)`."""
    row = {
        "bill_of_lading": f"MAEU{serial:09d}",
        "line_no": str(line_no),
        "entry_no": make_entry_no("ABC", serial),
        "filed_date": "2026-02-10",
        "arrival_date": "2026-03-02",
        "importer_id": "IMP-0001",
        "shipper": "Shenzhen Toy Export Co",
        "consignee": "IMP-0001",
        "seller": "Shenzhen Toy Export Co",
        "buyer": "IMP-0001",
        "ship_to": "IMP-0001",
        "manufacturer_id": "CNTOYMAK123SHA",
        "origin_country": "CN",
        "hts6": "950300",
        "stuffing_location": "CNSZX",
        "consolidator": "",
        "vessel": "MAERSK ESSEN",
        "port_of_lading": "CNYTN",
        "port_of_unlading": "2704",
    }
    row.update({k: str(v) for k, v in overrides.items()})
    return row
