"""AD/CVD fixtures.

- `history`: a small generated AD/CVD history (600 lines, seed 5) written once per session.
- `instructions_csv(rows)`: writes an instructions file for the bad-input tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tradeguard.generator.adcvd import AdcvdData, generate_adcvd, write_adcvd

HEADER = "message_no,case_no,kind,period_from,period_to,final_rate,issued_on"


@pytest.fixture(scope="session")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, AdcvdData]:
    folder = tmp_path_factory.mktemp("adcvd-history")
    data = generate_adcvd(600, 5)
    write_adcvd(data, folder)
    return folder, data


@pytest.fixture
def instructions_csv(tmp_path: Path) -> Callable[[list[str]], Path]:
    def write(rows: list[str]) -> Path:
        path = tmp_path / "instructions.csv"
        path.write_text("\n".join([HEADER, *rows]) + "\n")
        return path

    return write
