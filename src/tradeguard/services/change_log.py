"""Reading the change log, for administrators (the log is written by every other service)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tradeguard.store.change_log import change_entries
from tradeguard.store.database import Database


@dataclass(frozen=True, slots=True)
class ChangeLine:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "before": self.before,
            "after": self.after,
        }


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything is stored in UTC, so say so."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_change_log(
    db: Database, *, entity: str | None = None, limit: int = 200
) -> list[ChangeLine]:
    with db.session() as session:
        return [
            ChangeLine(_utc(e.at), e.actor, e.action, e.entity, e.entity_id, e.before, e.after)
            for e in change_entries(session, entity=entity, limit=limit)
        ]
