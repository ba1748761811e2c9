"""Which engines can run a rule, and why not: checked when rules are loaded, never mid-run.

A rule must mean the same thing on every engine, or `--engine spark` and `--engine duckdb` would
hold different entries. DuckDB (with real-time scoring) is the reference; a rule is refused for an
engine when sqlglot cannot render it there, when DuckDB's binder rejects it, or when it uses a
construct whose meaning differs between the engines:

- LIKE: Spark treats a backslash in the pattern as an escape character, DuckDB does not;
- division or modulo of decimal values: Spark keeps DECIMAL and rounds the quotient to 6
  places, DuckDB divides in DOUBLE (1.0 / 3 is 0.333333 on one and 0.3333333333333333 on the
  other);
- CASE / IF / COALESCE mixing text, numbers, dates or booleans: each engine picks its own
  implicit cast;
- integer literals beyond 64 bits: Spark reads them as DECIMAL, DuckDB as HUGEINT.

Integer division (//) and ESCAPE are outside the whitelist already; the kinds on each side of a
comparison are checked by validation.
"""

from __future__ import annotations

import duckdb
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError

from tradeguard.domain.errors import InvalidInput
from tradeguard.targeting.column_scope import column_kinds
from tradeguard.targeting.columns import BOOL, DATE, HISTORY, NUMBER, TEXT
from tradeguard.targeting.engines import SQL_ENGINES
from tradeguard.targeting.validation import validate_where

# Whole-number rule columns (the rest of the numbers are DOUBLE, see columns.py).
# days_before_arrival: an advance filing's rule column (advance_columns.py).
INTEGER_COLUMNS = (
    frozenset({"line_no", "importer_days_known", "manufacturer_days_known", "days_before_arrival"})
    | HISTORY
)
_SQL_TYPES = {TEXT: "VARCHAR", NUMBER: "DOUBLE", DATE: "DATE", BOOL: "BOOLEAN"}
INT, DECIMAL, DOUBLE = "int", "decimal", "double"


def _number_type(node: exp.Expr) -> str | None:
    """How Spark types a numeric expression: int, decimal or double (None: not a number)."""
    if isinstance(node, (exp.Paren, exp.Neg, exp.Abs)):
        return _number_type(node.this)
    if isinstance(node, exp.Literal) and not node.is_string:
        text = node.this.lower()
        return DOUBLE if "e" in text else DECIMAL if "." in text else INT
    if isinstance(node, exp.Column):
        if node.name in INTEGER_COLUMNS:
            return INT
        return DOUBLE if column_kinds().get(node.name) == NUMBER else None
    if isinstance(node, exp.Length):
        return INT
    if isinstance(node, exp.Nullif):
        return _number_type(node.this)
    if isinstance(node, (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod)):
        sides = {_number_type(node.this), _number_type(node.expression)}
        if DOUBLE in sides or None in sides:
            return DOUBLE if DOUBLE in sides else None
        if isinstance(node, exp.Div):
            return DECIMAL if DECIMAL in sides else DOUBLE
        return DECIMAL if DECIMAL in sides else INT
    return None


def _value_kind(node: exp.Expr) -> str | None:
    if isinstance(node, exp.Paren):
        return _value_kind(node.this)
    if isinstance(node, exp.Null):
        return None
    if isinstance(node, exp.Literal):
        return TEXT if node.is_string else NUMBER
    if isinstance(node, exp.Column):
        return column_kinds().get(node.name)
    if isinstance(node, exp.Boolean):
        return BOOL
    if isinstance(node, exp.Cast):
        return DATE
    if isinstance(node, (exp.Lower, exp.Upper, exp.Substring)):
        return TEXT
    if _number_type(node) is not None:
        return NUMBER
    if isinstance(node, exp.Predicate | exp.Connector | exp.Not | exp.StartsWith):
        return BOOL
    return None


