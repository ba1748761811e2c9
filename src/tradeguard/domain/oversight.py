"""Audit recommendations and the evidence that each one is met, as values.

GAO-17-618's Appendix I lists the open recommendations on CBP trade enforcement; each names a
control. The tracker links each to the platform's features and to an evidence check computed from
the stores. A check answers met, not met or no data, always with the figures behind the answer;
a recommendation the platform cannot prove from its own data says so (`outside`) instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

# A figure is a count, a share, a dollar string, a list of names or a small mapping (JSON).
Figure = object


class EvidenceStatus(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    NO_DATA = "no data"


class Scope(StrEnum):
    PLATFORM = "platform"
    OUTSIDE = "outside platform"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A check's answer and the figures behind it (counts, dollars as strings, a reason)."""

    status: EvidenceStatus
    figures: dict[str, Figure] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status.value, "figures": dict(self.figures)}


def met_if(condition: bool, figures: Mapping[str, Figure]) -> Evidence:
    return Evidence(EvidenceStatus.MET if condition else EvidenceStatus.NOT_MET, dict(figures))


def no_data(reason: str, **figures: Figure) -> Evidence:
    return Evidence(EvidenceStatus.NO_DATA, {"reason": reason, **figures})


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommendation as the report printed it, with what the platform does about it."""

    id: str
    report: str
    report_title: str
    report_date: date
    topic: str
    text: str
    status_as_of_report: str
    source: str
    features: tuple[str, ...]
    check: str | None
    outside: str | None

    @property
    def scope(self) -> Scope:
        return Scope.OUTSIDE if self.outside else Scope.PLATFORM


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A recommendation's evidence status moved (or was first recorded) on a tracker run."""

    recommendation_id: str
    status: EvidenceStatus
    previous: EvidenceStatus | None
    recorded_at: str
    figures: dict[str, Figure]


def changes(
    previous: dict[str, EvidenceStatus], current: dict[str, EvidenceStatus]
) -> dict[str, tuple[EvidenceStatus | None, EvidenceStatus]]:
    """Recommendations whose status differs from the last one recorded (or was never recorded)."""
    return {
        rec_id: (previous.get(rec_id), status)
        for rec_id, status in current.items()
        if previous.get(rec_id) != status
    }
