"""The central register of single transaction bonds (OIG-15-76: "a centralized approach to
monitoring Single Transaction Bonds"): register, tie to one entry, release or claim, monitor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from tradeguard.domain.bonds import (
    UNUSED_AFTER_DAYS,
    BondCheck,
    EntryExposure,
    StbFiling,
    StbStatus,
    check_bond,
)
from tradeguard.domain.errors import Conflict, InvalidInput, TradeguardError
from tradeguard.store.bonds import PresentationRow, StbRow
from tradeguard.store.database import Database
from tradeguard.store.entry_lines import entry_exposures
from tradeguard.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class StbPresented:
    bond_no: str
    entry_no: str
    check: BondCheck


@dataclass(frozen=True, slots=True)
class StbLine:
    bond_no: str
    importer_id: str
    status: str
    amount_cents: int
    registered_on: date
    entry_no: str | None
    required_cents: int | None
    shortfall_cents: int
    closed_on: date | None = None  # released or claimed on


@dataclass(frozen=True, slots=True)
class ReusedBond:
    bond_no: str
    entries: tuple[str, ...]  # every entry it was presented for, first (the one it secures) first


@dataclass(frozen=True, slots=True)
class StbMonitoring:
    as_of: date
    by_status: dict[str, int]
    insufficient: tuple[StbLine, ...]
    unused: tuple[StbLine, ...]
    reused: tuple[ReusedBond, ...]
    claimed: tuple[StbLine, ...]  # demanded from the surety; a shortfall is not recoverable

    @property
    def claimed_uncovered_cents(self) -> int:
        """What claimed bonds fall short of their entries' requirement: beyond the surety."""
        return sum(b.shortfall_cents for b in self.claimed)


def line_of(row: StbRow) -> StbLine:
    return StbLine(
        row.bond_no,
        row.importer_id,
        row.status,
        row.amount_cents,
        row.registered_on,
        row.entry_no,
        row.required_cents,
        row.shortfall_cents,
        row.closed_on,
    )


def register_stb(db: Database, filing: StbFiling, *, actor: str) -> StbLine:
    with UnitOfWork(db) as work:
        if work.stbs.exists(filing.bond_no):
            raise InvalidInput(f"bond {filing.bond_no} is already in the register", "bond_no")
        row = work.stbs.add(
            StbRow(
                bond_no=filing.bond_no,
                surety_code=filing.surety_code,
                importer_id=filing.importer_id,
                amount_cents=filing.amount_cents,
                registered_on=filing.registered_on,
                status=StbStatus.REGISTERED.value,
            )
        )
        work.changes.record(
            actor=actor,
            action="stb.register",
            entity="stb",
            entity_id=filing.bond_no,
            after={"cents": filing.amount_cents},
        )
        work.commit()
        return line_of(row)


def present_stb(
    db: Database, lake_dir: Path, bond_no: str, entry_no: str, on: date, *, actor: str
) -> StbPresented:
    """Tie a bond to the entry it secures and check its amount against what the entry requires.

    A bond already used, or an entry already secured, is refused (Conflict) and the refused
    presentation is kept in the register: that record is how reuse is monitored."""
    exposure = entry_exposures(lake_dir, [entry_no]).get(entry_no)
    return _present(db, exposure, bond_no, entry_no, on, actor)


def present_stbs(
    db: Database, lake_dir: Path, presentations: Sequence[tuple[str, str, date]], *, actor: str
) -> list[StbPresented | TradeguardError]:
    """Present many bonds in order (bond_no, entry_no, on), reading the lake once; each outcome
    is the bond tied or the refusal (kept in the register)."""
    exposures = entry_exposures(lake_dir, [entry for _, entry, _ in presentations])
    outcomes: list[StbPresented | TradeguardError] = []
    for bond_no, entry_no, on in presentations:
        try:
            outcomes.append(_present(db, exposures.get(entry_no), bond_no, entry_no, on, actor))
        except (Conflict, InvalidInput) as refusal:
            outcomes.append(refusal)
    return outcomes


def _present(
    db: Database,
    exposure: EntryExposure | None,
    bond_no: str,
    entry_no: str,
    on: date,
    actor: str,
) -> StbPresented:
    if exposure is None:
        raise InvalidInput(f"entry {entry_no} is not among the entries ingested", "entry_no")
    with UnitOfWork(db) as work:
        bond = work.stbs.get(bond_no)
        check = check_bond(bond.amount_cents, exposure)
        other = work.stbs.for_entry(entry_no)
        refusal = None
        if other is not None and other.bond_no != bond_no:
            refusal = f"entry {entry_no} is already secured by bond {other.bond_no}"
        elif not work.stbs.tie(bond_no, entry_no, on, check):
            refusal = f"bond {bond_no} was used for entry {bond.entry_no}: an STB is used once"
        work.stbs.present(
            PresentationRow(
                bond_no=bond_no,
                entry_no=entry_no,
                presented_on=on,
                accepted=refusal is None,
                reason=refusal or "tied to its entry",
            )
        )
        work.changes.record(
            actor=actor,
            action="stb.present",
            entity="stb",
            entity_id=bond_no,
            after={"entry_no": entry_no, "ok": not refusal},
        )
        work.commit()
    if refusal:
        raise Conflict(refusal)
    return StbPresented(bond_no, entry_no, check)


def close_stb(db: Database, bond_no: str, to: StbStatus, on: date, *, actor: str) -> StbLine:
    """Release the surety (the entry's obligations met) or claim on the bond."""
    with UnitOfWork(db) as work:
        bond = work.stbs.get(bond_no)
        if to is StbStatus.RELEASED:
            bond.release(on)
        elif to is StbStatus.CLAIMED:
            bond.claim(on)
        else:
            raise InvalidInput("a bond is closed as released or claimed", "to")
        work.changes.record(
            actor=actor, action=f"stb.{to.value}", entity="stb", entity_id=bond_no, after={"on": on}
        )
        work.commit()
        return line_of(bond)


def stb_monitoring(db: Database, as_of: date) -> StbMonitoring:
    """Insufficient, unused and reused bonds, and those claimed: the centralized monitoring
    report."""
    with UnitOfWork(db) as work:
        reused = work.stbs.reused()
        return StbMonitoring(
            as_of,
            work.stbs.counts(),
            tuple(line_of(r) for r in work.stbs.insufficient()),
            tuple(line_of(r) for r in work.stbs.unused_since(as_of - timedelta(UNUSED_AFTER_DAYS))),
            tuple(
                ReusedBond(bond_no, tuple(dict.fromkeys(p.entry_no for p in rows)))
                for bond_no, rows in sorted(reused.items())
            ),
            tuple(line_of(r) for r in work.stbs.claimed()),
        )


def list_stbs(db: Database) -> list[StbLine]:
    with UnitOfWork(db) as work:
        return [line_of(r) for r in work.stbs.listed()]
