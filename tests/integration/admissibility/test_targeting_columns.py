"""Rules that name the admissibility columns hold what the imported reference data covers, in
batch targeting (DuckDB and Polars) and in real-time scoring, and a re-import that rescinds
the order changes what they hold."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.integration.admissibility.files import ORDERS, RECORDATIONS, WROS, write
from tests.unit.targeting.lake import entry_no, fill_lake, line
from tradeguard.config import load_settings
from tradeguard.services import realtime_scoring, targeting
from tradeguard.services.admissibility import ReferenceKind, import_reference
from tradeguard.services.rules import load_rules, parse_rules
from tradeguard.store.database import Database

RULES = """
- id: R-IPR-301
  name: Goods under an exclusion order
  rationale: The ITC ordered these goods excluded; they are refused entry.
  pti: IPR
  risk: mandatory
  stages: [entry]
  where: "under_exclusion_order"
  owner: IPR NTAG
- id: R-IPR-302
  name: Recorded mark made by an unauthorized manufacturer
  rationale: Only the manufacturers the owner authorized may make goods bearing the mark.
  pti: IPR
  risk: high
  stages: [entry]
  where: "manufacturer_authorized_for_mark = false"
  owner: IPR NTAG
- id: R-SAFE-303
  name: Goods under a withhold release order
  rationale: Goods of a producer named in a withhold release order are detained.
  pti: Import Safety
  risk: mandatory
  stages: [entry]
  where: "under_withhold_release_order"
  owner: CTAC
"""
# entry 1: batteries from the respondent (excluded); 2: batteries from another maker (not, the
# order is limited); 3: toys by an unauthorized maker; 4: toys by an authorized one (both after
# the general order on toys expired); 5: gloves by the withheld producer; 6: batteries from the
# respondent before the order; 7: toys while the general order was in force.
LINES = [
    (1, "8507600020", "MFR-BAD", "2025-03-01"),
    (2, "8507600020", "MFR-OK", "2025-03-01"),
    (3, "9503000073", "MFR-FAKE", "2025-07-15"),
    (4, "9503000073", "MFR-GOOD", "2025-07-15"),
    (7, "9503000073", "MFR-GOOD", "2025-03-01"),
    (5, "4015120000", "MFR-GLOVE", "2025-03-01"),
    (6, "8507600020", "MFR-BAD", "2025-01-02"),
]
EXPECTED = {1: ["R-IPR-301"], 3: ["R-IPR-302"], 5: ["R-SAFE-303"], 7: ["R-IPR-301"]}


@pytest.fixture
def db(home: Path, tmp_path: Path) -> Database:
    fill_lake(home, [
        line(n, 1, hts10=hts, manufacturer_id=mfr, entry_date=day) for n, hts, mfr, day in LINES
    ])  # fmt: skip
    database = Database(load_settings().effective_database_url)
    load_rules(database, parse_rules(RULES))
    for kind, text in (
        (ReferenceKind.EXCLUSION_ORDERS, ORDERS),
        (ReferenceKind.RECORDATIONS, RECORDATIONS),
        (ReferenceKind.WITHHOLD_ORDERS, WROS),
    ):
        import_reference(database, kind, write(tmp_path, f"{kind.value}.csv", text), "test")
    return database


def _held(db: Database, engine: str) -> dict[int, list[str]]:
    result = targeting.run_targeting(db, load_settings(), engine=engine, sample_rate=0.0)
    frame = pl.read_parquet(result.decisions_path)
    by_entry = dict(zip(frame["entry_no"], frame["rule_ids"].to_list(), strict=True))
    return {n: sorted(by_entry[entry_no(n)]) for n, *_ in LINES if by_entry[entry_no(n)]}


@pytest.mark.parametrize("engine", ["duckdb", "polars"])
def test_batch_targeting_holds_what_the_reference_covers(db: Database, engine: str) -> None:
    assert _held(db, engine) == EXPECTED


def test_real_time_scoring_agrees_and_follows_a_rescission(db: Database, tmp_path: Path) -> None:
    scorer = realtime_scoring.realtime_scorer(db, load_settings())
    for n, hts, mfr, day in LINES:
        matched = [
            r.rule.id
            for r in scorer.score(
                [line(n, 1, hts10=hts, manufacturer_id=mfr, entry_date=day)]
            ).matched
        ]
        assert matched == EXPECTED.get(n, []), n
    rescinded = ORDERS.replace(
        "337-LEO-001,337-TA-1101,limited,batteries,8507.60,MFR-BAD,2025-01-10,,",
        "337-LEO-001,337-TA-1101,limited,batteries,8507.60,MFR-BAD,2025-01-10,,2025-02-01",
    )
    import_reference(db, ReferenceKind.EXCLUSION_ORDERS, write(tmp_path, "r.csv", rescinded), "t")
    assert 1 not in _held(db, "duckdb")
