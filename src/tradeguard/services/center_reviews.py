"""Post-entry review queues: which entry summaries each Center reviews within its import
specialists' hours, and which it misses.

The latest post-entry targeting run's holds are the candidates. A Center's capacity is its import
specialists' FTE (the staffing model's actual, 917, shared over the Centers by their share of the
run's entry summaries unless given) × productive hours × the share of their time on entry summary
review × the share of national trade the loaded data represents × the run's span of a year. The
allocation is the port exams' (domain/exams.allocate): mandatory first, the random sample, then
by expected yield; what does not fit is recorded as missed with its expected yield.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.domain.exams import DISCRETIONARY, RANDOM, HoldToPlan, PortPlan, allocate
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.domain.reviews import REVIEW_HOURS, ReviewKind, ReviewState, review_kind_for
from tradeguard.generator.calibration import ENTRY_SUMMARIES_PER_YEAR
from tradeguard.reference.positions import load_positions, load_staffing_parameters
from tradeguard.services.exams import create_holds
from tradeguard.services.workload import recorded_national_share
from tradeguard.store.database import Database
from tradeguard.store.exams import HoldRow
from tradeguard.store.reviews import ReviewRow
from tradeguard.store.unit_of_work import UnitOfWork

IMPORT_SPECIALIST = "Import specialist"
# Share of an import specialist's time on entry summary review: the document-review share of the
# position's work in reference/data/staffing_parameters.yaml (standard_hours, share 0.4).
REVIEW_SHARE_OF_TIME = Decimal("0.4")
# Days from entry to the entry summary reaching the Center's queue (filed within 10 working days).
SUMMARY_LAG_DAYS = 14


def import_specialist_fte() -> Decimal:
    """The import specialists on board in the last actual year (917, GAO-17-618 Table 5)."""
    for position in load_positions():
        if position.name == IMPORT_SPECIALIST:
            return Decimal(position.actuals[position.last_actual_fy])
    raise NotFound(f"{IMPORT_SPECIALIST} is missing from the positions reference data")


@dataclass(frozen=True, slots=True)
class CenterStaff:
    center: str
    specialists: Decimal
    capacity_hours: Decimal


@dataclass(slots=True)
class ReviewPlan:
    """One Center's allocation: the port plan's figures plus its staff and review counts."""

    center: str
    specialists: Decimal
    plan: PortPlan
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def reviews(self) -> int:
        p = self.plan
        return p.mandatory + p.random_examined + p.discretionary_examined


@dataclass(frozen=True, slots=True)
class ReviewsPlanned:
    run_id: int
    national_share: Decimal
    centers: list[ReviewPlan]

    @property
    def reviews(self) -> int:
        return sum(c.reviews for c in self.centers)

    @property
    def missed(self) -> int:
        return sum(c.plan.missed for c in self.centers)


def _center_shares(frame: pl.DataFrame) -> dict[str, Decimal]:
    """Assumption (docs/centers.md): the report gives no staff by Center, so each Center has
    the share of import specialists that it has of the run's entry summaries."""
    counts = frame.filter(pl.col("center").is_not_null()).group_by("center").agg(pl.len())
    total = Decimal(int(counts["len"].sum() or 0)) if counts.height else Decimal(0)
    return {str(c): Decimal(int(n)) / total for c, n in counts.iter_rows()} if total else {}


def center_staffing(
    frame: pl.DataFrame, national_share: Decimal, specialists: Mapping[str, Decimal]
) -> dict[str, CenterStaff]:
    params = load_staffing_parameters(None)
    days = frame["entry_date"].cast(pl.Date)
    first, last = days.min(), days.max()
    span = (
        Decimal((last - first).days + 1) / Decimal(365)
        if isinstance(first, date) and isinstance(last, date)
        else Decimal(0)
    )
    national = import_specialist_fte()
    out: dict[str, CenterStaff] = {}
    for center, share in _center_shares(frame).items():
        fte = specialists.get(center, (national * share).quantize(Decimal("0.01")))
        hours = fte * params.productive_hours_per_fte * REVIEW_SHARE_OF_TIME
        capacity = (hours * national_share * span).quantize(Decimal("0.01"))
        out[center] = CenterStaff(center, fte, capacity)
    return out


def national_share(settings: Settings, frame: pl.DataFrame) -> Decimal:
    """The share of national trade the loaded data represents (recorded, else its entries)."""
    recorded = recorded_national_share(settings.lake_dir)
    if recorded is not None:
        return recorded.share
    return Decimal(max(frame.height, 1)) / Decimal(ENTRY_SUMMARIES_PER_YEAR)


def _ptis(hold: HoldRow) -> list[PTI]:
    out = []
    for text in json.loads(hold.pti_hits):
        try:
            out.append(parse_pti(text))
        except InvalidInput:
            continue
    return out


def parse_specialists(pairs: list[str]) -> dict[str, Decimal]:
    """`CENTER=FTE` pairs from the command line or API; a bad one names the field."""
    out: dict[str, Decimal] = {}
    for pair in pairs:
        center, sep, text = pair.partition("=")
        try:
            fte = Decimal(text)
        except ArithmeticError:
            fte = Decimal(-1)
        if not sep or not center.strip() or not fte.is_finite() or fte < 0:
            raise InvalidInput(
                f"specialists must be CENTER=FTE with FTE not below zero, got {pair!r}",
                "specialists",
            )
        out[center.strip()] = fte
    return out


