"""One local Spark session for every Spark test (starting one takes 10-50 s)."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

HAVE_SPARK = importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    if not HAVE_SPARK:
        pytest.skip("needs pyspark and Java: pip install '.[spark]'")
    from tradeguard.targeting import engine_spark

    session = engine_spark.session("local[2]", shuffle_partitions=2)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
