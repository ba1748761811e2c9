"""A small worked home for the Centers' tests: 4,000 generated entries, ingested, the starter
rules loaded and targeted at post-entry (no random sample, so every review is chosen by rules
and capacity alone). Built once per session and copied for each test that plans."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from tradeguard.config import Settings
from tradeguard.generator import generate, write
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.ingest import ingest
from tradeguard.services.rules import load_rules_file
from tradeguard.services.targeting import run_targeting
from tradeguard.store.database import Database

ENTRIES, SEED = 4000, 5


def settings_for(home: Path) -> Settings:
    return Settings(home=home, database_url="", spark_master="local[*]", overdue_days=5)


@cache
def _template() -> Path:
    home = Path(tempfile.mkdtemp(prefix="tradeguard-centers-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    settings = settings_for(home)
    write(generate(entries=ENTRIES, seed=SEED), home / "generated", "parquet")
    ingest([home / "generated" / "declarations.parquet"], settings)
    db = Database(settings.effective_database_url)
    for path in sorted(STARTER_RULES_DIR.glob("*.yaml")):
        load_rules_file(db, path, actor="seed")
    run_targeting(db, settings, stage="post-entry", sample_rate=0.0, seed=SEED)
    db.dispose()
    return home


def centers_home(into: Path) -> tuple[Settings, Database]:
    home = into / "home"
    shutil.copytree(_template(), home)
    settings = settings_for(home)
    return settings, Database(settings.effective_database_url)
