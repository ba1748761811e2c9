"""`tradeguard --help` starts instantly: no heavy library is imported to list the commands."""

from __future__ import annotations

import subprocess
import sys

HEAVY = {"polars", "duckdb", "lightgbm", "sqlalchemy", "fastapi", "pyarrow", "numpy", "pyspark"}
RUN_HELP = (
    "import sys; sys.argv = ['tradeguard', '--help']; from tradeguard.cli import main; main()"
)


def _imported(argv_code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", argv_code],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_help_imports_no_heavy_library() -> None:
    imported = _imported(RUN_HELP)
    assert "tradeguard" in imported  # the probe sees our own imports
    assert imported & HEAVY == set()


def test_a_group_loads_only_when_asked_for() -> None:
    imported = _imported(
        "import sys; sys.argv = ['tradeguard', 'users', '--help'];"
        " from tradeguard.cli import main; main()"
    )
    assert "sqlalchemy" in imported  # the users group (and only then) needs its store
