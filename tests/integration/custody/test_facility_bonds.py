"""A facility's bond against the duties on the goods it holds, on SQLite and PostgreSQL: short
while the goods' duties exceed it, sufficient once goods leave; the lake's duty rate prices an
admission that declared none; the oversight check and the CLI say the same."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.integration.custody.test_facilities_store import site
from tests.integration.drawback.conftest import ENTRY_1, lake  # noqa: F401 (the fixture)
from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.domain.entry_number import make_entry_no
from tradeguard.domain.facilities import Admission, ComplianceReview, RiskLevel
from tradeguard.domain.oversight import EvidenceStatus
from tradeguard.services import facilities, facilities_goods
from tradeguard.services.facilities_bonds import facility_bonds
from tradeguard.services.oversight_custody import facility_risk_reviewed
from tradeguard.services.oversight_evidence import EvidenceContext
from tradeguard.store.database import Database

TODAY = date.today()
LAST_YEAR = TODAY - timedelta(days=300)


def _admit(db: Database, entry_no: str, value: str, duty: str | None) -> int:
    goods = Admission(
        entry_no, "wine", 100, Decimal(value), LAST_YEAR, LAST_YEAR,
        duty=None if duty is None else Decimal(duty),
    )  # fmt: skip
    return facilities_goods.admit_goods(db, "N774", goods, "officer").id


def test_the_bond_must_cover_the_duties_on_hand(database: Database, lake: Path) -> None:  # noqa: F811
    facilities.register_facility(database, site(), "officer")  # bond $50,000
    review = ComplianceReview(TODAY, "auditor", RiskLevel.LOW, ("review:N774",))
    facilities.record_review(database, "N774", review, "auditor")
    ctx = EvidenceContext(database, load_settings(), 2026, TODAY)
    assert facility_risk_reviewed(ctx).status is EvidenceStatus.MET
    admission = _admit(database, "ABC12345675", "600000", "60000.00")
    report = facility_bonds(database, load_settings().lake_dir)
    (bond,) = report.facilities
    assert (bond.duties_cents, bond.shortfall_cents) == (6_000_000, 1_000_000)
    short = facility_risk_reviewed(ctx)
    assert short.status is EvidenceStatus.NOT_MET
    assert short.figures["bonds_short"] == {"N774": "10000.00"}
    facilities_goods.withdraw_goods(
        database, admission, 50, facilities_goods.WithdrawalPurpose.EXPORT, "officer"
    )
    assert facility_bonds(database).insufficient == []  # $30,000 of duties left
    assert facility_risk_reviewed(ctx).status is EvidenceStatus.MET
    # An admission that declared no duty is priced at its entry's rate in the lake
    # (entry 1: $1,180 of duty on $30,000), or listed as unpriced when the lake lacks it.
    _admit(database, ENTRY_1, "1000000", None)
    _admit(database, make_entry_no("ABC", 7), "5000", None)
    (bond,) = facility_bonds(database, load_settings().lake_dir).facilities
    assert bond.duties_cents == 3_000_000 + 3_933_334 and bond.unpriced_value_cents == 500_000
    assert bond.shortfall_cents == 1_933_334


def test_the_cli_lists_the_short_bonds_and_exits_1(home: Path) -> None:
    db = Database(load_settings().effective_database_url)
    try:
        facilities.register_facility(db, site(), "officer")
        _admit(db, "ABC12345675", "600000", "60000.00")
    finally:
        db.dispose()
    result = CliRunner().invoke(app, ["facilities", "bonds", "--json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["insufficient"] == ["N774"]


@pytest.mark.parametrize("duty", ["-1", "abc"])
def test_a_bad_duty_names_its_field(home: Path, duty: str) -> None:
    db = Database(load_settings().effective_database_url)
    try:
        facilities.register_facility(db, site(), "officer")
    finally:
        db.dispose()
    args = ["facilities", "admit", "N774", "--entry", "ABC12345675", "--description", "wine",
            "--quantity", "5", "--value", "100", "--imported", "2026-01-05",
            "--duty", duty]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "duty" in result.output
