"""Property: for random rules over random declarations, the DuckDB and Polars engines and the
real-time interpreter all match exactly a plain Python evaluation of the same predicates.

Some lines have an advance filing (ISF) that may differ from the entry in origin, manufacturer or
HTS-6, so the advance_* columns (NULL without a filing) are compared too."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.targeting.lake import advance_table, lake_table, line
from tradeguard.domain.declaration import Declaration
from tradeguard.domain.rule import PublishedRule, Rule
from tradeguard.targeting import engine_duckdb, engine_polars
from tradeguard.targeting.advance_sql import ADVANCE_MATCH
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.lanes import hit_matrix
from tradeguard.targeting.realtime import RealtimeScorer, take_snapshot
from tradeguard.targeting.sampling import SampleRates

Fn = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class Pred:
    sql: str
    fn: Fn  # SQL three-valued: True, False or None


def _cmp(a: Any, b: Any, op: str) -> Any:
    if a is None or b is None:
        return None
    return {"=": a == b, "<>": a != b, ">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[op]


NUMERIC = ["value_usd", "quantity", "line_no", "adcvd_rate", "duty_rate"]
OPS = ["=", "<>", ">", ">=", "<", "<="]
numbers = st.one_of(st.integers(-5, 20000), st.sampled_from([0.5, 0.05, 1500.25, 3.0]))


@st.composite
def atoms(draw: st.DrawFn) -> Pred:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        col, op, lit = draw(st.sampled_from(NUMERIC)), draw(st.sampled_from(OPS)), draw(numbers)
        return Pred(f"{col} {op} {lit}", lambda r: _cmp(r[col], lit, op))
    if kind == 1:
        op, lit = draw(st.sampled_from(OPS)), draw(numbers)

        def ratio(r: dict[str, Any]) -> Any:
            q = r["quantity"]
            return _cmp(None if q == 0 else r["value_usd"] / q, lit, op)

        return Pred(f"value_usd / quantity {op} {lit}", ratio)
    if kind == 2:
        options = draw(st.lists(st.sampled_from(["CN", "VN", "MX", "DE"]), min_size=1, max_size=3))
        listed = ", ".join(f"'{o}'" for o in options)
        return Pred(f"origin_country IN ({listed})", lambda r: r["origin_country"] in options)
    if kind == 3:
        prefix = draw(st.sampled_from(["95", "8507", "7604", "9"]))
        return Pred(f"hts10 LIKE '{prefix}%'", lambda r: r["hts10"].startswith(prefix))
    if kind == 4:
        return Pred("adcvd_rate IS NULL", lambda r: r["adcvd_rate"] is None)
    if kind == 5:
        flag = draw(st.booleans())
        return Pred(f"ctpat = {str(flag).upper()}", lambda r: r["ctpat"] == flag)
    if kind == 6:
        code = draw(st.sampled_from(["9503", "8507", "7604"]))
        return Pred(f"substr(hts10, 1, 4) = '{code}'", lambda r: r["hts10"][:4] == code)
    if kind in (7, 8):
        column = draw(st.sampled_from(sorted(ADVANCE_MATCH)))
        test = draw(st.sampled_from(["", "NOT ", "IS NULL"]))
        if test == "IS NULL":
            return Pred(f"{column} IS NULL", lambda r: r[column] is None)
        if test:
            return Pred(f"NOT {column}", lambda r: None if r[column] is None else not r[column])
        return Pred(column, lambda r: r[column])
    low, high = sorted(draw(st.lists(numbers, min_size=2, max_size=2)))
    return Pred(
        f"value_usd BETWEEN {low} AND {high}",
        lambda r: r["value_usd"] >= low and r["value_usd"] <= high,
    )


def _and(a: Any, b: Any) -> Any:
    return False if a is False or b is False else None if a is None or b is None else True


def _or(a: Any, b: Any) -> Any:
    return True if a is True or b is True else None if a is None or b is None else False


def predicates() -> st.SearchStrategy[Pred]:
    def combine(children: st.SearchStrategy[Pred]) -> st.SearchStrategy[Pred]:
        pair = st.tuples(children, children)
        return st.one_of(
            pair.map(lambda p: Pred(f"({p[0].sql}) AND ({p[1].sql})", _both(p, _and))),
            pair.map(lambda p: Pred(f"({p[0].sql}) OR ({p[1].sql})", _both(p, _or))),
            children.map(lambda c: Pred(f"NOT ({c.sql})", _negate(c.fn))),
        )

    return st.recursive(atoms(), combine, max_leaves=5)


def _both(pair: tuple[Pred, Pred], op: Callable[[Any, Any], Any]) -> Fn:
    return lambda r: op(pair[0].fn(r), pair[1].fn(r))


def _negate(fn: Fn) -> Fn:
    return lambda r: None if (v := fn(r)) is None else not v


Filed = dict[tuple[str, int], tuple[str, str, str]]


@st.composite
def advance_filings(draw: st.DrawFn, lines: list[Declaration]) -> Filed:
    """An advance filing for some lines: (origin, manufacturer, hts6), each maybe different."""
    filed: Filed = {}
    for d in lines:
        if draw(st.booleans()):
            filed[(d.entry_no, d.line_no)] = (
                draw(st.sampled_from([d.origin_country, "CN", "VN"])),
                draw(st.sampled_from([d.manufacturer_id, "OTHERMFR1"])),
                draw(st.sampled_from([d.hts10[:6], "950300", "850760"])),
            )
    return filed


@st.composite
def declarations(draw: st.DrawFn) -> list[Declaration]:
    lines = []
    for serial in range(1, draw(st.integers(1, 6)) + 1):
        origin = draw(st.sampled_from(["CN", "VN", "MX", "DE"]))
        for n in range(1, draw(st.integers(1, 3)) + 1):
            rate = draw(st.one_of(st.none(), st.sampled_from(["0.05", "1.2"])))
            lines.append(
                line(
                    serial,
                    n,
                    origin_country=origin,
                    export_country=origin,
                    hts10=draw(st.sampled_from(["9503000073", "8507600020", "7604210000"])),
                    quantity=draw(st.sampled_from(["0", "1", "250", "1200"])),
                    value_usd=draw(st.sampled_from(["1.00", "1500.25", "10000.00", "250000.00"])),
                    duty_rate=draw(st.sampled_from(["0", "0.05", "0.25"])),
                    adcvd_case="A-570-967" if rate else "",
                    adcvd_rate=rate if rate else "",
                    ctpat=str(draw(st.booleans())).lower(),
                )
            )
    return lines


def _row(d: Declaration, filed: Filed) -> dict[str, Any]:
    adv = filed.get((d.entry_no, d.line_no))
    return {
        "advance_filed": adv is not None,
        "advance_origin_mismatch": None if adv is None else adv[0] != d.origin_country,
        "advance_manufacturer_mismatch": None if adv is None else adv[1] != d.manufacturer_id,
        "advance_hts6_mismatch": None if adv is None else adv[2] != d.hts10[:6],
        "value_usd": float(d.value_usd),
        "quantity": float(d.quantity),
        "line_no": d.line_no,
        "adcvd_rate": None if d.adcvd_rate is None else float(d.adcvd_rate),
        "duty_rate": float(d.duty_rate),
        "origin_country": d.origin_country,
        "hts10": d.hts10,
        "ctpat": d.ctpat,
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(predicates(), min_size=1, max_size=4), st.data())
def test_engine_and_realtime_equal_python(preds: list[Pred], data: st.DataObject) -> None:
    lines = data.draw(declarations())
    filed = data.draw(advance_filings(lines))
    published = [
        PublishedRule(
            Rule(
                id=f"R-PROP-{i:03d}",
                name="random rule",
                rationale="generated by the property test",
                pti="Revenue",
                risk="medium",
                stages=("entry",),
                where=p.sql,
                owner="test",
            ),
            1,
        )
        for i, p in enumerate(preds)
    ]
    compiled = compile_rules(published, None)
    con = engine_duckdb.connect()
    con.register("lines_src", lake_table(lines))
    con.register("advance_src", advance_table(filed))
    hits = engine_duckdb.entry_hits(
        con,
        "lines_src",
        compiled,
        findings_path=None,
        with_centers=False,
        seed=1,
        rates=SampleRates(0.0),
        advance="advance_src",
    )
    by_entry: dict[str, list[Declaration]] = {}
    for d in lines:
        by_entry.setdefault(d.entry_no, []).append(d)
    expected = {
        e: [any(p.fn(_row(d, filed)) is True for d in ds) for p in preds]
        for e, ds in by_entry.items()
    }
    frame = pl.from_arrow(hits)
    assert isinstance(frame, pl.DataFrame)
    matrix = hit_matrix(frame, compiled)
    engine = {e: list(row) for e, row in zip(frame["entry_no"], matrix.tolist(), strict=True)}
    assert engine == expected

    if engine_polars.handles(compiled, None):
        source = pl.from_arrow(lake_table(lines))
        assert isinstance(source, pl.DataFrame)
        filings = pl.from_arrow(advance_table(filed))
        assert isinstance(filings, pl.DataFrame)
        fast = engine_polars.entry_hits(
            source.lazy(),
            compiled,
            center_map=None,
            seed=1,
            rates=SampleRates(0.0),
            advance=filings.lazy(),
        )
        rows = hit_matrix(fast, compiled).tolist()
        assert {e: list(r) for e, r in zip(fast["entry_no"], rows, strict=True)} == expected

    # The random predicates use no history columns, so an empty history snapshot is exact.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "advance.parquet"
        pq.write_table(advance_table(filed), path)
        snapshot = take_snapshot(None, None, f"read_parquet('{path}')")
    scorer = RealtimeScorer(compiled, snapshot, rates=SampleRates(0.0), seed=1)
    for e, ds in by_entry.items():
        matched = {r.rule.id for r in scorer.score(ds).matched}
        assert matched == {c.rule.id for c, hit in zip(compiled, expected[e], strict=True) if hit}
