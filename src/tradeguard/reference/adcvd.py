"""Antidumping and countervailing duty orders: which goods from which country owe extra duty.

An order covers a product from one country; its scope is written here as HTS prefixes (the
published scopes are in words and the HTS numbers are "for convenience", which is exactly what
evasion by misclassification exploits).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources


@dataclass(frozen=True, slots=True)
class AdcvdOrder:
    case_no: str
    product: str
    country: str
    hts_prefixes: tuple[str, ...]
    rate: Decimal

    def covers(self, hts10: str, origin: str) -> bool:
        return origin == self.country and hts10.startswith(self.hts_prefixes)


def packaged_orders() -> tuple[AdcvdOrder, ...]:
    data = resources.files("tradeguard.reference").joinpath("data/adcvd_orders.csv")
    return tuple(
        AdcvdOrder(
            case_no=r["case_no"],
            product=r["product"],
            country=r["country"],
            hts_prefixes=tuple(r["hts_prefixes"].split()),
            rate=Decimal(r["rate"]),
        )
        for r in csv.DictReader(data.read_text("utf-8").splitlines())
    )


def order_for(orders: tuple[AdcvdOrder, ...], hts10: str, origin: str) -> AdcvdOrder | None:
    """The first order (antidumping orders are listed before countervailing) covering the line."""
    return next((o for o in orders if o.covers(hts10, origin)), None)
