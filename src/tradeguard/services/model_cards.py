"""A model card per version: what it learnt from, on which features, how well, and its limits.

Read from what the registry stored with the version when it was trained, so a card never drifts
from its model; the status (active, challenger, retired) is the registry's now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tradeguard.config import Settings
from tradeguard.risk import registry

# Limits every version shares; version-specific ones are added from its own figures.
SHARED_LIMITS = (
    "Learns only from examined lines: a kind of violation that no rule, no earlier model and "
    "no random draw ever examined cannot be learnt.",
    "Random-sample findings are up-weighted to stand for the unexamined flow; the weight is "
    "capped at 50, so predicted rates stay somewhat above the population's.",
    "History features need findings dated before the entry: a new importer scores on its "
    "declaration alone.",
)
THIN_RANDOM_SAMPLE = 100


@dataclass(frozen=True, slots=True)
class ModelCard:
    version: str
    status: str
    trained_at: str | None
    window: dict[str, Any]
    findings: dict[str, Any]
    features: list[str]
    metrics: dict[str, Any]
    limits: list[str]

    def as_json(self) -> dict[str, object]:
        return {
            "version": self.version,
            "status": self.status,
            "trained_at": self.trained_at,
            "data_window": self.window,
            "findings": self.findings,
            "features": self.features,
            "metrics": self.metrics,
            "known_limits": self.limits,
        }

    def markdown(self) -> str:
        lines = [f"# Risk model {self.version} ({self.status})", ""]
        lines.append(f"- trained at: {self.trained_at or 'unknown'}")
        w = self.window
        lines.append(f"- data window: {w.get('from', '?')} to {w.get('until', '?')}")
        f = self.findings
        lines.append(
            f"- findings: {f.get('n_findings', '?')} ({f.get('n_targeted', '?')} targeted, "
            f"{f.get('n_random', '?')} random, weight {f.get('random_weight', '?')})"
        )
        lines += ["", "## Features", "", ", ".join(self.features), "", "## Metrics", ""]
        for row in self.metrics.get("at_rate", []):
            lines.append(
                f"- precision at {row['rate']:.0%} on the random-sample hold-out: "
                f"{row['precision']:.3f}"
            )
        if "note" in self.metrics:
            lines.append(f"- {self.metrics['note']}")
        lines += ["", "## Known limits", "", *[f"- {limit}" for limit in self.limits], ""]
        return "\n".join(lines)


def _status(settings: Settings, version: str) -> str:
    if version == registry.active_version(settings.models_dir):
        return "active"
    return "challenger" if version in registry.challengers(settings.models_dir) else "retired"


def model_card(settings: Settings, version: str) -> ModelCard:
    meta = registry.load(settings.models_dir, version).meta
    limits = list(SHARED_LIMITS)
    n_random = int(meta.get("n_random", 0))
    if n_random < THIN_RANDOM_SAMPLE:
        limits.append(
            f"Only {n_random} random-sample findings: the hold-out precision and the bias "
            "correction both rest on few draws."
        )
    metrics = dict(meta.get("metrics", {}))
    return ModelCard(
        version=version,
        status=_status(settings, version),
        trained_at=meta.get("trained_at"),
        window=dict(meta.get("window", {})),
        findings={
            k: meta.get(k) for k in ("n_findings", "n_targeted", "n_random", "random_weight")
        },
        features=list(meta.get("features", [])),
        metrics=metrics,
        limits=limits,
    )


def model_cards(settings: Settings) -> list[ModelCard]:
    """Every version's card, newest first."""
    return [model_card(settings, v) for v in reversed(registry.versions(settings.models_dir))]
