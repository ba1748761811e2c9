"""Nonpayment risk from the stores: the likelihood × significance analysis of settled bills,
the entry-time score of every line with its reasons, and its out-of-time evaluation.

A bill counts as unpaid when the importer had not paid it in full 90 days after its due date
(whether the surety then paid or it was written off): that is the nonpayment the bond claim
and the write-off follow from. The score's weights are learnt from the bills whose fate was
known on the cutoff day (each with its line's entry-time factors) and applied to lines entered
after it. Learning from lines instead would see only the oldest ones, since a line's bill comes
two years or more after entry; measured, that ranked worse than chance on some seeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from tradeguard.domain.adcvd import EntryDeposit, Instruction
from tradeguard.domain.adcvd.bill import CLAIM_AFTER_DAYS
from tradeguard.domain.adcvd.history import BillFact, ReviewFact, entry_factors
from tradeguard.domain.adcvd.risk import (
    EXPLANATION,
    Factor,
    FactorRisk,
    Outcome,
    Weights,
    analyse,
    learn_weights,
    precision_at,
    score,
)
from tradeguard.domain.errors import InvalidInput
from tradeguard.store.adcvd import BillRow, deposit_of
from tradeguard.store.adcvd_repository import AdcvdRepository
from tradeguard.store.database import Database

LARGE_INCREASE = 1.5


@dataclass(frozen=True, slots=True)
class RiskAnalysis:
    bills: int
    base_rate: float
    factors: list[FactorRisk]

    def as_json(self) -> dict[str, Any]:
        return {
            "bills": self.bills,
            "base_rate": round(self.base_rate, 4),
            "factors": [
                {
                    "factor": f.factor.value, "why": EXPLANATION[f.factor], "bills": f.bills,
                    "unpaid": f.unpaid, "likelihood": round(f.likelihood, 4),
                    "lift": round(f.lift, 2), "significance": round(f.significance, 4),
                    "risk": f.risk, "level": f.level,
                }
                for f in self.factors
            ],
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class ScoredLine:
    entry_no: str
    line_no: int
    importer_id: str
    entry_date: date
    probability: float
    reasons: tuple[tuple[Factor, float], ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "entry_no": self.entry_no,
            "line_no": self.line_no,
            "importer_id": self.importer_id,
            "entry_date": self.entry_date.isoformat(),
            "probability": round(self.probability, 4),
            "reasons": [
                {"factor": f.value, "weight": round(w, 3), "why": EXPLANATION[f]}
                for f, w in self.reasons
            ],
        }


@dataclass(frozen=True, slots=True)
class ScoreEvaluation:
    cutoff: date
    trained_on: int
    weights: Weights
    test_lines: int
    base_rate: float
    precision_top_decile: float
    top: list[ScoredLine]

    @property
    def lift(self) -> float:
        return self.precision_top_decile / self.base_rate if self.base_rate else 0.0

    def as_json(self) -> dict[str, Any]:
        weights = self.weights
        return {
            "cutoff": self.cutoff.isoformat(),
            "trained_on": self.trained_on,
            "weights": {"prior": round(weights.prior, 3)}
            | {f.value: round(w, 3) for f, w in weights.by_factor.items() if isinstance(f, Factor)},
            "test_lines": self.test_lines,
            "base_rate": round(self.base_rate, 4),
            "precision_top_decile": round(self.precision_top_decile, 4),
            "lift": round(self.lift, 2),
            "top": [s.as_json() for s in self.top],
        }


@dataclass(slots=True)
class _History:
    lines: list[EntryDeposit]
    factors: dict[tuple[str, int], frozenset[Factor]]
    bills: dict[tuple[str, int], BillRow]
    increase: dict[tuple[str, int], float]
    liquidated: dict[tuple[str, int], date]


def _unpaid_by(bill: BillRow, on: date) -> bool | None:
    """True when not paid by the importer 90 days past due, False when it was, None when the
    question was still open on `on`."""
    if bill.state == "paid" and bill.surety_paid_cents == 0 and bill.closed_on is not None:
        if bill.closed_on <= on:
            return (bill.closed_on - bill.due_on).days >= CLAIM_AFTER_DAYS
    if (on - bill.due_on).days >= CLAIM_AFTER_DAYS:
        return True
    return None


def _reviews(instructions: list[Instruction], lines: list[EntryDeposit]) -> list[ReviewFact]:
    """Each review instruction, and whether it set a rate above the period's deposit rates."""
    found = []
    for ins in instructions:
        rates = [d.deposit_rate_micro for d in lines if ins.covers(d)]
        final = ins.final_rate_micro
        rose = final is not None and bool(rates) and final > max(rates)
        found.append(ReviewFact(ins.case_no, ins.issued_on, rose))
    return found


