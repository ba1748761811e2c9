"""The reference list of facility codes (FIRMS codes) that registered facilities reconcile against.

The packaged list is synthetic, in the shape of CBP's list (code, port, kind, class): the real one
is not public. A deployment replaces `data/facility_codes.csv` with its own.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class FacilityCode:
    code: str
    port: str
    kind: str
    class_code: str


def packaged_facility_codes() -> dict[str, FacilityCode]:
    path = resources.files("tradeguard.reference").joinpath("data/facility_codes.csv")
    return {
        r["code"]: FacilityCode(r["code"], r["port"], r["kind"], r["class"])
        for r in csv.DictReader(path.read_text("utf-8").splitlines())
    }
