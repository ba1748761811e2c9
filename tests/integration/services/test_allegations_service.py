"""E-allegations through the service, on SQLite and PostgreSQL: receipts, limits, triage."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tradeguard.domain.allegation import RECEIPT_PATTERN, SubmissionLimitReached
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.allegations import allegations_for_triage, submit_allegation
from tradeguard.services.change_log import read_change_log

TIP = {"pti": "Textiles", "description": "Knit sweaters with false Jordanian origin claims."}


def test_submit_stores_the_tip_and_audits_only_the_receipt(database) -> None:  # type: ignore[no-untyped-def]
    receipt = submit_allegation(
        database, {**TIP, "contact": "555-0100"}, client_address="192.0.2.1"
    )
    assert RECEIPT_PATTERN.fullmatch(receipt)
    (stored,) = allegations_for_triage(database)
    assert (stored.receipt, stored.pti, stored.contact) == (
        receipt,
        "Textiles and Wearing Apparel",
        "555-0100",
    )
    (line,) = read_change_log(database, entity="allegation")
    assert line.entity_id == receipt and "555-0100" not in (line.after or "")


def test_limit_per_address_within_the_window(database) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        submit_allegation(database, TIP, client_address="192.0.2.9", limit=2)
    with pytest.raises(SubmissionLimitReached):
        submit_allegation(database, TIP, client_address="192.0.2.9", limit=2)
    submit_allegation(database, TIP, client_address="192.0.2.10", limit=2)
    # A window that has already passed counts nothing.
    submit_allegation(
        database, TIP, client_address="192.0.2.9", limit=2, window=timedelta(microseconds=1)
    )
    assert len(allegations_for_triage(database)) == 4


def test_invalid_tip_writes_nothing(database) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        submit_allegation(database, {"pti": "IPR"}, client_address="192.0.2.1")
    assert allegations_for_triage(database) == [] and read_change_log(database) == []
