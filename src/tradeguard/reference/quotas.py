"""The import quotas tradeguard ships: tariff-rate quotas on beef and sugar-containing products
and the Section 232 absolute quota on Argentine aluminum, each row citing where its quantity is
published (data/quotas.csv; docs/quotas.md explains every column)."""

from __future__ import annotations

import csv
import functools
from datetime import date
from importlib import resources

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.quotas import Quota, QuotaKind, QuotaPeriod, overlapping


def _day(text: str, field: str, quota_id: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"quota {quota_id}: {field} is not a date: {text!r}", field) from None


def _quota(row: dict[str, str]) -> Quota:
    qid = row["quota_id"]
    try:
        kind, period = QuotaKind(row["kind"]), QuotaPeriod(row["period"])
        quantity = int(row["quantity"])
    except ValueError as error:
        raise InvalidInput(f"quota {qid}: {error}", "quota") from None
    ends = row["effective_to"]
    return Quota(
        quota_id=qid, name=row["name"], kind=kind, hts_scope=tuple(row["hts_scope"].split()),
        countries=tuple(row["countries"].split()),
        excluded_countries=tuple(row["excluded_countries"].split()), period=period,
        quantity=quantity, unit=row["unit"], in_quota_rate=row["in_quota_rate"],
        over_quota_rate=row["over_quota_rate"],
        effective_from=_day(row["effective_from"], "effective_from", qid),
        effective_to=_day(ends, "effective_to", qid) if ends else None,
        source=row["source"],
    )  # fmt: skip


def parse_quotas(text: str) -> tuple[Quota, ...]:
    """Quotas from CSV text, refused whole when a row is bad or two quotas overlap."""
    quotas = tuple(_quota(r) for r in csv.DictReader(text.splitlines()))
    if len({q.quota_id for q in quotas}) != len(quotas):
        raise InvalidInput("quota ids must be unique", "quota_id")
    clashes = overlapping(quotas)
    if clashes:
        a, b = clashes[0]
        raise InvalidInput(
            f"quotas {a} and {b} overlap: a line could count against both", "hts_scope"
        )
    return quotas


@functools.cache
def packaged_quotas() -> tuple[Quota, ...]:
    """Every packaged quota, in the file's order."""
    data = resources.files("tradeguard.reference").joinpath("data/quotas.csv")
    return parse_quotas(data.read_text("utf-8"))
