"""Several `tradeguard ingest` processes on one home at once leave the lake consistent.

Real processes, started together: each imports the command line, says it is ready, and waits for
a go file, so that their reads, duplicate checks and commits overlap. Meanwhile this test reads
the lake over and over, as `target` and `score` would, and checks that it never sees a half batch.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from tests.factories import declaration_row, write_csv
from tradeguard.store.lake import EntryLake

pytestmark = pytest.mark.slow

WRITERS = 4
STARTED: list[subprocess.Popen] = []
# Wait for the go file, then run the real command line with the given arguments.
LAUNCHER = """
import pathlib, sys, time
from tradeguard.cli import main
ready, go = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
ready.touch()
while not go.exists():
    time.sleep(0.002)
sys.argv = ["tradeguard", *sys.argv[3:]]
main()
"""
DATES = ("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05")


def lines(serials: range, *, bad_every: int = 0) -> list[dict[str, str]]:
    """Two lines per entry over four entry dates (so a batch spans four Parquet files); every
    `bad_every`-th entry's second line has a negative quantity and is rejected."""
    rows = []
    for serial in serials:
        day = DATES[serial % len(DATES)]
        rows.append(declaration_row(serial, 1, entry_date=day))
        bad = bad_every and serial % bad_every == 0
        rows.append(declaration_row(serial, 2, entry_date=day, quantity="-3" if bad else "5"))
    return rows


def valid_keys(rows: list[dict[str, str]]) -> set[tuple[str, int]]:
    return {(r["entry_no"], int(r["line_no"])) for r in rows if not r["quantity"].startswith("-")}


def start_together(home: Path, tmp_path: Path, commands: list[list[str]]) -> list[subprocess.Popen]:
    env = {**os.environ, "TRADEGUARD_HOME": str(home)}
    env.pop("TRADEGUARD_DATABASE_URL", None)
    go = tmp_path / "go"
    procs, ready = [], []
    for n, args in enumerate(commands):
        flag = tmp_path / f"ready-{n}"
        ready.append(flag)
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", LAUNCHER, str(flag), str(go), *args],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    STARTED.extend(procs)
    deadline = time.monotonic() + 180
    while not all(f.exists() for f in ready):
        assert time.monotonic() < deadline, "writers never became ready"
        assert all(p.poll() is None for p in procs), "a writer died before the start"
        time.sleep(0.02)
    go.touch()
    return procs


def lake_view(home: Path) -> tuple[list, pl.DataFrame]:
    """One reader's view: the committed batches and their lines, read from one snapshot."""
    snapshot = EntryLake(home / "lake").snapshot()
    return list(snapshot.batches), snapshot.scan().collect()


def assert_whole_batches(batches: list, frame: pl.DataFrame) -> None:
    """Every batch the reader sees is there in full, and no line is there twice."""
    counts = dict(frame.group_by("batch_id").len().iter_rows())
    assert counts == {b.batch_id: b.rows for b in batches if b.rows}
    assert frame.select("entry_no", "line_no").is_duplicated().sum() == 0


def read_while_running(home: Path, procs: list[subprocess.Popen]) -> int:
    """Read the lake until every writer is done; return how many reads saw something."""
    seen = 0
    deadline = time.monotonic() + 300
    while any(p.poll() is None for p in procs):
        assert time.monotonic() < deadline, "writers did not finish"
        batches, frame = lake_view(home)
        assert_whole_batches(batches, frame)
        seen += frame.height > 0
    return seen


def finish(procs: list[subprocess.Popen]) -> list[dict]:
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        report = json.loads(out)
        assert report["rows"] == report["accepted"] + report["rejected"]
        reports.append(report)
    return reports


