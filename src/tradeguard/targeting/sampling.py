"""The random compliance sample: deterministic, independent of the rules and of the engine.

An entry is sampled iff int(md5(f"{entry_no}:{seed}").hexdigest()[:15], 16) / 16**15 < rate.
md5 exists in Python, DuckDB and Spark, so every engine draws the same sample; the rate may
differ per Center (an entry's Center is the Center of its first line).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from tradeguard.domain.errors import InvalidInput

# 2**-60 == 1 / 16**15: multiplying by a power of two is exact, as Python's int / int is.
_SCALE = repr(2.0**-60)


@dataclass(frozen=True, slots=True)
class SampleRates:
    default: float = 0.01
    by_center: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for where, rate in [("default", self.default), *self.by_center.items()]:
            if not 0.0 <= rate <= 1.0:
                raise InvalidInput(f"sample rate for {where} must be in [0, 1], got {rate}", "rate")

    def rate_for(self, center: str | None) -> float:
        return self.by_center.get(center or "", self.default)


def sample_fraction(entry_no: str, seed: int) -> float:
    return int(hashlib.md5(f"{entry_no}:{seed}".encode()).hexdigest()[:15], 16) / 16**15


def is_sampled(entry_no: str, seed: int, rate: float) -> bool:
    return sample_fraction(entry_no, seed) < rate


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sample_fraction_sql(entry_col: str, seed: int, dialect: str = "duckdb") -> str:
    digest = f"SUBSTR(MD5(CONCAT({entry_col}, {_quote(f':{seed}')})), 1, 15)"
    if dialect == "spark":
        as_int = f"CAST(CONV({digest}, 16, 10) AS BIGINT)"
    elif dialect == "duckdb":
        as_int = f"CAST(CONCAT('0x', {digest}) AS BIGINT)"
    else:
        raise InvalidInput(f"no sampling SQL for dialect {dialect!r}", "engine")
    return f"(CAST({as_int} AS DOUBLE) * {_SCALE})"


def sample_sql(
    entry_col: str, center_col: str, seed: int, rates: SampleRates, dialect: str = "duckdb"
) -> str:
    """A boolean SQL expression: is this entry in the random compliance sample?"""
    if rates.by_center:
        whens = " ".join(
            f"WHEN {_quote(center)} THEN {rate!r}"
            for center, rate in sorted(rates.by_center.items())
        )
        rate_sql = f"(CASE {center_col} {whens} ELSE {rates.default!r} END)"
    else:
        rate_sql = repr(float(rates.default))
    return f"({sample_fraction_sql(entry_col, seed, dialect)} < {rate_sql})"