def _history(db: Database) -> _History:
    with db.session() as session:
        repo = AdcvdRepository(session)
        lines = [deposit_of(r) for r in repo.all_deposits()]
        liquidated = repo.liquidation_days()
        outcomes = repo.line_outcomes()
        rows = repo.bills()
        instructions = repo.instructions()
    deposit_rate = {(d.entry_no, d.line_no): d.deposit_rate_micro for d in lines}
    increase: dict[tuple[str, int], float] = {}
    for dep, lq, _ in outcomes:
        base = deposit_rate[(dep.entry_no, dep.line_no)]
        increase[(dep.entry_no, dep.line_no)] = lq.final_rate_micro / base if base else 1.0
    facts = [
        BillFact(b.importer_id, b.due_on, b.closed_on if b.state == "paid" else None) for b in rows
    ]
    return _History(
        lines=lines,
        factors=entry_factors(lines, liquidated, facts, _reviews(instructions, lines)),
        bills={(b.entry_no, b.line_no): b for b in rows},
        increase=increase,
        liquidated=liquidated,
    )


def risk_analysis(db: Database, on: date) -> RiskAnalysis:
    """Likelihood × significance of each factor over the bills whose fate was known on `on`."""
    history = _history(db)
    outcomes = []
    for key, bill in history.bills.items():
        unpaid = _unpaid_by(bill, on)
        if unpaid is None:
            continue
        present = set(history.factors.get(key, frozenset()))
        if history.increase.get(key, 0.0) >= LARGE_INCREASE:
            present.add(Factor.LARGE_INCREASE)
        owed = bill.principal_cents + bill.interest_cents - bill.paid_cents
        outcomes.append(Outcome(frozenset(present), unpaid, owed if unpaid else 0))
    base, factors = analyse(outcomes)
    return RiskAnalysis(len(outcomes), base, factors)


def _training(history: _History, cutoff: date) -> list[Outcome]:
    """The bills whose fate was known on the cutoff (paid, or 90 days past due and unpaid),
    each with the entry-time factors of its line."""
    out = []
    for key, bill in history.bills.items():
        unpaid = _unpaid_by(bill, cutoff) if bill.issued_on < cutoff else None
        if unpaid is not None:
            out.append(Outcome(history.factors[key], unpaid, 0))
    return out


def evaluate_score(db: Database, truth: Path, cutoff: date, top: int = 20) -> ScoreEvaluation:
    """Learn on what was known at `cutoff`; rank the lines entered after it; check the truth."""
    history = _history(db)
    training = _training(history, cutoff)
    if not training:
        raise InvalidInput(f"no bill settled before {cutoff} to learn from", "cutoff")
    weights = learn_weights(training)
    planted = _truth(truth)
    scored = []
    for d in history.lines:
        key = (d.entry_no, d.line_no)
        if d.entry_date < cutoff or key not in planted:
            continue
        s = score(history.factors[key], weights)
        scored.append(
            ScoredLine(
                d.entry_no, d.line_no, d.importer_id, d.entry_date, s.probability, s.reasons
            )  # fmt: skip
        )
    if not scored:
        raise InvalidInput(f"no lines entered on or after {cutoff} in the truth file", "cutoff")
    scored.sort(key=lambda s: (-s.probability, s.entry_date, s.entry_no, s.line_no))
    ranked = [planted[(s.entry_no, s.line_no)] for s in scored]
    return ScoreEvaluation(
        cutoff=cutoff, trained_on=len(training), weights=weights, test_lines=len(scored),
        base_rate=sum(ranked) / len(ranked), precision_top_decile=precision_at(ranked, 0.10),
        top=scored[:top],
    )  # fmt: skip


def _truth(path: Path) -> dict[tuple[str, int], bool]:
    if not path.is_file():
        raise InvalidInput(f"{path}: no such truth file", "truth")
    frame = pl.read_parquet(path, columns=["entry_no", "line_no", "nonpayment"])
    return {(e, int(n)): bool(v) for e, n, v in frame.iter_rows()}


def entry_scores(db: Database, on: date) -> list[ScoredLine]:
    """The lines still open on `on` (entered, not liquidated), each scored as on its entry day
    with the weights learnt from what was known on `on`, riskiest first."""
    history = _history(db)
    weights = learn_weights(_training(history, on))
    found = []
    for d in history.lines:
        key = (d.entry_no, d.line_no)
        done = history.liquidated.get(key)
        if d.entry_date > on or (done is not None and done <= on):
            continue
        s = score(history.factors[key], weights)
        found.append(ScoredLine(d.entry_no, d.line_no, d.importer_id, d.entry_date,
                                s.probability, s.reasons))  # fmt: skip
    found.sort(key=lambda s: (-s.probability, s.entry_date, s.entry_no, s.line_no))
    return found
