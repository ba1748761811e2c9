"""Small admissibility CSV files for the CLI, API and browser tests."""

from __future__ import annotations

from pathlib import Path

from tradeguard.domain.admissibility_csv import ORDER_FIELDS, RECORDATION_FIELDS, WRO_FIELDS

R_HEAD, O_HEAD, W_HEAD = (",".join(f) for f in (RECORDATION_FIELDS, ORDER_FIELDS, WRO_FIELDS))

RECORDATIONS = f"""{R_HEAD}
TMK-00001,trademark,Acme Toys Inc.,ACME;ACME KIDS,9503,MFR-GOOD;MFR-LICENSED,2020-01-01,
"""
ORDERS = f"""{O_HEAD}
337-LEO-001,337-TA-1101,limited,batteries,8507.60,MFR-BAD,2025-01-10,,
337-GEO-002,337-TA-1102,general,toy drones,950300,,2025-02-01,2025-06-30,
"""
NO_SCOPE = f"""{O_HEAD}
337-GEO-009,337-TA-1109,general,widgets,,,2025-02-01,,
"""
NO_RESPONDENTS = f"""{O_HEAD}
337-LEO-010,337-TA-1110,limited,widgets,8507,,2025-02-01,,
"""
WROS = f"""{W_HEAD}
WRO-0001,disposable gloves,MFR-GLOVE,,,2025-01-01,
WRO-0002,cotton,,XJ,5201,2025-01-01,
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path
