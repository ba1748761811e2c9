"""Starter rule quality as a test, on a held-out generated year (seed 11; the rules were tuned
on seeds 1 and 3): every starter rule holds entries at a precision of at least three times the
base violation rate of its PTI, and once findings exist the starter set holds at most 8% of
entries at entry and at post-entry. `bench/rule_quality.py` prints the same figures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.rule_quality import starter_rule_quality

pytestmark = pytest.mark.slow

MIN_LIFT = 3.0
MAX_HELD_SHARE = 0.08
# Fewer holds than this in a year and a precision says little; such a rule must be named here.
MIN_JUDGED = 10
NOT_JUDGED = {
    "R-REV-004": "the generator declares duty exactly; a duty mismatch is never planted",
}


@pytest.fixture(scope="module")
def quality(tmp_path_factory: pytest.TempPathFactory):
    return starter_rule_quality(
        tmp_path_factory.mktemp("quality"), entries=40_000, seed=11, fy=2026
    )


def test_every_starter_rule_earns_three_times_its_pti_base_rate(quality) -> None:
    judged = {r.rule_id: r for r in quality.rules if r.held >= MIN_JUDGED}
    unjudged = {r.rule_id for r in quality.rules} - set(judged)
    assert unjudged == set(NOT_JUDGED)
    weak = {i: f"{r.precision:.1%} vs base {r.base_rate:.2%}" for i, r in judged.items()
            if (r.lift or 0) < MIN_LIFT}  # fmt: skip
    assert weak == {}
    # the mandatory rules: AD/CVD order scope without a case, and quotas already filled
    mandatory = {r.rule_id for r in quality.rules if r.risk == "mandatory"}
    assert mandatory == {"R-ADCVD-001", "R-AG-003"}
    assert all(judged[i].precision >= 0.5 for i in mandatory)


def test_once_findings_exist_the_starter_set_holds_at_most_eight_percent(quality) -> None:
    assert quality.findings > 1000 and quality.late_entries > 5000
    assert 0.01 < quality.entry_held_share <= MAX_HELD_SHARE
    assert 0.01 < quality.post_entry_held_share <= MAX_HELD_SHARE


OLD_RULES = """
- id: R-SAFE-002
  name: Toys or lithium batteries from a manufacturer with earlier findings
  rationale: The manufacturer of these safety-sensitive goods had an earlier violation finding.
  pti: Import Safety
  risk: mandatory
  stages: [entry]
  where: "(hts4 = '9503' OR hts6 = '850760') AND manufacturer_prior_violations > 0"
  owner: CTAC
- id: R-IPR-001
  name: Brand-sensitive goods from a manufacturer with earlier findings
  rationale: Brand-sensitive goods from a manufacturer with an earlier violation finding.
  pti: Intellectual Property Rights
  risk: high
  stages: [entry]
  where: >-
    (hts4 IN ('4202', '9102', '8517', '8518', '3303', '6109', '6110') OR chapter = '64')
    AND manufacturer_prior_violations > 0
  owner: IPR NTAG
"""


def test_the_rules_the_issue_named_fail_the_same_measure(tmp_path: Path) -> None:
    """The measure can fail: the two history rules as they were over-hold on the same year."""
    folder = tmp_path / "rules"
    folder.mkdir()
    replaced = {"R-SAFE-002", "R-IPR-001"}
    for path in STARTER_RULES_DIR.glob("*.yaml"):
        kept = [r for r in yaml.safe_load(path.read_text()) if r["id"] not in replaced]
        (folder / path.name).write_text(yaml.safe_dump(kept, sort_keys=False))
    (folder / "old.yaml").write_text(OLD_RULES)
    old = starter_rule_quality(tmp_path / "work", entries=40_000, seed=11, fy=2026,
                               rules_dir=folder)  # fmt: skip
    by_id = {r.rule_id: r for r in old.rules}
    assert by_id["R-SAFE-002"].held > 1000 and by_id["R-SAFE-002"].precision < 0.03
    assert old.entry_held_share > MAX_HELD_SHARE
