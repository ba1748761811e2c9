"""Say in words why a line scored high: its largest LightGBM contributions as phrases."""

from __future__ import annotations

import math

import numpy as np

from tradeguard.risk.features import FeatureSpec

# What each key is called in a reason an officer reads.
LABELS: dict[str, str] = {
    "importer_id": "importer",
    "manufacturer_id": "manufacturer",
    "filer_code": "filer",
    "hts6": "HTS subheading",
    "hts4": "HTS heading",
    "origin_country": "origin",
    "export_country": "export country",
    "port_code": "port",
    "mode": "mode of transport",
    "entry_type": "entry type",
    "duty_rate": "duty rate",
    "quantity": "quantity",
    "value": "declared value",
    "ctpat": "C-TPAT membership",
    "isa": "ISA membership",
    "process_type": "process type",
    "import_use": "import use",
    "payment_type": "payment type",
    "courier_id": "courier",
    "tax_type": "tax type",
    "origin_indicator": "origin indicator",
}

TOP_REASONS = 3


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " "))


def phrase(name: str, value: float, raw: str | None, base_rate: float, spec: FeatureSpec) -> str:
    """One feature's value in words, e.g. "importer's past violation rate 12% (vs 2% overall)"."""
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    for key in spec.history_keys:
        if name == f"{key}_past_rate":
            return f"{_label(key)}'s past violation rate {value:.0%} (vs {base_rate:.0%} overall)"
        if name == f"{key}_past_findings":
            return f"{_label(key)} has {int(value)} past findings"
    if name == "unit_value_vs_median":
        if missing:
            return "unit value with no HTS-origin median to compare"
        return f"unit value {value:.2f}x the HTS-origin median"
    if name == "unit_value":
        return "unit value unknown" if missing else f"unit value {value:,.2f}"
    if name == "first_seen_days":
        who = _label(spec.first_seen_key)
        if missing:
            return f"{who} never seen before"
        return f"{who} first seen {int(value)} days before this entry"
    if name in spec.categorical:
        shown = raw if raw not in (None, "") else "(none)"
        return f"{_label(name)} {shown}"
    if name in ("ctpat", "isa"):
        return f"{'member of' if value else 'not in'} {_label(name).replace(' membership', '')}"
    return f"{_label(name)} unknown" if missing else f"{_label(name)} {value:,.2f}"


def top_features(contrib_row: np.ndarray, k: int = TOP_REASONS) -> list[int]:
    """Indexes of the k features that raised the score most (the bias term excluded)."""
    order = np.argsort(-contrib_row[:-1], kind="stable")
    return [int(i) for i in order[:k] if contrib_row[i] > 0]
