"""A windowed run with the lake's kept history decides exactly as a run over the whole lake.

The year is generated, ingested in three batches (the last two by two `tradeguard ingest`
processes at once), examined twice by the exam simulation (so findings are recorded through the
service, by PTI), and a risk model is trained. The kept history must then cover every batch and
the findings file without any catching up, and for several windows, on DuckDB and Polars, the
windowed decisions (lanes, rules, sample, risk scores, reasons) equal the full run's decisions
of the window's entries.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from tradeguard.config import Settings, load_settings
from tradeguard.generator import generate, write
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.exam_simulation import run_exam_cycle
from tradeguard.services.findings_export import findings_path
from tradeguard.services.ingest import ingest
from tradeguard.services.model import train_and_register
from tradeguard.services.rules import load_rules, load_rules_file, parse_rules
from tradeguard.services.targeting import run_targeting
from tradeguard.store.database import Database
from tradeguard.store.history import LakeHistory, findings_fingerprint
from tradeguard.store.lake import EntryLake
from tradeguard.targeting.engine_duckdb import findings_relation
from tradeguard.targeting.kept_snapshot import snapshot_from_kept
from tradeguard.targeting.realtime import take_snapshot

pytestmark = pytest.mark.slow

SEED = 3
# Rules reading every kind of history: per-PTI counts and days, exams, first sightings, medians.
HISTORY_RULES = """
- id: R-TST-001
  name: Manufacturer caught with counterfeits
  rationale: An earlier IPR violation by the same manufacturer.
  pti: IPR
  risk: high
  stages: [entry]
  where: "manufacturer_prior_ipr_violations > 0 OR importer_prior_adcvd_violations > 0"
  owner: IPR NTAG
- id: R-TST-002
  name: Recent violator
  rationale: The importer had a violation in the last two months.
  pti: Revenue
  risk: medium
  stages: [entry]
  where: "importer_days_since_violation <= 60 AND manufacturer_prior_exams >= 1"
  owner: Revenue NTAG
- id: R-TST-003
  name: New manufacturer far below the usual unit value
  rationale: A manufacturer seen for under a month at a fifth of the median unit value.
  pti: Revenue
  risk: low
  stages: [entry]
  where: "manufacturer_days_known < 30 AND unit_value_ratio < 0.5 AND importer_days_known < 400"
  owner: Revenue NTAG
"""

LAUNCH = "from tradeguard.cli import main; main()"


def _split(declarations: Path, folder: Path) -> tuple[Path, Path, Path]:
    """The first two thirds of the year, then the rest's days alternately in two files."""
    frame = pl.read_parquet(declarations)
    days = sorted(frame.get_column("entry_date").unique().to_list())
    cut = days[len(days) * 2 // 3]
    later = frame.filter(pl.col("entry_date") >= cut)
    odd = later.get_column("entry_date").dt.ordinal_day() % 2 == 1
    parts = (frame.filter(pl.col("entry_date") < cut), later.filter(odd), later.filter(~odd))
    paths = tuple(folder / f"part-{n}.parquet" for n in range(3))
    for part, path in zip(parts, paths, strict=True):
        part.write_parquet(path)
    return paths  # type: ignore[return-value]


def _ingest_together(home: Path, files: tuple[Path, ...]) -> None:
    env = {**os.environ, "TRADEGUARD_HOME": str(home)}
    env.pop("TRADEGUARD_DATABASE_URL", None)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", LAUNCH, "ingest", "--json", str(f)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err


def _decided(settings: Settings, db: Database, engine: str, window: tuple[date, date] | None):
    first, last = window or (None, None)
    run = run_targeting(db, settings, engine=engine, seed=SEED, entered_from=first, entered_to=last)
    frame = pl.read_parquet(run.decisions_path)
    if window is not None:
        frame = frame.filter(pl.col("entry_date").is_between(*window))
    return frame.sort("entry_no")


def _differences(got: pl.DataFrame, expected: pl.DataFrame) -> list[tuple]:
    """The first entries decided differently, for the failure message."""
    joined = got.join(expected, on="entry_no", how="full", suffix="_full")
    differ = pl.any_horizontal(
        pl.col(c).ne_missing(pl.col(f"{c}_full")) for c in got.columns if c != "entry_no"
    )
    return joined.filter(differ).rows()[:3]


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, Database]]:
    root = tmp_path_factory.mktemp("kept")
    home = root / "home"
    home.mkdir()
    with pytest.MonkeyPatch.context() as env:  # the module's own home and SQLite database
        env.setenv("TRADEGUARD_HOME", str(home))
        env.delenv("TRADEGUARD_DATABASE_URL", raising=False)
        settings = load_settings()
        paths = write(generate(entries=1500, seed=SEED), root / "generated", "parquet")
        first, *rest = _split(Path(paths["declarations"]), root)
        assert ingest([first], settings).accepted > 0
        db = Database(settings.effective_database_url)
        for rules_file in sorted(STARTER_RULES_DIR.glob("*.yaml")):
            load_rules_file(db, rules_file, actor="test")
        load_rules(db, parse_rules(HISTORY_RULES))
        run_targeting(db, settings, seed=SEED)
        assert run_exam_cycle(db, settings, Path(paths["truth"]), SEED).violations > 0
        _ingest_together(home, tuple(rest))
        run_targeting(db, settings, seed=SEED)
        run_exam_cycle(db, settings, Path(paths["truth"]), SEED)
        train_and_register(settings, seed=SEED)
        yield settings, db
        db.dispose()


def test_ingest_and_findings_keep_the_history_current(year: tuple[Settings, Database]) -> None:
    settings, _db = year
    lake = EntryLake(settings.lake_dir)
    kept = LakeHistory(lake).kept()
    assert kept is not None
    assert kept.batches == tuple(b.batch_id for b in lake.snapshot().batches)
    assert len(kept.batches) == 3
    assert kept.findings == findings_fingerprint(findings_path(settings.home))
    found = pl.read_parquet(kept.path("findings"))
    assert found.filter(pl.col("violation")).get_column("pti").drop_nulls().n_unique() >= 3


@pytest.mark.parametrize("engine", ["duckdb", "polars"])
def test_windowed_decisions_equal_the_full_run(
    year: tuple[Settings, Database], engine: str
) -> None:
    settings, db = year
    full = _decided(settings, db, engine, None)
    days = sorted(full.get_column("entry_date").unique().to_list())
    windows = [
        (days[5], days[5]),
        (days[len(days) // 2], days[len(days) // 2 + 6]),
        (days[-14], days[-1]),
        (days[-1], days[-1]),
    ]
    columns = ["entry_no", "lane", "rule_ids", "sampled", "risk_score", "model_reasons"]
    held_by_history = 0
    for window in windows:
        expected = full.filter(pl.col("entry_date").is_between(*window)).select(columns)
        got = _decided(settings, db, engine, window).select(columns)
        assert expected.height > 0
        assert got.equals(expected), (window, _differences(got, expected))
        held_by_history += got.filter(
            pl.col("rule_ids").list.eval(pl.element().str.starts_with("R-TST")).list.any()
        ).height
    assert held_by_history > 0  # the history rules fire in the windows compared


def test_the_live_scorer_reads_the_same_history_from_the_kept_one(
    year: tuple[Settings, Database],
) -> None:
    settings, _db = year
    lake = EntryLake(settings.lake_dir)
    kept = LakeHistory(lake).kept()
    assert kept is not None
    whole = take_snapshot(
        lake.duckdb_relation_sql(), findings_relation(findings_path(settings.home))
    )
    assert snapshot_from_kept(kept.path) == whole
    assert whole.importer_findings and whole.median_unit_value
