"""The generator's working arrays: one row per entry and one per entry line, mutable.

Honest shipments are drawn first (entries.py), honest claims declared (claims.py), violations
planted on top (violations.py, schemes.py); the declared columns then hold what the filer
claims and the true_* columns what an exam would find.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(slots=True)
class Shipments:
    # per entry
    importer: np.ndarray  # int
    day: np.ndarray  # int day within the fiscal year
    port: np.ndarray  # '<U4'
    mode: np.ndarray  # '<U7'
    family: np.ndarray  # int
    # per line
    entry: np.ndarray  # int entry index of the line
    hts: np.ndarray  # int catalog index, as declared
    origin: np.ndarray  # '<U2' as declared
    export: np.ndarray  # '<U2'
    mid: np.ndarray  # object
    value_c: np.ndarray  # int64 declared value in cents
    qty: np.ndarray  # float64
    rate_micro: np.ndarray  # int64 declared duty rate × 1e6
    spi: np.ndarray  # '<U2'
    adcvd: np.ndarray  # int order index or -1
    # truth per line
    violation: np.ndarray  # bool
    vtype: np.ndarray  # int8 index into violations.SCHEMES (from 1), 0 = none
    true_hts: np.ndarray
    true_origin: np.ndarray
    true_value_c: np.ndarray

    @property
    def entries(self) -> int:
        return len(self.importer)

    def lines_of(self, chosen: np.ndarray) -> np.ndarray:
        """Boolean mask of the lines belonging to the chosen entry indices."""
        picked = np.zeros(self.entries, dtype=bool)
        picked[chosen] = True
        return picked[self.entry]
