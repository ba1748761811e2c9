"""Paged finders: one bounded read per list the pages and the API show.

Each returns the rows of one page (LIMIT/OFFSET in a stable order) and the total the filters
match, so a page never loads the whole table. Kept apart from the tables' own modules so the
lists can be paged without touching how each aggregate is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from tradeguard.domain.exams import DISCRETIONARY, MANDATORY, RANDOM
from tradeguard.store.allegations import AllegationRow
from tradeguard.store.cases import CaseRow
from tradeguard.store.change_log import ChangeEntry
from tradeguard.store.exams import HoldRow
from tradeguard.store.rules import ACTIVE, RETIRED, RuleVersion

R = TypeVar("R")


def _paged(session: Session, query: Select[R], *, offset: int, limit: int) -> tuple[list[R], int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return list(session.scalars(query.offset(offset).limit(limit))), int(total or 0)


def cases_page(
    session: Session,
    *,
    pti: str | None,
    kind: str | None,
    state: str | None,
    offset: int,
    limit: int,
) -> tuple[list[CaseRow], int]:
    """Cases by id, filtered by PTI, kind and state when given."""
    query = select(CaseRow).order_by(CaseRow.id)
    for column, value in ((CaseRow.pti, pti), (CaseRow.kind, kind), (CaseRow.state, state)):
        if value is not None:
            query = query.where(column == value)
    return _paged(session, query, offset=offset, limit=limit)


def audit_page(
    session: Session, *, entity: str | None, offset: int, limit: int
) -> tuple[list[ChangeEntry], int]:
    """The audit log, newest first, for one entity kind when given."""
    query = select(ChangeEntry).order_by(ChangeEntry.id.desc())
    if entity:
        query = query.where(ChangeEntry.entity == entity)
    return _paged(session, query, offset=offset, limit=limit)


def allegations_page(
    session: Session, *, offset: int, limit: int
) -> tuple[list[AllegationRow], int]:
    """E-allegations, newest first."""
    query = select(AllegationRow).order_by(AllegationRow.id.desc())
    return _paged(session, query, offset=offset, limit=limit)


def rules_page(
    session: Session, *, include_retired: bool, offset: int, limit: int
) -> tuple[list[RuleVersion], int]:
    """The latest version of every rule, by rule id."""
    statuses = [ACTIVE, RETIRED] if include_retired else [ACTIVE]
    query = (
        select(RuleVersion)
        .where(RuleVersion.status.in_(statuses))
        .order_by(RuleVersion.rule_id, RuleVersion.version)
    )
    return _paged(session, query, offset=offset, limit=limit)


def port_queue_page(
    session: Session,
    *,
    run_id: int,
    port: str,
    statuses: Sequence[str],
    offset: int,
    limit: int,
) -> tuple[list[HoldRow], int]:
    """A port's waiting holds in the exam plan's order: mandatory, then the random sample (a
    sampled discretionary hold counts as the sample), then discretionary by expected yield."""
    rank: Any = case(
        (HoldRow.lane == MANDATORY, 0),
        (HoldRow.lane == RANDOM, 1),
        ((HoldRow.lane == DISCRETIONARY) & HoldRow.sampled.is_(True), 1),
        (HoldRow.lane == DISCRETIONARY, 2),
        else_=3,
    )
    query = (
        select(HoldRow)
        .where(HoldRow.run_id == run_id, HoldRow.port_code == port, HoldRow.status.in_(statuses))
        .order_by(rank, HoldRow.expected_yield_usd.desc(), HoldRow.id)
    )
    return _paged(session, query, offset=offset, limit=limit)
