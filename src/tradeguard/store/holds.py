"""The hold repository: holds and their findings, found by name rather than by query."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tradeguard.domain.errors import NotFound
from tradeguard.domain.exams import ExamType
from tradeguard.store.exams import CLOSED, OPEN, PLANNED, FindingRow, HoldRow, RuleExemptionRow

WAITING = (OPEN, PLANNED)


class HoldRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: HoldRow) -> HoldRow:
        """Store a new hold and give it its id (the change log names it)."""
        self._session.add(row)
        self._session.flush()
        return row

    def entry_nos_in_run(self, run_id: int) -> set[str]:
        """The entries of a targeting run that already have a hold."""
        query = select(HoldRow.entry_no).where(HoldRow.run_id == run_id)
        return set(self._session.scalars(query))

    def without_finding_in_run(self, run_id: int) -> list[HoldRow]:
        """A run's holds that no finding has closed yet (planning may move them)."""
        query = select(HoldRow).where(HoldRow.run_id == run_id, HoldRow.status != CLOSED)
        return list(self._session.scalars(query))

    def waiting(self) -> list[HoldRow]:
        """Holds an officer still has to act on (open or planned), oldest first."""
        query = select(HoldRow).where(HoldRow.status.in_(WAITING)).order_by(HoldRow.id)
        return list(self._session.scalars(query))

    def document_reviews(self) -> list[HoldRow]:
        """Every hold sent to a Center for a document review, done or not."""
        query = select(HoldRow).where(HoldRow.exam_type == ExamType.DOCUMENT_REVIEW.value)
        return list(self._session.scalars(query))

    def get(self, hold_id: int) -> HoldRow:
        hold = self._session.get(HoldRow, hold_id)
        if hold is None:
            raise NotFound(f"no hold {hold_id}")
        return hold

    def waiting_by_port(self, run_id: int) -> dict[str, int]:
        """How many of a run's holds wait at each port."""
        query = (
            select(HoldRow.port_code, func.count())
            .where(HoldRow.run_id == run_id, HoldRow.status.in_(WAITING))
            .group_by(HoldRow.port_code)
        )
        return {port: int(n) for port, n in self._session.execute(query)}

    def waiting_at_port(self, run_id: int, port: str) -> list[HoldRow]:
        query = select(HoldRow).where(
            HoldRow.run_id == run_id, HoldRow.port_code == port, HoldRow.status.in_(WAITING)
        )
        return list(self._session.scalars(query))

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

    def with_findings(self) -> list[tuple[HoldRow, FindingRow | None]]:
        """Every hold with its finding (None while it has none), oldest hold first."""
        query = (
            select(HoldRow, FindingRow)
            .outerjoin(FindingRow, FindingRow.hold_id == HoldRow.id)
            .order_by(HoldRow.id)
        )
        return [(hold, finding) for hold, finding in self._session.execute(query).all()]

    def importers_examined(self) -> set[str]:
        """Importers with at least one finding on any of their holds."""
        query = select(HoldRow.importer_id).join(FindingRow, FindingRow.hold_id == HoldRow.id)
        return set(self._session.scalars(query.distinct()))

    def importer_history(self, importer_id: str) -> list[tuple[str, str]]:
        """An importer's findings in the order they were made: (the hold's rule ids as JSON,
        the result)."""
        query = (
            select(HoldRow.rule_ids, FindingRow.result)
            .join(FindingRow, FindingRow.hold_id == HoldRow.id)
            .where(HoldRow.importer_id == importer_id)
            .order_by(FindingRow.finding_date, FindingRow.id)
        )
        return [(ids, result) for ids, result in self._session.execute(query).all()]


class FindingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: FindingRow) -> FindingRow:
        """Store a finding and give it its id (cases are numbered from it)."""
        self._session.add(row)
        self._session.flush()
        return row

    def for_hold(self, hold_id: int) -> FindingRow | None:
        query = select(FindingRow).where(FindingRow.hold_id == hold_id)
        return self._session.scalars(query).first()

    def every(self) -> list[FindingRow]:
        return list(self._session.scalars(select(FindingRow).order_by(FindingRow.id)))

    def with_holds(self) -> list[tuple[FindingRow, HoldRow]]:
        """Every finding beside the hold it closed, in the order they were recorded."""
        query = (
            select(FindingRow, HoldRow)
            .join(HoldRow, HoldRow.id == FindingRow.hold_id)
            .order_by(FindingRow.id)
        )
        return [(finding, hold) for finding, hold in self._session.execute(query).all()]


class ExemptionRepository:
    """Importers removed from a rule after clean findings; never deleted, only made inactive."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, rule_id: str, importer_id: str) -> RuleExemptionRow | None:
        query = select(RuleExemptionRow).where(
            RuleExemptionRow.rule_id == rule_id, RuleExemptionRow.importer_id == importer_id
        )
        return self._session.scalars(query).first()

    def find_active(self, rule_id: str, importer_id: str) -> RuleExemptionRow | None:
        query = select(RuleExemptionRow).where(
            RuleExemptionRow.rule_id == rule_id,
            RuleExemptionRow.importer_id == importer_id,
            RuleExemptionRow.active.is_(True),
        )
        return self._session.scalars(query).first()

    def add(self, row: RuleExemptionRow) -> None:
        self._session.add(row)

    def flush(self) -> None:
        self._session.flush()

    def active(self) -> list[RuleExemptionRow]:
        query = (
            select(RuleExemptionRow)
            .where(RuleExemptionRow.active.is_(True))
            .order_by(RuleExemptionRow.rule_id, RuleExemptionRow.importer_id)
        )
        return list(self._session.scalars(query))
