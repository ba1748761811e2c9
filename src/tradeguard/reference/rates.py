"""Duty rates as the tariff schedule prints them, parsed into a structure.

The USITC schedule writes rates as text: "Free", "6.5%", "1¢/kg", "$1.35/kg", "25¢ each",
"5¢/kg + 3%". We parse those four shapes; anything else (rates on parts of an article, "the duty
provided in the applicable subheading", sliding scales by degree) is kept as text and marked
unparsed, so that nobody computes a duty from a rate we did not understand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class RateKind(StrEnum):
    FREE = "free"
    AD_VALOREM = "ad_valorem"
    SPECIFIC = "specific"
    COMPOUND = "compound"
    UNPARSED = "unparsed"


@dataclass(frozen=True, slots=True)
class DutyRate:
    """A parsed general rate: ad valorem fraction and/or a specific amount in USD per unit."""

    kind: RateKind
    text: str
    ad_valorem: Decimal | None = None
    specific_usd: Decimal | None = None
    specific_unit: str = ""

    @property
    def ad_valorem_only(self) -> Decimal | None:
        """The rate as a fraction of value when it is Free or purely ad valorem, else None."""
        if self.kind in (RateKind.FREE, RateKind.AD_VALOREM):
            return self.ad_valorem
        return None


_NUMBER = r"(\d+(?:\.\d+)?)"
_AD_VALOREM = re.compile(rf"^{_NUMBER}\s*%$")
_SPECIFIC = re.compile(rf"^(\$)?{_NUMBER}\s*(¢)?\s*(?:/\s*([A-Za-z][A-Za-z0-9 .]*?)|\s+(each))$")
_TAGS = re.compile(r"<[^>]*>")
_HUNDRED = Decimal(100)


def _specific(text: str) -> tuple[Decimal, str] | None:
    match = _SPECIFIC.match(text)
    if not match:
        return None
    dollar, amount, cent, unit, each = match.groups()
    if bool(dollar) == bool(cent):  # exactly one currency sign
        return None
    value = Decimal(amount) / _HUNDRED if cent else Decimal(amount)
    return value, (unit or each).strip()


def parse_rate(text: str) -> DutyRate:
    """Parse one general-rate cell; never raises."""
    cleaned = " ".join(_TAGS.sub("", text).split())
    if cleaned.lower() == "free":
        return DutyRate(RateKind.FREE, cleaned, ad_valorem=Decimal(0))
    match = _AD_VALOREM.match(cleaned)
    if match:
        return DutyRate(RateKind.AD_VALOREM, cleaned, ad_valorem=Decimal(match[1]) / _HUNDRED)
    specific = _specific(cleaned)
    if specific:
        return DutyRate(
            RateKind.SPECIFIC, cleaned, specific_usd=specific[0], specific_unit=specific[1]
        )
    parts = [p.strip() for p in cleaned.split("+")]
    if len(parts) == 2:
        specific, percent = _specific(parts[0]), _AD_VALOREM.match(parts[1])
        if specific and percent:
            return DutyRate(
                RateKind.COMPOUND,
                cleaned,
                ad_valorem=Decimal(percent[1]) / _HUNDRED,
                specific_usd=specific[0],
                specific_unit=specific[1],
            )
    return DutyRate(RateKind.UNPARSED, cleaned)
