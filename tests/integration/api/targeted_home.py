"""A small worked TRADEGUARD_HOME for the API, page and browser tests, built with the real
services: generate 300 entries → ingest → load the starter rules → target → create holds.

Built once per test session (about 4 s) and copied for each module that asks, so a module may
record findings or publish rules without disturbing another: such a module takes its `worked`,
`api_db` and `app` fixtures from `worked_home_fixtures`.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tradeguard.app import create_app
from tradeguard.config import Settings
from tradeguard.domain.roles import Role
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.store.database import Database

ENTRIES = 300
SEED = 11


def settings_for(home: Path) -> Settings:
    return Settings(home=home, database_url="", spark_master="local[*]", overdue_days=5)


@cache
def _template() -> Path:
    from tradeguard.generator import generate, write
    from tradeguard.services.exams import create_holds
    from tradeguard.services.ingest import ingest
    from tradeguard.services.rules import load_rules_file
    from tradeguard.services.targeting import run_targeting

    home = Path(tempfile.mkdtemp(prefix="tradeguard-targeted-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    settings = settings_for(home)
    generated = home / "generated"
    write(generate(entries=ENTRIES, seed=SEED), generated, "parquet")
    ingest([generated / "declarations.parquet"], settings)
    db = Database(settings.effective_database_url)
    for path in sorted(STARTER_RULES_DIR.glob("*.yaml")):
        load_rules_file(db, path, actor="seed")
    run_targeting(db, settings)
    create_holds(db, actor="seed")
    db.dispose()
    return home


def targeted_home(into: Path) -> tuple[Settings, Database]:
    """A private copy of the worked home under `into`, and its migrated database."""
    home = into / "home"
    shutil.copytree(_template(), home)
    settings = settings_for(home)
    return settings, Database(settings.effective_database_url)


def worked_home_fixtures(name: str) -> tuple[Any, Any, Any]:
    """Module fixtures `worked` (settings and database of a private worked home named `name`),
    `api_db` (its database, standing in for conftest's empty one) and `app` over it.

    Assign them in the test module: `worked, api_db, app = worked_home_fixtures("holds")`."""

    @pytest.fixture(scope="module")
    def worked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Database]:
        return targeted_home(tmp_path_factory.mktemp(name))

    @pytest.fixture(scope="module")
    def api_db(worked: tuple[Settings, Database]) -> Iterator[Database]:
        yield worked[1]
        worked[1].dispose()

    @pytest.fixture(scope="module")
    def app(api_db: Database, worked: tuple[Settings, Database]) -> Any:
        return create_app(worked[0], database=api_db)

    return worked, api_db, app


def bearer(tokens: Mapping[Role, str], role: Role) -> dict[str, str]:
    """The Authorization header of the account with `role` (conftest's `tokens`)."""
    return {"Authorization": f"Bearer {tokens[role]}"}


def declaration_of(settings: Settings, entry_no: str) -> dict[str, Any]:
    """One loaded entry as the JSON body POST /api/score takes (header fields + lines)."""
    import polars as pl

    from tradeguard.store.lake import EntryLake

    frame = (
        EntryLake(settings.lake_dir)
        .scan()
        .filter(pl.col("entry_no") == entry_no)
        .sort("line_no")
        .collect()
    )
    from tradeguard.domain.declaration import COLUMNS

    rows = [{k: _json(r[k]) for k in COLUMNS if k in r} for r in frame.iter_rows(named=True)]
    return {"lines": rows}


def _json(value: Any) -> Any:
    from datetime import date
    from decimal import Decimal

    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app under uvicorn on a free loopback port, in a background thread."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", ws="none"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-targeted", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sign_in(page: Any, url: str, username: str, password: str) -> None:
    """Sign in through the login form of the app served at `url`, in a Playwright page."""
    page.goto(f"{url}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"{url}/")
