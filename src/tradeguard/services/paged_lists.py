"""One page of each list the pages and the API show: cases, the audit log, a port's exam queue,
the ports with holds, the rule library, the e-allegations to triage and the accounts.

Each takes a `PageRequest` and a `SortOrder` (parsed at the edge against the list's `*_SORTS`
names) and returns a `Page` of the same items the unpaged lists return, so a page never reads
or renders more than MAX_PER_PAGE rows, in any order a user may pick.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from tradeguard.domain.allegation import AllegationStatus
from tradeguard.domain.cases.base import CaseKind
from tradeguard.domain.paging import Page, PageRequest, SortOrder
from tradeguard.domain.pti import PTI
from tradeguard.domain.roles import Role
from tradeguard.domain.rule import Risk
from tradeguard.services.allegations import AllegationForTriage
from tradeguard.services.case_views import CaseView
from tradeguard.services.change_log import ChangeLine
from tradeguard.services.hold_queue import _card as hold_card
from tradeguard.services.hold_queue import check_port, ports_with_holds
from tradeguard.services.hold_views import HoldCard, PortWaiting
from tradeguard.services.rule_library import LibraryRule, rule_library
from tradeguard.services.users import UserPublic
from tradeguard.store import paging as finders
from tradeguard.store.database import Database
from tradeguard.store.holds import WAITING
from tradeguard.store.targeting_runs import latest

# The names each list may be sorted by (`?sort=NAME&dir=asc|desc`), and its default order.
CASE_SORTS = tuple(finders.CASE_SORTS)
CASE_ORDER = SortOrder("id")
AUDIT_SORTS = tuple(finders.AUDIT_SORTS)
AUDIT_ORDER = SortOrder("at", descending=True)
ALLEGATION_SORTS = tuple(finders.ALLEGATION_SORTS)
ALLEGATION_ORDER = SortOrder("received", descending=True)
USER_SORTS = tuple(finders.USER_SORTS)
USER_ORDER = SortOrder("username")
QUEUE_SORTS = tuple(finders.QUEUE_SORTS)
QUEUE_ORDER = SortOrder("plan")
PORT_SORTS = ("port", "waiting")
PORT_ORDER = SortOrder("waiting", descending=True)
RULE_SORTS: tuple[str, ...] = ("id", "name", "pti", "risk", "version", "status")
RULE_SORTS += ("holds", "findings", "hit_rate", "lift")
RULE_ORDER = SortOrder("id")


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything is stored in UTC, so say so."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# Columns whose values sort by rank, not by spelling: "mandatory" before "high" before "low".
_RANKS: dict[str, dict[str, int]] = {"risk": {r.value: i for i, r in enumerate(Risk)}}


T = TypeVar("T")


def _in_order(
    items: Sequence[T], order: SortOrder, field: Callable[[T, str], Any] = getattr
) -> list[T]:
    """A short in-memory list by one of its fields, missing values last either way (the sort is
    stable, so equal keys keep the list's own order)."""
    ranks = _RANKS.get(order.column)

    def key(item: T) -> Any:
        value = field(item, order.column)
        return value if ranks is None or value is None else ranks.get(value, len(ranks))

    present = [i for i in items if key(i) is not None]
    missing = [i for i in items if key(i) is None]
    return sorted(present, key=key, reverse=order.descending) + missing


def cases_page(
    db: Database,
    page: PageRequest,
    *,
    pti: PTI | None = None,
    kind: CaseKind | None = None,
    state: str | None = None,
    order: SortOrder = CASE_ORDER,
) -> Page[CaseView]:
    with db.session() as session:
        rows, total = finders.cases_page(
            session,
            pti=None if pti is None else pti.value,
            kind=None if kind is None else kind.value,
            state=state,
            offset=page.offset,
            limit=page.size,
            order=order,
        )
        return Page([CaseView.of(r) for r in rows], page.number, page.size, total)


def audit_log_page(
    db: Database, page: PageRequest, *, entity: str | None = None, order: SortOrder = AUDIT_ORDER
) -> Page[ChangeLine]:
    with db.session() as session:
        rows, total = finders.audit_page(
            session, entity=entity, offset=page.offset, limit=page.size, order=order
        )
        lines = [
            ChangeLine(_utc(e.at), e.actor, e.action, e.entity, e.entity_id, e.before, e.after)
            for e in rows
        ]
    return Page(lines, page.number, page.size, total)


def triage_page(
    db: Database,
    page: PageRequest,
    *,
    pti: PTI | None = None,
    status: AllegationStatus | None = None,
    order: SortOrder = ALLEGATION_ORDER,
) -> Page[AllegationForTriage]:
    """E-allegations newest first, every one reachable: a flood cannot hide an older tip."""
    with db.session() as session:
        rows, total = finders.allegations_page(
            session,
            offset=page.offset,
            limit=page.size,
            pti=None if pti is None else pti.value,
            status=None if status is None else status.value,
            order=order,
        )
        found = [
            AllegationForTriage(
                r.receipt,
                _utc(r.submitted_at),
                r.pti,
                r.description,
                r.importer,
                r.company,
                r.contact,
                r.status,
            )  # fmt: skip
            for r in rows
        ]
    return Page(found, page.number, page.size, total)


def users_page(
    db: Database,
    page: PageRequest,
    *,
    role: Role | None = None,
    disabled: bool | None = None,
    order: SortOrder = USER_ORDER,
) -> Page[UserPublic]:
    """Accounts (never their hashes), by username unless told otherwise."""
    with db.session() as session:
        rows, total = finders.users_page(
            session,
            offset=page.offset,
            limit=page.size,
            role=None if role is None else role.value,
            disabled=disabled,
            order=order,
        )
        found = [UserPublic(r.username, Role(r.role), r.disabled, _utc(r.created_at)) for r in rows]
    return Page(found, page.number, page.size, total)


def port_queue_page(
    db: Database, port: str, page: PageRequest, *, order: SortOrder = QUEUE_ORDER
) -> Page[HoldCard]:
    """A port's waiting holds of the latest targeting run, in the exam plan's order unless
    told otherwise."""
    port = check_port(port)
    with db.session() as session:
        run = latest(session)
        if run is None:
            return Page([], page.number, page.size, 0)
        rows, total = finders.port_queue_page(
            session, run_id=run.id, port=port, statuses=WAITING,
            offset=page.offset, limit=page.size, order=order,
        )  # fmt: skip
        return Page([hold_card(h) for h in rows], page.number, page.size, total)


def ports_page(
    db: Database, page: PageRequest, *, order: SortOrder = PORT_ORDER
) -> Page[PortWaiting]:
    """Ports with waiting holds, busiest first (one grouped row per port: a short list)."""
    return page.take(_in_order(ports_with_holds(db), order))


def rule_library_page(
    db: Database,
    page: PageRequest,
    *,
    with_predicates: bool,
    pti: PTI | None = None,
    status: str | None = None,
    order: SortOrder = RULE_ORDER,
) -> Page[LibraryRule]:
    """Rules with their figures, of one PTI or status when given (the library is hundreds of
    rules, filtered, sorted and paged in memory)."""
    rules = [
        r
        for r in rule_library(db, with_predicates=with_predicates)
        if (pti is None or r.listing.pti == pti.value)
        and (status is None or r.listing.status == status)
    ]
    return page.take(_in_order(rules, order, lambda r, column: r.as_json().get(column)))
