"""Paged finders: one bounded read per list the pages and the API show.

Each returns the rows of one page (LIMIT/OFFSET in a stable order) and the total the filters
match, so a page never loads the whole table. Each list names the columns it may be sorted by
(`*_SORTS`: a public name to a column); a request chooses among those names only, and the row
id breaks ties so that paging through a sorted list never repeats or skips a row. Kept apart
from the tables' own modules so the lists can be paged without touching how each aggregate is
stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from tradeguard.domain.exams import DISCRETIONARY, MANDATORY, RANDOM
from tradeguard.domain.paging import SortOrder
from tradeguard.store.allegations import AllegationRow
from tradeguard.store.cases import CaseRow
from tradeguard.store.change_log import ChangeEntry
from tradeguard.store.exams import HoldRow
from tradeguard.store.users import UserRow

R = TypeVar("R")

CASE_SORTS: Mapping[str, Any] = {
    "id": CaseRow.id,
    "kind": CaseRow.kind,
    "pti": CaseRow.pti,
    "state": CaseRow.state,
    "opened": CaseRow.opened_on,
    "importer": CaseRow.importer_id,
    "entry": CaseRow.entry_no,
    "closed": CaseRow.closed_on,
}
AUDIT_SORTS: Mapping[str, Any] = {
    "at": ChangeEntry.id,  # ids rise with time: the log is written in order
    "actor": ChangeEntry.actor,
    "action": ChangeEntry.action,
    "entity": ChangeEntry.entity,
    "entity_id": ChangeEntry.entity_id,
}
ALLEGATION_SORTS: Mapping[str, Any] = {
    "received": AllegationRow.id,  # ids rise with submission time
    "receipt": AllegationRow.receipt,
    "pti": AllegationRow.pti,
    "importer": AllegationRow.importer,
    "company": AllegationRow.company,
    "status": AllegationRow.status,
}
USER_SORTS: Mapping[str, Any] = {
    "username": UserRow.username,
    "role": UserRow.role,
    "disabled": UserRow.disabled,
    "created": UserRow.created_at,
}
# The exam plan's order: mandatory, then the random sample (a sampled discretionary hold counts
# as the sample), then discretionary by expected yield.
_PLAN_RANK: Any = case(
    (HoldRow.lane == MANDATORY, 0),
    (HoldRow.lane == RANDOM, 1),
    ((HoldRow.lane == DISCRETIONARY) & HoldRow.sampled.is_(True), 1),
    (HoldRow.lane == DISCRETIONARY, 2),
    else_=3,
)
QUEUE_SORTS: Mapping[str, Any] = {
    "plan": _PLAN_RANK,
    "hold": HoldRow.id,
    "entry": HoldRow.entry_no,
    "lane": HoldRow.lane,
    "status": HoldRow.status,
    "importer": HoldRow.importer_id,
    "entry_date": HoldRow.entry_date,
    "value": HoldRow.value_usd,
    "yield": HoldRow.expected_yield_usd,
}


def _sorted(query: Select[R], columns: Mapping[str, Any], order: SortOrder, tie: Any) -> Select[R]:
    """The query ordered by the chosen column (NULLs last either way), then by `tie`."""
    column = columns[order.column]
    key = column.desc() if order.descending else column.asc()
    return query.order_by(column.is_(None), key, tie.desc() if order.descending else tie)


def _paged(session: Session, query: Select[R], *, offset: int, limit: int) -> tuple[list[R], int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return list(session.scalars(query.offset(offset).limit(limit))), int(total or 0)


def _where_equal(query: Select[R], pairs: Sequence[tuple[Any, object]]) -> Select[R]:
    for column, value in pairs:
        if value is not None:
            query = query.where(column == value)
    return query


def cases_page(
    session: Session,
    *,
    pti: str | None,
    kind: str | None,
    state: str | None,
    offset: int,
    limit: int,
    order: SortOrder = SortOrder("id"),
) -> tuple[list[CaseRow], int]:
    """Cases filtered by PTI, kind and state when given, by id unless told otherwise."""
    query = _where_equal(
        select(CaseRow), ((CaseRow.pti, pti), (CaseRow.kind, kind), (CaseRow.state, state))
    )
    query = _sorted(query, CASE_SORTS, order, CaseRow.id)
    return _paged(session, query, offset=offset, limit=limit)


def audit_page(
    session: Session,
    *,
    entity: str | None,
    offset: int,
    limit: int,
    order: SortOrder = SortOrder("at", descending=True),
) -> tuple[list[ChangeEntry], int]:
    """The audit log, newest first unless told otherwise, for one entity kind when given."""
    query = _where_equal(select(ChangeEntry), ((ChangeEntry.entity, entity or None),))
    query = _sorted(query, AUDIT_SORTS, order, ChangeEntry.id)
    return _paged(session, query, offset=offset, limit=limit)


def allegations_page(
    session: Session,
    *,
    offset: int,
    limit: int,
    pti: str | None = None,
    status: str | None = None,
    order: SortOrder = SortOrder("received", descending=True),
) -> tuple[list[AllegationRow], int]:
    """E-allegations, newest first unless told otherwise, of one PTI or status when given."""
    query = _where_equal(
        select(AllegationRow), ((AllegationRow.pti, pti), (AllegationRow.status, status))
    )
    query = _sorted(query, ALLEGATION_SORTS, order, AllegationRow.id)
    return _paged(session, query, offset=offset, limit=limit)


def users_page(
    session: Session,
    *,
    offset: int,
    limit: int,
    role: str | None = None,
    disabled: bool | None = None,
    order: SortOrder = SortOrder("username"),
) -> tuple[list[UserRow], int]:
    """Accounts by username unless told otherwise, of one role or disabled state when given."""
    query = _where_equal(select(UserRow), ((UserRow.role, role), (UserRow.disabled, disabled)))
    query = _sorted(query, USER_SORTS, order, UserRow.id)
    return _paged(session, query, offset=offset, limit=limit)


def port_queue_page(
    session: Session,
    *,
    run_id: int,
    port: str,
    statuses: Sequence[str],
    offset: int,
    limit: int,
    order: SortOrder = SortOrder("plan"),
) -> tuple[list[HoldRow], int]:
    """A port's waiting holds, in the exam plan's order unless told otherwise (within one plan
    rank, the higher expected yield first)."""
    query = select(HoldRow).where(
        HoldRow.run_id == run_id, HoldRow.port_code == port, HoldRow.status.in_(statuses)
    )
    if order.column == "plan":
        rank = _PLAN_RANK.desc() if order.descending else _PLAN_RANK
        query = query.order_by(rank, HoldRow.expected_yield_usd.desc(), HoldRow.id)
    else:
        query = _sorted(query, QUEUE_SORTS, order, HoldRow.id)
    return _paged(session, query, offset=offset, limit=limit)
