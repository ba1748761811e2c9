"""The lake's writer lock and its clean-up, on real files and a real second process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tradeguard.domain.errors import Conflict
from tradeguard.store import lake as lake_module
from tradeguard.store.lake import EntryLake

# Hold the lake's lock (as a running ingest would) until stdin closes.
HOLDER = """
import sys
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_writer_that_cannot_get_the_lock_fails_with_a_clear_conflict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake = EntryLake(tmp_path / "lake")
    lake.root.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lake.lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(lake_module, "LOCK_WAIT_SECONDS", 0.3)
        started = time.monotonic()
        with pytest.raises(Conflict, match="busy: another ingest"), lake.writing():
            pass
        assert time.monotonic() - started >= 0.3
    finally:
        holder.communicate(input="", timeout=60)
    with lake.writing() as writer:  # released when the holder ends
        assert writer.snapshot.batches == ()


def test_the_next_writer_removes_what_a_crashed_one_left(tmp_path: Path) -> None:
    lake = EntryLake(tmp_path / "lake")
    orphan = lake.declarations_dir / "entry_date=2026-03-02" / "batch-crashed.parquet"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"half a file")
    torn_manifest = lake.root / ".batches.json.abc123.tmp"
    torn_manifest.write_text("[{")
    assert lake.snapshot().batches == ()  # a reader sees neither
    with lake.writing() as writer:
        assert writer.removed == 1
    assert not orphan.exists() and not torn_manifest.exists()
