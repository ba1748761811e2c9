"""The measure catalogue, computed from a snapshot of the system's own data."""

from tradeguard.domain.measures.catalogue import CATALOGUE, Definition, compute
from tradeguard.domain.measures.facts import (
    AuditFact,
    BondDemandFact,
    CaseFact,
    DecisionFact,
    EapaFact,
    Filters,
    FindingFact,
    HoldFact,
    PenaltyFact,
    PerformanceFacts,
    RemovalFact,
    SeizureFact,
)
from tradeguard.domain.measures.value import MeasureValue

__all__ = [
    "CATALOGUE",
    "AuditFact",
    "BondDemandFact",
    "CaseFact",
    "DecisionFact",
    "Definition",
    "EapaFact",
    "Filters",
    "FindingFact",
    "HoldFact",
    "MeasureValue",
    "PenaltyFact",
    "PerformanceFacts",
    "RemovalFact",
    "SeizureFact",
    "compute",
]
