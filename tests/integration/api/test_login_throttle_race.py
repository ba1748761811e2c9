"""Concurrent failed logins cannot slip past the throttle (issue 22, item 8): 30 wrong
passwords for one username, sent at the same moment to a real server on 127.0.0.1, get exactly
`failures_allowed` 401s and 429s for the rest, on SQLite and on PostgreSQL. Counting and
recording the attempt are one step behind the login turnstile; before, every request counted
the failures first and recorded its own only after the (slow) password check, so a burst passed
the count together."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.integration.api.conftest import PASSWORD, settings_for
from tests.integration.api.targeted_home import serving
from tradeguard.app import create_app
from tradeguard.services.change_log import read_change_log
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

BURST = 30
ALLOWED = 10  # the default TRADEGUARD_LOGIN_FAILURES


def _together(count: int, call: Callable[[int], httpx.Response]) -> list[httpx.Response]:
    barrier = threading.Barrier(count)
    results: list[httpx.Response | None] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        results[i] = call(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]


def test_a_burst_of_wrong_passwords_gets_exactly_the_allowed_failures(
    database: Database, tmp_path: Path
) -> None:
    add_user(database, username="besieged", role="admin", password=PASSWORD, actor="test")
    app = create_app(settings_for(tmp_path), database=database)
    with serving(app) as url:

        def guess(i: int) -> httpx.Response:
            body = {"username": "besieged", "password": f"wrong guess {i}"}
            return httpx.post(f"{url}/api/token", json=body, timeout=120)

        responses = _together(BURST, guess)
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [401] * ALLOWED + [429] * (BURST - ALLOWED), statuses
        assert all(int(r.headers["retry-after"]) > 0 for r in responses if r.status_code == 429)
        right = httpx.post(
            f"{url}/api/token", json={"username": "besieged", "password": PASSWORD}, timeout=60
        )
        assert right.status_code == 429  # the username stays throttled for the window
    audited = [e for e in read_change_log(database, entity="user") if e.action == "login.failed"]
    assert len(audited) == ALLOWED
