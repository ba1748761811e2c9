"""`model monitor`: score drift, calibration and held-entry precision of the active model, and
whether any of them calls for attention (thresholds in risk/monitoring.py, docs/model.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.risk import monitoring, registry
from tradeguard.risk.monitoring import Decile, WeekDrift, WeekPrecision
from tradeguard.services.model_shadow import recorded_findings, score_entries, window_lines
from tradeguard.store.score_log import ScoreLog

# A week with fewer scored entries than this says little about the population: no alert from it.
MIN_WEEK_ENTRIES = 50


@dataclass(frozen=True, slots=True)
class MonitorReport:
    version: str
    window: tuple[date, date]
    drift: list[WeekDrift]
    calibration: list[Decile]
    calibration_error: float
    calibration_out_of_time: bool
    held_precision: list[WeekPrecision]
    alerts: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        return "alert" if self.alerts else "ok"

    def as_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "state": self.state,
            "alerts": self.alerts,
            "thresholds": {
                "psi_watch": monitoring.PSI_WATCH,
                "psi_alert": monitoring.PSI_ALERT,
                "calibration_error_alert": monitoring.ECE_ALERT,
            },
            "training_window": [d.isoformat() for d in self.window],
            "drift": [
                {"week": d.week.isoformat(), "entries": d.entries, "psi": d.psi, "state": d.state}
                for d in self.drift
            ],
            "calibration": {
                "out_of_time": self.calibration_out_of_time,
                "error": self.calibration_error,
                "deciles": [
                    {
                        "decile": d.decile,
                        "entries": d.entries,
                        "predicted": d.predicted,
                        "observed": d.observed,
                    }
                    for d in self.calibration
                ],  # fmt: skip
            },
            "held_precision": [
                {
                    "week": w.week.isoformat(),
                    "examined": w.examined,
                    "violations": w.violations,
                    "precision": w.precision,
                }
                for w in self.held_precision
            ],  # fmt: skip
        }


def active_scores(settings: Settings, version: str) -> pl.DataFrame:
    """The active version's recorded scores; every entry scored now (and recorded) when the
    log lacks some, so drift always covers the whole lake."""
    log = ScoreLog(settings.models_dir)
    scores = log.read(version)
    lines = window_lines(settings, None, None)
    if scores.height < lines["entry_no"].n_unique():
        model = registry.load(settings.models_dir, version)
        log.record(version, score_entries(model, lines, recorded_findings(settings)))
        scores = log.read(version)
    return scores


def _window(meta: dict[str, object], scores: pl.DataFrame) -> tuple[date, date]:
    window = meta.get("window")
    if isinstance(window, dict):
        return date.fromisoformat(str(window["from"])), date.fromisoformat(str(window["until"]))
    first = scores["entry_date"].min()
    assert isinstance(first, date)
    return first, first


def _calibration(
    scores: pl.DataFrame, findings: pl.DataFrame, until: date
) -> tuple[list[Decile], bool]:
    """Deciles from findings made after training when there are enough, else from all."""
    examined = findings.group_by("entry_no").agg(
        pl.col("finding_date").max(), pl.col("violation").any()
    )
    joined = examined.join(scores.select("entry_no", "risk_score"), on="entry_no")
    later = joined.filter(pl.col("finding_date") > until)
    out_of_time = later.height >= monitoring.MIN_CALIBRATION_ENTRIES
    used = later if out_of_time else joined
    deciles = monitoring.calibration(
        used["risk_score"].to_numpy(), used["violation"].cast(pl.Float64).to_numpy()
    )
    return deciles, out_of_time


def _alerts(drift: list[WeekDrift], deciles: list[Decile], ece: float) -> list[str]:
    alerts = []
    full = [d for d in drift if d.entries >= MIN_WEEK_ENTRIES]
    if full and full[-1].psi > monitoring.PSI_ALERT:
        alerts.append(
            f"score drift: PSI {full[-1].psi:.2f} in the week of {full[-1].week} "
            f"(alert above {monitoring.PSI_ALERT})"
        )
    examined = sum(d.entries for d in deciles)
    if examined >= monitoring.MIN_CALIBRATION_ENTRIES and ece > monitoring.ECE_ALERT:
        alerts.append(
            f"calibration: predicted and observed violation rates differ by {ece:.1%} on "
            f"average over {examined} examined entries (alert above {monitoring.ECE_ALERT:.0%})"
        )
    return alerts


def monitor(settings: Settings) -> MonitorReport:
    version = registry.active_version(settings.models_dir)
    if version is None:
        raise InvalidInput("no active model to monitor; train one first", field="model")
    meta = registry.load(settings.models_dir, version).meta
    scores = active_scores(settings, version)
    start, until = _window(meta, scores)
    in_window = scores.filter(pl.col("entry_date").is_between(start, until))
    reference = in_window if in_window.height else scores
    drift = monitoring.weekly_psi(scores, np.asarray(reference["risk_score"].to_numpy()))
    findings = recorded_findings(settings)
    deciles: list[Decile] = []
    out_of_time = False
    held: list[WeekPrecision] = []
    if findings is not None and findings.height:
        findings = findings.with_columns(pl.col("finding_date").cast(pl.Date))
        deciles, out_of_time = _calibration(scores, findings, until)
        held = monitoring.held_precision(findings)
    ece = monitoring.expected_calibration_error(deciles)
    return MonitorReport(
        version=version,
        window=(start, until),
        drift=drift,
        calibration=deciles,
        calibration_error=ece,
        calibration_out_of_time=out_of_time,
        held_precision=held,
        alerts=_alerts(drift, deciles, ece),
    )
