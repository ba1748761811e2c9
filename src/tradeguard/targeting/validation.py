"""Whitelist validation of a rule's `where`: only what a screening predicate needs, nothing else.

A rule file is analyst input that ends up inside a query over the whole lake, so we accept a
small grammar (columns, literals, comparisons, boolean logic, IN, BETWEEN, LIKE, IS NULL,
arithmetic, CASE and a few scalar functions) and refuse everything else by naming it.
"""

from __future__ import annotations

from datetime import date

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from tradeguard.domain.errors import InvalidInput
from tradeguard.targeting.columns import BOOL, DATE, NUMBER, RULE_COLUMNS, TEXT

COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE)
ARITHMETIC = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod)
FUNCTIONS = (
    exp.Substring,
    exp.Lower,
    exp.Upper,
    exp.Abs,
    exp.Coalesce,
    exp.Length,
    exp.StartsWith,
)
ALLOWED = (
    exp.Column,
    exp.Identifier,
    exp.Literal,
    exp.Boolean,
    exp.Null,
    exp.Paren,
    exp.And,
    exp.Or,
    exp.Not,
    exp.In,
    exp.Between,
    exp.Like,
    exp.ILike,
    exp.Is,
    exp.Neg,
    exp.Case,
    exp.If,
    *COMPARISONS,
    *ARITHMETIC,
    *FUNCTIONS,
)


def _refuse(rule_id: str, fragment: str, problem: str) -> InvalidInput:
    return InvalidInput(f"rule {rule_id}: {problem}: {fragment!r}", "where")


def _kind(node: exp.Expr) -> str | None:
    """The value kind of an expression where it is evident (used to refuse 'abc' > 5)."""
    if isinstance(node, exp.Paren):
        return _kind(node.this)
    if isinstance(node, exp.Column):
        return RULE_COLUMNS.get(node.name)
    if isinstance(node, exp.Literal):
        return TEXT if node.is_string else NUMBER
    if isinstance(node, exp.Boolean):
        return BOOL
    if isinstance(node, exp.Cast):
        return DATE if node.to.is_type(exp.DataType.Type.DATE) else None
    if isinstance(node, (*ARITHMETIC, exp.Neg, exp.Abs, exp.Length)):
        return NUMBER
    if isinstance(node, (exp.Lower, exp.Upper, exp.Substring)):
        return TEXT
    if isinstance(node, (*COMPARISONS, exp.And, exp.Or, exp.Not, exp.In, exp.Between)):
        return BOOL
    if isinstance(node, (exp.Like, exp.ILike, exp.Is, exp.StartsWith)):
        return BOOL
    return None


def _check_node(rule_id: str, node: exp.Expr) -> None:
    fragment = node.sql(dialect="duckdb")
    if isinstance(node, exp.Cast):
        # Only a date literal, DATE 'YYYY-MM-DD', so rules can compare entry_date.
        target = node.to
        literal = node.this
        if not (
            target.is_type(exp.DataType.Type.DATE)
            and isinstance(literal, exp.Literal)
            and literal.is_string
        ):
            raise _refuse(rule_id, fragment, "only DATE 'YYYY-MM-DD' literals may be cast")
        try:
            date.fromisoformat(literal.this)
        except ValueError:
            raise _refuse(rule_id, fragment, "not a valid date") from None
        return
    if isinstance(node, exp.DataType):
        return
    if not isinstance(node, ALLOWED):
        if isinstance(node, (exp.Subquery, exp.Select, exp.Query)):
            raise _refuse(rule_id, fragment, "subqueries are not allowed")
        if isinstance(node, exp.Func):
            name = node.sql_name() if not isinstance(node, exp.Anonymous) else node.name
            raise _refuse(rule_id, fragment, f"function {name.lower()} is not allowed")
        raise _refuse(rule_id, fragment, f"{type(node).__name__.lower()} is not allowed")
    if isinstance(node, exp.Column):
        if node.table or node.name not in RULE_COLUMNS:
            raise _refuse(rule_id, fragment, "unknown column")
    if isinstance(node, exp.Is) and not isinstance(node.expression, exp.Null):
        raise _refuse(rule_id, fragment, "only IS NULL / IS NOT NULL are allowed")
    if isinstance(node, exp.Substring):
        for part in (node.args.get("start"), node.args.get("length")):
            if not (isinstance(part, exp.Literal) and not part.is_string and part.this.isdigit()):
                raise _refuse(rule_id, fragment, "substr needs literal start ≥ 1 and length")
        if int(node.args["start"].this) < 1:
            raise _refuse(rule_id, fragment, "substr start counts from 1")
    if isinstance(node, COMPARISONS) or isinstance(node, exp.In | exp.Between):
        operands = [node.this, *(node.expressions if isinstance(node, exp.In) else [])]
        if isinstance(node, COMPARISONS):
            operands.append(node.expression)
        if isinstance(node, exp.Between):
            operands += [node.args["low"], node.args["high"]]
        kinds = {k for k in map(_kind, operands) if k is not None}
        if len(kinds) > 1:
            raise _refuse(rule_id, fragment, f"compares {' with '.join(sorted(kinds))}")
    if isinstance(node, exp.Div | exp.Mod | exp.Add | exp.Sub | exp.Mul):
        for side in (node.this, node.expression):
            if _kind(side) not in (None, NUMBER):
                raise _refuse(rule_id, fragment, "arithmetic on a non-number")


def _nullsafe_division(tree: exp.Expr) -> exp.Expr:
    """x / 0 is an error in DuckDB 2 and ANSI Spark; rules want NULL (the row does not match)."""

    def rewrite(node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Div | exp.Mod) and not isinstance(node.expression, exp.Nullif):
            divisor = exp.Nullif(this=node.expression.copy(), expression=exp.Literal.number(0))
            node.set("expression", divisor)
        return node

    return tree.transform(rewrite)


def validate_where(rule_id: str, where: str) -> exp.Expr:
    """Parse and check one predicate; return its sqlglot tree (division made null-safe)."""
    try:
        tokens = sqlglot.tokenize(where, read="duckdb")
    except (TokenError, ParseError) as error:
        raise _refuse(rule_id, where, f"cannot read the SQL ({error})") from None
    for token in tokens:
        if token.comments:
            raise _refuse(rule_id, f"/* {token.comments[0].strip()} */", "comments are not allowed")
    try:
        statements = [s for s in sqlglot.parse(where, read="duckdb") if s is not None]
    except (ParseError, TokenError) as error:
        raise _refuse(
            rule_id, where, f"cannot parse the SQL ({str(error).splitlines()[0]})"
        ) from None
    if len(statements) != 1 or ";" in [t.text for t in tokens]:
        raise _refuse(rule_id, where, "exactly one expression is allowed (no ';')")
    tree = statements[0]
    for node in tree.walk():
        _check_node(rule_id, node)
    if _kind(tree) not in (None, BOOL):
        raise _refuse(rule_id, tree.sql(dialect="duckdb"), "the predicate is not true/false")
    return _nullsafe_division(tree)
