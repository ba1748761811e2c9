"""Which rule columns a predicate is read against: the entry rule columns, unless the caller
checks (or renders) a rule on another declaration kind (advance filings) inside `reading(...)`.

The grammar and the portability checks ask `column_kinds()` rather than naming RULE_COLUMNS, so
one set of checks serves both kinds without threading the columns through every recursion.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from tradeguard.targeting.columns import RULE_COLUMNS

_COLUMNS: ContextVar[Mapping[str, str]] = ContextVar("rule_columns", default=RULE_COLUMNS)


@contextmanager
def reading(columns: Mapping[str, str]) -> Iterator[None]:
    """Check predicates against `columns` instead of the entry rule columns."""
    token = _COLUMNS.set(columns)
    try:
        yield
    finally:
        _COLUMNS.reset(token)


def column_kinds() -> Mapping[str, str]:
    """The columns predicates are read against now, and their kinds."""
    return _COLUMNS.get()
