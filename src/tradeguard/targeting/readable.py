"""A rule's predicate laid out for reading: one condition a line, groups indented (sqlglot)."""

from __future__ import annotations

import sqlglot
from sqlglot.errors import SqlglotError


def pretty_predicate(where: str) -> str:
    """The predicate as formatted SQL; the text as written when it does not parse (a legacy
    version), since showing it is better than hiding it."""
    try:
        return sqlglot.parse_one(where, read="duckdb").sql(dialect="duckdb", pretty=True)
    except SqlglotError:
        return where
