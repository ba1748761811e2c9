"""The `quota_filled` rule column: the line counts against an import quota that was already
filled, in presentation order, when the line was charged (domain/quotas.py).

Charging is done once per lake state (services/quota_charging.py); what targeting needs from it
is each filled period's fill point, the first line that did not fit. A line is over the quota
when it is covered by the quota, falls in the same period, comes at or after the fill point in
presentation order (entry date, entry number, line number) and declares a positive quantity.
That is a predicate over the line's own declared columns, compiled into each rule as the
admissibility columns are, so DuckDB, Polars, Spark and the real-time interpreter compute it
identically by construction (tests/unit/targeting/test_quota_columns.py checks it against
domain/quotas.over_filled). Entry numbers compare as text, which every engine orders by code
point.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlglot import exp

from tradeguard.domain.quotas import FillPoint, Quota
from tradeguard.targeting.admissibility_columns import hts_scope


def _col(name: str) -> exp.Column:
    return exp.column(name)


def _date(day: date) -> exp.Expr:
    return exp.cast(exp.Literal.string(day.isoformat()), exp.DataType.Type.DATE)


def _all(parts: list[exp.Expr]) -> exp.Expr:
    return exp.and_(*parts) if parts else exp.true()


COLUMN = "quota_filled"


@dataclass(frozen=True, slots=True)
class QuotaFills:
    """The quotas in force and the fill points charging found (empty: nothing filled)."""

    quotas: tuple[Quota, ...] = ()
    points: tuple[FillPoint, ...] = ()


NOTHING_FILLED = QuotaFills()


def _text(value: str) -> exp.Expr:
    return exp.Literal.string(value)


def _at_or_after(p: FillPoint) -> exp.Expr:
    """(entry_date, entry_no, line_no) >= the fill point's, spelt out for every engine."""
    day = _date(p.entry_date)
    same_day = exp.EQ(this=_col("entry_date"), expression=day.copy())
    same_entry = exp.EQ(this=_col("entry_no"), expression=_text(p.entry_no))
    later_line = exp.GTE(this=_col("line_no"), expression=exp.Literal.number(p.line_no))
    later_entry = exp.GT(this=_col("entry_no"), expression=_text(p.entry_no))
    return exp.Paren(
        this=exp.or_(
            exp.GT(this=_col("entry_date"), expression=day),
            exp.Paren(
                this=exp.and_(
                    same_day,
                    exp.Paren(
                        this=exp.or_(later_entry, exp.Paren(this=exp.and_(same_entry, later_line)))
                    ),
                )
            ),
        )
    )


def _countries(q: Quota) -> exp.Expr:
    if q.countries:
        return exp.In(this=_col("origin_country"), expressions=[_text(c) for c in q.countries])
    if not q.excluded_countries:
        return exp.true()
    listed = [_text(c) for c in q.excluded_countries]
    return exp.Not(this=exp.In(this=_col("origin_country"), expressions=listed))


def _between(start: date, end: date) -> exp.Expr:
    return _all(
        [
            exp.GTE(this=_col("entry_date"), expression=_date(start)),
            exp.LTE(this=_col("entry_date"), expression=_date(end)),
        ]
    )


def _over(q: Quota, p: FillPoint) -> exp.Expr:
    return exp.Paren(
        this=_all(
            [
                hts_scope(q.hts_scope),
                _countries(q),
                exp.EQ(this=_col("unit"), expression=_text(q.unit)),
                _between(max(p.start, q.effective_from), min(p.end, q.effective_to or p.end)),
                _at_or_after(p),
                exp.GT(this=_col("quantity"), expression=exp.Literal.number(0)),
            ]
        )
    )


def definition(fills: QuotaFills) -> exp.Expr:
    """`quota_filled` as a grammar predicate over the line's declared columns."""
    by_id = {q.quota_id: q for q in fills.quotas}
    parts = [_over(by_id[p.quota_id], p) for p in fills.points]
    return exp.Paren(this=exp.or_(*parts) if parts else exp.false())


def expand(predicate: exp.Expr, fills: QuotaFills) -> exp.Expr:
    """The predicate with `quota_filled` replaced by its definition."""
    if not any(c.name == COLUMN for c in predicate.find_all(exp.Column)):
        return predicate
    defined = definition(fills)

    def substitute(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Column) and not node.table and node.name == COLUMN:
            return exp.Paren(this=defined.copy())
        return node

    return predicate.transform(substitute)
