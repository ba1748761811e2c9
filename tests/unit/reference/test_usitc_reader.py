"""Reading the USITC export: inheritance of rates, descriptions, units, and bad files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tradeguard.domain.errors import InvalidInput
from tradeguard.reference.rates import RateKind
from tradeguard.reference.usitc import read_schedule

HEADER = (
    "\ufeffHTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,"
    "Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties\n"
)
ROWS = """\
"0409","0","Natural honey:","","","","","",""
"0409.00.00","1","Natural honey","","1.9¢/kg","Free (A+)","6.6¢/kg","",""
"0409.00.00.05","2","In retail containers","[""kg""]","","","","",""
"8507","0","Electric storage batteries:","","","","","",""
"8507.60.00","1","Lithium-ion batteries","","3.4%","Free","40%","",""
"8507.60.00.20","2","Other","[""No."",""kg""]","","","","",""
"8507.80","1","Other batteries:","","","","","",""
"8507.80.40.00","2","Of a kind used in vehicles","[""No.""]","2.5%","Free","40%","",""
"4412.10.05.00","2","Plywood of bamboo","[""m<sup>3</sup>""]","8%","","","",""
"""


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "hts.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_ten_digit_lines_inherit_their_parent_rate(tmp_path: Path) -> None:
    lines = {x.hts10: x for x in read_schedule(write(tmp_path, HEADER + ROWS))}
    assert set(lines) == {"0409000005", "8507600020", "8507804000", "4412100500"}
    honey = lines["0409000005"]
    assert honey.rate.kind == RateKind.SPECIFIC and honey.rate.specific_usd == Decimal("0.019")
    assert honey.unit == "kg" and honey.chapter == 4
    battery = lines["8507600020"]
    assert battery.rate.ad_valorem == Decimal("0.034")
    assert battery.description == "Lithium-ion batteries: Other"
    assert battery.unit == "No."
    assert lines["8507804000"].rate.ad_valorem == Decimal("0.025")  # its own rate
    assert lines["4412100500"].unit == "m3"


def test_missing_columns_are_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="General Rate of Duty"):
        read_schedule(write(tmp_path, "HTS Number,Indent,Description,Unit of Quantity\n"))


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="not UTF-8"):
        read_schedule(
            write(tmp_path, HEADER[1:] + '"0409","0","Miel é","","","","","",""\n', "latin-1")
        )
