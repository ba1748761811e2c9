"""Every list page and list API reads one bounded page: the demo's 2,292 cases on /cases stay
small and quick, links keep the filters, page sizes are bounded, and a flood of e-allegations
cannot hide the older ones."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import insert

from tests.factories import seed_cases
from tests.integration.api.targeted_home import bearer
from tradeguard.domain.cases.base import CaseKind
from tradeguard.domain.pti import PTI
from tradeguard.domain.roles import Role
from tradeguard.store.allegations import AllegationRow
from tradeguard.store.change_log import ChangeEntry
from tradeguard.store.database import Database
from tradeguard.web.security import SESSION_COOKIE

DEMO_CASES = 2292  # what `tradeguard demo` opens with its default data
ALLEGATIONS = 260
KINDS = list(CaseKind)
PTIS = list(PTI)


def _seed(db: Database) -> None:
    """Cases, audit lines and e-allegations in bulk, as a busy port's database holds them."""
    seed_cases(db, DEMO_CASES)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    audit = [
        {
            "at": now + timedelta(seconds=i),
            "actor": "seed",
            "action": "create",
            "entity": "case" if i % 2 else "hold",
            "entity_id": str(i),
            "before": None,
            "after": json.dumps({"state": "open", "i": i}),
        }  # fmt: skip
        for i in range(3000)
    ]
    tips = [
        {
            "receipt": f"EA-SEED{i:06d}",
            "submitted_at": now + timedelta(minutes=i),
            "pti": "Revenue",
            "description": f"tip number {i} about undervalued steel",
            "client_hash": "flood",
            "status": "received",
        }  # fmt: skip
        for i in range(ALLEGATIONS)
    ]
    with db.session() as session:
        session.execute(insert(ChangeEntry), audit)
        session.execute(insert(AllegationRow), tips)


@pytest.fixture(scope="module", autouse=True)
def seeded(api_db: Database) -> None:
    _seed(api_db)


def _sign_in(client, web_sessions, role: Role) -> None:  # type: ignore[no-untyped-def]
    client.cookies.set(SESSION_COOKIE, web_sessions[role].session_id)


def _links(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out = {}
    for part in response.headers["link"].split(", "):
        url, rel = part.split("; ")
        out[rel.removeprefix('rel="').removesuffix('"')] = url.strip("<>")
    return out


def test_the_cases_page_with_the_demos_cases_is_small_and_quick(client, web_sessions) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, web_sessions, Role.FPF_SPECIALIST)
    client.get("/cases")  # warm: templates compiled, connections open
    started = time.perf_counter()
    response = client.get("/cases")
    seconds = time.perf_counter() - started
    assert response.status_code == 200
    assert len(response.content) < 200_000, len(response.content)
    # 300 ms is the target (bench/pages.py measures it); generous here for a shared machine.
    assert seconds < 1.5, seconds
    assert response.text.count('<a href="/cases/') == 50
    assert f"of {DEMO_CASES}" in response.text
    assert 'rel="next" href="/cases?page=2"' in response.text


def test_page_links_keep_the_filters(client, web_sessions) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, web_sessions, Role.FPF_SPECIALIST)
    response = client.get("/cases?kind=penalty&state=open&per_page=20&page=2")
    assert response.status_code == 200
    assert 'href="/cases?kind=penalty&amp;state=open&amp;page=3&amp;per_page=20"' in response.text
    assert 'href="/cases?kind=penalty&amp;state=open&amp;page=1&amp;per_page=20"' in response.text
    assert response.text.count('<a href="/cases/') == 20


def test_the_cases_api_pages_with_link_headers(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.FPF_SPECIALIST)
    first = client.get("/api/cases?pti=Revenue", headers=headers)
    assert first.status_code == 200
    revenue = sum(1 for i in range(DEMO_CASES) if PTIS[i % len(PTIS)] is PTI.REVENUE)
    assert int(first.headers["x-total-count"]) >= revenue
    assert len(first.json()) == 50
    seen = {c["id"] for c in first.json()}
    links = _links(first)
    assert "prev" not in links
    query = parse_qs(urlparse(links["next"]).query)
    assert query == {"pti": ["Revenue"], "page": ["2"]}
    second = client.get(links["next"], headers=headers)
    assert second.status_code == 200 and all(c["pti"] == "Revenue" for c in second.json())
    assert seen.isdisjoint(c["id"] for c in second.json())
    last = client.get(links["last"], headers=headers)
    assert "next" not in _links(last) and 1 <= len(last.json()) <= 50


