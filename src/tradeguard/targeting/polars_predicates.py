"""SQL predicates as Polars expressions: each validated sqlglot tree becomes one expression with
the same SQL three-valued logic as the real-time interpreter (Kleene AND/OR, NULL comparisons,
IN with NULL).

Numbers are doubles, as grammar.py has every engine compute them. A column-free subtree is
computed once by the interpreter (the reference); a construct with no exactly-equivalent
expression raises Untranslatable, and engine_polars then hands the run to engine_duckdb.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import reduce

import numpy as np
import polars as pl
from sqlglot import exp

from tradeguard.targeting.columns import BOOL, DATE, NUMBER, TEXT
from tradeguard.targeting.grammar import ASCII_LOWER, ASCII_UPPER, TO_LOWER, kind_of
from tradeguard.targeting.interpreter import compile_tree

__all__ = ["Untranslatable", "translate"]


class Untranslatable(ValueError):
    """A predicate construct with no exactly-equivalent Polars expression here."""


_COMPARE: dict[type[exp.Expr], Callable[[pl.Expr, pl.Expr], pl.Expr]] = {
    exp.EQ: lambda a, b: a == b,
    exp.NEQ: lambda a, b: a != b,
    exp.GT: lambda a, b: a > b,
    exp.GTE: lambda a, b: a >= b,
    exp.LT: lambda a, b: a < b,
    exp.LTE: lambda a, b: a <= b,
}
_ARITH: dict[type[exp.Expr], Callable[[pl.Expr, pl.Expr], pl.Expr]] = {
    exp.Add: lambda a, b: a + b,
    exp.Sub: lambda a, b: a - b,
    exp.Mul: lambda a, b: a * b,
    exp.Div: lambda a, b: a / b,
}
_NULL_BOOL = pl.lit(None, dtype=pl.Boolean)


def _literal(node: exp.Literal) -> pl.Expr:
    if node.is_string:
        return pl.lit(node.this, dtype=pl.String)
    return pl.lit(float(node.this), dtype=pl.Float64)  # grammar.py: every number is a double


def _double(node: exp.Expr) -> pl.Expr:
    return translate(node).cast(pl.Float64)


_CONSTANT = (exp.Literal, exp.Boolean, exp.Null, exp.Cast)


def _left(node: exp.Expr, value: pl.Expr) -> pl.Expr:
    """A constant left operand as long as the frame: Polars (2.1) otherwise answers a single row
    for `'' = CASE WHEN flag THEN ... END` when the flag is NULL on every row."""
    while isinstance(node, exp.Paren):
        node = node.this
    return pl.repeat(value, pl.len()) if isinstance(node, _CONSTANT) else value


def _fmod(pair: pl.Series) -> pl.Series:
    dividend = pair.struct.field("a").to_numpy()
    divisor = pair.struct.field("b").to_numpy()
    return pl.Series(np.fmod(dividend, divisor), dtype=pl.Float64).fill_nan(None)


def _arithmetic(node: exp.Expr) -> pl.Expr:
    a, b = _left(node.this, _double(node.this)), _double(node.expression)
    if isinstance(node, exp.Mod):
        # SQL's remainder takes the dividend's sign (C fmod); Polars' % takes the divisor's.
        # NaN only comes from a NULL operand (to_numpy), so it is turned back into NULL.
        # The row index makes a constant operand as long as the frame (or group).
        pair = pl.struct(a.alias("a"), b.alias("b"), pl.int_range(pl.len()).alias("row"))
        return pair.map_batches(_fmod, return_dtype=pl.Float64, is_elementwise=True)
    return _ARITH[type(node)](a, b)


def _ascii(subject: pl.Expr, source: str, target: str) -> pl.Expr:
    """Case folding of ASCII letters only, as every engine does it (grammar.py)."""
    return subject.str.replace_many(list(source), list(target))


def _like(subject: pl.Expr, pattern: exp.Expr, ignore_case: bool) -> pl.Expr:
    if not (isinstance(pattern, exp.Literal) and pattern.is_string):
        raise Untranslatable("LIKE with a computed pattern")
    text = pattern.this
    if ignore_case:
        subject, text = _ascii(subject, ASCII_UPPER, ASCII_LOWER), text.translate(TO_LOWER)
    body = "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in text)
    flags = "(?s)"
    return subject.str.contains(f"{flags}^(?:{body})$")


_DTYPES = {TEXT: pl.String, NUMBER: pl.Float64, DATE: pl.Date, BOOL: pl.Boolean}


def _fixed(node: exp.Expr) -> bool:
    return node.find(exp.Column) is None


def _constant(node: exp.Expr) -> pl.Expr:
    """A column-free subtree computed once by the interpreter (the reference) as a scalar:
    Polars turns some literal-only when/then into a length-1 column a frame won't broadcast."""
    value = compile_tree(node)({})
    if isinstance(value, bool):
        return pl.lit(value, dtype=pl.Boolean)
    if isinstance(value, int | float):
        return pl.lit(float(value), dtype=pl.Float64)
    if value is None:
        return _null(node)
    return pl.lit(value)


