"""Short lists sorted in memory (rules, ports): missing values last either way, risk by rank."""

from __future__ import annotations

from tradeguard.domain.paging import SortOrder
from tradeguard.services.paged_lists import _in_order

RULES = [
    {"id": "R-1", "risk": "low", "lift": 1.5},
    {"id": "R-2", "risk": "mandatory", "lift": None},
    {"id": "R-3", "risk": "high", "lift": 3.0},
    {"id": "R-4", "risk": "medium", "lift": 0.5},
]


def test_risk_sorts_by_rank_not_spelling() -> None:
    assert [r["risk"] for r in _in_order(RULES, SortOrder("risk"), dict.get)] == [
        "mandatory", "high", "medium", "low",
    ]  # fmt: skip
    assert _in_order(RULES, SortOrder("risk", descending=True), dict.get)[0]["risk"] == "low"


def test_missing_values_come_last_in_either_direction() -> None:
    for descending in (False, True):
        ordered = _in_order(RULES, SortOrder("lift", descending), dict.get)
        assert ordered[-1]["id"] == "R-2"
    assert [r["id"] for r in _in_order(RULES, SortOrder("lift", True), dict.get)][:3] == [
        "R-3",
        "R-1",
        "R-4",
    ]
