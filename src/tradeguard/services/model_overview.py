"""The analyst's view of the risk model: its monitoring, each challenger's case, every card."""

from __future__ import annotations

from dataclasses import dataclass

from tradeguard.config import Settings
from tradeguard.risk import registry
from tradeguard.services.model_cards import ModelCard, model_cards
from tradeguard.services.model_monitor import MonitorReport, monitor
from tradeguard.services.model_promotion import PromotionCase, promotion_case


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
