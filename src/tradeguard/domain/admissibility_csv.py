"""Reading admissibility reference rows (one CSV row as a dict of strings) into domain objects,
refusing a bad row with an error that names its line and field (docs/admissibility.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TypeVar

from tradeguard.domain.admissibility import (
    PARTY,
    ExclusionOrder,
    OrderKind,
    Recordation,
    RecordationKind,
    parse_parties,
    parse_scope,
)
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.withhold_release import WithholdReleaseOrder

T = TypeVar("T")
Row = Mapping[str, str | None]

RECORDATION_FIELDS = (
    "recordation_no", "kind", "owner", "marks", "hts_scope", "authorized_manufacturers",
    "recorded_on", "expires_on",
)  # fmt: skip
ORDER_FIELDS = (
    "order_no", "investigation", "kind", "product", "hts_scope", "respondents", "effective_on",
    "expires_on", "rescinded_on",
)  # fmt: skip
WRO_FIELDS = (
    "wro_no", "merchandise", "producer", "region", "hts_scope", "issued_on", "revoked_on",
)  # fmt: skip
REQUIRED = frozenset(
    {"recordation_no", "order_no", "wro_no", "kind", "owner", "marks", "investigation",
     "product", "merchandise", "recorded_on", "effective_on", "issued_on", "hts_scope"}
)  # fmt: skip


def _text(row: Row, name: str) -> str:
    value = (row.get(name) or "").strip()
    if not value and name in REQUIRED:
        raise InvalidInput(f"{name} is empty", name)
    return value


def _date(row: Row, name: str) -> date | None:
    text = _text(row, name)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{name} {text!r} is not a date (YYYY-MM-DD)", name) from None


def _required_date(row: Row, name: str) -> date:
    day = _date(row, name)
    assert day is not None  # _text refused an empty required field
    return day


def _number(row: Row, name: str) -> str:
    value = _text(row, name)
    if not PARTY.match(value):
        raise InvalidInput(f"{name} {value!r} is not a reference number", name)
    return value


def _choice(kind: Callable[[str], T], row: Row, name: str, names: str) -> T:
    text = _text(row, name).lower()
    try:
        return kind(text)
    except ValueError:
        raise InvalidInput(f"{name} {text!r}; expected one of: {names}", name) from None


def recordation(row: Row) -> Recordation:
    marks = tuple(m.strip() for m in _text(row, "marks").split(";") if m.strip())
    return Recordation(
        recordation_no=_number(row, "recordation_no"),
        kind=_choice(RecordationKind, row, "kind", "trademark, copyright"),
        owner=_text(row, "owner"), marks=marks, hts_scope=parse_scope(_text(row, "hts_scope")),
        authorized_manufacturers=parse_parties(
            _text(row, "authorized_manufacturers"), "authorized_manufacturers"
        ),
        recorded_on=_required_date(row, "recorded_on"), expires_on=_date(row, "expires_on"),
    )  # fmt: skip


def exclusion_order(row: Row) -> ExclusionOrder:
    return ExclusionOrder(
        order_no=_number(row, "order_no"), investigation=_text(row, "investigation"),
        kind=_choice(OrderKind, row, "kind", "general, limited"), product=_text(row, "product"),
        hts_scope=parse_scope(_text(row, "hts_scope")),
        respondents=parse_parties(_text(row, "respondents"), "respondents"),
        effective_on=_required_date(row, "effective_on"), expires_on=_date(row, "expires_on"),
        rescinded_on=_date(row, "rescinded_on"),
    )  # fmt: skip


def withhold_order(row: Row) -> WithholdReleaseOrder:
    scope_text = _text(row, "hts_scope") if (row.get("hts_scope") or "").strip() else ""
    region = _text(row, "region").upper() or None
    if region is not None and (len(region) != 2 or not region.isalpha()):
        raise InvalidInput(f"region {region!r} is not a two-letter country code", "region")
    producer = _text(row, "producer") or None
    if producer is not None:
        parse_parties(producer, "producer")
    return WithholdReleaseOrder(
        wro_no=_number(row, "wro_no"), merchandise=_text(row, "merchandise"),
        issued_on=_required_date(row, "issued_on"), producer=producer, region=region,
        hts_scope=parse_scope(scope_text) if scope_text else (),
        revoked_on=_date(row, "revoked_on"),
    )  # fmt: skip
