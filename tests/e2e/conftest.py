"""Browser tests: the real app under uvicorn on a free loopback port, driven by Debian's chromium.

- `live_server`: base URL of the app over a fresh SQLite database with one admin account
  (`ADMIN`, `ADMIN_PASSWORD`), served from a background thread.
- `page`: a fresh Playwright page (own cookies) in a shared headless chromium.
Skipped, with the reason, when /usr/lib/chromium/chromium is not installed (.ci/run installs it).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradeguard.api import create_app
from tradeguard.config import Settings
from tradeguard.services.users import add_user
from tradeguard.store.database import Database

CHROMIUM = Path("/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ADMIN = "chief"
ADMIN_PASSWORD = "a long admin password"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    home = tmp_path_factory.mktemp("e2e-home")
    database = Database(f"sqlite:///{home / 'tradeguard.db'}")
    add_user(database, username=ADMIN, role="admin", password=ADMIN_PASSWORD, actor="e2e")
    settings = Settings(home=home, database_url="", spark_master="local[*]", overdue_days=5)
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, database=database),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="none",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-e2e", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    database.dispose()


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} not installed (apt-get install -y chromium; never playwright install)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def admin_login() -> tuple[str, str]:
    return ADMIN, ADMIN_PASSWORD
