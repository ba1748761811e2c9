"""The AD/CVD results as JSON documents, the one shape the command line and the API print.

Cents become dollars (`billed_cents` → `billed_usd`, a decimal string) and rates millionths
become decimal fractions, so a reader never meets the storage units.
"""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from tradeguard.domain.adcvd.risk import EXPLANATION, Factor
from tradeguard.domain.cases.money import from_cents
from tradeguard.services.adcvd_measures import CollectionMeasures
from tradeguard.services.adcvd_risk import RiskAnalysis, ScoredLine, ScoreEvaluation


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


def measures_document(m: CollectionMeasures) -> dict[str, Any]:
    doc: dict[str, Any] = _plain(asdict(m))
    doc["coverage"]["share"] = round(m.coverage.share, 4)
    doc["late"]["share_of_lines"] = (
        round(m.late.late_lines / m.late.lines, 4) if m.late.lines else 0.0
    )
    return doc


def scored_document(line: ScoredLine) -> dict[str, Any]:
    return {
        "entry_no": line.entry_no,
        "line_no": line.line_no,
        "importer_id": line.importer_id,
        "entry_date": line.entry_date.isoformat(),
        "probability": round(line.probability, 4),
        "reasons": [
            {"factor": f.value, "weight": round(w, 3), "why": EXPLANATION[f]}
            for f, w in line.reasons
        ],
    }


def analysis_document(analysis: RiskAnalysis) -> dict[str, Any]:
    return {
        "bills": analysis.bills,
        "base_rate": round(analysis.base_rate, 4),
        "factors": [
            {
                "factor": f.factor.value,
                "why": EXPLANATION[f.factor],
                "bills": f.bills,
                "unpaid": f.unpaid,
                "likelihood": round(f.likelihood, 4),
                "lift": round(f.lift, 2),
                "significance": round(f.significance, 4),
                "risk": f.risk,
                "level": f.level,
            }
            for f in analysis.factors
        ],
    }


def evaluation_document(evaluation: ScoreEvaluation) -> dict[str, Any]:
    weights = evaluation.weights
    return {
        "cutoff": evaluation.cutoff.isoformat(),
        "trained_on": evaluation.trained_on,
        "weights": {"prior": round(weights.prior, 3)}
        | {f.value: round(w, 3) for f, w in weights.by_factor.items() if isinstance(f, Factor)},
        "test_lines": evaluation.test_lines,
        "base_rate": round(evaluation.base_rate, 4),
        "precision_top_decile": round(evaluation.precision_top_decile, 4),
        "lift": round(evaluation.lift, 2),
        "top": [scored_document(s) for s in evaluation.top],
    }