def plan_reviews(
    db: Database,
    settings: Settings,
    *,
    specialists: Mapping[str, Decimal] | None = None,
    actor: str = "system",
    replay: bool = False,
) -> ReviewsPlanned:
    """Queue the latest post-entry run's reviews within each Center's capacity, once per hold."""
    with UnitOfWork(db) as uow:  # checked first, so a refusal writes nothing
        latest = uow.runs.latest()
    if latest.stage != "post-entry":  # planning follows the run that just decided post-entry
        raise InvalidInput(
            f"the latest targeting run ({latest.id}) is at stage {latest.stage}; run "
            "`tradeguard target --stage post-entry` first",
            "stage",
        )
    create_holds(db, actor=actor, replay=replay)
    with UnitOfWork(db) as uow:
        run = uow.runs.latest()
        frame = pl.read_parquet(Path(run.decisions_path))
        share = national_share(settings, frame)
        staff = center_staffing(frame, share, specialists or {})
        unknown = set(specialists or {}) - set(staff)
        if unknown:
            raise InvalidInput(f"no Center named {sorted(unknown)[0]!r}", "specialists")
        done = uow.center_reviews.reviewed_hold_ids()
        holds = [h for h in uow.holds.without_finding_in_run(run.id) if h.id not in done]
        kinds = {h.id: review_kind_for(_ptis(h)) for h in holds}
        allocation = allocate(
            [
                HoldToPlan(h.id, h.center or "unassigned", _lane(h), h.expected_yield_usd,
                           REVIEW_HOURS[kinds[h.id]])
                for h in holds
            ],
            {c: s.capacity_hours for c, s in staff.items()},
        )  # fmt: skip
        _queue(uow, holds, kinds, allocation.examined, staff, actor=actor, replay=replay)
        uow.commit()
    plans = [
        ReviewPlan(
            c, staff[c].specialists if c in staff else Decimal(0), allocation.ports[c],
            dict(Counter(kinds[h.id].value for h in holds
                         if (h.center or "unassigned") == c and h.id in allocation.examined)),
        )
        for c in sorted(allocation.ports)
    ]  # fmt: skip
    return ReviewsPlanned(run.id, share, plans)


def _queue(
    uow: UnitOfWork,
    holds: list[HoldRow],
    kinds: dict[int, ReviewKind],
    queued_ids: set[int],
    staff: dict[str, CenterStaff],
    *,
    actor: str,
    replay: bool,
) -> None:
    """A review row for every hold, queued to a specialist in turn or missed; the hold planned
    (a document review) or released, as the port exams do."""
    adcvd = uow.center_reviews.adcvd_cases_of(h.entry_no for h in holds)
    turn: Counter[str] = Counter()
    for h in sorted(holds, key=lambda h: (-h.expected_yield_usd, h.id)):
        center = h.center or "unassigned"
        queued = h.id in queued_ids
        specialist = None
        if queued:
            people = max(1, math.ceil(staff[center].specialists)) if center in staff else 1
            specialist = f"IS-{_code(center)}-{turn[center] % people + 1}"
            turn[center] += 1
        h.plan("document_review" if queued else None, specialist)
        h.planned_on = h.entry_date if replay else date.today()
        row = uow.center_reviews.add(_review_row(h, kinds[h.id], queued, specialist, adcvd, replay))
        uow.changes.record(
            actor=actor, action="review.plan", entity="review", entity_id=str(row.id),
            after=row.snapshot(),
        )  # fmt: skip


def _lane(hold: HoldRow) -> str:
    return RANDOM if hold.sampled and hold.lane == DISCRETIONARY else hold.lane


def _code(center: str) -> str:
    return "".join(w[0] for w in center.replace(",", "").split() if w[0].isupper())


def _review_row(
    h: HoldRow,
    kind: ReviewKind,
    queued: bool,
    specialist: str | None,
    adcvd: dict[str, str],
    replay: bool,
) -> ReviewRow:
    case_no = adcvd.get(h.entry_no)
    return ReviewRow(
        hold_id=h.id, center=h.center or "unassigned", kind=kind.value, lane=_lane(h),
        entry_no=h.entry_no, importer_id=h.importer_id, entry_date=h.entry_date,
        value_usd=h.value_usd, expected_yield_usd=h.expected_yield_usd, hours=REVIEW_HOURS[kind],
        state=(ReviewState.QUEUED if queued else ReviewState.MISSED).value, specialist=specialist,
        planned_on=h.entry_date + timedelta(SUMMARY_LAG_DAYS) if replay else date.today(),
        duty_found_usd=Decimal(0), extensions=0,
        # AD/CVD entries stay unliquidated until Commerce instructs: by deposit, or by the scope
        suspended=case_no is not None or kind is ReviewKind.ADCVD_SCOPE, adcvd_case_no=case_no,
    )  # fmt: skip
