"""Exploration in targeting: the model's share of exams reaches importers never examined.

The risk model ranks the discretionary holds that capacity lets officers examine. Ranked by
expected yield alone, those exams go to importers the model already knows, and it never learns
about new ones; exam planning therefore gives a share of the hours to the best holds of
never-examined importers (domain.exams.MODEL_EXPLORE_SHARE; docs/model.md, "Exploration in
targeting"). This use case says how far that reaches, beside the plan by yield alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tradeguard.domain.exams import DISCRETIONARY, allocate
from tradeguard.services.exams import exam_candidates, window_of
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class ExplorationReach:
    explore_share: float  # of the discretionary hours; 0 when no model ranked the run
    discretionary_exams: int
    never_examined_importers: int  # of those exams, on importers with no finding yet
    by_yield_alone: int  # the same count when the same holds are planned by yield only

    def as_json(self) -> dict[str, float | int]:
        return {
            "explore_share": self.explore_share,
            "discretionary_exams": self.discretionary_exams,
            "never_examined_importers": self.never_examined_importers,
            "never_examined_by_yield_alone": self.by_yield_alone,
        }


def exploration_reach(db: Database, capacity_scale: Decimal = Decimal(1)) -> ExplorationReach:
    """The latest run's discretionary exams as planned (with exploration when the model ranked
    it) and, for comparison, planned by expected yield alone."""
    with UnitOfWork(db) as uow:
        c = exam_candidates(uow, window_of(None, None, None), capacity_scale)
    discretionary = {h.hold_id for h in c.at_ports if h.lane == DISCRETIONARY}
    unseen = {h.hold_id for h in c.at_ports if h.unseen} & discretionary
    planned = allocate(c.at_ports, c.capacity, c.explore).examined & discretionary
    by_yield = allocate(c.at_ports, c.capacity).examined & discretionary
    return ExplorationReach(
        explore_share=float(c.explore),
        discretionary_exams=len(planned),
        never_examined_importers=len(planned & unseen),
        by_yield_alone=len(by_yield & unseen),
    )
