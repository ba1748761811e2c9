"""The staffing page: the hiring plan in people and trade FTE, feasibility, and the charts."""

from __future__ import annotations

import re

from tradeguard.domain.roles import Role
from tradeguard.web.security import SESSION_COOKIE


def _sign_in_as(client, web_sessions, role: Role) -> None:  # type: ignore[no-untyped-def]
    client.cookies.set(SESSION_COOKIE, web_sessions[role].session_id)


def _row(html: str, position: str) -> list[str]:
    match = re.search(rf'<tr data-position="{re.escape(position)}">(.*?)</tr>', html, re.S)
    assert match, f"no plan row for {position}"
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    ]


def test_the_page_shows_people_fte_cost_and_the_first_feasible_year(client, web_sessions) -> None:  # type: ignore[no-untyped-def]
    _sign_in_as(client, web_sessions, Role.MANAGEMENT)
    page = client.get("/staffing?target_fy=2020")
    assert page.status_code == 200, page.text
    html = page.text
    officer = _row(html, "CBP officer")
    # share, target FTE, people needed, trained (FTE), hires, capacity, cost, feasible, first FY
    assert officer[1:4] == ["0.3131", "8,658", "27,650"]
    assert officer[5] == "11,060" and officer[6] == "2,765"
    assert officer[7].startswith("$") and officer[8] == "no" and officer[9] == "2022"
    auditor = _row(html, "Customs auditor")
    assert "recruitment strategy" in auditor[10]
    assert _row(html, "Paralegal specialist")[8] == "yes"
    assert "first reachable in FY2022" in html  # the statement of an infeasible position
    assert html.count("<details>") == 15 and html.count("<svg") >= 15
    assert "Trade FTE: actual, projected and target" in html


def test_a_past_target_year_is_shown_as_an_error_naming_the_field(client, web_sessions) -> None:  # type: ignore[no-untyped-def]
    _sign_in_as(client, web_sessions, Role.MANAGEMENT)
    page = client.get("/staffing?target_fy=2015")
    assert page.status_code == 422
    assert 'data-field="target_fy"' in page.text and "hiring-plan" not in page.text


def test_officers_cannot_open_the_staffing_page(client, web_sessions) -> None:  # type: ignore[no-untyped-def]
    _sign_in_as(client, web_sessions, Role.CBP_OFFICER)
    assert client.get("/staffing").status_code == 403
