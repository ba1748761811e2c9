"""Rule columns read from admissibility reference data: IPR recordations, ITC exclusion orders
and withhold release orders (columns.ADMISSIBILITY names them).

A rule names the column; when rules are compiled the column is replaced by a predicate over the
line's own declared columns (hts10, manufacturer_id, origin_country, entry_date) built from the
reference data in force. The predicate uses only constructs of the rule grammar, whose meaning
is the same on DuckDB, Polars, Spark and the real-time interpreter, so every engine computes the
column identically by construction (tests/unit/targeting/test_admissibility_columns.py checks it
against domain/admissibility.py's plain Python meaning).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlglot import exp

from tradeguard.domain.admissibility import ExclusionOrder, OrderKind, Recordation
from tradeguard.domain.withhold_release import WithholdReleaseOrder
from tradeguard.targeting.columns import ADMISSIBILITY


@dataclass(frozen=True, slots=True)
class AdmissibilityData:
    """The reference data in force for targeting (empty: nothing recorded or ordered)."""

    recordations: tuple[Recordation, ...] = ()
    exclusion_orders: tuple[ExclusionOrder, ...] = ()
    withhold_orders: tuple[WithholdReleaseOrder, ...] = ()


NOTHING = AdmissibilityData()


def _col(name: str) -> exp.Column:
    return exp.column(name)


def _date(day: date) -> exp.Expr:
    return exp.cast(exp.Literal.string(day.isoformat()), exp.DataType.Type.DATE)


def _any(parts: list[exp.Expr]) -> exp.Expr:
    return exp.or_(*parts) if parts else exp.false()


def _all(parts: list[exp.Expr]) -> exp.Expr:
    return exp.and_(*parts) if parts else exp.true()


def _listed(column: str, values: tuple[str, ...]) -> exp.Expr:
    if not values:
        return exp.false()
    return exp.In(this=_col(column), expressions=[exp.Literal.string(v) for v in values])


def hts_scope(prefixes: tuple[str, ...]) -> exp.Expr:
    """hts10 starts with one of the prefixes: one IN list per prefix length."""
    by_length: dict[int, list[str]] = defaultdict(list)
    for prefix in prefixes:
        by_length[len(prefix)].append(prefix)
    parts: list[exp.Expr] = []
    for length, group in sorted(by_length.items()):
        head = exp.Substring(
            this=_col("hts10"), start=exp.Literal.number(1), length=exp.Literal.number(length)
        )
        options = [exp.Literal.string(p) for p in sorted(group)]
        parts.append(exp.In(this=head, expressions=options))
    return exp.Paren(this=_any(parts))


def _in_force(start: date, end: date | None) -> exp.Expr:
    parts: list[exp.Expr] = [exp.GTE(this=_col("entry_date"), expression=_date(start))]
    if end is not None:
        parts.append(exp.LTE(this=_col("entry_date"), expression=_date(end)))
    return _all(parts)


def _recorded(r: Recordation) -> exp.Expr:
    return exp.Paren(this=_all([_in_force(r.recorded_on, r.expires_on), hts_scope(r.hts_scope)]))


def _excluded(o: ExclusionOrder) -> exp.Expr:
    parts = [_in_force(o.effective_on, o.ends_on), hts_scope(o.hts_scope)]
    if o.kind is OrderKind.LIMITED:
        parts.append(_listed("manufacturer_id", o.respondents))
    return exp.Paren(this=_all(parts))


def _withheld(w: WithholdReleaseOrder) -> exp.Expr:
    parts = [_in_force(w.issued_on, w.revoked_on)]
    if w.hts_scope:
        parts.append(hts_scope(w.hts_scope))
    if w.producer:
        parts.append(
            exp.EQ(this=_col("manufacturer_id"), expression=exp.Literal.string(w.producer))
        )
    if w.region:
        parts.append(exp.EQ(this=_col("origin_country"), expression=exp.Literal.string(w.region)))
    return exp.Paren(this=_all(parts))


def definitions(data: AdmissibilityData) -> dict[str, exp.Expr]:
    """Each admissibility column as a grammar predicate over the line's declared columns."""
    recorded = exp.Paren(this=_any([_recorded(r) for r in data.recordations]))
    # authorized by every recordation that covers the line; NULL when none covers it
    authorized = _all(
        [
            exp.Paren(
                this=exp.or_(
                    exp.Not(this=_recorded(r)),
                    _listed("manufacturer_id", r.authorized_manufacturers),
                )
            )
            for r in data.recordations
        ]
    )
    unknown_unless_recorded = exp.Case(ifs=[exp.If(this=recorded.copy(), true=authorized)])
    return {
        "ipr_recorded": recorded,
        "manufacturer_authorized_for_mark": unknown_unless_recorded,
        "under_exclusion_order": exp.Paren(
            this=_any([_excluded(o) for o in data.exclusion_orders])
        ),
        "under_withhold_release_order": exp.Paren(
            this=_any([_withheld(w) for w in data.withhold_orders])
        ),
    }


def expand(predicate: exp.Expr, data: AdmissibilityData) -> exp.Expr:
    """The predicate with every admissibility column replaced by its definition."""
    if not any(c.name in ADMISSIBILITY for c in predicate.find_all(exp.Column)):
        return predicate
    defined = definitions(data)

    def substitute(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Column) and not node.table and node.name in defined:
            return exp.Paren(this=defined[node.name].copy())
        return node

    return predicate.transform(substitute)
