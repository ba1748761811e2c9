"""A tiny exam world, built by hand so these tests do not depend on targeting or the generator.

One targeting run on 2026-03-02 at port 2704 (Houston) holds nine entries of importer IMP-0001:
- #1 mandatory (R-ADCVD-001@1), #2 and #3 discretionary (R-REV-001@1, expected yield 900 / 100),
- #4-#7 the random sample, #8 a post-entry review for the Consumer Products Center,
- #9 released at port 1001 (no hold).
Each entry has one line in the entry lake, so violation findings have declared facts to correct.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pytest

from tests.factories import declaration_row
from tradeguard.config import Settings, load_settings
from tradeguard.domain.entry_number import make_entry_no
from tradeguard.domain.rule import Rule
from tradeguard.store.database import Database
from tradeguard.store.lake import DECLARATION_SCHEMA, EntryLake
from tradeguard.store.rules import RuleVersion, content_json, content_sha
from tradeguard.store.targeting_runs import TargetingRun

DAY = date(2026, 3, 2)
CONSUMER = "Consumer Products and Mass Merchandising"


def entry(serial: int) -> str:
    return make_entry_no("ABC", serial)


def _decision(serial: int, lane: str, refs: list[str], **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "entry_no": entry(serial),
        "lane": lane,
        "rule_ids": [r.split("@")[0] for r in refs],
        "rule_versions": refs,
        "pti_hits": extra.pop("pti_hits", []),
        "risk_score": None,
        "expected_yield_usd": None,
        "sampled": lane == "random",
        "entry_date": DAY,
        "port_code": "2704",
        "importer_id": "IMP-0001",
        "center": CONSUMER,
        "value_usd": 10000.0,
        "duty_usd": 0.0,
        "ctpat": False,
        "isa": False,
        "stage": "entry",
    }
    row.update(extra)
    return row


DECISIONS = [
    _decision(
        1, "mandatory", ["R-ADCVD-001@1"], pti_hits=["Antidumping and Countervailing Duties"]
    ),
    _decision(2, "discretionary", ["R-REV-001@1"], pti_hits=["Revenue"], expected_yield_usd=900.0),
    _decision(3, "discretionary", ["R-REV-001@1"], pti_hits=["Revenue"], expected_yield_usd=100.0),
    *[_decision(s, "random", []) for s in (4, 5, 6, 7)],
    _decision(8, "discretionary", ["R-REV-001@1"], pti_hits=["Revenue"], stage="post-entry"),
    _decision(9, "release", [], port_code="1001"),
]


def _rule(rule_id: str, pti: str, risk: str) -> Rule:
    return Rule(
        id=rule_id, name=f"test rule {rule_id}", rationale="a rule written for the exam tests",
        pti=pti, risk=risk, stages=("entry", "post-entry"), where="value_usd > 0", owner="tests",
    )  # type: ignore[arg-type]  # fmt: skip


def _lake_lines(lake_dir: Path) -> None:
    typed = []
    for serial in range(1, 10):
        text = declaration_row(serial, duty_rate="0.050000", duty_usd="500.00")
        row: dict[str, Any] = dict(text)
        row["line_no"] = 1
        row["entry_date"] = DAY
        row["quantity"] = float(text["quantity"])
        for money in ("value_usd", "duty_usd", "bond_amount_usd", "duty_rate"):
            row[money] = Decimal(text[money])
        row["adcvd_rate"] = None
        row["ctpat"] = row["isa"] = False
        for empty in ("spi", "adcvd_case"):
            row[empty] = None
        typed.append(row)
    table = pa.Table.from_pylist(typed, schema=DECLARATION_SCHEMA)
    table = table.append_column("duty_mismatch", pa.array([False] * table.num_rows))
    EntryLake(lake_dir).append(table, source="exam-tests", source_sha256="0" * 64)


@dataclass
class World:
    db: Database
    settings: Settings
    run_id: int


@pytest.fixture
def world(home: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """On SQLite, and on PostgreSQL too when TRADEGUARD_TEST_POSTGRES_URL names a server."""
    monkeypatch.setenv("TRADEGUARD_DATABASE_URL", database_url)
    settings = load_settings()
    db = Database(settings.effective_database_url)
    path = settings.decisions_dir / "run-1" / "decisions.parquet"
    path.parent.mkdir(parents=True)
    pl.DataFrame(DECISIONS).write_parquet(path)
    _lake_lines(settings.lake_dir)
    now = datetime.now(UTC)
    with db.session() as session:
        for rule in (
            _rule("R-ADCVD-001", "ADCVD", "mandatory"),
            _rule("R-REV-001", "REVENUE", "high"),
        ):
            session.add(
                RuleVersion(
                    rule_id=rule.id, version=1, status="active", content=content_json(rule),
                    content_sha256=content_sha(rule), created_at=now, created_by="tests",
                )
            )  # fmt: skip
        run = TargetingRun(
            at=now, stage="entry", engine="duckdb", seed=7, sample_rate=0.01, entries=9,
            lanes=json.dumps({"mandatory": 1}), rule_versions=json.dumps(["R-REV-001@1"]),
            decisions_path=str(path), seconds=0.1,
        )  # fmt: skip
        session.add(run)
        session.flush()
        run_id = run.id
    yield World(db, settings, run_id)
    db.dispose()
