"""`tradeguard reference import-hts` on the real USITC 2024 export, and on bad files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.reference import load_reference

REAL = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "usitc-hts-2024"
    / "hts_2024_basic_edition_csv.csv"
)
runner = CliRunner()


@pytest.mark.skipif(not REAL.exists(), reason="USITC HTS 2024 export not present")
def test_import_the_real_schedule(home: Path) -> None:
    result = runner.invoke(app, ["reference", "import-hts", str(REAL), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    kinds = ("ad_valorem", "free", "specific", "compound", "unparsed")
    assert report["lines"] == sum(report[k] for k in kinds)
    assert report["lines"] > 15_000
    assert report["ad_valorem"] > 8_000 and report["free"] > 5_000
    assert report["specific"] > 500 and report["compound"] > 100
    assert report["unparsed"] < report["lines"] * 0.05
    assert Path(report["path"]) == home / "reference" / "hts.parquet"
    assert pq.read_table(report["path"]).num_rows == report["lines"]

    ref = load_reference(home)
    assert len(ref.hts) >= report["lines"]
    assert ref.hts["0101210010"].general_rate == Decimal(0)  # inherits "Free" from 0101.21.00
    assert ref.hts["8507600020"].general_rate == Decimal("0.034")
    assert ref.hts["0102294024"].general_rate is None and ref.hts["0102294024"].rate_text == "1¢/kg"


def test_a_file_without_the_schedule_columns_exits_2(tmp_path: Path, home: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["reference", "import-hts", str(bad), "--json"])
    assert result.exit_code == 2
    assert "HTS Number" in result.output
    assert not (home / "reference" / "hts.parquet").exists()


def test_a_file_that_is_not_utf8_exits_2(tmp_path: Path, home: Path) -> None:
    bad = tmp_path / "latin.csv"
    bad.write_bytes('HTS Number,Indent\n"0409","Miel é"\n'.encode("latin-1"))
    result = runner.invoke(app, ["reference", "import-hts", str(bad)])
    assert result.exit_code == 2
    assert "UTF-8" in result.output
