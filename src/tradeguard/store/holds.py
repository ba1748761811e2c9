"""The hold repository: holds and their findings, found by name rather than by query."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard.domain.errors import NotFound
from tradeguard.store.exams import PLANNED, FindingRow, HoldRow


class HoldRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get_many(self, hold_ids: Iterable[int]) -> dict[int, HoldRow]:
        """Each hold by id; NotFound names the first missing one (and how many more)."""
        found = {i: self._session.get(HoldRow, i) for i in hold_ids}
        missing = sorted(i for i, row in found.items() if row is None)
        if missing:
            more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            raise NotFound(f"no hold {missing[0]}{more}")
        return {i: row for i, row in found.items() if row is not None}

    def planned(self) -> list[HoldRow]:
        """Holds planned for an exam and still waiting for its finding, oldest first."""
        query = select(HoldRow).where(HoldRow.status == PLANNED).order_by(HoldRow.id)
        return list(self._session.scalars(query))


class FindingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: FindingRow) -> FindingRow:
        """Store a finding and give it its id (cases are numbered from it)."""
        self._session.add(row)
        self._session.flush()
        return row

    def every(self) -> list[FindingRow]:
        return list(self._session.scalars(select(FindingRow).order_by(FindingRow.id)))
