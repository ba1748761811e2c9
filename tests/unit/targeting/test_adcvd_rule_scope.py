"""The mandatory AD/CVD rule covers every packaged order's scope in its country, not only
China's, and leaves lines that declare their case alone."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tests.unit.targeting.lake import lake_table, line
from tradeguard.domain.rule import PublishedRule
from tradeguard.reference.adcvd import packaged_orders
from tradeguard.services.rules import parse_rules
from tradeguard.targeting import engine_duckdb
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.lanes import decisions
from tradeguard.targeting.sampling import SampleRates

RULES = Path(__file__).resolve().parents[3] / "rules" / "adcvd.yaml"


def _held(lines: list) -> list[list[str]]:  # type: ignore[type-arg]
    rule = next(r for r in parse_rules(RULES.read_text()) if r.id == "R-ADCVD-001")
    compiled = compile_rules([PublishedRule(rule, 1)], None)
    con = engine_duckdb.connect(None)
    con.register("lines_src", lake_table(lines))
    hits = engine_duckdb.entry_hits(
        con, "lines_src", compiled, findings_path=None, with_centers=False, seed=1,
        rates=SampleRates(0.0, {}),
    )  # fmt: skip
    frame = pl.from_arrow(hits)
    assert isinstance(frame, pl.DataFrame)
    decided = decisions(frame, compiled, stage="entry", release_trusted_low=True)
    return decided.sort("entry_no")["rule_ids"].to_list()


def test_every_order_scope_without_a_case_is_held() -> None:
    cases = []
    for order in packaged_orders():
        for prefix in order.hts_prefixes:
            cases.append((prefix.ljust(10, "0"), order.country))
    lines = [line(n, 1, hts10=h, origin_country=c, adcvd_case="", adcvd_rate="")
             for n, (h, c) in enumerate(cases, start=1)]  # fmt: skip
    held = _held(lines)
    assert {tuple(r) for r in held} == {("R-ADCVD-001",)}, [
        c for c, r in zip(cases, held, strict=True) if not r
    ]


def test_declared_cases_and_other_countries_are_not_held() -> None:
    declared = line(1, 1, hts10="0306170000", origin_country="IN", adcvd_case="A-533-840",
                    adcvd_rate="0.024900")  # fmt: skip
    elsewhere = line(2, 1, hts10="0306170000", origin_country="TH", adcvd_case="", adcvd_rate="")
    assert _held([declared, elsewhere]) == [[], []]
