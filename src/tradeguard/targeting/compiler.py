"""Compile published rules into engine-neutral predicates (sqlglot trees) with their guards.

A rule's `where` is validated once and wrapped with what the rule record adds: its effective
window (on the entry date) and its exempt importers. COALESCE(..., FALSE) makes an unknown
(NULL) predicate a non-match, as an officer would read it. Engines render the tree in their own
dialect (grammar.render: numbers in DOUBLE); real-time scoring interprets the same tree, and
every rule is compiled for the interpreter when it is validated, so a rule that loads can
always be scored in real time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlglot import exp

from tradeguard.domain.advance import DeclarationKind
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.rule import PublishedRule, Rule, Stage
from tradeguard.targeting.admissibility_columns import NOTHING, AdmissibilityData, expand
from tradeguard.targeting.advance_columns import WINDOW_DATE, columns_for
from tradeguard.targeting.column_scope import reading
from tradeguard.targeting.interpreter import compile_tree
from tradeguard.targeting.rendering import render
from tradeguard.targeting.validation import validate_where


@dataclass(frozen=True, slots=True)
class CompiledRule:
    published: PublishedRule
    column: str  # the hit column an engine produces for this rule
    predicate: exp.Expr

    @property
    def rule(self) -> Rule:
        return self.published.rule

    def sql(self, dialect: str = "duckdb") -> str:
        return render(self.predicate, dialect)


def _date(value: object) -> exp.Expr:
    return exp.cast(exp.Literal.string(str(value)), exp.DataType.Type.DATE)


def guarded_predicate(rule: Rule, reference: AdmissibilityData = NOTHING) -> exp.Expr:
    """The rule's predicate with its window and exemptions; admissibility columns are compiled
    from `reference` (admissibility_columns.py). A rule on advance filings is read against
    their columns (advance_columns.py), its window on the arrival date."""
    with reading(columns_for(rule.declaration)):
        where = expand(validate_where(rule.id, rule.where), reference)
    parts: list[exp.Expr] = [exp.Paren(this=where)]
    entry_date = exp.column(WINDOW_DATE[rule.declaration])
    if rule.effective_from:
        parts.append(exp.GTE(this=entry_date.copy(), expression=_date(rule.effective_from)))
    if rule.effective_to:
        parts.append(exp.LTE(this=entry_date.copy(), expression=_date(rule.effective_to)))
    if rule.exempt_importers:
        listed = [exp.Literal.string(i) for i in sorted(rule.exempt_importers)]
        parts.append(exp.Not(this=exp.In(this=exp.column("importer_id"), expressions=listed)))
    predicate = exp.Coalesce(this=exp.and_(*parts), expressions=[exp.false()])
    compile_tree(predicate)  # the interpreter reads every construct the grammar allows
    return predicate


# Rule hits travel as bit masks of this many rules per BIGINT: an engine aggregates a handful of
# BIT_OR columns per entry instead of one BOOL_OR per rule, which is several times faster.
MASK_BITS = 62


def mask_name(position: int) -> str:
    return f"m{position // MASK_BITS}"


def line_masks_sql(rules: list[CompiledRule], dialect: str = "duckdb") -> list[tuple[str, str]]:
    """(mask column, per-line SQL) pairs; bit k of mask j is rule j * MASK_BITS + k."""
    masks: list[tuple[str, str]] = []
    for start in range(0, len(rules), MASK_BITS):
        terms = [
            # CASE WHEN already treats NULL as not matched, so the COALESCE guard is dropped.
            f"CASE WHEN {render(r.predicate.this, dialect)} "
            f"THEN CAST({1 << k} AS BIGINT) ELSE CAST(0 AS BIGINT) END"
            for k, r in enumerate(rules[start : start + MASK_BITS])
        ]
        masks.append((mask_name(start), " + ".join(terms)))
    return masks


def columns_used(rules: list[CompiledRule]) -> frozenset[str]:
    """Every rule column the predicates read (engines skip computing the others)."""
    return frozenset(c.name for r in rules for c in r.predicate.find_all(exp.Column))


def compile_rules(
    published: list[PublishedRule],
    stage: Stage | None,
    reference: AdmissibilityData = NOTHING,
) -> list[CompiledRule]:
    """The entry rules that apply at `stage` (all when None), each with a hit column h0, h1, ...
    Rules on advance filings are compiled by compile_advance_rules."""
    chosen = [
        p
        for p in published
        if p.rule.declaration is DeclarationKind.ENTRY and (stage is None or stage in p.rule.stages)
    ]
    chosen.sort(key=lambda p: p.rule.id)
    return [
        CompiledRule(published=p, column=f"h{i}", predicate=guarded_predicate(p.rule, reference))
        for i, p in enumerate(chosen)
    ]


def compile_for_scoring(
    published: list[PublishedRule],
    stage: Stage | None,
    reference: AdmissibilityData = NOTHING,
) -> tuple[list[CompiledRule], tuple[str, ...]]:
    """As compile_rules, but a published version the grammar now refuses (one published before
    the grammar was tightened) is left out and named, never raised: real-time scoring must
    keep answering. Batch targeting uses compile_rules and refuses to run instead."""
    usable: list[PublishedRule] = []
    refused: list[str] = []
    for p in published:
        if stage is not None and stage not in p.rule.stages:
            continue
        if p.rule.declaration is not DeclarationKind.ENTRY:
            continue
        try:
            guarded_predicate(p.rule)
        except (InvalidInput, ValueError) as error:
            logging.getLogger(__name__).warning("real-time scoring skips %s: %s", p.ref, error)
            refused.append(p.ref)
        else:
            usable.append(p)
    return compile_rules(usable, stage, reference), tuple(refused)


def compile_advance_rules(published: list[PublishedRule]) -> list[CompiledRule]:
    """The rules on advance filings (pre-entry), each with a hit column h0, h1, ..."""
    chosen = sorted(
        (p for p in published if p.rule.declaration is DeclarationKind.ADVANCE),
        key=lambda p: p.rule.id,
    )
    return [
        CompiledRule(published=p, column=f"h{i}", predicate=guarded_predicate(p.rule))
        for i, p in enumerate(chosen)
    ]
