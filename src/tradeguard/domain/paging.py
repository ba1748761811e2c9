"""Paging: every list a page or the API shows is read one bounded page at a time.

A page is asked for by number (from 1) and size (1 to MAX_PER_PAGE, default DEFAULT_PER_PAGE),
so no request can make the server read or render an unbounded list. A number past the last page
is not an error: it is an empty page whose links lead back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tradeguard.domain.errors import InvalidInput

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# Far past any real list; bounds the offset a request can ask the database to skip.
MAX_PAGE = 1_000_000

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PageRequest:
    number: int = 1
    size: int = DEFAULT_PER_PAGE

    def __post_init__(self) -> None:
        if not 1 <= self.number <= MAX_PAGE:
            raise InvalidInput(f"page must be 1 to {MAX_PAGE}, got {self.number}", "page")
        if not 1 <= self.size <= MAX_PER_PAGE:
            raise InvalidInput(f"per_page must be 1 to {MAX_PER_PAGE}, got {self.size}", "per_page")

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    def take(self, items: Sequence[T], total: int | None = None) -> Page[T]:
        """This page of an already ordered, in-memory list (short lists: ports, rules)."""
        chosen = list(items[self.offset : self.offset + self.size])
        return Page(chosen, self.number, self.size, len(items) if total is None else total)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list and where it sits in the whole."""

    items: list[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first_index(self) -> int:
        """1-based position of the first item in the whole list (0 when the page is empty)."""
        return (self.number - 1) * self.size + 1 if self.items else 0


@dataclass(frozen=True, slots=True)
class SortOrder:
    """Which column a list is ordered by, and which way; `column` is one of the list's own
    whitelisted names (never SQL), so a request can only choose among them."""

    column: str
    descending: bool = False

    @property
    def direction(self) -> str:
        return "desc" if self.descending else "asc"


def parse_sort(
    column: str | None, direction: str | None, allowed: Sequence[str], default: SortOrder
) -> SortOrder:
    """The order a request asks for (`?sort=col&dir=asc|desc`), or the list's default order;
    InvalidInput naming `sort` or `dir` for anything else."""
    if not column:
        if direction and direction not in ("asc", "desc"):
            raise InvalidInput(f"dir must be asc or desc, got {direction!r}", "dir")
        return default if not direction else SortOrder(default.column, direction == "desc")
    if column not in allowed:
        raise InvalidInput(f"sort must be one of: {', '.join(allowed)}; got {column!r}", "sort")
    if direction not in (None, "", "asc", "desc"):
        raise InvalidInput(f"dir must be asc or desc, got {direction!r}", "dir")
    return SortOrder(column, direction == "desc")
