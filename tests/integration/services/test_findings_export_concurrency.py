"""Processes rewriting the findings file at once never collide and never leave half a file.

The export used one fixed temporary name, so two writers shared it: one truncated what the other
was renaming, and the rename then failed or published a torn file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from tradeguard.services.findings_export import SCHEMA, findings_path
from tradeguard.store.database import Database

pytestmark = pytest.mark.slow

WRITERS = 4
ROUNDS = 40
# Each process rewrites the findings file ROUNDS times as soon as the go file appears.
WRITER = """
import pathlib, sys, time
from tradeguard.services.findings_export import write_findings
from tradeguard.store.database import Database
db = Database(sys.argv[1], upgrade=False)
home, go = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
pathlib.Path(sys.argv[4]).touch()
while not go.exists():
    time.sleep(0.002)
for _ in range(int(sys.argv[5])):
    write_findings(db, home)
"""


def test_concurrent_exports_all_succeed_and_leave_one_whole_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'operational.db'}"
    Database(url).dispose()  # migrated once, before the writers start
    home, go = tmp_path / "home", tmp_path / "go"
    ready = [tmp_path / f"ready-{n}" for n in range(WRITERS)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(home), str(go), str(flag), str(ROUNDS)],
            env=os.environ.copy(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for flag in ready
    ]
    try:
        while not all(f.exists() for f in ready):
            assert all(p.poll() is None for p in procs), "a writer died before the start"
            time.sleep(0.02)
        go.touch()
        errors = [p.communicate(timeout=300)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * WRITERS, "\n".join(errors)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    path = findings_path(home)
    assert pl.read_parquet(path).schema == pl.Schema(SCHEMA)
    assert sorted(p.name for p in path.parent.iterdir()) == ["findings.lock", "findings.parquet"]
