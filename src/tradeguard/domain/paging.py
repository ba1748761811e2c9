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