def _null(node: exp.Expr) -> pl.Expr:
    """NULL of the node's kind: NOT / AND of an untyped NULL fail in Polars."""
    bare = node.copy().transform(lambda n: n.this if isinstance(n, exp.Nullif) else n)
    return pl.lit(None, dtype=_DTYPES[kind_of("-", bare)])


def _case(node: exp.Case) -> pl.Expr:
    default = node.args.get("default")
    branches = []
    for branch in node.args["ifs"]:  # a fixed condition picks or drops its branch here
        if not _fixed(branch.this):
            branches.append(branch)
        elif compile_tree(branch.this)({}) is True:
            default = branch.args["true"]
            break
    out: pl.Expr = translate(default) if default is not None else _null(node)
    for branch in reversed(branches):
        out = pl.when(translate(branch.this)).then(translate(branch.args["true"])).otherwise(out)
    return out


def _coalesce(node: exp.Coalesce) -> pl.Expr:
    parts: list[pl.Expr] = []
    for part in [node.this, *node.expressions]:
        if not _fixed(part):
            parts.append(translate(part))
        elif compile_tree(part)({}) is not None:
            parts.append(_constant(part))
            break
    if not parts:
        return _null(node)
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = pl.when(part.is_not_null()).then(part).otherwise(out)
    return out


def translate(node: exp.Expr) -> pl.Expr:  # noqa: C901 - one branch per whitelisted node
    """A Polars expression with the SQL meaning of one validated tree (or Untranslatable)."""
    if _fixed(node) and not isinstance(node, exp.Literal | exp.Boolean | exp.Cast):
        return _constant(node)
    if isinstance(node, exp.Paren):
        return translate(node.this)
    if isinstance(node, exp.Column):
        return pl.col(node.name)
    if isinstance(node, exp.Literal):
        return _literal(node)
    if isinstance(node, exp.Boolean):
        return pl.lit(bool(node.this), dtype=pl.Boolean)
    if isinstance(node, exp.Null):
        return pl.lit(None)
    if isinstance(node, exp.Cast):  # validation allows only DATE 'YYYY-MM-DD'
        return pl.lit(date.fromisoformat(node.this.this), dtype=pl.Date)
    if type(node) in _COMPARE:
        left = _left(node.this, translate(node.this))
        return _COMPARE[type(node)](left, translate(node.expression))
    if isinstance(node, exp.Div | exp.Mod | exp.Add | exp.Sub | exp.Mul):
        return _arithmetic(node)
    if isinstance(node, exp.Nullif):
        value, other = translate(node.this), translate(node.expression)
        return pl.when(value == other).then(None).otherwise(value)
    if isinstance(node, exp.And):  # a long chain is flat, not one recursion per condition
        return reduce(lambda a, b: a & b, (translate(p) for p in node.flatten()))
    if isinstance(node, exp.Or):
        return reduce(lambda a, b: a | b, (translate(p) for p in node.flatten()))
    if isinstance(node, exp.Not):
        return ~translate(node.this)
    if isinstance(node, exp.Is):
        return translate(node.this).is_null()
    if isinstance(node, exp.In):
        subject = translate(node.this)
        options = node.expressions
        if not all(isinstance(o, exp.Literal | exp.Neg) for o in options):
            raise Untranslatable("IN with non-literal options")
        if any(isinstance(o, exp.Literal) and o.is_string for o in options):
            values: list[object] = [o.this for o in options]
        else:
            subject = subject.cast(pl.Float64)
            values = [float(o.sql()) for o in options]
        return pl.when(subject.is_null()).then(_NULL_BOOL).otherwise(subject.is_in(values))
    if isinstance(node, exp.Between):
        subject = translate(node.this)
        return (subject >= translate(node.args["low"])) & (subject <= translate(node.args["high"]))
    if isinstance(node, exp.Like | exp.ILike):
        return _like(translate(node.this), node.expression, isinstance(node, exp.ILike))
    if isinstance(node, exp.Neg):
        return -_double(node.this)
    if isinstance(node, exp.Case):
        return _case(node)
    if isinstance(node, exp.Coalesce):
        return _coalesce(node)
    if isinstance(node, exp.Substring):
        start = int(node.args["start"].this) - 1
        return translate(node.this).str.slice(start, int(node.args["length"].this))
    if isinstance(node, exp.StartsWith):
        prefix = node.expression
        if not (isinstance(prefix, exp.Literal) and prefix.is_string):
            raise Untranslatable("starts_with with a computed prefix")
        return translate(node.this).str.starts_with(prefix.this)
    if isinstance(node, exp.Lower):
        return _ascii(translate(node.this), ASCII_UPPER, ASCII_LOWER)
    if isinstance(node, exp.Upper):
        return _ascii(translate(node.this), ASCII_LOWER, ASCII_UPPER)
    if isinstance(node, exp.Abs):
        return _double(node.this).abs()
    if isinstance(node, exp.Length):
        return translate(node.this).str.len_chars().cast(pl.Int64)
    raise Untranslatable(f"{type(node).__name__}: {node.sql()}")
