"""The designation ledger: per import line, the duty paid and the duty all claims have
designated of it, and the guarded step that designates more.

The guard is one conditional UPDATE (`designated + more <= paid`) per line: on PostgreSQL the
row lock makes a second claim wait for the first and then see its total; on SQLite the database
write lock does the same. A CHECK constraint repeats the rule, so that no path that forgets the
guard can break it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, Integer, String, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.drawback.filing import ImportLine
from tradeguard.domain.errors import NotFound
from tradeguard.store.base import Base
from tradeguard.store.cases import CaseRow


class ImportLineRow(Base):
    """One import line's ledger: what was paid on it and how much all claims have designated."""

    __tablename__ = "drawback_import_lines"
    __table_args__ = (
        CheckConstraint(
            "designated_cents >= 0 AND designated_cents <= paid_cents", name="within_paid"
        ),
    )

    entry_no: Mapped[str] = mapped_column(String(16), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)
    importer_id: Mapped[str] = mapped_column(String(32), nullable=False)
    hts10: Mapped[str] = mapped_column(String(10), nullable=False)
    paid_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    designated_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)


class DesignationLedger:
    """The import lines claims draw on, and the guarded step that designates more of one."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def known(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], ImportLineRow]:
        found: dict[tuple[str, int], ImportLineRow] = {}
        for key in keys:
            row = self._session.get(ImportLineRow, key)
            if row is not None:
                found[key] = row
        return found

    def collected_duty(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """Per import line among `keys`, the duty collected on it since entry: what duty demand
        cases on that line have collected (a demand for the whole entry names no line and is
        left out). What an importer paid on a line is its declared duty plus this."""
        wanted = set(keys)
        entries = sorted({entry_no for entry_no, _ in wanted})
        if not entries:
            return {}
        query = (
            select(CaseRow.entry_no, CaseRow.line_no, func.sum(CaseRow.collected_cents))
            .where(
                CaseRow.kind == CaseKind.DUTY_DEMAND.value,
                CaseRow.collected_cents > 0,
                CaseRow.entry_no.in_(entries),
                CaseRow.line_no.is_not(None),
            )
            .group_by(CaseRow.entry_no, CaseRow.line_no)
        )
        found: dict[tuple[str, int], int] = {}
        for entry_no, line_no, cents in self._session.execute(query):
            key = (str(entry_no), int(line_no or 0))
            if key in wanted:
                found[key] = int(cents)
        return found

    def open_line(self, line: ImportLine) -> None:
        """Put an import line on the ledger (with nothing designated) if it is not there yet;
        raise what the ledger counts as paid when more has been collected on it since.

        Two claims may open the same line at once: the loser's insert meets the primary key
        and is undone to its savepoint, and the line the winner stored is used."""
        if self._session.get(ImportLineRow, (line.entry_no, line.line_no)) is not None:
            self._session.execute(
                update(ImportLineRow)
                .where(
                    ImportLineRow.entry_no == line.entry_no,
                    ImportLineRow.line_no == line.line_no,
                    ImportLineRow.paid_cents < line.paid_cents,
                )
                .values(paid_cents=line.paid_cents)
                .execution_options(synchronize_session=False)
            )
            return
        try:
            with self._session.begin_nested():
                self._session.add(
                    ImportLineRow(
                        entry_no=line.entry_no,
                        line_no=line.line_no,
                        entry_date=line.entry_date,
                        importer_id=line.importer_id,
                        hts10=line.hts10,
                        paid_cents=line.paid_cents,
                        designated_cents=0,
                    )
                )
        except IntegrityError:
            pass  # stored meanwhile by another claim: the guarded draw below reads it

    def draw(self, entry_no: str, line_no: int, more_cents: int) -> bool:
        """Designate `more_cents` of the line if that stays within what was paid; False (and
        nothing changed) otherwise. Atomic against every other claim designating the line."""
        total = ImportLineRow.designated_cents + more_cents
        result = self._session.execute(
            update(ImportLineRow)
            .where(
                ImportLineRow.entry_no == entry_no,
                ImportLineRow.line_no == line_no,
                total <= ImportLineRow.paid_cents,
            )
            .values(designated_cents=total)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    def give_back(self, entry_no: str, line_no: int, cents: int) -> None:
        """A denied claim's designation no longer draws on the line."""
        total = ImportLineRow.designated_cents - cents
        self._session.execute(
            update(ImportLineRow)
            .where(ImportLineRow.entry_no == entry_no, ImportLineRow.line_no == line_no)
            .values(designated_cents=total)
            .execution_options(synchronize_session=False)
        )

    def over_designated(self) -> list[ImportLineRow]:
        """Lines designated beyond what was paid: always empty while the guard holds."""
        query = select(ImportLineRow).where(
            ImportLineRow.designated_cents > ImportLineRow.paid_cents
        )
        return list(self._session.scalars(query))

    def designated_of(self, entry_no: str, line_no: int) -> int:
        row = self._session.get(ImportLineRow, (entry_no, line_no))
        if row is None:
            raise NotFound(f"import line {entry_no}/{line_no} is not designated by any claim")
        self._session.refresh(row)
        return row.designated_cents
