"""Paging at the edge, shared by the API and the pages: the `page` and `per_page` query
parameters (bounded, so a request can never ask for an unbounded list), the `sort` and `dir`
parameters (one of the list's whitelisted column names, ascending or descending), and the links
to the neighbouring pages, which keep every filter and the order the caller gave.

The API answers a page as the JSON list it always returned, with the links in an RFC 8288
`Link` header (rel first, prev, next, last) and the total in `X-Total-Count`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query, Response

from tradeguard.domain.paging import (
    DEFAULT_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    Page,
    PageRequest,
    SortOrder,
    parse_sort,
)

PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page number, from 1")]
PerPage = Annotated[
    int, Query(ge=1, le=MAX_PER_PAGE, description=f"items per page, at most {MAX_PER_PAGE}")
]

SortColumn = Annotated[
    str, Query(max_length=32, description="column to sort by (the list names its columns)")
]
SortDirection = Annotated[str, Query(max_length=4, description="asc or desc")]


def page_request(page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> PageRequest:
    return PageRequest(page, per_page)


def sort_order(
    column: str, direction: str, allowed: Sequence[str], default: SortOrder
) -> SortOrder:
    """The order asked for, or the list's default; 422 naming `sort` or `dir` otherwise."""
    return parse_sort(column or None, direction or None, allowed, default)


def sort_filters(column: str, direction: str) -> dict[str, str]:
    """The order as it goes into links (left out when not given, so default links stay short)."""
    return {"sort": column, "dir": direction}


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def page_url(path: str, filters: Mapping[str, Any], number: int, size: int) -> str:
    """`path?filters&page=N[&per_page=S]`: empty filters and the default size are left out."""
    query = {k: _text(v) for k, v in filters.items() if v is not None and v != ""}
    query["page"] = str(number)
    if size != DEFAULT_PER_PAGE:
        query["per_page"] = str(size)
    return f"{path}?{urlencode(query)}"


def neighbour_links(path: str, filters: Mapping[str, Any], page: Page[Any]) -> dict[str, str]:
    """rel → URL for the first, previous, next and last pages that exist."""
    links = {"first": page_url(path, filters, 1, page.size)}
    if page.has_previous:
        previous = min(page.number - 1, page.pages)
        links["prev"] = page_url(path, filters, previous, page.size)
    if page.has_next:
        links["next"] = page_url(path, filters, page.number + 1, page.size)
    links["last"] = page_url(path, filters, page.pages, page.size)
    return links


def add_page_headers(
    response: Response, path: str, filters: Mapping[str, Any], page: Page[Any]
) -> None:
    links = neighbour_links(path, filters, page)
    response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items())
    response.headers["X-Total-Count"] = str(page.total)


@dataclass(frozen=True, slots=True)
class SortLink:
    """A column header's link: the URL that sorts the list by the column, and the column's
    `aria-sort` ("ascending", "descending", or "" when the list is not sorted by it)."""

    url: str
    aria: str


def sort_links(
    path: str,
    filters: Mapping[str, Any],
    order: SortOrder,
    allowed: Sequence[str],
    size: int = DEFAULT_PER_PAGE,
) -> dict[str, SortLink]:
    """Per sortable column, the link that sorts by it from the first page, keeping the filters
    and the page size: ascending, or the other way round when the list is sorted by it already."""
    links = {}
    for column in allowed:
        current = column == order.column
        descending = current and not order.descending
        query = {**filters, "sort": column, "dir": "desc" if descending else "asc"}
        aria = ("descending" if order.descending else "ascending") if current else ""
        links[column] = SortLink(page_url(path, query, 1, size), aria)
    return links
