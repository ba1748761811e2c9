"""What was known about an entry line on its entry day: the facts the nonpayment score uses.

Each fact is read from the history strictly before the entry day, so a score computed for an
old entry is the score it would have had then (the out-of-time evaluation depends on it). The
first year of history is a warm-up: an importer first seen in it may be an old one whose earlier
entries predate the data, so only importers first seen after it count as new.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tradeguard.domain.adcvd.entries import MICRO, EntryDeposit
from tradeguard.domain.adcvd.risk import Factor

NEW_DAYS = 365
# a review that raised the order's rate counts for two years: the next review may raise it again
REVIEW_MEMORY_DAYS = 730
HIGH_RATE_MICRO = MICRO  # 100%


@dataclass(frozen=True, slots=True)
class BillFact:
    importer_id: str
    due_on: date
    settled_on: date | None  # the day the importer paid in full; None if it never did


@dataclass(frozen=True, slots=True)
class ReviewFact:
    case_no: str
    issued_on: date
    rose: bool  # the final rate was above the deposit rate of the period


def _first_seen(lines: list[EntryDeposit]) -> dict[str, date]:
    first: dict[str, date] = {}
    for d in lines:
        if d.importer_id not in first or d.entry_date < first[d.importer_id]:
            first[d.importer_id] = d.entry_date
    return first


def entry_factors(
    lines: list[EntryDeposit],
    liquidated_on: dict[tuple[str, int], date],
    bills: list[BillFact],
    reviews: list[ReviewFact],
) -> dict[tuple[str, int], frozenset[Factor]]:
    """The entry-time factors of every line, keyed by (entry_no, line_no)."""
    if not lines:
        return {}
    warm_up_end = min(d.entry_date for d in lines) + timedelta(days=NEW_DAYS)
    first = _first_seen(lines)
    by_importer: dict[str, list[EntryDeposit]] = defaultdict(list)
    for d in lines:
        by_importer[d.importer_id].append(d)
    bills_of: dict[str, list[BillFact]] = defaultdict(list)
    for b in bills:
        bills_of[b.importer_id].append(b)
    review_days: dict[str, list[tuple[date, bool]]] = defaultdict(list)
    for r in sorted(reviews, key=lambda r: r.issued_on):
        review_days[r.case_no].append((r.issued_on, r.rose))
    out: dict[tuple[str, int], frozenset[Factor]] = {}
    for d in lines:
        day = d.entry_date
        found: set[Factor] = set()
        seen = first[d.importer_id]
        if seen > warm_up_end and (day - seen).days < NEW_DAYS:
            found.add(Factor.NEW_IMPORTER)
        if any(b.due_on < day and (b.settled_on is None or b.settled_on >= day)
               for b in bills_of[d.importer_id]):  # fmt: skip
            found.add(Factor.UNPAID_HISTORY)
        if d.bond_cents < _open_deposits(d, by_importer[d.importer_id], liquidated_on):
            found.add(Factor.BOND_SHORT)
        if any(rose and 0 < (day - when).days <= REVIEW_MEMORY_DAYS
               for when, rose in review_days[d.case_no]):  # fmt: skip
            found.add(Factor.RATE_ROSE)
        if d.deposit_rate_micro >= HIGH_RATE_MICRO:
            found.add(Factor.HIGH_DEPOSIT_RATE)
        if d.bond_type == "single":
            found.add(Factor.SINGLE_BOND)
        out[(d.entry_no, d.line_no)] = frozenset(found)
    return out


def _open_deposits(
    line: EntryDeposit, mine: list[EntryDeposit], liquidated_on: dict[tuple[str, int], date]
) -> int:
    """Deposits the line's bond stands behind on its entry day: the entry's own lines for a
    single transaction bond, every unliquidated line of the importer for a continuous one."""
    day = line.entry_date
    total = 0
    for d in mine:
        if line.bond_type == "single" and d.entry_no != line.entry_no:
            continue
        done = liquidated_on.get((d.entry_no, d.line_no))
        if d.entry_date <= day and (done is None or done > day):
            total += d.deposit_cents
    return total
