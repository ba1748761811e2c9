"""The quarterly interest rates CBP charges on underpayments and pays on overpayments.

CBP publishes them each quarter (the IRS rates of 26 U.S.C. 6621; the overpayment rate here is
the corporate one). Only the quarters where the rate changed are listed; a day after the last
listed quarter keeps its rate, so add a row when CBP publishes a change.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

from tradeguard.domain.adcvd.interest import QuarterRate, RateSchedule


@cache
def packaged_schedule() -> RateSchedule:
    text = resources.files("tradeguard.reference").joinpath("data/adcvd_interest.csv")
    rows = csv.DictReader(text.read_text("utf-8").splitlines())
    return RateSchedule(
        tuple(
            QuarterRate(
                starts=date.fromisoformat(r["starts"]),
                underpayment=Decimal(r["underpayment"]),
                overpayment=Decimal(r["overpayment"]),
            )
            for r in rows
        )
    )
