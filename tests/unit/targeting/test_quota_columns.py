"""Property: the `quota_filled` rule column means on DuckDB, Polars and the real-time interpreter
exactly what domain/quotas.py says in plain Python (charge in presentation order, then
over_filled), for random quotas and lines."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.unit.targeting.lake import lake_table, line
from tradeguard.domain.declaration import Declaration
from tradeguard.domain.quotas import (
    Quota,
    QuotaKind,
    QuotaLine,
    QuotaPeriod,
    charge,
    fill_points,
    over_filled,
    whole_units,
)
from tradeguard.domain.rule import PublishedRule, Rule
from tradeguard.targeting import engine_duckdb, engine_polars
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.grammar import kind_of
from tradeguard.targeting.lanes import hit_matrix
from tradeguard.targeting.quota_columns import NOTHING_FILLED, QuotaFills, definition
from tradeguard.targeting.realtime import RealtimeScorer, take_snapshot
from tradeguard.targeting.sampling import SampleRates

START = date(2025, 12, 1)
HTS = ["0201201000", "0202201000", "2106907800", "9503000073"]


@st.composite
def quotas(draw: st.DrawFn) -> tuple[Quota, ...]:
    beef_countries = draw(st.sampled_from([(("BR",), ()), ((), ("AU",))]))
    beef = Quota(
        "BEEF", "beef", QuotaKind.TARIFF_RATE, ("0201", "020220"), *beef_countries,
        draw(st.sampled_from(list(QuotaPeriod))), draw(st.integers(0, 300)), "kg", "4%",
        "26.4%", START + timedelta(days=draw(st.integers(0, 40))),
        draw(st.one_of(st.none(), st.just(START + timedelta(days=70)))), "test",
    )  # fmt: skip
    sugar = Quota(
        "SCP", "scp", QuotaKind.ABSOLUTE, ("21069078",), ("CA",), (), QuotaPeriod.QUARTER,
        draw(st.integers(0, 200)), "kg", "10%", "none", START, None, "test",
    )  # fmt: skip
    return (beef, sugar)


@st.composite
def lines(draw: st.DrawFn) -> list[Declaration]:
    out = []
    for serial in range(1, draw(st.integers(1, 8)) + 1):
        day = START + timedelta(days=draw(st.integers(0, 130)))
        for line_no in range(1, draw(st.integers(1, 3)) + 1):
            origin = draw(st.sampled_from(["BR", "AU", "CA", "MX"]))
            out.append(
                line(
                    draw(st.sampled_from([serial, serial + 50])), line_no,
                    origin_country=origin, export_country=origin,
                    hts10=draw(st.sampled_from(HTS)), entry_date=day.isoformat(),
                    unit=draw(st.sampled_from(["kg", "kg", "NO"])),
                    quantity=draw(st.sampled_from(["0", "0.4", "35", "80.5", "150"])),
                )
            )  # fmt: skip
    seen: dict[tuple[str, int], Declaration] = {}
    for d in out:  # one line per (entry, line), the entry's date from its first line
        first = next((x for x in out if x.entry_no == d.entry_no), d)
        seen.setdefault(
            (d.entry_no, d.line_no), d.model_copy(update={"entry_date": first.entry_date})
        )
    return list(seen.values())


def _quota_line(d: Declaration) -> QuotaLine:
    return QuotaLine(
        d.entry_no, d.line_no, d.entry_date, d.hts10, d.origin_country, d.unit,
        whole_units(d.quantity),
    )  # fmt: skip


def _rule(key: str, where: str) -> PublishedRule:
    rule = Rule(
        id=f"R-Q-{key.upper()}", name=key, rationale="quota column", pti="Agriculture Programs",
        risk="high", stages=("entry",), where=where, owner="Agriculture and Prepared Products",
    )  # fmt: skip
    return PublishedRule(rule, 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quotas(), lines())
def test_every_engine_computes_quota_filled_as_the_domain(qs, declared) -> None:
    charged = [_quota_line(d) for d in declared]
    points = tuple(fill_points(qs, charge(qs, charged)))
    fills = QuotaFills(qs, points)
    assert kind_of("-", definition(fills)) == "bool"
    over = {(x.entry_no, x.line_no) for x in charged if over_filled(qs, points, x)}
    event(f"over: {bool(over)}")
    want_entry = {d.entry_no: False for d in declared}
    for entry_no, _line in over:
        want_entry[entry_no] = True
    compiled = compile_rules(
        [_rule("filled", "quota_filled"), _rule("open", "NOT quota_filled")], None,
        quotas=fills,
    )  # fmt: skip
    want = {
        e: [hit, any((e, d.line_no) not in over for d in declared if d.entry_no == e)]
        for e, hit in want_entry.items()
    }

    con = engine_duckdb.connect()
    con.register("lines_src", lake_table(declared))
    frame = pl.from_arrow(
        engine_duckdb.entry_hits(
            con, "lines_src", compiled, findings_path=None, with_centers=False, seed=1,
            rates=SampleRates(0.0),
        )
    )  # fmt: skip
    assert isinstance(frame, pl.DataFrame)
    got = dict(zip(frame["entry_no"], hit_matrix(frame, compiled).tolist(), strict=True))
    assert {e: list(r) for e, r in got.items()} == want

    assert engine_polars.handles(compiled, None)
    source = pl.from_arrow(lake_table(declared))
    assert isinstance(source, pl.DataFrame)
    fast = engine_polars.entry_hits(
        source.lazy(), compiled, center_map=None, seed=1, rates=SampleRates(0.0)
    )
    rows = hit_matrix(fast, compiled).tolist()
    assert {e: list(r) for e, r in zip(fast["entry_no"], rows, strict=True)} == want

    scorer = RealtimeScorer(compiled, take_snapshot(None, None), rates=SampleRates(0.0), seed=1)
    for entry_no in want:
        entry_lines = [d for d in declared if d.entry_no == entry_no]
        matched = {r.rule.id for r in scorer.score(entry_lines).matched}
        hit = want[entry_no]
        assert matched == {c.rule.id for c, h in zip(compiled, hit, strict=True) if h}


def test_with_nothing_filled_no_line_is_over() -> None:
    assert definition(NOTHING_FILLED).sql() == "(FALSE)"
