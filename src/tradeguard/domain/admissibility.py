"""Admissibility reference data: IPR recordations and ITC exclusion orders, and the trade alerts
and rescission reviews that follow an order (GAO-15-78).

A recordation (a trademark or copyright recorded with CBP, 19 CFR 133) protects marks on goods
of some tariff headings; only its authorized manufacturers may make them. An exclusion order
(19 U.S.C. 1337) bars goods in its tariff scope: a general order from anyone, a limited one from
its respondents only, from its effective date until it expires (the patent's term) or is
rescinded. `covers` is the plain meaning the rule columns must reproduce on every engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tradeguard.domain.errors import InvalidInput

# Our time frame from an order taking effect to the trade alert that tells the ports
# (GAO-15-78 asked CBP to set one and to review its performance against it).
ALERT_TARGET_DAYS = 14
HTS_PREFIX = re.compile(r"^\d{2,10}$")
PARTY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


class RecordationKind(StrEnum):
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"


class OrderKind(StrEnum):
    GENERAL = "general"
    LIMITED = "limited"


def parse_scope(text: str, field: str = "hts_scope") -> tuple[str, ...]:
    """HTS prefixes of 2 to 10 digits, separated by ';' (dots ignored); at least one."""
    parts = [p.strip().replace(".", "") for p in text.split(";") if p.strip()]
    if not parts:
        raise InvalidInput(f"{field} is empty: name at least one HTS prefix", field)
    for part in parts:
        if not HTS_PREFIX.match(part):
            raise InvalidInput(f"{field}: {part!r} is not an HTS prefix of 2-10 digits", field)
    return tuple(sorted(set(parts)))


def parse_parties(text: str, field: str) -> tuple[str, ...]:
    """Manufacturer or importer ids separated by ';' (may be empty)."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    for part in parts:
        if not PARTY.match(part):
            raise InvalidInput(f"{field}: {part!r} is not a party id", field)
    return tuple(sorted(set(parts)))


def in_scope(hts10: str, scope: tuple[str, ...]) -> bool:
    return any(hts10.startswith(prefix) for prefix in scope)


def in_force(on: date, start: date, end: date | None) -> bool:
    return start <= on and (end is None or on <= end)


@dataclass(frozen=True, slots=True)
class Recordation:
    recordation_no: str
    kind: RecordationKind
    owner: str
    marks: tuple[str, ...]
    hts_scope: tuple[str, ...]
    authorized_manufacturers: tuple[str, ...]
    recorded_on: date
    expires_on: date | None = None

    def __post_init__(self) -> None:
        if not self.marks:
            raise InvalidInput(f"recordation {self.recordation_no}: no protected mark", "marks")
        if not self.hts_scope:
            raise InvalidInput(f"recordation {self.recordation_no}: no HTS scope", "hts_scope")
        if self.expires_on is not None and self.expires_on < self.recorded_on:
            raise InvalidInput(
                f"recordation {self.recordation_no}: expires_on is before recorded_on",
                "expires_on",
            )

    def covers(self, hts10: str, on: date) -> bool:
        return in_force(on, self.recorded_on, self.expires_on) and in_scope(hts10, self.hts_scope)


def authorized_for_marks(
    recordations: list[Recordation], hts10: str, manufacturer_id: str, on: date
) -> bool | None:
    """None when no recordation in force covers the line; else whether the manufacturer is
    authorized by every one that does."""
    covering = [r for r in recordations if r.covers(hts10, on)]
    if not covering:
        return None
    return all(manufacturer_id in r.authorized_manufacturers for r in covering)


@dataclass(frozen=True, slots=True)
class ExclusionOrder:
    order_no: str
    investigation: str
    kind: OrderKind
    product: str
    hts_scope: tuple[str, ...]
    respondents: tuple[str, ...]
    effective_on: date
    expires_on: date | None = None
    rescinded_on: date | None = None

    def __post_init__(self) -> None:
        if not self.hts_scope:
            raise InvalidInput(f"order {self.order_no}: no HTS scope", "hts_scope")
        if self.kind is OrderKind.LIMITED and not self.respondents:
            raise InvalidInput(
                f"order {self.order_no}: a limited order names its respondents", "respondents"
            )
        for name, end in (("expires_on", self.expires_on), ("rescinded_on", self.rescinded_on)):
            if end is not None and end < self.effective_on:
                raise InvalidInput(f"order {self.order_no}: {name} is before effective_on", name)

    @property
    def ends_on(self) -> date | None:
        ends = [d for d in (self.expires_on, self.rescinded_on) if d is not None]
        return min(ends) if ends else None

    def covers(self, hts10: str, manufacturer_id: str, on: date) -> bool:
        if not in_force(on, self.effective_on, self.ends_on) or not in_scope(hts10, self.hts_scope):
            return False
        return self.kind is OrderKind.GENERAL or manufacturer_id in self.respondents


class AlertStatus(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"  # issued, after the time frame
    OVERDUE = "overdue"  # not issued, and the time frame has passed
    PENDING = "pending"  # not issued yet, still within the time frame


def alert_status(effective_on: date, alerted_on: date | None, today: date) -> AlertStatus:
    if alerted_on is not None:
        late = (alerted_on - effective_on).days > ALERT_TARGET_DAYS
        return AlertStatus.LATE if late else AlertStatus.ON_TIME
    if (today - effective_on).days > ALERT_TARGET_DAYS:
        return AlertStatus.OVERDUE
    return AlertStatus.PENDING


def check_alert_date(order: ExclusionOrder, alerted_on: date, today: date) -> date:
    if alerted_on < order.effective_on:
        raise InvalidInput(
            f"alerted_on {alerted_on} is before the order took effect ({order.effective_on})",
            "alerted_on",
        )
    if alerted_on > today:
        raise InvalidInput(f"alerted_on {alerted_on} is in the future", "alerted_on")
    return alerted_on


def rescission_reasons(order: ExclusionOrder, today: date, covered_entries: int) -> list[str]:
    """Why an order in force may merit asking the ITC to rescind it (GAO-15-78): its patent
    has expired, or no covered goods have been entered while it was in force."""
    if order.rescinded_on is not None and order.rescinded_on <= today:
        return []
    reasons = []
    if order.expires_on is not None and order.expires_on <= today:
        reasons.append(f"patent expired on {order.expires_on}")
    if covered_entries == 0 and (today - order.effective_on).days > 365:
        reasons.append("no covered entries in more than a year in force")
    return reasons
