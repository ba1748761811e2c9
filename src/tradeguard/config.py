"""Every setting tradeguard reads from the environment, in one place.

Each setting is documented in docs/configuration.md; a test checks that the two agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tradeguard.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Settings:
    # Where the stores live: the SQLite file, the entry lake, quarantine, models, reports.
    home: Path
    # SQLAlchemy URL of the operational database; empty means the SQLite file under home.
    database_url: str
    # Spark master for `target --engine spark`: local[*], spark://host:port, or sc://host (Connect).
    spark_master: str
    # Days after which a hold without a finding is overdue.
    overdue_days: int
    # Clean findings in a row under a rule after which the importer is removed from that rule.
    exempt_after: int = 5

    @property
    def lake_dir(self) -> Path:
        return self.home / "lake"

    @property
    def quarantine_dir(self) -> Path:
        return self.home / "quarantine"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def decisions_dir(self) -> Path:
        return self.home / "decisions"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'tradeguard.db'}"


def _whole_number(name: str, default: str, minimum: int) -> int:
    text = os.environ.get(name, default)
    if not text.isdigit() or int(text) < minimum:
        raise InvalidInput(
            f"{name} must be a whole number of at least {minimum}, got {text!r}", name
        )
    return int(text)


def load_settings() -> Settings:
    """Read the environment now (not at import), so tests can point each run elsewhere."""
    return Settings(
        home=Path(os.environ.get("TRADEGUARD_HOME", ".tradeguard")).resolve(),
        database_url=os.environ.get("TRADEGUARD_DATABASE_URL", ""),
        spark_master=os.environ.get("TRADEGUARD_SPARK_MASTER", "local[*]"),
        overdue_days=_whole_number("TRADEGUARD_OVERDUE_DAYS", "5", 0),
        exempt_after=_whole_number("TRADEGUARD_EXEMPT_AFTER", "5", 1),
    )
