"""Rendering a validated predicate as an engine's SQL, meaning what the grammar says it means.

grammar.py defines the constructs; this module writes them for DuckDB and Spark so that they
compute what the interpreter and Polars compute: every number in DOUBLE, case folded in ASCII
only (TRANSLATE), and every operator inside another parenthesised, so no dialect's precedence
regroups it.
"""

from __future__ import annotations

from sqlglot import exp

from tradeguard.targeting.grammar import (
    ARITHMETIC,
    ASCII_LOWER,
    ASCII_UPPER,
    COMPARISONS,
    TO_LOWER,
)

_OPERATORS = (*COMPARISONS, *ARITHMETIC, exp.Between, exp.In, exp.Like, exp.ILike, exp.Is, exp.Not)


def _needs_parens(node: exp.Expr, parent: exp.Expr | None) -> bool:
    """An operator inside another is parenthesised, so no dialect's precedence can regroup it
    (`a BETWEEN b AND NOT c` parses in sqlglot, not in DuckDB). A chain of ANDs stays flat."""
    if not isinstance(parent, (*_OPERATORS, exp.Neg, exp.Connector)):
        return False
    if isinstance(parent, exp.Connector) and type(node) is type(parent):
        return False
    return isinstance(node, (*_OPERATORS, exp.Connector))


def _needs_double(node: exp.Expr, parent: exp.Expr | None) -> bool:
    if isinstance(parent, exp.Substring) and node is not parent.this:
        return False  # substr's start and length stay integers
    if isinstance(node, exp.Literal):
        return not node.is_string
    return isinstance(parent, (*ARITHMETIC, exp.Neg, exp.Abs)) and not isinstance(
        node, exp.Cast | exp.Nullif | exp.Paren
    )


def _wrap(node: exp.Expr, wrapper: exp.Expr) -> None:
    node.replace(wrapper)
    wrapper.set("this", node)


def _translate(node: exp.Expr, source: str, target: str) -> exp.Expr:
    return exp.Translate(this=node, from_=exp.Literal.string(source), to=exp.Literal.string(target))


def _ascii_case(tree: exp.Expr) -> exp.Expr:
    """lower / upper / ILIKE as ASCII-only TRANSLATE and LIKE, deepest first."""
    for node in reversed(list(tree.walk())):
        if isinstance(node, exp.Lower | exp.Upper):
            letters = (ASCII_UPPER, ASCII_LOWER)
            source, target = letters if isinstance(node, exp.Lower) else letters[::-1]
            node.replace(_translate(node.this, source, target))
        elif isinstance(node, exp.ILike):
            pattern = exp.Literal.string(node.expression.this.translate(TO_LOWER))
            subject = _translate(node.this, ASCII_UPPER, ASCII_LOWER)
            node.replace(exp.Like(this=subject, expression=pattern))
    return tree


def render(tree: exp.Expr, dialect: str) -> str:
    """SQL for an engine, with every number computed in DOUBLE as the interpreter does, case
    folded in ASCII only, and every operator inside another parenthesised."""
    tree = _ascii_case(tree.copy())
    plan = [(n, _needs_double(n, n.parent), _needs_parens(n, n.parent)) for n in tree.walk()]
    for node, double, parens in plan:
        if double:
            _wrap(node, exp.Cast(to=exp.DataType.build("DOUBLE")))
        if parens:
            _wrap(node, exp.Paren())
    return tree.sql(dialect=dialect)
