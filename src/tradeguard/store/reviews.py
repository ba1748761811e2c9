"""The Centers' post-entry reviews: one row per entry summary a Center reviews (or missed), with
its request for information, notice of action, finding and liquidation clock.

Each move delegates to domain/reviews.py, which refuses an illegal one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain import reviews as flow
from tradeguard.domain.errors import NotFound
from tradeguard.domain.reviews import LiquidationClock, NoticeKind, ReviewState
from tradeguard.store.adcvd import DepositRow
from tradeguard.store.base import Base
from tradeguard.store.targeting_runs import TargetingRun

MONEY = Numeric(16, 2)


class ReviewRow(Base):
    __tablename__ = "center_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    hold_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("exam_holds.id"), nullable=False, unique=True
    )
    center: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    lane: Mapped[str] = mapped_column(String(16), nullable=False)
    entry_no: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    importer_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    entry_date: Mapped[date] = mapped_column(Date, nullable=False)
    value_usd: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    expected_yield_usd: Mapped[Decimal] = mapped_column(MONEY, nullable=False)
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2), nullable=False)
    state: Mapped[str] = mapped_column(String(24), nullable=False)
    specialist: Mapped[str | None] = mapped_column(String(80), nullable=True)
    planned_on: Mapped[date] = mapped_column(Date, nullable=False)
    rfi_sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    rfi_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reminded_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    escalated_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    responded_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notice_kind: Mapped[str | None] = mapped_column(String(24), nullable=True)
    notice_proposed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notice_taken_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    result: Mapped[str | None] = mapped_column(String(16), nullable=True)
    duty_found_usd: Mapped[Decimal] = mapped_column(MONEY, nullable=False, default=Decimal(0))
    extensions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    adcvd_case_no: Mapped[str | None] = mapped_column(String(16), nullable=True)

    @property
    def current(self) -> ReviewState:
        return ReviewState(self.state)

    @property
    def clock(self) -> LiquidationClock:
        return LiquidationClock(self.entry_date, self.extensions, self.suspended)

    def send_rfi(self, on: date) -> None:
        state, self.rfi_due_on = flow.send_rfi(self.current, str(self.id), on)
        self.state, self.rfi_sent_on = state.value, on

    def remind(self, on: date) -> None:
        assert self.rfi_due_on is not None
        state, self.rfi_due_on = flow.remind(self.current, str(self.id), on, self.rfi_due_on)
        self.state, self.reminded_on = state.value, on

    def escalate(self, on: date) -> None:
        assert self.rfi_due_on is not None
        self.state = flow.escalate(self.current, str(self.id), on, self.rfi_due_on).value
        self.escalated_on = on

    def respond(self, on: date) -> None:
        self.state, self.responded_on = flow.respond(self.current, str(self.id)).value, on

    def propose_notice(self, kind: NoticeKind, on: date) -> None:
        self.state = flow.propose_notice(self.current, str(self.id)).value
        self.notice_kind, self.notice_proposed_on = kind.value, on

    def take_notice(self, on: date) -> None:
        self.state, self.notice_taken_on = flow.take_notice(self.current, str(self.id)).value, on

    def close(self, result: str, on: date, duty_found: Decimal) -> None:
        self.state = flow.close(self.current, str(self.id), result).value
        self.result, self.closed_on, self.duty_found_usd = result, on, duty_found

    def extend_liquidation(self, on: date) -> None:
        self.extensions = self.clock.extend(str(self.id), on).extensions

    def duty_foregone(self) -> Decimal:
        return self.clock.duty_foregone(self.closed_on, self.duty_found_usd)

    def snapshot(self) -> dict[str, Any]:
        return {c.name: getattr(self, c.name) for c in self.__table__.columns}


class CenterReviewRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, row: ReviewRow) -> ReviewRow:
        self._session.add(row)
        self._session.flush()
        return row

    def get(self, review_id: int) -> ReviewRow:
        row = self._session.get(ReviewRow, review_id)
        if row is None:
            raise NotFound(f"no review {review_id}")
        return row

    def every(self) -> list[ReviewRow]:
        return list(self._session.scalars(select(ReviewRow).order_by(ReviewRow.id)))

    def reviewed_hold_ids(self) -> set[int]:
        """Holds that already have a review row (planning is idempotent)."""
        return set(self._session.scalars(select(ReviewRow.hold_id)))

    def for_center(self, center: str) -> list[ReviewRow]:
        query = select(ReviewRow).where(ReviewRow.center == center).order_by(ReviewRow.id)
        return list(self._session.scalars(query))

    def for_importer(self, importer_id: str) -> list[ReviewRow]:
        query = select(ReviewRow).where(ReviewRow.importer_id == importer_id)
        return list(self._session.scalars(query.order_by(ReviewRow.id)))

    def in_states(self, states: Iterable[ReviewState]) -> list[ReviewRow]:
        wanted = [s.value for s in states]
        query = select(ReviewRow).where(ReviewRow.state.in_(wanted)).order_by(ReviewRow.id)
        return list(self._session.scalars(query))

    def latest_post_entry_run(self) -> TargetingRun | None:
        """The most recent targeting run at the post-entry stage (the Centers' queues)."""
        query = select(TargetingRun).where(TargetingRun.stage == "post-entry")
        return self._session.scalars(query.order_by(TargetingRun.id.desc()).limit(1)).first()

    def adcvd_cases_of(self, entry_nos: Iterable[str]) -> dict[str, str]:
        """The AD/CVD case of each entry with an unliquidated deposit: its liquidation is
        suspended until Commerce's instructions (store/adcvd.py)."""
        wanted = sorted(set(entry_nos))
        out: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            query = select(DepositRow.entry_no, DepositRow.case_no).where(
                DepositRow.entry_no.in_(wanted[start : start + 500]),
                DepositRow.liquidated.is_(False),
            )
            out.update({entry: case for entry, case in self._session.execute(query)})
        return out
