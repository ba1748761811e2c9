"""What the real-time scorer is built from, read as one cheap fingerprint.

A long-running server compares this fingerprint, off the request path, with the one its scorer
was built from; any difference (a rule published or retired, an importer's exemption earned or
lifted) means a rebuild.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard.store.exams import RuleExemptionRow
from tradeguard.store.rules import RuleVersion


def rule_statuses(session: Session) -> tuple[tuple[int, str], ...]:
    """Every rule version's row id and status, in id order."""
    rows = session.execute(select(RuleVersion.id, RuleVersion.status).order_by(RuleVersion.id))
    return tuple((int(i), str(s)) for i, s in rows)


def active_exemption_keys(session: Session) -> tuple[tuple[str, str], ...]:
    """The (rule, importer) pairs currently exempted, sorted."""
    query = (
        select(RuleExemptionRow.rule_id, RuleExemptionRow.importer_id)
        .where(RuleExemptionRow.active.is_(True))
        .order_by(RuleExemptionRow.rule_id, RuleExemptionRow.importer_id)
    )
    return tuple((str(r), str(i)) for r, i in session.execute(query))
