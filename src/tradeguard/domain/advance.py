"""Advance data: one line of an importer security filing (ISF, "10+2") as the importer filed it
before the goods were laden, with the carrier's manifest elements it is matched to.

The second declaration kind beside the entry (domain/declaration.py): it arrives days before the
goods, so pre-entry rules can hold a shipment before arrival. A line names the entry line it will
become (entry_no, line_no), which is how the pre-entry decision is linked to the entry and how the
advance data and the entry are compared (docs/declarations.md, "Advance filings").
"""

from __future__ import annotations

from enum import StrEnum

from tradeguard.domain.declaration import CONTROL_CHARACTERS


class DeclarationKind(StrEnum):
    """Which declaration a rule reads: an entry line, or an advance (ISF/manifest) line."""

    ENTRY = "entry"
    ADVANCE = "advance"


ADVANCE_COLUMNS: tuple[str, ...] = (
    "bill_of_lading",
    "line_no",
    "entry_no",
    "filed_date",
    "arrival_date",
    "importer_id",
    "shipper",
    "consignee",
    "seller",
    "buyer",
    "ship_to",
    "manufacturer_id",
    "origin_country",
    "hts6",
    "stuffing_location",
    "consolidator",
    "vessel",
    "port_of_lading",
    "port_of_unlading",
)

ADVANCE_REQUIRED: frozenset[str] = frozenset(ADVANCE_COLUMNS) - {"consolidator"}

# The longest text (after trimming) each column may carry; longer rejects the line, naming the
# column, as for entries (docs/declarations.md, "Field limits").
ADVANCE_MAX_LENGTH: dict[str, int] = {
    "bill_of_lading": 16,
    "line_no": 6,
    "entry_no": 11,
    "filed_date": 10,
    "arrival_date": 10,
    "importer_id": 32,
    "shipper": 70,
    "consignee": 70,
    "seller": 70,
    "buyer": 70,
    "ship_to": 70,
    "manufacturer_id": 32,
    "origin_country": 2,
    "hts6": 6,
    "stuffing_location": 5,
    "consolidator": 70,
    "vessel": 35,
    "port_of_lading": 5,
    "port_of_unlading": 4,
}
assert tuple(ADVANCE_MAX_LENGTH) == ADVANCE_COLUMNS

# A bill of lading: the carrier's 4-letter SCAC code, then its own number.
BILL_OF_LADING_TEXT = r"^[A-Z]{4}[A-Z0-9]{1,12}$"
# UN/LOCODE: a country code and three letters or digits 2-9 (e.g. CNSHA, VNSGN).
LOCODE_TEXT = r"^[A-Z]{2}[A-Z2-9]{3}$"
HTS6_TEXT = r"^[0-9]{6}$"
# An advance filing is due 24 hours before lading, voyages take weeks: filed more than this many
# days before the estimated arrival is not a filing for this voyage.
MAX_LEAD_DAYS = 120

__all__ = [
    "ADVANCE_COLUMNS",
    "ADVANCE_MAX_LENGTH",
    "ADVANCE_REQUIRED",
    "BILL_OF_LADING_TEXT",
    "CONTROL_CHARACTERS",
    "HTS6_TEXT",
    "LOCODE_TEXT",
    "MAX_LEAD_DAYS",
    "DeclarationKind",
]
