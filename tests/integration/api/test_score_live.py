"""A real server process keeps scoring with the last good scorer while a new one is built:
a rule published by another process is picked up in the background, and no score waits for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.integration.api.targeted_home import declaration_of, free_port, targeted_home
from tradeguard.config import Settings
from tradeguard.domain.rule import Rule
from tradeguard.services.rules import load_rules
from tradeguard.services.users import add_user
from tradeguard.store.database import Database
from tradeguard.store.exams import HoldRow

USER, PASSWORD = "live-officer", "a long live-server password"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Settings, Database]]:
    settings, db = targeted_home(tmp_path_factory.mktemp("live"))
    add_user(db, username=USER, role="cbp_officer", password=PASSWORD, actor="test")
    port = free_port()
    env = {**os.environ, "TRADEGUARD_HOME": str(settings.home)}
    env.pop("TRADEGUARD_DATABASE_URL", None)
    command = [
        sys.executable, "-m", "uvicorn", "tradeguard.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield base, settings, db
    finally:
        server.terminate()
        server.wait(timeout=20)
        db.dispose()


def _held_entry(db: Database) -> str:
    with db.session() as session:
        return next(h.entry_no for h in session.query(HoldRow).order_by(HoldRow.id) if h.refs())


def test_a_rule_published_elsewhere_is_used_after_a_background_rebuild(served) -> None:  # type: ignore[no-untyped-def]
    base, settings, db = served
    token = httpx.post(f"{base}/api/token", data={"username": USER, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    declaration = declaration_of(settings, _held_entry(db))
    entry_no = declaration["lines"][0]["entry_no"]
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for _ in range(3):  # the first score of the process builds the scorer
            assert client.post("/api/score", json=declaration).status_code == 200
        time.sleep(0.3)
        rule = {
            "id": "R-REV-901", "name": "This one entry, published by another process",
            "rationale": "Proves the server rebuilds its scorer in the background.",
            "pti": "Revenue", "risk": "mandatory", "stages": ["entry"],
            "where": f"entry_no = '{entry_no}'", "owner": "Revenue NTAG",
        }  # fmt: skip
        load_rules(db, [Rule.model_validate(rule)], actor="test")

        started = time.perf_counter()
        at_once = client.post("/api/score", json=declaration)
        waited = time.perf_counter() - started
        assert at_once.status_code == 200
        # Answered by the last good scorer: the request did not wait for the rebuild.
        assert "R-REV-901" not in [r["rule_id"] for r in at_once.json()["reasons"]], waited

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            scored = client.post("/api/score", json=declaration).json()
            if "R-REV-901" in [r["rule_id"] for r in scored["reasons"]]:
                assert scored["lane"] == "mandatory"
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the server never picked up the published rule")
        assert client.get("/health").json() == {"status": "ok"}
