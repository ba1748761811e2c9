"""A database held busy by another process answers "busy, try again", never a traceback or a
500 (issue 22): one real process holds the SQLite write lock while a `tradeguard` command and
a real server on 127.0.0.1 try to write.

A connection waits up to BUSY_TIMEOUT_SECONDS (10 s) for the lock; these tests shorten it
with the URL's `?timeout=` so that the wait runs out quickly. Reads go on meanwhile (WAL).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.integration.api.targeted_home import serving
from tradeguard.app import create_app
from tradeguard.config import Settings
from tradeguard.store.database import Database

TIP = {"pti": "IPR", "description": "counterfeit handbags shipped through a free trade zone"}


@contextmanager
def write_lock_held(path: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process that takes the database's write lock and keeps it for `seconds`."""
    script = textwrap.dedent(
        f"""
        import sqlite3, sys, time
        con = sqlite3.connect({str(path)!r}, isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        con.execute("CREATE TABLE IF NOT EXISTS lock_holder (x INTEGER)")
        con.execute("INSERT INTO lock_holder VALUES (1)")
        print("locked", flush=True)
        time.sleep({seconds})
        con.execute("COMMIT")
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.wait(timeout=60)
        if holder.stdout is not None:
            holder.stdout.close()


def _tradeguard(home: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRADEGUARD_HOME": str(home), "TRADEGUARD_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-c", "from tradeguard.cli import main; main()", *args],
        input="a long and unusual password 4471\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_a_command_exits_2_saying_the_database_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "tradeguard.db"
    Database(f"sqlite:///{path}").dispose()
    impatient = f"sqlite:///{path}?timeout=0.5"
    with write_lock_held(path, 6):
        result = _tradeguard(tmp_path, impatient, "users", "add", "ana", "--role", "admin",
                             "--password-stdin")  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "database is busy" in result.stderr and "Traceback" not in result.stderr
    listed = _tradeguard(tmp_path, impatient, "users", "list", "--json")
    assert '"ana"' not in listed.stdout  # nothing was written


def test_a_command_waits_for_a_short_lock_and_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "tradeguard.db"
    Database(f"sqlite:///{path}").dispose()
    with write_lock_held(path, 1.5):
        result = _tradeguard(tmp_path, f"sqlite:///{path}", "users", "add", "ana", "--role",
                             "admin", "--password-stdin")  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_the_server_answers_503_with_retry_after_and_keeps_reading(tmp_path: Path) -> None:
    path = tmp_path / "tradeguard.db"
    settings = Settings(
        home=tmp_path,
        database_url=f"sqlite:///{path}?timeout=0.5",
        spark_master="local[*]",
        overdue_days=5,
    )
    with serving(create_app(settings)) as url, write_lock_held(path, 6):
        busy = httpx.post(f"{url}/api/allegations", json=TIP, timeout=30)
        assert busy.status_code == 503, busy.text
        assert int(busy.headers["retry-after"]) >= 1
        assert "busy" in busy.json()["error"]
        assert httpx.get(f"{url}/health", timeout=30).status_code == 200
    with serving(create_app(settings)) as url:
        assert httpx.post(f"{url}/api/allegations", json=TIP, timeout=30).status_code == 201
