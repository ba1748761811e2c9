"""Races against a real server: concurrent requests that store the same unique thing get one
success and 409s, never a 500 (issue 22, items 2 and 9).

The server is uvicorn on a free loopback port; the requests come from real threads released
together by a barrier, so they overlap inside the server's thread pool.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import select

from tests.integration.api.targeted_home import bearer, serving, worked_home_fixtures
from tradeguard.domain.errors import Collision, Conflict
from tradeguard.domain.roles import Role
from tradeguard.services.users import add_user
from tradeguard.store.database import Database
from tradeguard.store.exams import HoldRow

worked, api_db, app = worked_home_fixtures("races")


def together(count: int, call: Callable[[int], object]) -> list[object]:
    """Run `call(i)` in `count` threads released at the same moment; results or errors."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = call(i)
        except Exception as error:  # the test inspects what each thread met
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture(scope="module")
def server(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with serving(app) as url:
        yield url


def _open_holds(api_db: Database, count: int) -> list[int]:
    with api_db.session() as session:
        query = select(HoldRow.id).where(HoldRow.status != "closed").order_by(HoldRow.id)
        return list(session.scalars(query.limit(count)))


def test_concurrent_findings_on_one_hold_get_one_201_and_409s(server, tokens, api_db) -> None:  # type: ignore[no-untyped-def]
    headers = bearer(tokens, Role.CBP_OFFICER)
    for hold_id in _open_holds(api_db, 3):

        def post(_: int, hold_id: int = hold_id) -> httpx.Response:
            return httpx.post(
                f"{server}/api/holds/{hold_id}/finding",
                json={"result": "clean"},
                headers=headers,
                timeout=60,
            )

        responses = together(8, post)
        statuses = sorted(r.status_code for r in responses if isinstance(r, httpx.Response))
        assert statuses == [201] + [409] * 7, [
            r.text if isinstance(r, httpx.Response) else repr(r) for r in responses
        ]
        for response in responses:
            assert isinstance(response, httpx.Response)
            if response.status_code == 409:
                assert response.json()["error"]


def test_a_unique_constraint_race_is_a_collision_on_every_store(database: Database) -> None:
    """Two accounts of one name at once: the store refuses the second, as a Conflict."""

    def add(_: int) -> object:
        return add_user(
            database, username="racer", role="cbp_officer", password="a long race password",
            actor="test",
        )  # fmt: skip

    results = together(6, add)
    added = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(added) == 1, results
    assert refused and all(isinstance(r, Conflict) for r in refused), results
    collisions = [r for r in refused if isinstance(r, Collision)]
    for error in collisions:
        assert "nothing was written" in str(error)


def test_concurrent_cli_adds_exit_0_once_and_2_otherwise(home) -> None:  # type: ignore[no-untyped-def]
    """Real processes: `tradeguard users add` four times at once for one name."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    Database(f"sqlite:///{home / 'tradeguard.db'}").dispose()  # migrate once, not four times
    program = Path(sys.executable).with_name("tradeguard")
    command = [str(program), "users", "add", "racer", "--role"]
    processes = [
        subprocess.Popen(
            [*command, "cbp_officer", "--password-stdin"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "TRADEGUARD_HOME": str(home)},
            text=True,
        )  # fmt: skip
        for _ in range(4)
    ]
    outcomes = [p.communicate("a long race password\n", timeout=120) for p in processes]
    codes = sorted(p.returncode for p in processes)
    assert codes == [0, 2, 2, 2], outcomes
    for (_, stderr), process in zip(outcomes, processes, strict=True):
        if process.returncode == 2:
            assert "Traceback" not in stderr
            assert "already exists" in stderr or "collides" in stderr, stderr


def test_twenty_concurrent_tips_from_one_address_accept_exactly_the_limit(server) -> None:  # type: ignore[no-untyped-def]
    tip = {"pti": "IPR", "description": "Counterfeit watches declared as toys at Newark."}

    def post(_: int) -> httpx.Response:
        return httpx.post(f"{server}/api/allegations", json=tip, timeout=60)

    responses = together(20, post)
    statuses = sorted(r.status_code for r in responses if isinstance(r, httpx.Response))
    assert statuses == [201] * 5 + [429] * 15, responses
    assert all(
        int(r.headers["retry-after"]) > 0
        for r in responses
        if isinstance(r, httpx.Response) and r.status_code == 429
    )


def test_concurrent_tips_respect_the_overall_cap(database: Database) -> None:
    """Twenty addresses at once against an overall cap of 7 on every store."""
    from tradeguard.domain.allegation import SubmissionLimitReached
    from tradeguard.services.allegations import allegations_for_triage, submit_allegation

    tip = {"pti": "Textiles", "description": "Knit sweaters with a false origin claim, port 2704."}

    def submit(i: int) -> object:
        return submit_allegation(database, tip, client_address=f"192.0.2.{i}", overall=7)

    results = together(20, submit)
    assert sum(isinstance(r, str) for r in results) == 7, results
    assert all(isinstance(r, str | SubmissionLimitReached) for r in results), results
    assert len(allegations_for_triage(database)) == 7