@pytest.mark.parametrize(
    "path",
    [
        "/api/cases",
        "/api/audit",
        "/api/rules",
        "/api/holds?port=2704",
        "/api/allegations",
        "/api/users",
    ],
)
def test_page_sizes_are_bounded(client, tokens, path: str) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.ADMIN)
    join = "&" if "?" in path else "?"
    assert client.get(f"{path}{join}per_page=201", headers=headers).status_code == 422
    assert client.get(f"{path}{join}page=0", headers=headers).status_code == 422
    response = client.get(f"{path}{join}per_page=200", headers=headers)
    assert response.status_code == 200 and len(response.json()) <= 200
    assert "x-total-count" in response.headers


def test_a_page_past_the_end_is_empty_and_links_back(client, tokens) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/cases?page=999", headers=bearer(tokens, Role.ADMIN))
    assert response.status_code == 200 and response.json() == []
    assert parse_qs(urlparse(_links(response)["prev"]).query)["page"] == ["46"]


def test_the_change_log_page_and_api_are_paged(client, tokens, web_sessions) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, web_sessions, Role.ADMIN)
    page = client.get("/changes?entity=case")
    assert page.status_code == 200 and len(page.content) < 200_000
    assert page.text.count("<tr><td>") == 50
    assert 'href="/changes?entity=case&amp;page=2"' in page.text
    api = client.get("/api/audit?entity=case&page=3", headers=bearer(tokens, Role.ADMIN))
    assert api.status_code == 200 and len(api.json()) == 50
    assert all(line["entity"] == "case" for line in api.json())
    assert int(api.headers["x-total-count"]) >= 1500


def test_a_flood_of_allegations_cannot_hide_the_oldest(client, web_sessions) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, web_sessions, Role.ADMIN)
    first = client.get("/allegations")
    assert first.status_code == 200
    assert f"EA-SEED{ALLEGATIONS - 1:06d}" in first.text
    assert "EA-SEED000000" not in first.text
    assert 'rel="last"' in first.text
    pages = -(-ALLEGATIONS // 50)
    last = client.get(f"/allegations?page={pages}")
    assert last.status_code == 200 and "EA-SEED000000" in last.text


def test_the_allegations_api_pages_every_tip_and_keeps_its_filters(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.ADMIN)
    assert client.get("/api/allegations?limit=1000", headers=headers).status_code == 422
    assert len(client.get("/api/allegations?limit=3", headers=headers).json()) == 3
    first = client.get("/api/allegations?pti=Revenue&status=received", headers=headers)
    assert first.status_code == 200 and len(first.json()) == 50
    assert int(first.headers["x-total-count"]) >= ALLEGATIONS
    links = _links(first)
    query = parse_qs(urlparse(links["next"]).query)
    assert query == {"pti": ["Revenue"], "status": ["received"], "page": ["2"]}
    last = client.get(links["last"], headers=headers)
    assert "EA-SEED000000" in {a["receipt"] for a in last.json()}
    oldest = client.get("/api/allegations?sort=received&dir=asc&per_page=1", headers=headers)
    assert oldest.json()[0]["receipt"] == "EA-SEED000000"
    assert "sort=received&dir=asc" in _links(oldest)["next"]
    for bad in ("pti=nothing", "status=lost", "sort=description", "dir=up"):
        refused = client.get(f"/api/allegations?{bad}", headers=headers)
        assert refused.status_code == 422, bad
        assert refused.json()["field"] == bad.split("=")[0], refused.json()


def test_the_users_api_is_paged_filtered_and_sorted(client, tokens, accounts) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.ADMIN)
    everyone = client.get("/api/users?per_page=2", headers=headers)
    assert everyone.status_code == 200 and len(everyone.json()) == 2
    assert int(everyone.headers["x-total-count"]) == len(accounts)
    assert parse_qs(urlparse(_links(everyone)["next"]).query)["per_page"] == ["2"]
    names = [u["username"] for u in everyone.json()]
    assert names == sorted(accounts.values())[:2]
    admins = client.get("/api/users?role=admin&disabled=false", headers=headers)
    assert [u["role"] for u in admins.json()] == ["admin"]
    assert "disabled=false" in _links(admins)["first"]
    newest = client.get("/api/users?sort=created&dir=desc&per_page=1", headers=headers)
    assert newest.status_code == 200
    assert client.get("/api/users?sort=password_hash", headers=headers).status_code == 422
    assert client.get("/api/users?role=god", headers=headers).json()["field"] == "role"


