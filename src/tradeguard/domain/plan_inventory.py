"""Table 11 as a check: one status per Priority Trade Issue, and the problems of its plans.

GAO-17-618's Table 11 (as of February 2017) found AD/CVD with current plans; IPR, Textiles, Trade
Agreements and Revenue using outdated ones (FY2010-2014, FY2011, FY2011, FY2009); Import Safety
and Agriculture with none; most with drafts in progress. A PTI is *current* when a plan in force
covers the fiscal year, *outdated* when it has no such plan but still uses one whose period has
ended (the latest one), and *none* otherwise. A plan is a draft until its status says `in force`
and, when it names one, until its adoption date. Problems are measure-level: a measure without a
target for a year of its plan, a definition tradeguard cannot compute, a filter that does not
apply. They are checked on the plans a PTI uses and on its drafts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tradeguard.domain.measures.catalogue import CATALOGUE
from tradeguard.domain.plans import Plan
from tradeguard.domain.pti import PTI


class PtiStatus(StrEnum):
    CURRENT = "current"
    OUTDATED = "outdated"
    NONE = "none"


class Reason(StrEnum):
    MEASURE_WITHOUT_TARGET = "measure with no target"
    UNKNOWN_DEFINITION = "definition not in the catalogue"
    FILTER_NOT_APPLICABLE = "filter does not apply to the definition"


@dataclass(frozen=True, slots=True)
class Problem:
    reason: Reason
    pti: str
    plan: str
    measure: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PtiPlans:
    """One row of Table 11: the PTI's status, the plans it uses, and its drafts."""

    pti: str
    status: PtiStatus
    in_force: tuple[str, ...] = ()
    drafts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Inventory:
    fy: int
    as_of: date
    ptis: tuple[PtiPlans, ...]
    problems: tuple[Problem, ...]

    @property
    def clean(self) -> bool:
        """Every PTI current and no problem: what GAO's first recommendation asks for."""
        return not self.problems and all(p.status is PtiStatus.CURRENT for p in self.ptis)

    def as_json(self) -> dict[str, Any]:
        """Table 11 as JSON: one status per PTI, with the plans it uses and its drafts, and the
        problems of those plans."""
        return {
            "fy": self.fy,
            "as_of": self.as_of.isoformat(),
            "ptis": [
                {
                    "pti": p.pti,
                    "status": p.status.value,
                    "in_force": list(p.in_force),
                    "drafts": list(p.drafts),
                }
                for p in self.ptis
            ],  # fmt: skip
            "problems": [
                {
                    "reason": f.reason.value,
                    "pti": f.pti,
                    "plan": f.plan,
                    "measure": f.measure,
                    "detail": f.detail,
                }
                for f in self.problems
            ],  # fmt: skip
        }


def measure_problems(plan: Plan) -> list[Problem]:
    found: list[Problem] = []
    for m in plan.measures():
        known = CATALOGUE.get(m.definition)
        base = (plan.pti.value, plan.id, m.id)
        if known is None:
            found.append(Problem(Reason.UNKNOWN_DEFINITION, *base, detail=m.definition))
        elif not known.placed and (m.filters.port or m.filters.center):
            found.append(Problem(Reason.FILTER_NOT_APPLICABLE, *base, detail=m.definition))
        missing = [fy for fy in range(plan.first_fy, plan.last_fy + 1) if fy not in m.targets]
        if missing:
            years = ", ".join(f"FY{fy}" for fy in missing)
            found.append(Problem(Reason.MEASURE_WITHOUT_TARGET, *base, detail=years))
    return found


def pti_plans(plans: list[Plan], pti: PTI, fy: int, as_of: date) -> tuple[PtiPlans, list[Plan]]:
    """The PTI's Table 11 row, and the plans it covers (those in use, then the drafts)."""
    mine = sorted((p for p in plans if p.pti == pti), key=lambda p: (p.first_fy, p.last_fy, p.id))
    in_force = [p for p in mine if p.in_force_on(as_of)]
    drafts = [p for p in mine if not p.in_force_on(as_of) and p.last_fy >= fy]
    current = [p for p in in_force if p.covers(fy)]
    ended = [p for p in in_force if p.last_fy < fy]
    if current:
        status, used = PtiStatus.CURRENT, current
    elif ended:
        latest = max(p.last_fy for p in ended)
        status, used = PtiStatus.OUTDATED, [p for p in ended if p.last_fy == latest]
    else:
        status, used = PtiStatus.NONE, []
    row = PtiPlans(pti.value, status, tuple(p.id for p in used), tuple(p.id for p in drafts))
    return row, used + drafts


def take_inventory(
    plans: Iterable[Plan], fy: int, as_of: date, ptis: Iterable[PTI] = tuple(PTI)
) -> Inventory:
    """Table 11 for fiscal year `fy` as of the day `as_of`, over a set of plans."""
    plans = list(plans)
    rows: list[PtiPlans] = []
    problems: list[Problem] = []
    for pti in ptis:
        row, covered = pti_plans(plans, pti, fy, as_of)
        rows.append(row)
        for plan in covered:
            problems.extend(measure_problems(plan))
    return Inventory(fy, as_of, tuple(rows), tuple(problems))