def _branches(node: exp.Expr) -> list[exp.Expr]:
    if isinstance(node, exp.Coalesce):
        return [node.this, *node.expressions]
    if isinstance(node, exp.Case):
        return [w.args["true"] for w in node.args.get("ifs") or []] + (
            [node.args["default"]] if node.args.get("default") else []
        )
    if isinstance(node, exp.If):
        return [node.args["true"]] + ([node.args["false"]] if node.args.get("false") else [])
    return []


def spark_semantic_problem(tree: exp.Expr) -> str | None:
    """The first construct in `tree` that Spark would evaluate differently from DuckDB."""
    for node in tree.walk():
        if isinstance(node, exp.Like | exp.ILike):
            pattern = node.expression
            if not (isinstance(pattern, exp.Literal) and pattern.is_string):
                return f"LIKE needs a literal pattern to mean the same on Spark: {node.sql()!r}"
            if "\\" in pattern.this:
                return (
                    "a backslash in a LIKE pattern is an escape on Spark and a plain character "
                    f"on DuckDB: {node.sql()!r}"
                )
        if isinstance(node, exp.Div | exp.Mod) and _number_type(node) == DECIMAL:
            return (
                "Spark divides decimals rounding to 6 places where DuckDB divides in double; "
                f"write the constant out or divide a column: {node.sql()!r}"
            )
        if isinstance(node, exp.Literal) and not node.is_string and node.this.isdigit():
            if int(node.this) >= 2**63:
                return f"integer literal beyond 64 bits: {node.this}"
        kinds = {k for k in map(_value_kind, _branches(node)) if k is not None}
        if len(kinds) > 1:
            return (
                f"mixes {' and '.join(sorted(kinds))} values; the engines cast differently: "
                f"{node.sql()!r}"
            )
    return None


def _duckdb_binds(tree: exp.Expr) -> str | None:
    """DuckDB's own verdict: bind the predicate against an empty relation of the rule columns."""
    columns = ", ".join(
        f"{name} {'BIGINT' if name in INTEGER_COLUMNS else _SQL_TYPES[kind]}"
        for name, kind in column_kinds().items()
    )
    con = duckdb.connect()
    try:
        con.execute(f"CREATE TABLE rule_lines ({columns})")
        con.execute(f"SELECT COALESCE(({tree.sql(dialect='duckdb')}), FALSE) FROM rule_lines")
    except duckdb.Error as error:
        return f"DuckDB cannot run it: {str(error).splitlines()[0]}"
    finally:
        con.close()
    return None


def _renders(tree: exp.Expr, dialect: str) -> str | None:
    try:
        tree.sql(dialect=dialect, unsupported_level=ErrorLevel.RAISE)
    except SqlglotError as error:
        return f"sqlglot cannot write it as {dialect} SQL: {str(error).splitlines()[0]}"
    return None


def engine_problems(where_sql: str) -> dict[str, str]:
    """For a rule's `where`, each engine that cannot run it exactly as DuckDB does, and why.

    An empty dict means every engine decides the same. The predicate is validated first, so a
    predicate outside the whitelist raises InvalidInput as rule loading already does.
    """
    tree = validate_where("-", where_sql)
    problems: dict[str, str] = {}
    duckdb_problem = _renders(tree, "duckdb") or _duckdb_binds(tree)
    if duckdb_problem:
        problems["duckdb"] = duckdb_problem
    spark_problem = _renders(tree, "spark") or spark_semantic_problem(tree)
    if spark_problem:
        problems["spark"] = spark_problem
    return problems


def refuse_unportable(rule_id: str, where_sql: str, engines: tuple[str, ...] = SQL_ENGINES) -> None:
    """Raise InvalidInput naming the rule and the engine when `engines` cannot all run it."""
    for engine, reason in engine_problems(where_sql).items():
        if engine in engines:
            raise InvalidInput(f"rule {rule_id}: cannot run on {engine}: {reason}", "where")
