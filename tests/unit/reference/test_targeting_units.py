"""The targeting units a rule may name as owner are the report's: five NTAGs, CTAC, ten
Centers; every starter rule names one, and an NTAG or CTAC owns only rules of its own issue."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import PTI
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.reference import load_reference
from tradeguard.reference.targeting_units import packaged_targeting_units
from tradeguard.services.rules import parse_rules, read_rules_files

# The report's figures sit beside the checkout (not committed); the test uses them when present.
GAO_CENTERS = next(
    (
        found
        for parent in Path(__file__).resolve().parents
        if (found := parent / "shared/data/gao-17-618/centers_of_excellence.csv").exists()
    ),
    None,
)


def test_five_ntags_ctac_and_the_ten_centers() -> None:
    units = packaged_targeting_units()
    assert Counter(u.kind for u in units.values()) == {"NTAG": 5, "CTAC": 1, "Center": 10}
    ntags = {u.pti: u.location for u in units.values() if u.kind == "NTAG"}
    assert ntags == {
        PTI.REVENUE: "Chicago, Illinois",
        PTI.ADCVD: "Miami, Florida",
        PTI.TRADE_AGREEMENTS: "Dallas, Texas",
        PTI.TEXTILES: "New York, New York",
        PTI.IPR: "Long Beach, California",
    }
    assert units["CTAC"].pti is PTI.IMPORT_SAFETY
    centers = {u.unit: u.location for u in units.values() if u.kind == "Center"}
    assert set(centers) == set(load_reference().centers)
    if GAO_CENTERS is not None:
        with GAO_CENTERS.open(encoding="utf-8") as f:
            assert centers == {r["center"]: r["management_location"] for r in csv.DictReader(f)}


def test_every_starter_rule_has_an_owner_of_its_issue() -> None:
    units = packaged_targeting_units()
    rules = read_rules_files([STARTER_RULES_DIR])
    for rule in rules:
        unit = units[rule.owner]
        assert unit.pti in (None, rule.pti), (rule.id, rule.owner, rule.pti)
    honey = next(r for r in rules if "honey" in r.name.lower() and r.risk == "high")
    assert honey.id == "R-ADCVD-004" and honey.pti is PTI.ADCVD and honey.owner == "AD/CVD NTAG"
    assert not any(r.id == "R-AG-002" for r in rules)


@pytest.mark.parametrize("owner", ["Import Safety NTAG", "Agriculture NTAG", "ctac", "NTAG"])
def test_an_unknown_owner_is_refused_naming_the_rule_and_field(owner: str) -> None:
    text = f"""
- id: R-AG-009
  name: Sugar in bulk
  rationale: Sugar in bulk can hide refined sugar outside the quota.
  pti: AG
  risk: high
  stages: [entry]
  where: "hts4 = '1701'"
  owner: {owner}
"""
    with pytest.raises(InvalidInput) as refused:
        parse_rules(text)
    assert refused.value.field == "owner"
    assert "R-AG-009" in str(refused.value) and repr(owner) in str(refused.value)
    assert parse_rules(text.replace(owner, "Agriculture and Prepared Products"))
