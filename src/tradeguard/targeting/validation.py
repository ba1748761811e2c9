"""Validation of a rule's `where`: read it safely, then hold it to the grammar (grammar.py).

A rule file is analyst input that ends up inside a query over the whole lake and inside the
real-time scorer, so the text is bounded (length, nesting) before the parser can recurse on it,
parsed as exactly one expression, and every node checked against the typed allow-list; anything
else is refused by naming the rule and the construct. A RecursionError never escapes.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import Token

from tradeguard.targeting.columns import BOOL
from tradeguard.targeting.grammar import (
    MAX_NESTING,
    MAX_PRODUCTS,
    MAX_WHERE_CHARS,
    count_products,
    kind_of,
    refuse,
    token_nesting,
    tree_nesting,
)


def _nullsafe_division(tree: exp.Expr) -> exp.Expr:
    """x / 0 is an error in DuckDB 2 and ANSI Spark; rules want NULL (the row does not match)."""

    def rewrite(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Div | exp.Mod) and not isinstance(node.expression, exp.Nullif):
            divisor = exp.Nullif(this=node.expression.copy(), expression=exp.Literal.number(0))
            node.set("expression", divisor)
        return node

    return tree.transform(rewrite, copy=False)  # the tree is the parser's own, fresh


def _negations_as_not(tree: exp.Expr) -> exp.Expr:
    """`a NOT LIKE p` parses as LIKE with a negate flag; make it NOT (a LIKE p) so no engine or
    the interpreter can overlook the flag."""

    def rewrite(node: exp.Expr) -> exp.Expr:
        if node.args.get("negate"):
            node.set("negate", None)
            return exp.Not(this=node)
        return node

    return tree.transform(rewrite, copy=False)


def _tokens(rule_id: str, where: str) -> list[Token]:
    if len(where) > MAX_WHERE_CHARS:
        raise refuse(
            rule_id, where[:40] + "...", f"longer than {MAX_WHERE_CHARS} characters ({len(where)})"
        )
    try:
        tokens = sqlglot.tokenize(where, read="duckdb")
    except (TokenError, ParseError) as error:
        raise refuse(rule_id, where, f"cannot read the SQL ({error})") from None
    for token in tokens:
        if token.comments:
            raise refuse(rule_id, f"/* {token.comments[0].strip()} */", "comments are not allowed")
    if token_nesting(tokens) > MAX_NESTING:
        raise refuse(rule_id, where[:40] + "...", f"nested deeper than {MAX_NESTING} levels")
    if ";" in [t.text for t in tokens]:
        raise refuse(rule_id, where, "exactly one expression is allowed (no ';')")
    return tokens


def validate_where(rule_id: str, where: str) -> exp.Expr:
    """Parse and check one predicate; return its sqlglot tree (division made null-safe)."""
    tokens = _tokens(rule_id, where)
    try:
        # Parsed from the checked tokens: tokenizing again costs a third of a rule's compilation.
        parsed = Dialect.get_or_raise("duckdb").parser().parse(tokens, where)
        statements = [s for s in parsed if s is not None]
    except (ParseError, TokenError) as error:
        problem = f"cannot parse the SQL ({str(error).splitlines()[0]})"
        raise refuse(rule_id, where, problem) from None
    except RecursionError:
        raise refuse(rule_id, where[:40] + "...", "nested too deeply to read") from None
    if len(statements) != 1:
        raise refuse(rule_id, where, "exactly one expression is allowed (no ';')")
    tree = statements[0]
    if tree_nesting(tree) > MAX_NESTING:
        raise refuse(rule_id, where[:40] + "...", f"nested deeper than {MAX_NESTING} levels")
    if count_products(tree) > MAX_PRODUCTS:
        raise refuse(rule_id, where, f"more than {MAX_PRODUCTS} multiplications and divisions")
    tree = _negations_as_not(tree)
    if kind_of(rule_id, tree) != BOOL:
        raise refuse(rule_id, tree, "the predicate is not true/false")
    return _nullsafe_division(tree)
