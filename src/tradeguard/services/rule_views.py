"""What the rule library shows: a rule's published versions and, beside each, its figures.

A version's content is the rule as the analyst wrote it (domain.rule.Rule, as stored), kept as
that document: `redacted` removes the predicate before any interface sees it (docs/security.md).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from typing import Any

from tradeguard.services.effectiveness import RuleEffect
from tradeguard.store.rules import RuleVersion

__all__ = ["RuleFigures", "RuleHistory", "RuleVersionView"]

SENSITIVE = ("where",)


@dataclass(frozen=True, slots=True)
class RuleFigures:
    """A version's holds, findings, violations, hit rate (95% interval) and lift; None before
    it held anything."""

    holds: int | None = None
    findings: int | None = None
    violations: int | None = None
    hit_rate: float | None = None
    hit_rate_ci: list[float] | None = None
    lift: float | None = None

    @classmethod
    def of(cls, effect: RuleEffect | None) -> RuleFigures:
        if effect is None:
            return cls()
        e = effect
        return cls(e.holds, e.findings, e.violations, e.hit_rate, e.hit_rate_ci, e.lift)


@dataclass(frozen=True, slots=True)
class RuleVersionView:
    """One published version: who published it when, its content, and (in the library) its
    figures."""

    version: int
    status: str
    created_at: str
    created_by: str
    content: dict[str, Any]
    figures: RuleFigures | None = None

    @classmethod
    def of(cls, row: RuleVersion) -> RuleVersionView:
        at = row.created_at.isoformat()
        return cls(row.version, row.status, at, row.created_by, json.loads(row.content))

    @property
    def where(self) -> str | None:
        return self.content.get("where")

    def redacted(self, *, with_predicates: bool) -> RuleVersionView:
        if with_predicates:
            return self
        return replace(self, content={k: v for k, v in self.content.items() if k not in SENSITIVE})

    def as_json(self) -> dict[str, Any]:
        figures = {} if self.figures is None else asdict(self.figures)
        return {
            "version": self.version, "status": self.status, "created_at": self.created_at,
            "created_by": self.created_by, **self.content, **figures,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class RuleHistory:
    """Every version of one rule, oldest first; the latest is the one in force (or retired)."""

    versions: list[RuleVersionView]

    @property
    def latest(self) -> RuleVersionView:
        return self.versions[-1]

    def as_json(self) -> dict[str, Any]:
        return {**self.latest.as_json(), "versions": [v.as_json() for v in self.versions]}
