"""Tiny named datasets for the risk model tests.

- `declarations`: 600 one- or two-line entries over 120 days; importers IMP-00..IMP-19, of which
  IMP-00..IMP-03 ("bad importers") violate 70% of the time and the others 5%.
- `findings`: every line examined a week after entry; one line in five comes from the random
  compliance sample, the rest from targeted exams.
"""

from __future__ import annotations

import polars as pl
import pytest

from tests.unit.risk.sample import make_declarations, make_findings


@pytest.fixture(scope="session")
def declarations() -> pl.DataFrame:
    return make_declarations()


@pytest.fixture(scope="session")
def findings(declarations: pl.DataFrame) -> pl.DataFrame:
    return make_findings(declarations)
