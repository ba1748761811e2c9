"""One row per targeting run: when, how, over how many entries, with which rule versions."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Float, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.errors import NotFound
from tradeguard.store.base import Base


class TargetingRun(Base):
    __tablename__ = "targeting_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    engine: Mapped[str] = mapped_column(String(16), nullable=False)
    seed: Mapped[int] = mapped_column(Integer, nullable=False)
    # A probability, not money: float is right here.
    sample_rate: Mapped[float] = mapped_column(Float, nullable=False)
    entries: Mapped[int] = mapped_column(Integer, nullable=False)
    lanes: Mapped[str] = mapped_column(Text, nullable=False)
    rule_versions: Mapped[str] = mapped_column(Text, nullable=False)
    decisions_path: Mapped[str] = mapped_column(Text, nullable=False, default="")
    seconds: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)

    @property
    def lane_counts(self) -> dict[str, int]:
        return dict(json.loads(self.lanes))

    @property
    def rule_refs(self) -> list[str]:
        return list(json.loads(self.rule_versions))

    @property
    def decisions_file(self) -> Path:
        return Path(self.decisions_path)

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "stage": self.stage,
            "engine": self.engine,
            "seed": self.seed,
            "sample_rate": self.sample_rate,
            "entries": self.entries,
            "lanes": self.lane_counts,
            "rule_versions": self.rule_refs,
            "decisions_path": self.decisions_path,
            "seconds": self.seconds,
        }


def latest(session: Session) -> TargetingRun | None:
    return session.scalars(select(TargetingRun).order_by(TargetingRun.id.desc()).limit(1)).first()


class TargetingRunRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, run: TargetingRun) -> TargetingRun:
        """Store a run and give it its id (its decisions' folder is named by it)."""
        self._session.add(run)
        self._session.flush()
        return run

    def latest_or_none(self) -> TargetingRun | None:
        return latest(self._session)

    def latest(self) -> TargetingRun:
        """The latest run, or NotFound telling the user to run targeting first."""
        run = latest(self._session)
        if run is None:
            raise NotFound("no targeting run yet: run `tradeguard target` first")
        return run
