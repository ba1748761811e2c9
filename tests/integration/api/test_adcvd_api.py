"""AD/CVD through the API: instructions in, liquidation, bills, a payment, measures and risk;
bad input answered 422 naming the field with nothing written; roles enforced."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from sqlalchemy import func, select

from tests.integration.api.targeted_home import bearer
from tradeguard.domain.roles import Role
from tradeguard.generator.adcvd import generate_adcvd, write_adcvd
from tradeguard.services.adcvd import import_deposits
from tradeguard.store.adcvd import InstructionRow


@pytest.fixture(scope="module")
def line(api_db, tmp_path_factory) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Deposits from a small generated history; the first line's case and entry day."""
    folder = tmp_path_factory.mktemp("adcvd-api")
    paths = write_adcvd(generate_adcvd(200, 3), folder)
    import_deposits(api_db, paths["adcvd_deposits"], "test")
    first = pl.read_parquet(paths["adcvd_deposits"]).row(0, named=True)
    return first


def _instruction(line: dict[str, object], **changes: object) -> dict[str, object]:
    day = line["entry_date"]
    assert isinstance(day, date)
    body = {
        "message_no": "API-1",
        "case_no": line["adcvd_case"],
        "kind": "review",
        "period_from": day.isoformat(),
        "period_to": day.isoformat(),
        "final_rate": "9.5",
        "issued_on": date(day.year + 1, day.month, 1).isoformat(),
    }
    return body | changes


def _instructions(api_db) -> int:  # type: ignore[no-untyped-def]
    with api_db.session() as session:
        return int(session.scalar(select(func.count()).select_from(InstructionRow)) or 0)


@pytest.mark.parametrize(
    ("change", "field"),
    [({"case_no": "A-000-000"}, "case_no"), ({"final_rate": "-0.5"}, "final_rate")],
)
def test_bad_instructions_get_422_naming_the_field(
    client, tokens, api_db, line, change, field
) -> None:  # type: ignore[no-untyped-def]
    body = {"instructions": [_instruction(line, message_no="OK-1"), _instruction(line, **change)]}
    answer = client.post(
        "/api/adcvd/instructions", json=body, headers=bearer(tokens, Role.IMPORT_SPECIALIST)
    )
    assert answer.status_code == 422 and answer.json()["field"] == field
    assert _instructions(api_db) == 0


def test_roles_guard_the_adcvd_routes(client, tokens, line) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/adcvd/bills").status_code == 401
    assert (
        client.get("/api/adcvd/bills", headers=bearer(tokens, Role.TARGETING_ANALYST)).status_code
        == 403
    )
    body = {"instructions": [_instruction(line)]}
    officer = client.post(
        "/api/adcvd/instructions", json=body, headers=bearer(tokens, Role.CBP_OFFICER)
    )
    assert officer.status_code == 403  # fmt: skip


def test_instruction_liquidation_bill_and_payment(client, tokens, api_db, line) -> None:  # type: ignore[no-untyped-def]
    writer = bearer(tokens, Role.IMPORT_SPECIALIST)
    body = {"instructions": [_instruction(line)]}
    created = client.post("/api/adcvd/instructions", json=body, headers=writer)
    assert created.status_code == 201 and created.json()["imported"] == 1
    again = client.post("/api/adcvd/instructions", json=body, headers=writer)
    assert again.status_code == 409
    issued = body["instructions"][0]["issued_on"]
    run = client.post(
        "/api/adcvd/liquidations", json={"message_no": "API-1", "on": issued}, headers=writer
    )
    assert run.status_code == 201, run.text
    assert run.json()["bills"] == run.json()["lines"] >= 1 and run.json()["late"] is False
    missing = client.post(
        "/api/adcvd/liquidations", json={"message_no": "NONE", "on": issued}, headers=writer
    )
    assert missing.status_code == 404
    reader = bearer(tokens, Role.CBP_OFFICER)
    bills = client.get(f"/api/adcvd/bills?on={issued}", headers=reader).json()
    assert bills and bills[0]["state"] == "open" and float(bills[0]["billed_usd"]) > 0
    first = bills[0]
    paid = client.post(
        f"/api/adcvd/bills/{first['entry_no']}/{first['line_no']}/payments",
        json={"amount": first["billed_usd"], "on": issued},
        headers=bearer(tokens, Role.FPF_SPECIALIST),
    )
    assert paid.status_code == 201 and paid.json()["state"] == "paid"
    too_much = client.post(
        f"/api/adcvd/bills/{first['entry_no']}/{first['line_no']}/payments",
        json={"amount": "-1", "on": issued},
        headers=bearer(tokens, Role.FPF_SPECIALIST),
    )
    assert too_much.status_code == 422 and too_much.json()["field"] == "amount"
    later = date.fromisoformat(issued).replace(year=date.fromisoformat(issued).year + 1)
    overdue = client.get(f"/api/adcvd/overdue?on={later}", headers=reader).json()
    assert len(overdue) == len(bills) - 1 and all(b["days_past_due"] > 0 for b in overdue)
    measures = client.get(f"/api/adcvd/measures?on={later}", headers=reader).json()
    assert measures["unpaid"]["count"] == len(overdue)
    assert measures["late"]["lines"] == run.json()["lines"]
    risk = client.get(f"/api/adcvd/risk?on={issued}", headers=bearer(tokens, Role.PTI_MANAGER))
    assert risk.status_code == 200 and "factors" in risk.json()["analysis"]
