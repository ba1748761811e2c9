"""Browser tests: the real app under uvicorn on a free loopback port, driven by Debian's chromium.

- `live_server`: base URL of the app over a fresh SQLite database with one admin account
  (`ADMIN`, `ADMIN_PASSWORD`), served from a background thread.
- `page`: a fresh Playwright page (own cookies) in a shared headless chromium.
Skipped, with the reason, when /usr/lib/chromium/chromium is not installed (.ci/run installs it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.api.targeted_home import serving, settings_for
from tradeguard.app import create_app
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


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("e2e-home")
    database = Database(f"sqlite:///{home / 'tradeguard.db'}")
    add_user(database, username=ADMIN, role="admin", password=ADMIN_PASSWORD, actor="e2e")
    with serving(create_app(settings_for(home), database=database)) as url:
        yield url
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
