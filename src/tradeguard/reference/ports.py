"""Ports of entry with their Schedule D codes (HTSUS Annex C / Census Schedule D)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Port:
    code: str
    name: str
    state: str
    modes: frozenset[str]


def packaged_ports() -> dict[str, Port]:
    text = resources.files("tradeguard.reference").joinpath("data/ports.csv").read_text("utf-8")
    return {
        r["code"]: Port(r["code"], r["name"], r["state"], frozenset(r["modes"].split()))
        for r in csv.DictReader(text.splitlines())
    }
