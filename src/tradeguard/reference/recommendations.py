"""Loader for the open audit recommendations (GAO-17-618 Appendix I, Tables 8 and 10, and the
report's own two), packaged in recommendations.yaml."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.oversight import Recommendation

RECOMMENDATIONS_YAML = Path(__file__).parent / "data" / "recommendations.yaml"


def _recommendation(raw: dict[str, Any], doc: dict[str, Any]) -> Recommendation:
    report = doc["reports"][raw["report"]]
    status = raw["status"]["text"]
    check, outside = raw.get("check"), raw.get("outside")
    if (check is None) == (outside is None):
        raise InvalidInput(f"{raw['id']}: give exactly one of check and outside", "check")
    issued = report["date"]
    return Recommendation(
        id=raw["id"],
        report=raw["report"],
        report_title=report["title"],
        report_date=issued if isinstance(issued, date) else date.fromisoformat(str(issued)),
        topic=raw["topic"],
        text=raw["text"],
        status_as_of_report=doc["status_texts"].get(status, status),
        source=doc["sources"][raw["source"]],
        features=tuple(raw.get("features") or ()),
        check=check,
        outside=outside,
    )


@cache
def load_recommendations(path: Path = RECOMMENDATIONS_YAML) -> tuple[Recommendation, ...]:
    """Every recommendation in the file's order: Table 8, Table 10, then GAO-17-618's own."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    recs = tuple(_recommendation(raw, doc) for raw in doc["recommendations"])
    ids = [r.id for r in recs]
    if len(set(ids)) != len(ids):
        raise InvalidInput("recommendation ids must be unique", "id")
    return recs
