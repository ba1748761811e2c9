"""Carry open cases through their lives: the demo's officers make each case's moves, dated.

The moves are drawn by generator/case_outcomes.py (deterministic for a seed and a case number)
and made through services.cases.move_in, the same move the command line and the API make, so
every rule of the case's machine, its money checks, deadlines and change log apply. A batch of
cases is one unit of work.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from tradeguard.domain.cases import CaseKind, machine_for
from tradeguard.domain.cases.money import from_cents
from tradeguard.generator.case_outcomes import BRANCHES, CaseSketch, draw_moves
from tradeguard.services.allegation_year import AllegationsTriaged, replay_allegations
from tradeguard.services.case_followups import open_followups
from tradeguard.services.cases import move_in
from tradeguard.store.cases import CaseRow
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork

__all__ = ["BATCH", "CasesCarried", "YearCarried", "carry_cases", "carry_year", "sketch"]

BATCH = 300  # cases per unit of work


@dataclass(frozen=True, slots=True)
class CasesCarried:
    """What carrying the cases did: moves made, by case kind and state reached."""

    cases: int
    moves: int
    reached: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {"cases": self.cases, "moves": self.moves, "reached": self.reached}


@dataclass(frozen=True, slots=True)
class YearCarried:
    """The follow-up cases opened by kind, the e-allegations triaged, and the cases carried."""

    followups: dict[str, int]
    allegations: AllegationsTriaged
    carried: CasesCarried

    def as_json(self) -> dict[str, object]:
        followed, tips = self.followups, self.allegations.as_json()
        return {"follow-up cases": followed, "e-allegations": tips, **self.carried.as_json()}


def _basis_cents(row: CaseRow) -> int:
    """The money an outcome is priced from: goods' domestic value (seizure), the revenue basis
    an audit starts from (`details.basis_usd`)."""
    details = json.loads(row.details or "{}")
    name = "domestic_value_usd" if row.kind == CaseKind.SEIZURE.value else "basis_usd"
    try:
        return int((Decimal(str(details.get(name) or 0)) * 100).to_integral_value())
    except ArithmeticError:
        return 0


def sketch(row: CaseRow) -> CaseSketch:
    return CaseSketch(
        kind=CaseKind(row.kind), state=row.state, opened_on=row.opened_on,
        demanded_cents=row.demanded_cents, subtype=row.subtype,
        violation_type=row.violation_type, basis_cents=_basis_cents(row),
    )  # fmt: skip


def _movable(db: Database) -> list[int]:
    """Cases of a kind the outcomes cover, still in a state with a way out."""
    with UnitOfWork(db) as uow:
        rows = uow.cases.matching()
        return [
            r.id
            for r in rows
            if CaseKind(r.kind) in BRANCHES
            and r.state not in machine_for(CaseKind(r.kind)).terminal
        ]


def carry_cases(db: Database, *, seed: int, as_of: date, actor: str = "demo") -> CasesCarried:
    """Make every open case's drawn moves up to `as_of`; each case draws from its own
    generator (seed and case number), so the outcome of one case does not depend on another."""
    ids = _movable(db)
    moves = 0
    reached: dict[str, Counter[str]] = {}
    for start in range(0, len(ids), BATCH):
        with UnitOfWork(db) as uow:
            for case_id in ids[start : start + BATCH]:
                row = uow.cases.get(case_id)
                rng = random.Random(f"{seed}:{case_id}")
                for move in draw_moves(sketch(row), rng, as_of):
                    amount = None if move.amount_cents is None else from_cents(move.amount_cents)
                    move_in(uow, case_id, move.to, actor, on=move.on, amount=amount,
                            note="demo outcome")  # fmt: skip
                    moves += 1
                reached.setdefault(row.kind, Counter())[row.state] += 1
            uow.commit()
    return CasesCarried(
        cases=len(ids),
        moves=moves,
        reached={kind: dict(sorted(c.items())) for kind, c in sorted(reached.items())},
    )


def carry_year(
    db: Database,
    generated_dir: Path,
    *,
    entries: int,
    fy: int,
    seed: int,
    as_of: date | None = None,
) -> YearCarried:
    """A year's cases carried to money: the operations, audits and referrals that follow its
    findings, the public's e-allegations triaged, then every case's moves up to `as_of` (today)."""
    followed = open_followups(db, entries=entries, fy=fy, seed=seed)
    tips = replay_allegations(db, generated_dir, entries=entries, fy=fy, seed=seed)
    carried = carry_cases(db, seed=seed, as_of=as_of or date.today())
    return YearCarried(followed, tips, carried)
