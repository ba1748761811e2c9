"""`tradeguard admissibility` on SQLite and PostgreSQL: imports, alerts, detentions, denied
entries and liquidated damages claims; bad input exits 2 naming the field and writes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.integration.admissibility.files import (
    NO_RESPONDENTS,
    NO_SCOPE,
    ORDERS,
    RECORDATIONS,
    WROS,
    write,
)
from tradeguard.cli import app
from tradeguard.services.cases import move_case, show_case
from tradeguard.store.database import Database

runner = CliRunner()


@pytest.fixture
def cli(home: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRADEGUARD_DATABASE_URL", database_url)
    return home


@pytest.fixture
def db(cli: Path, database_url: str) -> Iterator[Database]:
    """The same database, for the case moves (`tradeguard cases` is tested on its own)."""
    database = Database(database_url)
    yield database
    database.dispose()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def adm(*args: str) -> tuple[int, str, str]:
    return run("admissibility", *args)


def test_imports_alerts_and_review(cli: Path, tmp_path: Path) -> None:
    code, out, _ = adm("import-recordations", str(write(tmp_path, "r.csv", RECORDATIONS)), "--json")
    assert code == 0 and json.loads(out)["numbers"] == ["TMK-00001"]
    code, out, _ = adm("import-exclusion-orders", str(write(tmp_path, "o.csv", ORDERS)), "--json")
    assert code == 0 and json.loads(out)["imported"] == 2
    code, out, _ = adm("alert", "337-LEO-001", "--on", "2025-01-15", "--json")
    assert code == 0 and json.loads(out) == {
        "order_no": "337-LEO-001", "alerted_on": "2025-01-15", "lag_days": 5, "status": "on_time",
    }  # fmt: skip
    code, out, _ = adm("orders", "--json")
    report = json.loads(out)
    assert (report["on_time"], report["overdue"], report["target_days"]) == (1, 1, 14)
    # re-importing the list keeps the alert already recorded
    adm("import-exclusion-orders", str(write(tmp_path, "o.csv", ORDERS)))
    code, out, _ = adm("orders", "--json")
    assert json.loads(out)["orders"][0]["alerted_on"] == "2025-01-15"
    code, out, _ = adm("review", "--json")
    reasons = {o["order_no"]: o["reasons"] for o in json.loads(out)["orders"]}
    assert reasons["337-GEO-002"][0] == "patent expired on 2025-06-30"
    code, _, err = adm("alert", "337-LEO-001", "--on", "2024-12-31")
    assert code == 2 and "alerted_on" in err


@pytest.mark.parametrize(
    ("text", "field"),
    [(NO_SCOPE, "hts_scope"), (NO_RESPONDENTS, "respondents"), ("order_no\nX\n", "investigation")],
)
def test_a_bad_order_file_exits_2_naming_the_field_and_writes_nothing(
    cli: Path, tmp_path: Path, text: str, field: str
) -> None:
    code, out, err = adm("import-exclusion-orders", str(write(tmp_path, "bad.csv", ORDERS + "")))
    assert code == 0
    bad = write(tmp_path, "bad.csv", ORDERS + text.split("\n", 1)[1] if "," in text else text)
    code, out, err = adm("import-exclusion-orders", str(bad), "--json")
    assert code == 2 and out == "" and field in err
    code, out, _ = adm("orders", "--json")
    assert [o["order_no"] for o in json.loads(out)["orders"]] == ["337-LEO-001", "337-GEO-002"]


def test_detention_window_release_export_and_seizure(db: Database, tmp_path: Path) -> None:
    adm("import-withhold-orders", str(write(tmp_path, "w.csv", WROS)))
    old = (date.today() - timedelta(days=120)).isoformat()
    base = ("detain", "--wro", "WRO-0001", "--importer", "IMP-1", "--value", "1000.00")
    code, out, _ = adm(*base, "--entry", "ABC00000019", "--on", old, "--json")
    assert code == 0 and json.loads(out)["state"] == "detained"
    code, out, _ = adm(*base, "--entry", "ABC00000027", "--json")
    fresh = json.loads(out)
    assert fresh["days_left"] == 90
    code, _, err = adm("move-detention", str(fresh["id"]), "--to", "seized")
    assert code == 2 and "may still export or prove" in err
    code, out, _ = adm("move-detention", "1", "--to", "seized", "--json")
    seized = json.loads(out)
    assert seized["state"] == "seized" and seized["case_id"] is not None
    assert show_case(db, seized["case_id"]).kind == "seizure"
    code, out, _ = adm("move-detention", str(fresh["id"]), "--to", "proof_submitted", "--json")
    code, out, _ = adm("move-detention", str(fresh["id"]), "--to", "released", "--json")
    assert json.loads(out)["state"] == "released"
    code, _, err = adm("move-detention", str(fresh["id"]), "--to", "paroled")
    assert code == 2 and "to" in err
    code, _, err = adm(*base, "--entry", "ABC00000035", "--value", "-5")
    assert code == 2 and "value" in err
    code, out, _ = adm("detentions", "--json")
    assert len(json.loads(out)["detentions"]) == 2


def test_denied_entry_and_liquidated_damages_cases(db: Database) -> None:
    code, out, _ = adm(
        "deny-entry", "--entry", "ABC00000019", "--importer", "IMP-1",
        "--reason", "exclusion order 337-LEO-001", "--json",
    )  # fmt: skip
    denied = json.loads(out)
    assert code == 0 and denied["kind"] == "denied_entry"
    assert move_case(db, denied["case_id"], "exported", "test").state == "exported"
    code, out, _ = adm(
        "claim", "--entry", "ABC00000019", "--importer", "IMP-1",
        "--breach", "failure_to_redeliver", "--value", "2500.00", "--restricted", "--json",
    )  # fmt: skip
    claim = json.loads(out)
    assert (claim["kind"], claim["demanded"]) == ("liquidated_damages", "7500.00")
    cid = claim["case_id"]
    for to, amount in (("petitioned", None), ("mitigated", "750.00"), ("paid", "750.00")):
        move_case(db, cid, to, "test", amount=None if amount is None else Decimal(amount))
    shown = show_case(db, cid)
    assert (shown.state, str(shown.mitigated), str(shown.collected)) == (
        "paid",
        "750.00",
        "750.00",
    )
    code, _, err = adm(
        "claim", "--entry", "X", "--importer", "I", "--breach", "nap", "--value", "1"
    )
    assert code == 2 and "breach" in err
