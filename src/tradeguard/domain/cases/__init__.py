"""Enforcement cases: one state machine per case type, their money and their deadlines."""

from __future__ import annotations

from tradeguard.domain.cases import (
    allegation,
    audit,
    bond,
    denied_entry,
    duty_demand,
    eapa,
    liquidated_damages,
    penalty,
    referral,
    seizure,
)
from tradeguard.domain.cases.base import CaseKind, CaseMachine, parse_kind

MACHINES: dict[CaseKind, CaseMachine] = {
    m.kind: m
    for m in (
        duty_demand.MACHINE,
        penalty.MACHINE,
        seizure.MACHINE,
        bond.MACHINE,
        referral.MACHINE,
        eapa.MACHINE,
        audit.MACHINE,
        allegation.MACHINE,
        liquidated_damages.MACHINE,
        denied_entry.MACHINE,
    )
}


def machine_for(kind: CaseKind) -> CaseMachine:
    return MACHINES[kind]


__all__ = ["MACHINES", "CaseKind", "CaseMachine", "machine_for", "parse_kind"]
