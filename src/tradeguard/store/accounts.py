"""An importer's record across the stores, for the national account managers' account view."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard.store.cases import CaseRow
from tradeguard.store.exams import FindingRow, HoldRow


class ImporterRecord:
    def __init__(self, session: Session) -> None:
        self._session = session

    def holds_with_findings(self, importer_id: str) -> list[tuple[HoldRow, FindingRow | None]]:
        """The importer's holds, each with its finding (None while open), oldest first."""
        query = (
            select(HoldRow, FindingRow)
            .outerjoin(FindingRow, FindingRow.hold_id == HoldRow.id)
            .where(HoldRow.importer_id == importer_id)
            .order_by(HoldRow.id)
        )
        return [(hold, finding) for hold, finding in self._session.execute(query).all()]

    def cases(self, importer_id: str) -> list[CaseRow]:
        query = select(CaseRow).where(CaseRow.importer_id == importer_id).order_by(CaseRow.id)
        return list(self._session.scalars(query))