def _header(html: str, column: str) -> str:
    """The <th> whose sort link names `column`."""
    found = re.search(
        rf'<th scope="col"[^>]*><a class="sort" href="[^"]*sort={column}&[^>]*>', html
    )
    assert found, column
    return found.group(0)


def test_the_cases_page_sorts_by_a_column_and_every_link_keeps_it(client, web_sessions) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, web_sessions, Role.FPF_SPECIALIST)
    plain = client.get("/cases?kind=penalty")
    header = _header(plain.text, "opened")
    assert "aria-sort" not in header and "kind=penalty&amp;sort=opened&amp;dir=asc" in header
    assert 'aria-sort="ascending"' in _header(plain.text, "id")  # the default order, by id
    newest = client.get("/cases?kind=penalty&sort=opened&dir=desc&per_page=20")
    assert newest.status_code == 200
    assert 'aria-sort="descending"' in _header(newest.text, "opened")
    assert "sort=opened&amp;dir=asc" in _header(newest.text, "opened")  # the other way round
    opened = re.findall(r"<td>(\d{4}-\d\d-\d\d)</td>", newest.text)
    assert len(opened) == 20 and opened == sorted(opened, reverse=True)
    nxt = 'href="/cases?kind=penalty&amp;sort=opened&amp;dir=desc&amp;page=2&amp;per_page=20"'
    assert nxt in newest.text
    assert '<input type="hidden" name="sort" value="opened">' in newest.text  # the filter form
    refused = client.get("/cases?sort=details")
    assert refused.status_code == 422 and "sort must be one of" in refused.text


@pytest.mark.parametrize(
    ("path", "column"),
    [
        ("/changes", "actor"),
        ("/allegations", "receipt"),
        ("/rules", "pti"),
        ("/queue", "port"),
        ("/queue/2704", "yield"),
    ],
)
def test_every_list_page_sorts_by_its_columns(client, web_sessions, path, column) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, web_sessions, Role.ADMIN)
    for direction, aria in (("asc", "ascending"), ("desc", "descending")):
        response = client.get(f"{path}?sort={column}&dir={direction}")
        assert response.status_code == 200, (path, response.text[:300])
        assert f'aria-sort="{aria}"' in _header(response.text, column)
    assert client.get(f"{path}?sort=nonsense").status_code == 422
    assert client.get(f"{path}?sort={column}&dir=sideways").status_code == 422


def test_the_allegations_page_filters_and_keeps_the_filter_in_its_links(
    client, web_sessions
) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, web_sessions, Role.ADMIN)
    response = client.get("/allegations?pti=Revenue&status=received&sort=received&dir=asc")
    assert response.status_code == 200
    assert "EA-SEED000000" in response.text  # oldest first
    assert (
        'href="/allegations?pti=Revenue&amp;status=received&amp;sort=received&amp;dir=asc&amp;page=2"'
        in response.text
    )
    assert client.get("/allegations?status=closed").text.count("EA-SEED") == 0


def test_the_cases_api_sorts_and_its_links_keep_the_order(client, tokens) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.FPF_SPECIALIST)
    newest = client.get("/api/cases?kind=penalty&sort=opened&dir=desc", headers=headers)
    assert newest.status_code == 200
    days = [c["opened_on"] for c in newest.json()]
    assert days == sorted(days, reverse=True)
    query = parse_qs(urlparse(_links(newest)["next"]).query)
    assert query == {"kind": ["penalty"], "sort": ["opened"], "dir": ["desc"], "page": ["2"]}
    assert client.get("/api/cases?sort=details", headers=headers).json()["field"] == "sort"
