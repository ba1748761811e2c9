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
    # E-allegations accepted per client address per hour, and from everyone together per hour.
    allegations_per_address: int = 5
    allegations_per_hour: int = 500
    # Failed logins per username, and per client address, within the window before a 429.
    login_failures_allowed: int = 10
    login_window_minutes: int = 15
    # Seconds a checked bearer token is trusted without asking the database again (0: never).
    token_cache_seconds: int = 10
    # Largest request body accepted, in bytes; a larger one is refused with 413.
    max_body_bytes: int = 2_000_000

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
        allegations_per_address=_whole_number("TRADEGUARD_ALLEGATIONS_PER_ADDRESS", "5", 1),
        allegations_per_hour=_whole_number("TRADEGUARD_ALLEGATIONS_PER_HOUR", "500", 1),
        login_failures_allowed=_whole_number("TRADEGUARD_LOGIN_FAILURES_ALLOWED", "10", 1),
        login_window_minutes=_whole_number("TRADEGUARD_LOGIN_WINDOW_MINUTES", "15", 1),
        token_cache_seconds=_whole_number("TRADEGUARD_TOKEN_CACHE_SECONDS", "10", 0),
        max_body_bytes=_whole_number("TRADEGUARD_MAX_BODY_BYTES", "2000000", 1024),
    )
