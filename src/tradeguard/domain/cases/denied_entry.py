"""Denied entry: goods refused admission (an exclusion order, an unsafe product), which the
importer must export under CBP supervision; goods not exported in time are destroyed."""

from __future__ import annotations

from tradeguard.domain.cases.base import CaseKind, CaseMachine, table

EXPORT_DAYS = 30

MACHINE = CaseMachine(
    kind=CaseKind.DENIED_ENTRY,
    initial="refused",
    moves=table({"refused": ("exported", "destroyed")}),
)
