"""One page of each list the pages and the API show: cases, the audit log, a port's exam queue,
the ports with holds, the rule library and the e-allegations to triage.

Each takes a `PageRequest` (parsed at the edge) and returns a `Page` of the same items the
unpaged lists return, so a page never reads or renders more than MAX_PER_PAGE rows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tradeguard.domain.cases.base import CaseKind
from tradeguard.domain.paging import Page, PageRequest
from tradeguard.domain.pti import PTI
from tradeguard.services.allegations import AllegationForTriage
from tradeguard.services.case_views import CaseView
from tradeguard.services.change_log import ChangeLine
from tradeguard.services.hold_queue import _card as hold_card
from tradeguard.services.hold_queue import check_port, ports_with_holds
from tradeguard.services.hold_views import HoldCard, PortWaiting
from tradeguard.services.rule_library import LibraryRule, rule_library
from tradeguard.store import paging as finders
from tradeguard.store.database import Database
from tradeguard.store.holds import WAITING
from tradeguard.store.targeting_runs import latest


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything is stored in UTC, so say so."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cases_page(
    db: Database,
    page: PageRequest,
    *,
    pti: PTI | None = None,
    kind: CaseKind | None = None,
    state: str | None = None,
) -> Page[CaseView]:
    with db.session() as session:
        rows, total = finders.cases_page(
            session,
            pti=None if pti is None else pti.value,
            kind=None if kind is None else kind.value,
            state=state,
            offset=page.offset,
            limit=page.size,
        )
        return Page([CaseView.of(r) for r in rows], page.number, page.size, total)


def audit_log_page(
    db: Database, page: PageRequest, *, entity: str | None = None
) -> Page[ChangeLine]:
    with db.session() as session:
        rows, total = finders.audit_page(
            session, entity=entity, offset=page.offset, limit=page.size
        )
        lines = [
            ChangeLine(_utc(e.at), e.actor, e.action, e.entity, e.entity_id, e.before, e.after)
            for e in rows
        ]
    return Page(lines, page.number, page.size, total)


def triage_page(db: Database, page: PageRequest) -> Page[AllegationForTriage]:
    """E-allegations newest first, every one reachable: a flood cannot hide an older tip."""
    with db.session() as session:
        rows, total = finders.allegations_page(session, offset=page.offset, limit=page.size)
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


def port_queue_page(db: Database, port: str, page: PageRequest) -> Page[HoldCard]:
    """A port's waiting holds of the latest targeting run, in the exam plan's order."""
    port = check_port(port)
    with db.session() as session:
        run = latest(session)
        if run is None:
            return Page([], page.number, page.size, 0)
        rows, total = finders.port_queue_page(
            session, run_id=run.id, port=port, statuses=WAITING,
            offset=page.offset, limit=page.size,
        )  # fmt: skip
        return Page([hold_card(h) for h in rows], page.number, page.size, total)


def ports_page(db: Database, page: PageRequest) -> Page[PortWaiting]:
    """Ports with waiting holds, busiest first (one grouped row per port: a short list)."""
    return page.take(ports_with_holds(db))


def rule_library_page(
    db: Database, page: PageRequest, *, with_predicates: bool
) -> Page[LibraryRule]:
    """Rules by id with their figures (the library is hundreds of rules, paged in memory)."""
    return page.take(rule_library(db, with_predicates=with_predicates))
