"""Every date a user enters is bounded (issue 22, item 5): a finding is not dated before its
entry or in the future; a case is not opened in the future or decades ago, and no step of a
case is dated before it opened. Each refusal names the field: 422 on the API, exit 2 on the
command line, nothing written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.domain.cases.base import CaseKind, check_case_date
from tradeguard.domain.cases.opening import CaseOpening
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.finding import check_finding_date
from tradeguard.domain.pti import PTI
from tradeguard.services import cases as service

TODAY = date(2026, 11, 29)
runner = CliRunner()


@given(st.dates())
def test_a_finding_date_is_accepted_exactly_between_the_entry_and_tomorrow(day: date) -> None:
    entry = date(2026, 3, 1)
    inside = entry <= day <= TODAY + timedelta(days=1)
    try:
        assert check_finding_date(day, entry_date=entry, today=TODAY) == day
        assert inside
    except InvalidInput as error:
        assert not inside and error.field == "finding_date"


@given(st.dates())
def test_a_case_date_is_accepted_exactly_within_its_bounds(day: date) -> None:
    opened = date(2020, 5, 5)
    inside = max(opened, date(2006, 11, 28)) <= day <= TODAY + timedelta(days=1)
    try:
        check_case_date(day, today=TODAY, field="on", not_before=opened)
        assert inside
    except InvalidInput as error:
        assert not inside and error.field == "on"


def test_a_case_cannot_open_on_year_one_nor_years_ahead(database) -> None:  # type: ignore[no-untyped-def]
    for day in (date(1, 1, 1), date.today() + timedelta(days=3 * 365)):
        with pytest.raises(InvalidInput) as refused:
            service.open_case(database, CaseOpening(CaseKind.SEIZURE, PTI.IPR, day), "x")
        assert refused.value.field == "on"
    assert service.list_cases(database) == []


def test_a_case_step_cannot_predate_the_opening_nor_lie_ahead(database) -> None:  # type: ignore[no-untyped-def]
    opened = date.today() - timedelta(days=30)
    case = service.open_case(database, CaseOpening(CaseKind.SEIZURE, PTI.IPR, opened), "x")
    for day in (opened - timedelta(days=1), date.today() + timedelta(days=400)):
        with pytest.raises(InvalidInput) as refused:
            service.move_case(database, case, "noticed", "x", on=day)
        assert refused.value.field == "on"
    assert service.show_case(database, case).state == "seized"
    assert service.move_case(database, case, "noticed", "x", on=opened).state == "noticed"


def test_the_command_line_exits_2_naming_the_field(home: Path) -> None:
    result = runner.invoke(
        app, ["cases", "open", "--kind", "seizure", "--pti", "ipr", "--on", "0001-01-01"]
    )
    assert result.exit_code == 2 and "on 0001-01-01" in result.stderr
    result = runner.invoke(
        app,
        ["cases", "open", "--kind", "penalty", "--pti", "revenue", "--amount", "10",
         "--maximum", "50", "--violation-date", "2026-01-05", "--on", "2025-12-01"],
    )  # fmt: skip
    assert result.exit_code == 2 and "violation_date" in result.stderr
