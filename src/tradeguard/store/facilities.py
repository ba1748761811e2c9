"""The facility registry: bonded warehouses and zones, their compliance reviews, admissions and
withdrawals.

`risk_level` on a facility row is only ever copied from a review by `apply`, and the table's
check constraint refuses a risk level with no review date, so neither a service nor a hand-run
UPDATE can record a level that no review supports.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.cases.money import from_cents, to_cents
from tradeguard.domain.errors import NotFound
from tradeguard.domain.facilities import (
    Admission,
    ComplianceReview,
    Facility,
    FacilityKind,
    FacilityState,
    RiskLevel,
)
from tradeguard.store.base import Base


class FacilityRow(Base):
    __tablename__ = "facilities"
    __table_args__ = (
        CheckConstraint(
            "risk_level IS NULL OR (reviewed_on IS NOT NULL AND review_id IS NOT NULL)",
            name="risk_from_review",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(4), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    class_code: Mapped[str] = mapped_column(String(32), nullable=False)
    operator: Mapped[str] = mapped_column(String(200), nullable=False)
    port_code: Mapped[str] = mapped_column(String(4), nullable=False, index=True)
    bond_no: Mapped[str] = mapped_column(String(20), nullable=False)
    bond_amount_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    registered_on: Mapped[date] = mapped_column(Date, nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    risk_level: Mapped[str | None] = mapped_column(String(8), nullable=True)
    reviewed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    registered_by: Mapped[str] = mapped_column(String(64), nullable=False)

    @classmethod
    def from_facility(cls, f: Facility, actor: str) -> FacilityRow:
        row = cls(
            code=f.code,
            name=f.name.strip(),
            kind=f.kind.value,
            class_code=f.class_code,
            operator=f.operator.strip(),
            port_code=f.port_code,
            bond_no=f.bond_no.strip(),
            bond_amount_cents=to_cents(f.bond_amount),
            registered_on=f.registered_on,
            registered_by=actor,
        )
        row.apply(f)
        return row

    def facility(self, reviews: list[ComplianceReview] | None = None) -> Facility:
        return Facility(
            code=self.code,
            name=self.name,
            kind=FacilityKind(self.kind),
            class_code=self.class_code,
            operator=self.operator,
            port_code=self.port_code,
            bond_no=self.bond_no,
            bond_amount=from_cents(self.bond_amount_cents),
            registered_on=self.registered_on,
            state=FacilityState(self.state),
            risk_level=None if self.risk_level is None else RiskLevel(self.risk_level),
            reviewed_on=self.reviewed_on,
            reviews=list(reviews or []),
        )

    def apply(self, f: Facility, review_id: int | None = None) -> None:
        self.state = f.state.value
        self.risk_level = None if f.risk_level is None else f.risk_level.value
        self.reviewed_on = f.reviewed_on
        if review_id is not None:
            self.review_id = review_id


class ReviewRow(Base):
    __tablename__ = "facility_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id"), nullable=False, index=True
    )
    reviewed_on: Mapped[date] = mapped_column(Date, nullable=False)
    reviewer: Mapped[str] = mapped_column(String(64), nullable=False)
    risk_level: Mapped[str] = mapped_column(String(8), nullable=False)
    findings: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    evidence: Mapped[str] = mapped_column(Text, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(64), nullable=False)

    def review(self) -> ComplianceReview:
        return ComplianceReview(
            self.reviewed_on,
            self.reviewer,
            RiskLevel(self.risk_level),
            tuple(json.loads(self.evidence)),
            self.findings,
        )


class AdmissionRow(Base):
    __tablename__ = "facility_admissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facilities.id"), nullable=False, index=True
    )
    entry_no: Mapped[str] = mapped_column(String(16), nullable=False)
    description: Mapped[str] = mapped_column(String(200), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    withdrawn: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    value_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)
    imported_on: Mapped[date] = mapped_column(Date, nullable=False)
    admitted_on: Mapped[date] = mapped_column(Date, nullable=False)
    duty_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    def admission(self) -> Admission:
        return Admission(
            self.entry_no,
            self.description,
            self.quantity,
            from_cents(self.value_cents),
            self.imported_on,
            self.admitted_on,
            self.withdrawn,
            None if self.duty_cents is None else from_cents(self.duty_cents),
        )


class WithdrawalRow(Base):
    __tablename__ = "facility_withdrawals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    admission_id: Mapped[int] = mapped_column(
        ForeignKey("facility_admissions.id"), nullable=False, index=True
    )
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    withdrawn_on: Mapped[date] = mapped_column(Date, nullable=False)
    purpose: Mapped[str] = mapped_column(String(32), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(64), nullable=False)


class FacilityRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def flush(self) -> None:
        """Write pending changes inside the transaction, so a view read next sees them."""
        self._session.flush()

    def add(self, row: FacilityRow) -> FacilityRow:
        self._session.add(row)
        self._session.flush()
        return row

    def get(self, code: str) -> FacilityRow:
        row = self._session.scalars(
            select(FacilityRow).where(FacilityRow.code == code.strip().upper())
        ).first()
        if row is None:
            raise NotFound(f"no facility {code}")
        return row

    def by_id(self, facility_id: int) -> FacilityRow:
        row = self._session.get(FacilityRow, facility_id)
        if row is None:
            raise NotFound(f"no facility #{facility_id}")
        return row

    def exists(self, code: str) -> bool:
        query = select(FacilityRow.id).where(FacilityRow.code == code)
        return self._session.scalars(query).first() is not None

    def every(self) -> list[FacilityRow]:
        return list(self._session.scalars(select(FacilityRow).order_by(FacilityRow.code)))

    def reviews(self, facility_id: int) -> list[ReviewRow]:
        query = (
            select(ReviewRow)
            .where(ReviewRow.facility_id == facility_id)
            .order_by(ReviewRow.reviewed_on, ReviewRow.id)
        )
        return list(self._session.scalars(query))

    def reviews_for(self, ids: list[int]) -> dict[int, list[ReviewRow]]:
        """Reviews of many facilities in one query."""
        out: dict[int, list[ReviewRow]] = {i: [] for i in ids}
        query = (
            select(ReviewRow)
            .where(ReviewRow.facility_id.in_(ids))
            .order_by(ReviewRow.reviewed_on, ReviewRow.id)
        )
        for row in self._session.scalars(query):
            out[row.facility_id].append(row)
        return out

    def add_review(self, row: ReviewRow) -> ReviewRow:
        self._session.add(row)
        self._session.flush()
        return row

    def add_admission(self, row: AdmissionRow) -> AdmissionRow:
        self._session.add(row)
        self._session.flush()
        return row

    def admission(self, admission_id: int) -> AdmissionRow:
        row = self._session.get(AdmissionRow, admission_id)
        if row is None:
            raise NotFound(f"no admission {admission_id}")
        return row

    def add_withdrawal(self, row: WithdrawalRow) -> None:
        self._session.add(row)

    def goods_on_hand(self) -> list[tuple[AdmissionRow, FacilityRow]]:
        """Admissions with goods still in their facility, oldest importation first."""
        query = (
            select(AdmissionRow, FacilityRow)
            .join(FacilityRow, FacilityRow.id == AdmissionRow.facility_id)
            .where(AdmissionRow.quantity > AdmissionRow.withdrawn)
            .order_by(AdmissionRow.imported_on, AdmissionRow.id)
        )
        return [(a, f) for a, f in self._session.execute(query).all()]

    def admissions_of(self, facility_id: int) -> list[AdmissionRow]:
        query = (
            select(AdmissionRow)
            .where(AdmissionRow.facility_id == facility_id)
            .order_by(AdmissionRow.id)
        )
        return list(self._session.scalars(query))
