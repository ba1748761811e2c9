"""Predicates generated from the rule grammar (targeting/grammar.py), rows of rule columns with
NULLs anywhere, and how each engine evaluates one predicate per row (True, False or None).

Shared by the DuckDB / Polars / interpreter property test and its Spark twin. Expressions are
typed as the grammar types them, so every generated predicate must be accepted; the value
pools are small and overlapping so that comparisons, IN lists and LIKE patterns often hold.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import polars as pl
import pyarrow as pa
from hypothesis import strategies as st
from sqlglot import exp

from tradeguard.targeting import engine_polars
from tradeguard.targeting.columns import BOOL, DATE, NUMBER, TEXT
from tradeguard.targeting.interpreter import compile_tree
from tradeguard.targeting.rendering import render

# Real rule columns, by kind; line_no and importer_days_known are integers in every engine.
COLUMNS: dict[str, tuple[str, pa.DataType]] = {
    "origin_country": (TEXT, pa.string()),
    "hts10": (TEXT, pa.string()),
    "description": (TEXT, pa.string()),
    "spi": (TEXT, pa.string()),
    "value_usd": (NUMBER, pa.float64()),
    "quantity": (NUMBER, pa.float64()),
    "unit_value_ratio": (NUMBER, pa.float64()),
    "line_no": (NUMBER, pa.int64()),
    "importer_days_known": (NUMBER, pa.int64()),
    "entry_date": (DATE, pa.date32()),
    "importer_first_seen": (DATE, pa.date32()),
    "ctpat": (BOOL, pa.bool_()),
    "duty_mismatch": (BOOL, pa.bool_()),
}
SCHEMA = pa.schema([(name, kind) for name, (_k, kind) in COLUMNS.items()])

TEXTS = ["", "CN", "cn", "9503", "95%_a", "It's", "É t", "A_b%", "ß", "İi", "ﬁ"]
PATTERNS = ["%", "_", "CN", "c%", "%a", "95%", "%_%", "It_s", "é%", "%'%", "SS", "%I%", "FI"]
NUMBERS = ["0", "1", "2", "3", "-1", "0.1", "0.5", "2.5", "-0.25", "7", "1000", "1e3"]
DOUBLES = [0.0, -0.0, 1.0, 2.0, 3.0, -1.0, 0.1, 0.5, 2.5, 7.0, 1000.0, 0.30000000000000004]
DATES = ["2025-12-31", "2026-01-01", "2026-06-15"]


def _columns(kind: str) -> list[str]:
    return [name for name, (k, _t) in COLUMNS.items() if k == kind]


def _lit(kind: str) -> st.SearchStrategy[str]:
    if kind == TEXT:
        return st.sampled_from(TEXTS).map(lambda t: "'" + t.replace("'", "''") + "'")
    if kind == NUMBER:
        return st.sampled_from(NUMBERS)
    if kind == DATE:
        return st.sampled_from(DATES).map(lambda d: f"DATE '{d}'")
    return st.sampled_from(["TRUE", "FALSE"])


def _leaf(kind: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(_columns(kind)), _lit(kind))


def _case(kind: str, depth: int) -> st.SearchStrategy[str]:
    whens = st.lists(
        st.tuples(expr(BOOL, depth - 1), expr(kind, depth - 1)), min_size=1, max_size=2
    )
    default = st.one_of(st.just(""), expr(kind, depth - 1).map(lambda e: f" ELSE {e}"))
    return st.builds(
        lambda ws, d: "CASE " + " ".join(f"WHEN {c} THEN {v}" for c, v in ws) + d + " END",
        whens,
        default,
    )


def _coalesce(kind: str, depth: int) -> st.SearchStrategy[str]:
    args = st.lists(expr(kind, depth - 1), min_size=1, max_size=3)
    return args.map(lambda a: f"coalesce({', '.join(a)})")


def _number(depth: int) -> st.SearchStrategy[str]:
    sub = expr(NUMBER, depth - 1)
    return st.one_of(
        st.builds(lambda a, op, b: f"({a} {op} {b})", sub, st.sampled_from("+-*/%"), sub),
        sub.map(lambda a: f"-({a})"),
        sub.map(lambda a: f"abs({a})"),
        expr(TEXT, depth - 1).map(lambda t: f"length({t})"),
    )


def _text(depth: int) -> st.SearchStrategy[str]:
    sub = expr(TEXT, depth - 1)
    return st.one_of(
        st.builds(lambda f, t: f"{f}({t})", st.sampled_from(["lower", "upper"]), sub),
        st.builds(
            lambda t, s, n: f"substr({t}, {s}, {n})", sub, st.integers(1, 4), st.integers(0, 3)
        ),
    )


def _bool(depth: int) -> st.SearchStrategy[str]:
    sub = expr(BOOL, depth - 1)
    kinds = st.sampled_from([TEXT, NUMBER, DATE, BOOL])

    def compare(kind: str) -> st.SearchStrategy[str]:
        value = expr(kind, depth - 1)
        op = st.sampled_from(["=", "<>", "<", "<=", ">", ">="])
        return st.builds(lambda a, o, b: f"({a}) {o} ({b})", value, op, value)

    def between(kind: str) -> st.SearchStrategy[str]:
        value = expr(kind, depth - 1)
        neg = st.sampled_from(["", "NOT "])
        return st.builds(
            lambda a, n, lo, hi: f"({a}) {n}BETWEEN ({lo}) AND ({hi})", value, neg, value, value
        )

    def member(kind: str) -> st.SearchStrategy[str]:
        options = st.lists(_lit(kind), min_size=1, max_size=3).map(", ".join)
        neg = st.sampled_from(["", "NOT "])
        return st.builds(lambda a, n, o: f"({a}) {n}IN ({o})", expr(kind, depth - 1), neg, options)

    text = expr(TEXT, depth - 1)
    return st.one_of(
        kinds.flatmap(compare),
        st.builds(lambda a, op, b: f"({a}) {op} ({b})", sub, st.sampled_from(["AND", "OR"]), sub),
        sub.map(lambda a: f"NOT ({a})"),
        st.builds(
            lambda k, n: f"({k}){n}",
            kinds.flatmap(lambda k: expr(k, depth - 1)),
            st.sampled_from([" IS NULL", " IS NOT NULL"]),
        ),
        st.sampled_from([TEXT, NUMBER]).flatmap(member),
        kinds.flatmap(between),
        st.builds(
            lambda t, op, p: f"({t}) {op} '{p.replace(chr(39), chr(39) * 2)}'",
            text,
            st.sampled_from(["LIKE", "NOT LIKE", "ILIKE", "NOT ILIKE"]),
            st.sampled_from(PATTERNS),
        ),
        st.builds(lambda t, p: f"starts_with({t}, {p})", text, _lit(TEXT)),
    )


def expr(kind: str, depth: int) -> st.SearchStrategy[str]:
    """SQL text of an expression of `kind`, at most `depth` constructs deep."""
    if depth <= 0:
        return _leaf(kind)
    own = {NUMBER: _number, TEXT: _text, BOOL: _bool}.get(kind)
    options = [_leaf(kind), _case(kind, depth), _coalesce(kind, depth)]
    if own is not None:
        options.append(own(depth))
    return st.one_of(*options)


def predicates(depth: int = 3) -> st.SearchStrategy[str]:
    return expr(BOOL, depth)


def _value(name: str) -> st.SearchStrategy[Any]:
    kind, arrow = COLUMNS[name]
    if kind == TEXT:
        values: st.SearchStrategy[Any] = st.sampled_from(TEXTS)
    elif arrow == pa.int64():
        values = st.sampled_from([0, 1, 2, 3, 7, 1000, -1])
    elif kind == NUMBER:
        values = st.one_of(
            st.sampled_from(DOUBLES),
            st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
        )
    elif kind == DATE:
        values = st.sampled_from(DATES).map(date.fromisoformat)
    else:
        values = st.booleans()
    return st.one_of(st.none(), values)


def rows(max_size: int = 8) -> st.SearchStrategy[list[dict[str, Any]]]:
    row = st.fixed_dictionaries({name: _value(name) for name in COLUMNS})
    return st.lists(row, min_size=1, max_size=max_size)


def table(data: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(data, schema=SCHEMA)


def by_interpreter(tree: exp.Expr, data: list[dict[str, Any]]) -> list[Any]:
    evaluate = compile_tree(tree)
    return [evaluate(row) for row in data]


def by_duckdb(tree: exp.Expr, data: list[dict[str, Any]]) -> list[Any]:
    con = duckdb.connect()
    try:
        con.register("rows_src", table(data))
        sql = f"SELECT ({render(tree, 'duckdb')}) AS v FROM rows_src"
        return [v for (v,) in con.sql(sql).fetchall()]
    finally:
        con.close()


def by_polars(tree: exp.Expr, data: list[dict[str, Any]]) -> list[Any]:
    frame = pl.from_arrow(table(data))
    assert isinstance(frame, pl.DataFrame)
    # with_columns broadcasts a constant predicate over the rows, as the engine's masks do.
    return frame.with_columns(engine_polars.translate(tree).alias("v"))["v"].to_list()
