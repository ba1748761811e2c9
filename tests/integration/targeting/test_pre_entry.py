"""Advance data at pre-entry, through the command line on a real home: advance filings ingested,
the rules on them hold a shipment before arrival, the hold is linked to its entry once the entry
is filed, and an entry rule reads what the entry declares differently from its advance filing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.factories import advance_row, declaration_row, write_csv
from tradeguard.cli import app
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.rule import Rule
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.rules import parse_rules

runner = CliRunner()
PRE_ENTRY_RULES = STARTER_RULES_DIR / "pre_entry.yaml"


def _json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _files(tmp_path: Path) -> tuple[Path, Path]:
    entries = [declaration_row(serial, 1) for serial in (1, 2, 3)]
    filings = [
        # Stuffed in Viet Nam, declared Chinese: held before arrival (R-PRE-ADCVD-001).
        advance_row(1, 1, stuffing_location="VNSGN"),
        # Declared Vietnamese in the ISF, Chinese in the entry: an origin mismatch at entry.
        advance_row(2, 1, origin_country="VN", stuffing_location="VNSGN", port_of_lading="VNSGN"),
        # Entry 3 came by air: no advance filing.
    ]
    return write_csv(tmp_path / "entries.csv", entries), write_csv(tmp_path / "isf.csv", filings)


def test_a_pre_entry_hold_is_linked_to_its_entry_and_mismatches_are_rule_columns(
    home: Path, tmp_path: Path
) -> None:
    entries, filings = _files(tmp_path)
    report = _json("advance", "ingest", str(filings))
    assert (report["rows"], report["accepted"], report["rejected"]) == (2, 2, 0)
    assert _json("rules", "load", str(PRE_ENTRY_RULES))["added"]
    decided = _json("advance", "target")
    assert decided["filed_entries"] == 2 and decided["held"] == 1
    assert decided["rule_hits"] == {"R-PRE-ADCVD-001": 1}
    (before,) = _json("advance", "holds")["holds"]
    assert before["lane"] == "discretionary" and before["arrived"] is False
    assert before["origin_mismatch"] is None  # no entry yet: nothing to compare

    assert _json("ingest", str(entries))["accepted"] == 3
    (after,) = _json("advance", "holds")["holds"]
    assert after["entry_no"] == before["entry_no"] and after["arrived"] is True
    assert after["entry_date"] == "2026-03-02"
    assert (after["origin_mismatch"], after["manufacturer_mismatch"], after["hts6_mismatch"]) == (
        False,
        False,
        False,
    )
    for engine in ("duckdb", "polars"):
        targeted = _json("target", "--engine", engine)
        # Only entry 2 declares another origin than its ISF; the pre-entry rules read no entry.
        assert targeted["rule_hits"] == {"R-ADV-001": 1}, engine


def test_a_second_advance_ingest_of_the_same_file_loads_nothing(home: Path, tmp_path: Path) -> None:
    _, filings = _files(tmp_path)
    assert _json("advance", "ingest", str(filings))["accepted"] == 2
    again = _json("advance", "ingest", str(filings))
    assert again["accepted"] == 0
    assert again["reasons"] == {"entry_no, line_no: duplicate of a line already loaded": 2}
    assert Path(again["quarantine"]).is_file()


def test_a_file_without_required_columns_exits_2_naming_them(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "isf.csv"
    path.write_text("bill_of_lading,line_no\nMAEU1,1\n")
    result = runner.invoke(app, ["advance", "ingest", str(path), "--json"])
    assert result.exit_code == 2
    assert "missing required columns" in result.output and "shipper" in result.output


RULE = """
- id: R-T-001
  name: A test rule on some data
  rationale: Written to test which columns a rule may read.
  pti: AD/CVD
  risk: high
  stages: {stages}
  where: "{where}"
  owner: AD/CVD NTAG
{extra}"""


@pytest.mark.parametrize(
    ("stages", "where", "extra", "problem"),
    [
        ("[pre-entry]", "hts10 = '9503000073'", "  declaration: advance", "unknown column"),
        ("[entry]", "stuffing_country = 'CN'", "  declaration: advance", "pre-entry stage only"),
        ("[entry]", "shipper = 'X'", "", "unknown column"),
        ("[pre-entry]", "stuffing_country = 'CN'", "  declaration: manifest", "declaration"),
    ],
)
def test_a_rule_reads_only_its_declaration_kinds_columns(
    stages: str, where: str, extra: str, problem: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_rules(RULE.format(stages=stages, where=where, extra=extra))
    assert "R-T-001" in str(refused.value) and problem in str(refused.value)


def test_an_entry_rules_content_is_unchanged_by_the_declaration_kind() -> None:
    (entry,) = parse_rules(RULE.format(stages="[entry]", where="hts6 = '950300'", extra=""))
    assert "declaration" not in entry.content()
    assert Rule.model_validate(entry.content()) == entry
    (advance,) = parse_rules(
        RULE.format(
            stages="[pre-entry]", where="days_before_arrival < 2", extra="  declaration: advance"
        )
    )
    assert advance.content()["declaration"] == "advance"
