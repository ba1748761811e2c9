"""A public e-allegation is triaged into a case or closed with a reason, once, by receipt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.domain.cases import CaseKind
from tradeguard.domain.errors import Conflict, InvalidInput, NotFound
from tradeguard.services.allegation_triage import triage_received
from tradeguard.services.allegations import submit_allegation
from tradeguard.services.cases import show_case
from tradeguard.store.change_log import change_entries
from tradeguard.store.database import Database

TIP = {
    "pti": "ADCVD",
    "description": "Aluminum extrusions from China relabelled in Vietnam to evade the order.",
    "importer": "IMP-0042",
}


def test_triage_opens_an_eapa_case_and_cannot_repeat(database: Database) -> None:
    receipt = submit_allegation(database, TIP, client_address="203.0.113.9")
    outcome = triage_received(database, receipt, actor="ntag1", open_as=CaseKind.EAPA)
    assert outcome["receipt"] == receipt
    eapa = show_case(database, int(outcome["opened_case_id"]))  # type: ignore[arg-type]
    assert eapa.kind == "eapa"
    assert eapa.pti == "Antidumping and Countervailing Duties"
    with pytest.raises(Conflict):
        triage_received(database, receipt, actor="ntag1", open_as=CaseKind.EAPA)
    with database.session() as session:
        assert any(e.action == "triage" for e in change_entries(session, entity="allegation"))


def test_closing_needs_a_reason_and_an_unknown_receipt_is_not_found(database: Database) -> None:
    receipt = submit_allegation(database, TIP, client_address="203.0.113.10")
    with pytest.raises(InvalidInput, match="reason"):
        triage_received(database, receipt, actor="ntag1", open_as=None)
    closed = triage_received(database, receipt, actor="ntag1", open_as=None, reason="duplicate")
    assert closed["opened_case_id"] is None
    with pytest.raises(NotFound):
        triage_received(database, "EA-NOPE", actor="ntag1", open_as=None, reason="x")


def test_cli_triage(home: Path) -> None:
    db = Database(load_settings().effective_database_url)
    receipt = submit_allegation(db, TIP, client_address="203.0.113.11")
    db.dispose()
    runner = CliRunner()
    both = runner.invoke(app, ["cases", "triage", receipt, "--close", "--open-as", "eapa"])
    assert both.exit_code == 2
    result = runner.invoke(app, ["cases", "triage", receipt, "--open-as", "referral", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["opened_case_id"] is not None
