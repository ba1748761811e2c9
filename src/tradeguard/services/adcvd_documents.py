"""The AD/CVD results as JSON documents, the one shape the command line and the API print
(each result's `as_json` builds on `document`).

Cents become dollars (`billed_cents` → `billed_usd`, a decimal string) and rates millionths
become decimal fractions, so a reader never meets the storage units.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from tradeguard.domain.cases.money import from_cents


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            name = key.value if isinstance(key, Enum) else str(key)
            if name.endswith("_cents") and isinstance(inner, int):
                out[name.removesuffix("_cents") + "_usd"] = str(from_cents(inner))
            else:
                out[name] = _plain(inner)
        return out
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return round(value, 4)
    return value


def document(result: Any) -> Any:
    """Any AD/CVD result dataclass (or list of them) as a JSON-ready document."""
    if isinstance(result, list):
        return [document(r) for r in result]
    if is_dataclass(result) and not isinstance(result, type):
        return _plain({f.name: getattr(result, f.name) for f in fields(result)})
    return _plain(result)
