"""Real-time scoring for a long-running server: requests read the last good scorer, and a
background thread rebuilds it when what it was built from changes.

Building a scorer compiles every active rule, snapshots the importers' history from the lake and
loads the active risk model (about a second); scoring one declaration then takes well under a
millisecond. So a request never builds: it takes the scorer last built (one attribute read) and,
at most once per `POLL_SECONDS`, starts a background check of the inputs' fingerprint (rule
versions and exemptions, the lake manifest, the findings file, the active model pointer). A
changed fingerprint rebuilds once, in that thread, and swaps the new scorer in whole. A rebuild
that fails keeps the last good scorer, so a bad rule or a half-written file cannot stop scoring.
Only the very first request of a process waits, because there is no scorer yet. After a build
the process's objects are frozen out of the garbage collector (see `LiveScorer.refresh`).
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.config import Settings
from tradeguard.risk.model import RiskModel
from tradeguard.services.admissibility import reference_in_force
from tradeguard.services.realtime_scoring import (
    ScoredDeclaration,
    opinion_of,
    read_declaration,
    realtime_scorer,
)
from tradeguard.services.rule_hits import findings_path, read_findings
from tradeguard.services.targeting import active_model
from tradeguard.store.database import Database
from tradeguard.store.lake import EntryLake
from tradeguard.store.scoring_inputs import active_exemption_keys, rule_statuses
from tradeguard.targeting.realtime import RealtimeScorer

POLL_SECONDS = 1.0
BUILD_SWITCH_SECONDS = 0.0005
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScorerInputs:
    """Everything a scorer is built from, cheap to read and compare."""

    rules: tuple[tuple[int, str], ...]
    exemptions: tuple[tuple[str, str], ...]
    lake_mtime_ns: int
    findings_mtime_ns: int
    model_mtime_ns: int
    admissibility: int = 0  # hash of the admissibility reference data the rules compile from


@dataclass(frozen=True, slots=True)
class BuiltScorer:
    """One immutable generation: the rules' scorer and the model, with what they came from."""

    inputs: ScorerInputs
    scorer: RealtimeScorer
    model: RiskModel | None
    findings: pl.DataFrame | None
    generation: int
    build_ms: float


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def scorer_inputs(db: Database, settings: Settings) -> ScorerInputs:
    with db.session() as session:
        rules, exemptions = rule_statuses(session), active_exemption_keys(session)
    return ScorerInputs(
        rules,
        exemptions,
        _mtime_ns(EntryLake(settings.lake_dir).manifest_path),
        _mtime_ns(findings_path(settings)),
        _mtime_ns(settings.models_dir / "active.json"),
        hash(reference_in_force(db)),
    )


class LiveScorer:
    """The scorer of one database, home and stage, kept current off the request path."""

    def __init__(
        self, db: Database, settings: Settings, stage: str, *, poll_seconds: float = POLL_SECONDS
    ) -> None:
        self._db, self._settings, self._stage = db, settings, stage
        self._poll_seconds = poll_seconds
        self._current: BuiltScorer | None = None
        self._failed: ScorerInputs | None = None
        self._build_lock = threading.Lock()  # one build at a time
        self._check_lock = threading.Lock()  # guards _checking and _checked_at
        self._checking = False
        self._checked_at = 0.0

    def current(self, db: Database | None = None) -> BuiltScorer | None:
        """The last good scorer without waiting (None before the first build); starts a
        background check when the last one is older than the poll interval."""
        if db is not None:
            self._db = db
        now = time.monotonic()
        with self._check_lock:
            due = not self._checking and now - self._checked_at >= self._poll_seconds
            if due:
                self._checking, self._checked_at = True, now
        if due and self._current is not None:
            threading.Thread(target=self._check, name="scorer-rebuild", daemon=True).start()
        elif due:
            with self._check_lock:
                self._checking = False
        return self._current

    def _check(self) -> None:
        try:
            self.refresh()
        except Exception:  # logged; the last good scorer stays in service
            log.exception("real-time scorer rebuild failed")
        finally:
            with self._check_lock:
                self._checking = False

    def refresh(self) -> BuiltScorer:
        """Rebuild now if the inputs changed (blocking: call from a worker thread)."""
        with self._build_lock:
            inputs = scorer_inputs(self._db, self._settings)
            current = self._current
            if current is not None and (current.inputs == inputs or self._failed == inputs):
                return current
            started = time.perf_counter()
            # No collections while the build allocates its objects: each would walk them all
            # with the GIL held, stalling the requests served meanwhile; frozen below instead.
            collecting, switch = gc.isenabled(), sys.getswitchinterval()
            gc.disable()
            # The build is pure Python for most of a second: make it hand the GIL back to the
            # event loop every 0.5 ms instead of every 5, so requests wait less meanwhile.
            sys.setswitchinterval(min(switch, BUILD_SWITCH_SECONDS))
            try:
                scorer = realtime_scorer(self._db, self._settings, stage=self._stage)
                model, findings = active_model(self._settings), read_findings(self._settings)
            except Exception:
                self._failed = inputs
                if current is None:
                    raise
                log.exception("kept the last good scorer: the rebuild failed")
                return current
            finally:
                sys.setswitchinterval(switch)
                if collecting:
                    gc.enable()
            generation = 1 if current is None else current.generation + 1
            build_ms = (time.perf_counter() - started) * 1000
            built = BuiltScorer(inputs, scorer, model, findings, generation, build_ms)
            self._current, self._failed = built, None
            # The scorer is a few hundred thousand long-lived Python objects; a full collection
            # walks them all (0.1-0.5 s, holding the GIL) and was the API's p99. Freezing moves
            # everything alive now out of the collector's sight. Acyclic garbage is still freed
            # by reference counting; only an old scorer's cycles (its rules' syntax trees, a
            # few hundred kilobytes) stay, once per rebuild.
            gc.freeze()
            return built


_registry_lock = threading.Lock()
_live: dict[tuple[str, str, str], LiveScorer] = {}


def live_scorer(db: Database, settings: Settings, stage: str = "entry") -> LiveScorer:
    """The process's live scorer for this database, home and stage."""
    key = (str(db.engine.url), str(settings.home), stage)
    with _registry_lock:
        found = _live.get(key)
        if found is None:
            found = _live[key] = LiveScorer(db, settings, stage)
    return found


def refresh_scorers(db: Database, settings: Settings) -> None:
    """Rebuild, now, every live scorer of this database and home whose inputs changed: after a
    publish in this process, so its own next score sees the new rule (blocking)."""
    with _registry_lock:
        scorers = [s for (url, home, _), s in _live.items() if (url, home) == _key(db, settings)]
    for scorer in scorers:
        scorer.current(db)
        scorer.refresh()


def _key(db: Database, settings: Settings) -> tuple[str, str]:
    return str(db.engine.url), str(settings.home)


def score_with(built: BuiltScorer, payload: Any) -> ScoredDeclaration:
    """One declaration's lane and reasons, and the model's view beside them."""
    lines = read_declaration(payload)
    opinion = opinion_of(built.model, built.findings, lines)
    return ScoredDeclaration(built.scorer.score(lines), opinion)
