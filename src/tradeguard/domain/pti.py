"""The seven Priority Trade Issues, written as the report writes them, with short codes."""

from __future__ import annotations

from enum import StrEnum

from tradeguard.domain.errors import InvalidInput


class PTI(StrEnum):
    AGRICULTURE = "Agriculture Programs"
    ADCVD = "Antidumping and Countervailing Duties"
    IMPORT_SAFETY = "Import Safety"
    IPR = "Intellectual Property Rights"
    TEXTILES = "Textiles and Wearing Apparel"
    TRADE_AGREEMENTS = "Trade Agreements and Preference Programs"
    REVENUE = "Revenue"


SHORT_CODES: dict[str, PTI] = {
    "AG": PTI.AGRICULTURE,
    "AGRICULTURE": PTI.AGRICULTURE,
    "ADCVD": PTI.ADCVD,
    "AD/CVD": PTI.ADCVD,
    "SAFETY": PTI.IMPORT_SAFETY,
    "IMPORT SAFETY": PTI.IMPORT_SAFETY,
    "IPR": PTI.IPR,
    "TEXTILES": PTI.TEXTILES,
    "TAPP": PTI.TRADE_AGREEMENTS,
    "TRADE AGREEMENTS": PTI.TRADE_AGREEMENTS,
    "REVENUE": PTI.REVENUE,
}


def parse_pti(text: str) -> PTI:
    """Accept the full name (any case) or a short code; refuse anything else by name."""
    cleaned = text.strip()
    for pti in PTI:
        if pti.value.lower() == cleaned.lower():
            return pti
    code = SHORT_CODES.get(cleaned.upper())
    if code is None:
        names = ", ".join(p.value for p in PTI)
        raise InvalidInput(
            f"unknown Priority Trade Issue {text!r}; expected one of: {names}", "pti"
        )
    return code
