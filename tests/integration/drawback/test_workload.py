"""The drawback specialists' workload comes from the claims on record, scaled like the lake."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from tests.integration.drawback.test_claims import filing
from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.services.drawback import file_claim
from tradeguard.services.workload import record_national_share
from tradeguard.store.database import Database


def _drawback_driver() -> dict[str, object]:
    result = CliRunner().invoke(app, ["staffing", "model", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    row = next(p for p in document["positions"] if p["position"] == "Drawback specialist")
    return next(w for w in row["workload"] if w["driver"] == "drawback_claims")


def test_claims_drive_the_drawback_specialists(lake: Path) -> None:
    record_national_share(lake, Decimal("0.001"), "test")
    assert _drawback_driver()["source"] == "default"
    db = Database(load_settings().effective_database_url)
    file_claim(db, lake, filing("DB-1"), actor="t")
    file_claim(
        db,
        lake,
        filing(
            "DB-2",
            designations=[
                {"entry_no": filing().designations[0].entry_no, "line_no": 2, "duty_usd": "1.00"}
            ],
            refund_requested_usd="0.99",
            exports=[
                {
                    "kind": "export",
                    "on": "2026-05-20",
                    "hts10": "8507600020",
                    "quantity": "1",
                    "document": "BL",
                }
            ],
        ),
        actor="t",
    )
    db.dispose()
    driver = _drawback_driver()
    # Two claims over the lake's two days at a share of 0.001: 2 x 365/2 / 0.001.
    assert driver["source"] == "measured"
    assert driver["units"] == 365_000
