"""Withhold release orders (19 CFR 12.42-12.45): goods made wholly or in part with forced labor.

An order names a producer (a manufacturer) or a region (a country of origin, with the goods'
tariff scope). Goods it covers are detained; the importer may export them at any time, or within
the window prove that they were not made with forced labor, in which case they are released.
When the window passes with no proof, or the proof is rejected, the goods are seized.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from tradeguard.domain.admissibility import in_force, in_scope
from tradeguard.domain.errors import Conflict, InvalidInput

PROOF_WINDOW_DAYS = 90  # 19 CFR 12.43: proof of admissibility within three months


class DetentionState(StrEnum):
    DETAINED = "detained"
    PROOF_SUBMITTED = "proof_submitted"
    RELEASED = "released"
    EXPORTED = "exported"
    SEIZED = "seized"


MOVES: dict[DetentionState, frozenset[DetentionState]] = {
    DetentionState.DETAINED: frozenset(
        {DetentionState.PROOF_SUBMITTED, DetentionState.EXPORTED, DetentionState.SEIZED}
    ),
    DetentionState.PROOF_SUBMITTED: frozenset(
        {DetentionState.RELEASED, DetentionState.EXPORTED, DetentionState.SEIZED}
    ),
}
CLOSED = frozenset({DetentionState.RELEASED, DetentionState.EXPORTED, DetentionState.SEIZED})


@dataclass(frozen=True, slots=True)
class WithholdReleaseOrder:
    wro_no: str
    merchandise: str
    issued_on: date
    producer: str | None = None  # a manufacturer_id
    region: str | None = None  # an origin country code
    hts_scope: tuple[str, ...] = ()
    revoked_on: date | None = None

    def __post_init__(self) -> None:
        if not self.producer and not self.region:
            raise InvalidInput(f"order {self.wro_no}: name a producer or a region", "producer")
        if self.region and not self.hts_scope:
            raise InvalidInput(
                f"order {self.wro_no}: a regional order names the goods' HTS scope", "hts_scope"
            )
        if self.revoked_on is not None and self.revoked_on < self.issued_on:
            raise InvalidInput(f"order {self.wro_no}: revoked_on is before issued_on", "revoked_on")

    def covers(self, hts10: str, manufacturer_id: str, origin_country: str, on: date) -> bool:
        if not in_force(on, self.issued_on, self.revoked_on):
            return False
        if self.hts_scope and not in_scope(hts10, self.hts_scope):
            return False
        if self.producer and manufacturer_id != self.producer:
            return False
        return not self.region or origin_country == self.region


def parse_state(text: str) -> DetentionState:
    try:
        return DetentionState(text.strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in DetentionState)
        raise InvalidInput(
            f"to {text!r} is not a detention state; expected: {names}", "to"
        ) from None


@dataclass(frozen=True, slots=True)
class Detention:
    entry_no: str
    wro_no: str
    detained_on: date
    state: DetentionState = DetentionState.DETAINED
    proof_on: date | None = None
    closed_on: date | None = None

    @property
    def window_ends(self) -> date:
        return self.detained_on + timedelta(days=PROOF_WINDOW_DAYS)

    def days_left(self, today: date) -> int | None:
        """Days the importer still has to export or prove admissibility (None once closed)."""
        if self.state in CLOSED or self.state is DetentionState.PROOF_SUBMITTED:
            return None
        return (self.window_ends - today).days

    def move(self, to: DetentionState, on: date) -> Detention:
        if on < self.detained_on:
            raise InvalidInput(f"on {on} is before the goods were detained", "on")
        if to not in MOVES.get(self.state, frozenset()):
            raise Conflict(f"detention of {self.entry_no}: cannot move {self.state} -> {to}")
        if to is DetentionState.PROOF_SUBMITTED and on > self.window_ends:
            raise Conflict(f"the window to prove admissibility closed on {self.window_ends}")
        if (
            to is DetentionState.SEIZED
            and self.state is DetentionState.DETAINED
            and on <= self.window_ends
        ):
            raise Conflict(f"the importer may still export or prove until {self.window_ends}")
        if to is DetentionState.PROOF_SUBMITTED:
            return replace(self, state=to, proof_on=on)
        return replace(self, state=to, closed_on=on)
