"""Real-time scoring for a long-running server: the scorer is built once and reused.

Building a scorer compiles every active rule and snapshots the importers' history from the lake
(hundreds of milliseconds); scoring one declaration then takes well under one. The scorer is
rebuilt when anything it was built from changes: a rule published or retired, a batch ingested,
findings rewritten.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select

from tradeguard.config import Settings
from tradeguard.services.realtime_scoring import (
    model_opinion,
    read_declaration,
    realtime_scorer,
    score_json,
)
from tradeguard.services.rule_hits import findings_path
from tradeguard.store.database import Database
from tradeguard.store.lake import EntryLake
from tradeguard.store.rules import RuleVersion
from tradeguard.targeting.realtime import RealtimeScorer

_lock = threading.Lock()
_scorers: dict[tuple[str, str, str], tuple[tuple[Any, ...], RealtimeScorer]] = {}


def _mtime(path: Any) -> float:
    try:
        return float(path.stat().st_mtime_ns)
    except OSError:
        return 0.0


def _fingerprint(db: Database, settings: Settings) -> tuple[Any, ...]:
    with db.session() as session:
        rows = session.execute(select(RuleVersion.id, RuleVersion.status))
        rules = tuple((int(i), str(s)) for i, s in rows)
    lake = EntryLake(settings.lake_dir)
    return rules, _mtime(lake.manifest_path), _mtime(findings_path(settings))


def scorer_for(db: Database, settings: Settings, stage: str = "entry") -> RealtimeScorer:
    key = (str(db.engine.url), str(settings.home), stage)
    seen = _fingerprint(db, settings)
    with _lock:
        cached = _scorers.get(key)
        if cached is not None and cached[0] == seen:
            return cached[1]
    scorer = realtime_scorer(db, settings, stage=stage)
    with _lock:
        _scorers[key] = (seen, scorer)
    return scorer


def score_declaration(
    db: Database, settings: Settings, payload: Any, *, stage: str = "entry"
) -> dict[str, Any]:
    """One declaration's lane and reasons: the document `tradeguard score --json` prints."""
    lines = read_declaration(payload)
    return score_json(scorer_for(db, settings, stage).score(lines), model_opinion(settings, lines))