def assert_lake_holds(home: Path, keys: set[tuple[str, int]]) -> None:
    lake = EntryLake(home / "lake")
    batches, frame = lake_view(home)
    assert_whole_batches(batches, frame)
    stored = set(frame.select("entry_no", pl.col("line_no").cast(pl.Int64)).iter_rows())
    assert stored == keys and frame.height == len(keys)
    named = {p.resolve() for p in lake.files()}
    assert all(p.is_file() for p in named)
    on_disk = {p.resolve() for p in lake.declarations_dir.rglob("*")} - {
        p.resolve() for p in lake.declarations_dir.rglob("*") if p.is_dir()
    }
    assert on_disk == named, "files on disk that no batch names"


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRADEGUARD_HOME": str(home)}
    env.pop("TRADEGUARD_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", "from tradeguard.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "home"
    path.mkdir()
    yield path
    for proc in STARTED:  # a failed assertion must not leave writers running
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    STARTED.clear()


def test_same_file_ingested_by_four_processes_loads_every_line_once(
    home: Path, tmp_path: Path
) -> None:
    rows = lines(range(1, 1501), bad_every=7)
    path = write_csv(tmp_path / "d.csv", rows)
    keys = valid_keys(rows)
    procs = start_together(home, tmp_path, [["ingest", str(path), "--json"]] * WRITERS)
    read_while_running(home, procs)
    reports = finish(procs)
    assert sorted(r["accepted"] for r in reports) == [0] * (WRITERS - 1) + [len(keys)]
    for report in reports:
        assert report["rows"] == len(rows)
        if report["accepted"] == 0:  # the later ones reject every line, the good as duplicates
            assert report["reasons"]["entry_no, line_no: duplicate of a line already loaded"] == (
                len(keys)
            )
    assert_lake_holds(home, keys)
    again = cli(home, "ingest", str(path), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["accepted"] == 0
    target = cli(home, "target", "--json")
    assert target.returncode == 0, target.stderr


def test_different_overlapping_files_at_once_load_every_line_once(
    home: Path, tmp_path: Path
) -> None:
    # File n holds entries 400n+1 … 400n+500: each shares 100 entries with the next file.
    files, keys = [], set()
    for n in range(WRITERS):
        rows = lines(range(400 * n + 1, 400 * n + 501), bad_every=11)
        files.append(write_csv(tmp_path / f"d{n}.csv", rows))
        keys |= valid_keys(rows)
    commands = [["ingest", str(f), "--json"] for f in files] + [["target", "--json"]]
    *procs, targeting = start_together(home, tmp_path, commands)
    read_while_running(home, procs)
    reports = finish(procs)
    assert sum(r["accepted"] for r in reports) == len(keys)
    assert_lake_holds(home, keys)
    out, err = targeting.communicate(timeout=300)  # it ran while the lake was being written
    assert targeting.returncode == 0, err
    assert json.loads(out)["entries"] <= len({entry for entry, _ in keys})
    target = cli(home, "target", "--json")
    assert target.returncode == 0, target.stderr
    assert json.loads(target.stdout)["entries"] == len({entry for entry, _ in keys})


def test_writers_killed_mid_ingest_leave_nothing_half_visible_and_no_stale_lock(
    home: Path, tmp_path: Path
) -> None:
    rows = lines(range(1, 3001))
    path = write_csv(tmp_path / "d.csv", rows)
    killed = 0
    for delay in (0.2, 0.6, 1.2):  # at different moments: reading, validating, writing
        (tmp_path / "go").unlink(missing_ok=True)
        procs = start_together(home, tmp_path, [["ingest", str(path), "--json"]])
        time.sleep(delay)
        if procs[0].poll() is None:
            procs[0].send_signal(signal.SIGKILL)
            killed += 1
        procs[0].communicate(timeout=300)
        batches, frame = lake_view(home)
        assert_whole_batches(batches, frame)
        assert frame.height in (0, len(rows))  # all of the batch or none of it
    assert killed, "no writer was still running when killed"
    after = cli(home, "ingest", str(path), "--json")
    assert after.returncode == 0, after.stderr
    assert_lake_holds(home, valid_keys(rows))
