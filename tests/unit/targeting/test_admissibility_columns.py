"""Property: the admissibility rule columns (IPR recordations, exclusion orders, withhold release
orders) mean on DuckDB, Polars and the real-time interpreter exactly what domain/admissibility.py
and domain/withhold_release.py say in plain Python, for random reference data and lines."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlglot import exp

from tests.unit.targeting.lake import lake_table, line
from tradeguard.domain.admissibility import (
    ExclusionOrder,
    OrderKind,
    Recordation,
    RecordationKind,
    authorized_for_marks,
)
from tradeguard.domain.declaration import Declaration
from tradeguard.domain.rule import PublishedRule, Rule
from tradeguard.domain.withhold_release import WithholdReleaseOrder
from tradeguard.targeting import engine_duckdb, engine_polars
from tradeguard.targeting.admissibility_columns import AdmissibilityData, definitions
from tradeguard.targeting.compiler import compile_rules
from tradeguard.targeting.grammar import kind_of
from tradeguard.targeting.lanes import hit_matrix
from tradeguard.targeting.realtime import RealtimeScorer, take_snapshot
from tradeguard.targeting.sampling import SampleRates

HTS = ["9503000073", "8507600020", "7604210000", "6403990060"]
PREFIXES = ["95", "9503", "950300", "8507600020", "85", "7604", "64039900"]
MAKERS = ["MFR-A", "MFR-B", "MFR-C"]
START = date(2026, 1, 1)
days = st.integers(0, 120).map(lambda n: START + timedelta(days=n))
scopes = st.lists(st.sampled_from(PREFIXES), min_size=1, max_size=3).map(lambda p: tuple(set(p)))
makers = st.lists(st.sampled_from(MAKERS), max_size=2).map(lambda m: tuple(sorted(set(m))))


@st.composite
def recordations(draw: st.DrawFn) -> Recordation:
    start = draw(days)
    end = draw(st.one_of(st.none(), st.integers(0, 90).map(lambda n: start + timedelta(days=n))))
    return Recordation(
        recordation_no=f"TMK-{draw(st.integers(1, 999))}", kind=RecordationKind.TRADEMARK,
        owner="Owner", marks=("MARK",), hts_scope=draw(scopes),
        authorized_manufacturers=draw(makers), recorded_on=start, expires_on=end,
    )  # fmt: skip


@st.composite
def orders(draw: st.DrawFn) -> ExclusionOrder:
    kind = draw(st.sampled_from(list(OrderKind)))
    respondents = draw(makers) or ("MFR-A",)
    start = draw(days)
    return ExclusionOrder(
        order_no=f"337-{draw(st.integers(1, 999))}", investigation="337-TA-1", kind=kind,
        product="widgets", hts_scope=draw(scopes), respondents=respondents,
        effective_on=start,
        expires_on=draw(st.one_of(st.none(), st.just(start + timedelta(days=30)))),
        rescinded_on=draw(st.one_of(st.none(), st.just(start + timedelta(days=10)))),
    )  # fmt: skip


@st.composite
def withholds(draw: st.DrawFn) -> WithholdReleaseOrder:
    if draw(st.booleans()):
        return WithholdReleaseOrder(
            wro_no="WRO-P", merchandise="gloves", issued_on=draw(days),
            producer=draw(st.sampled_from(MAKERS)),
        )  # fmt: skip
    return WithholdReleaseOrder(
        wro_no="WRO-R", merchandise="cotton", issued_on=draw(days),
        region=draw(st.sampled_from(["CN", "VN"])), hts_scope=draw(scopes),
    )  # fmt: skip


references = st.builds(
    AdmissibilityData,
    st.lists(recordations(), max_size=3).map(tuple),
    st.lists(orders(), max_size=3).map(tuple),
    st.lists(withholds(), max_size=2).map(tuple),
)


@st.composite
def lines(draw: st.DrawFn) -> list[Declaration]:
    out = []
    for serial in range(1, draw(st.integers(1, 6)) + 1):
        origin = draw(st.sampled_from(["CN", "VN", "MX"]))
        out.append(
            line(
                serial, 1, origin_country=origin, export_country=origin,
                hts10=draw(st.sampled_from(HTS)), manufacturer_id=draw(st.sampled_from(MAKERS)),
                entry_date=draw(days).isoformat(),
            )
        )  # fmt: skip
    return out


def expected(data: AdmissibilityData, d: Declaration) -> dict[str, bool | None]:
    on, hts, mfr = d.entry_date, d.hts10, d.manufacturer_id
    return {
        "ipr_recorded": any(r.covers(hts, on) for r in data.recordations),
        "manufacturer_authorized_for_mark": authorized_for_marks(
            list(data.recordations), hts, mfr, on
        ),
        "under_exclusion_order": any(o.covers(hts, mfr, on) for o in data.exclusion_orders),
        "under_withhold_release_order": any(
            w.covers(hts, mfr, d.origin_country, on) for w in data.withhold_orders
        ),
    }


WHERES = {
    "excluded": ("under_exclusion_order", lambda v: v["under_exclusion_order"] is True),
    "withheld": ("under_withhold_release_order", lambda v: v["under_withhold_release_order"]),
    "recorded": ("ipr_recorded", lambda v: v["ipr_recorded"] is True),
    "unauthorized": (
        "manufacturer_authorized_for_mark = FALSE",
        lambda v: v["manufacturer_authorized_for_mark"] is False,
    ),
    "unknown": (
        "manufacturer_authorized_for_mark IS NULL",
        lambda v: v["manufacturer_authorized_for_mark"] is None,
    ),
}


def _rule(key: str, where: str) -> PublishedRule:
    rule = Rule(
        id=f"R-ADM-{key.upper()}", name=key, rationale="admissibility column", pti="IPR",
        risk="high", stages=("entry",), where=where, owner="test",
    )  # fmt: skip
    return PublishedRule(rule, 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(references, lines())
def test_every_engine_computes_the_admissibility_columns_as_the_domain(data, declared) -> None:
    for name, tree in definitions(data).items():
        assert kind_of("-", tree) == "bool", name  # inside the grammar every engine shares
    keys = sorted(WHERES)
    compiled = compile_rules([_rule(k, WHERES[k][0]) for k in keys], None, data)
    want = {d.entry_no: [bool(WHERES[k][1](expected(data, d))) for k in keys] for d in declared}

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
    for d in declared:
        matched = {r.rule.id for r in scorer.score([d]).matched}
        hit = want[d.entry_no]
        assert matched == {c.rule.id for c, h in zip(compiled, hit, strict=True) if h}


def test_with_no_reference_data_nothing_is_barred_and_authorization_is_unknown() -> None:
    defined = definitions(AdmissibilityData())
    assert defined["under_exclusion_order"].sql() == "(FALSE)"
    assert isinstance(defined["manufacturer_authorized_for_mark"], exp.Case)
