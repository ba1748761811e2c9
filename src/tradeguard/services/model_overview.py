"""The analyst's view of the risk model: its monitoring, each challenger's case, every card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.risk import registry
from tradeguard.services.model import train_and_register
from tradeguard.services.model_cards import ModelCard, model_cards
from tradeguard.services.model_monitor import MonitorReport, monitor
from tradeguard.services.model_promotion import PromotionCase, promotion_case
from tradeguard.services.model_shadow import shadow_score


@dataclass(frozen=True, slots=True)
class ModelOverview:
    monitor: MonitorReport | None
    challengers: list[PromotionCase]
    cards: list[ModelCard]


def model_overview(settings: Settings) -> ModelOverview:
    """Everything the model page shows; an empty overview before any model is trained."""
    if registry.active_version(settings.models_dir) is None:
        return ModelOverview(None, [], model_cards(settings))
    rivals = registry.challengers(settings.models_dir)
    return ModelOverview(
        monitor=monitor(settings),
        challengers=[promotion_case(settings, v) for v in rivals],
        cards=model_cards(settings),
    )


def challenger_in_shadow(settings: Settings, *, seed: int) -> dict[str, Any]:
    """The demo's loop: train a challenger on the same findings (another seed), score every entry
    with both, monitor the active model, and ask whether the challenger may be promoted (not
    yet: nothing has been examined since it was trained)."""
    try:
        challenger = train_and_register(settings, seed=seed, activate=False)
    except InvalidInput as error:  # a tiny demo may lack both kinds of result
        return {"challenger": f"none ({error})"}
    shadow = shadow_score(settings)
    report = monitor(settings)
    case = promotion_case(settings, challenger["version"])
    return {
        "shadow": shadow.as_json(),
        "monitor": {
            "state": report.state,
            "alerts": report.alerts,
            "weeks": len(report.drift),
            "worst_week_psi": max((d.psi for d in report.drift), default=0.0),
            "calibration_error": report.calibration_error,
        },
        "promotion": {"promote": case.promote, "reason": case.reason},
    }
