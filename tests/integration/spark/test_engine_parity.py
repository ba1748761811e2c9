"""Spark and DuckDB decide the same: same entries, lanes, rule ids and sample on the same lake.

One Spark session serves the whole module (it takes 10-50 s to start). The lake is 2,500
generated entries with a findings file, so history columns, medians and Centers are all
exercised (and a quota on the lake's toys that fills, for `quota_filled`); the starter library
plus a set covering every derived column is compared end to end,
random rules line by line. Rules the engines would read differently are refused before either runs.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.quotas import (
    Quota,
    QuotaKind,
    QuotaLine,
    QuotaPeriod,
    charge,
    fill_points,
    whole_units,
)
from tradeguard.domain.rule import PublishedRule, Rule
from tradeguard.generator import generate
from tradeguard.generator.admissibility import LineFacts, generate_admissibility
from tradeguard.generator.advance import advance_filings
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.rules import read_rules_file
from tradeguard.store.advance_lake import AdvanceLake
from tradeguard.store.lake import EntryLake
from tradeguard.targeting import engine_duckdb
from tradeguard.targeting.admissibility_columns import AdmissibilityData
from tradeguard.targeting.advance_columns import columns_for
from tradeguard.targeting.column_scope import reading
from tradeguard.targeting.compiler import CompiledRule, compile_rules
from tradeguard.targeting.lanes import decisions
from tradeguard.targeting.portability import engine_problems, refuse_unportable
from tradeguard.targeting.quota_columns import QuotaFills
from tradeguard.targeting.sampling import SampleRates
from tradeguard.targeting.validation import validate_where

RATES = SampleRates(0.05, {"Electronics": 0.5})
SEED = 17
# Chapters 84/85 get a Center, 95 another; everything else has none, so entries whose first line
# lacks a Center take a later line's (the ARG_MIN rule both engines must share).
CENTERS = {"84": "Machinery", "85": "Electronics", "95": "Consumer Products"}

COVERING_RULES = {
    "R-T-001": "unit_value_ratio < 0.2 AND hts_origin_median_unit_value > 0",
    "R-T-002": "importer_days_known = 0 AND value_usd > 50000",
    "R-T-003": "importer_prior_violations > 0 AND importer_prior_exams >= 2",
    "R-T-004": "manufacturer_prior_violations >= 1 AND manufacturer_days_known > 200",
    "R-T-005": "starts_with(hts10, '8507') OR hts6 LIKE '9503%'",
    "R-T-006": "center = 'Electronics' AND value_usd / quantity > 1000",
    "R-T-007": "duty_mismatch AND NOT ctpat AND line_no > 3",
    "R-T-008": "lower(origin_country) IN ('cn', 'vn') AND length(description) > 40",
    "R-T-009": "CASE WHEN isa THEN value_usd > 400000 ELSE value_usd > 200000 END",
    "R-T-010": "adcvd_case IS NOT NULL AND coalesce(adcvd_rate, 0) > 1.5",
    "R-T-012": "manufacturer_prior_ipr_violations >= 1 OR importer_prior_adcvd_violations > 0",
    "R-T-013": "importer_days_since_violation <= 60 AND manufacturer_prior_exams >= 1",
    "R-T-014": "coalesce(manufacturer_days_since_safety_violation, 999) < 120",
    # The entry against its advance filing (the lake fixture's generated ISF lines).
    "R-T-015": "advance_origin_mismatch OR advance_manufacturer_mismatch OR advance_hts6_mismatch",
    "R-T-016": "mode = 'vessel' AND NOT advance_filed",
}


def _rule(rule_id: str, where: str, risk: str = "high", **extra: Any) -> PublishedRule:
    rule = Rule.model_validate(
        {
            "id": rule_id,
            "name": f"test {rule_id}",
            "rationale": "A rule written for the engine parity test.",
            "pti": "Revenue",
            "risk": risk,
            "stages": ["entry"],
            "where": where,
            "owner": "Revenue NTAG",
            **extra,
        }
    )
    return PublishedRule(rule, 1)


def _starter_rules() -> list[PublishedRule]:
    return [
        PublishedRule(rule, 1)
        for path in sorted(STARTER_RULES_DIR.glob("*.yaml"))
        for rule in read_rules_file(path)
    ]


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> tuple[EntryLake, Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("spark-lake")
    data = generate(2500, seed=5)
    filings = AdvanceLake(root / "advance")
    filings.append(
        advance_filings(data.declarations, data.truth, 5), source="generated", source_sha256="a"
    )
    table = data.declarations
    mismatch = pc.equal(pc.bit_wise_and(table["line_no"], 3), 0)
    table = table.append_column("duty_mismatch", mismatch)
    table = table.append_column("batch_id", pa.array(["parity"] * table.num_rows))
    lake = EntryLake(root / "lake")
    lake.append(table, source="generated", source_sha256="parity")
    lines = pl.from_arrow(table.select(["entry_no", "line_no", "entry_date"]))
    assert isinstance(lines, pl.DataFrame)
    truth = pl.from_arrow(data.truth.select(["entry_no", "line_no", "violation", "pti"]))
    assert isinstance(truth, pl.DataFrame)
    findings = (
        truth.join(lines, on=["entry_no", "line_no"])
        .filter(pl.col("entry_no").str.slice(-1).is_in(["1", "4", "7"]))
        .select(
            "entry_no",
            "line_no",
            (pl.col("entry_date") + pl.duration(days=9)).alias("finding_date"),
            "violation",
            pl.when(pl.col("violation")).then(pl.col("pti")).alias("pti"),
        )
    )
    findings_path = root / "findings.parquet"
    findings.write_parquet(findings_path)
    hts = set(table["hts10"].to_pylist())
    center_map = {h: CENTERS[h[:2]] for h in hts if h[:2] in CENTERS}
    return lake, findings_path, center_map


# The admissibility columns, compiled from reference data built on the lake's own lines.
ADMISSIBILITY_RULES = {
    "R-T-021": "under_exclusion_order",
    "R-T-022": "manufacturer_authorized_for_mark = false",
    "R-T-023": "under_withhold_release_order",
    "R-T-024": "ipr_recorded AND manufacturer_authorized_for_mark IS NULL",
}


def _admissibility(entry_lake: EntryLake) -> AdmissibilityData:
    columns = ("entry_no", "hts10", "manufacturer_id", "origin_country", "entry_date")
    rows = entry_lake.scan().select(*columns).sort("entry_no", "hts10").collect().iter_rows()
    scenario = generate_admissibility(
        [LineFacts(*r) for r in rows], seed=SEED, today=date(2027, 1, 1)
    )
    return AdmissibilityData(
        scenario.recordations, scenario.exclusion_orders, scenario.withhold_orders
    )


# A quota on the lake's own toys, small enough to fill early in each quarter: `quota_filled`.
QUOTA_RULES = {"R-T-025": "quota_filled"}


def _quota_fills(entry_lake: EntryLake) -> QuotaFills:
    frame = entry_lake.scan().filter(pl.col("hts10").str.starts_with("9503")).collect()
    unit = frame.group_by("unit").len().sort("len", descending=True)["unit"][0]
    toys = Quota(
        "TOYS", "toys", QuotaKind.ABSOLUTE, ("9503",), (), ("HK",), QuotaPeriod.QUARTER,
        int(frame["quantity"].sum() / 8), unit, "-", "-", date(2020, 1, 1), None, "test",
    )  # fmt: skip
    lines = [
        QuotaLine(e, n, d, h, o, u, whole_units(q))
        for e, n, d, h, o, u, q in frame.select(
            "entry_no", "line_no", "entry_date", "hts10", "origin_country", "unit", "quantity"
        ).iter_rows()
    ]
    return QuotaFills((toys,), tuple(fill_points([toys], charge([toys], lines))))


def _decided(hits: pa.Table, rules: list[CompiledRule]) -> list[tuple[Any, ...]]:
    frame = pl.from_arrow(hits)
    assert isinstance(frame, pl.DataFrame)
    decided = decisions(frame, rules, stage="entry", release_trusted_low=True)
    return [
        (row["entry_no"], row["lane"], tuple(sorted(row["rule_ids"])), row["sampled"])
        for row in decided.iter_rows(named=True)
    ]


@pytest.mark.spark
@pytest.mark.slow
def test_spark_and_duckdb_decide_every_entry_alike(
    spark: Any, lake: tuple[EntryLake, Path, dict[str, str]]
) -> None:
    from tradeguard.targeting import engine_spark

    entry_lake, findings_path, center_map = lake
    filings = AdvanceLake(entry_lake.root.parent / "advance")
    published = _starter_rules() + [_rule(i, w, "low") for i, w in COVERING_RULES.items()]
    exempt = ("IMP-NONE",)
    published.append(_rule("R-T-011", "value_usd > 90000", "low", exempt_importers=exempt))
    published += [_rule(i, w, "low") for i, w in ADMISSIBILITY_RULES.items()]
    published += [_rule(i, w, "low") for i, w in QUOTA_RULES.items()]
    rules = compile_rules(published, None, _admissibility(entry_lake), _quota_fills(entry_lake))
    con = engine_duckdb.connect(center_map)
    duck = engine_duckdb.entry_hits(
        con,
        entry_lake.duckdb_relation_sql(),
        rules,
        findings_path=findings_path,
        with_centers=True,
        seed=SEED,
        rates=RATES,
        advance=filings.duckdb_relation_sql(),
    )
    sparked = engine_spark.entry_hits(
        spark,
        entry_lake.files(),
        rules,
        findings_path=findings_path,
        center_map=center_map,
        seed=SEED,
        rates=RATES,
        advance_files=filings.files(),
    )
    assert sparked.schema == duck.schema
    ours, theirs = _decided(duck, rules), _decided(sparked, rules)
    assert len(ours) == 2500
    assert theirs == ours
    # The comparison means something: rules fire, lanes vary, the sample is drawn.
    assert {lane for _e, lane, _r, _s in ours} == {
        "mandatory",
        "discretionary",
        "random",
        "release",
    }
    assert sum(1 for *_x, sampled in ours if sampled) > 50
    fired = {rule for _e, _l, ids, _s in ours for rule in ids}
    assert len(fired) >= len(COVERING_RULES) // 2
    assert {"R-T-021", "R-T-022", "R-T-023"} <= fired  # the admissibility columns hold entries
    assert {"R-T-015", "R-T-016"} <= fired  # ... and the advance_* columns
    assert "R-T-025" in fired  # and the quota column
    # Context columns agree too (Centers, exact money), not only the decisions.
    assert sparked.sort_by("entry_no").equals(duck.sort_by("entry_no"))


NUMBERS = ["value_usd", "quantity", "line_no", "unit_value", "unit_value_ratio", "duty_rate"]
HISTORY = [
    "importer_days_known",
    "manufacturer_days_known",
    "importer_prior_violations",
    "manufacturer_prior_ipr_violations",
    "importer_days_since_violation",
]
TEXTS = {
    "origin_country": ["CN", "VN", "MX", "DE", "IN"],
    "chapter": ["84", "85", "95", "61", "73"],
    "mode": ["air", "vessel", "truck", "mail"],
    "center": ["Electronics", "Machinery"],
}


@st.composite
def predicates(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 7 if depth < 2 else 5))
    if kind == 0:
        col = draw(st.sampled_from(NUMBERS + HISTORY))
        op = draw(st.sampled_from(["=", "<>", ">", ">=", "<", "<="]))
        lit = draw(st.one_of(st.integers(-3, 20000), st.sampled_from(["0.5", "1.25", "1e3"])))
        return f"{col} {op} {lit}"
    if kind == 1:
        a, b = draw(st.sampled_from(NUMBERS)), draw(st.sampled_from(NUMBERS))
        arith = draw(st.sampled_from(["/", "*", "-", "%"]))
        return f"{a} {arith} {b} > {draw(st.integers(0, 500))}"
    if kind == 2:
        col = draw(st.sampled_from(sorted(TEXTS)))
        picked = draw(st.lists(st.sampled_from(TEXTS[col]), min_size=1, max_size=3))
        return f"{col} IN ({', '.join(repr(p) for p in picked)})"
    if kind == 3:
        prefix = draw(st.sampled_from(["9", "85", "8507", "61_", "7%3"]))
        op = draw(st.sampled_from(["LIKE", "ILIKE", "NOT LIKE"]))
        return f"hts10 {op} '{prefix}%'"
    if kind == 4:
        return draw(st.sampled_from(["center IS NULL", "adcvd_case IS NOT NULL", "ctpat", "isa"]))
    if kind == 5:
        return draw(
            st.sampled_from(
                [
                    "substr(hts10, 3, 2) = '07'",
                    "starts_with(upper(description), 'LI')",
                    "abs(unit_value_ratio - 1) > 0.5",
                    "coalesce(center, 'none') = 'none'",
                    "entry_date >= DATE '2026-03-01'",
                    "importer_days_known BETWEEN 1 AND 90",
                ]
            )
        )
    left, right = draw(predicates(depth + 1)), draw(predicates(depth + 1))
    if kind == 6:
        return f"({left}) {draw(st.sampled_from(['AND', 'OR']))} ({right})"
    return f"NOT ({left})"


@pytest.fixture(scope="module")
def spark_lines(spark: Any, lake: tuple[EntryLake, Path, dict[str, str]]) -> str:
    from tradeguard.targeting import engine_spark

    entry_lake, findings, center_map = lake
    return engine_spark.register_rule_lines(
        spark,
        entry_lake.files(),
        findings_path=findings,
        center_map=center_map,
        keep=True,
        view="tg_property_lines",
    )


@pytest.mark.spark
@pytest.mark.slow
@settings(max_examples=5, deadline=None, derandomize=True)
@given(wheres=st.lists(predicates(), min_size=3, max_size=6))
def test_random_rules_match_the_same_lines(
    wheres: list[str],
    spark: Any,
    spark_lines: str,
    lake: tuple[EntryLake, Path, dict[str, str]],
) -> None:
    from tradeguard.targeting import engine_spark

    entry_lake, findings, center_map = lake
    rules = compile_rules([_rule(f"R-P-{i:03d}", w) for i, w in enumerate(wheres)], None)
    con = engine_duckdb.connect(center_map)
    source = entry_lake.duckdb_relation_sql()
    duck = engine_duckdb.line_matches(con, source, rules, True, findings)
    sparked = engine_spark.line_matches(spark, spark_lines, rules)
    keys = [("entry_no", "ascending"), ("line_no", "ascending")]
    assert sparked.sort_by(keys).equals(duck.sort_by(keys))


# -- refusal: rules one engine would read differently never load ------------------------------

UNPORTABLE = {
    "unit_value > 1.0 / 3": ("spark", "decimals"),
}
# What the engines would read differently is mostly outside the rule grammar now (grammar.py).
OUTSIDE_THE_GRAMMAR = {
    r"description LIKE '%\_%'": "backslash",
    "hts10 LIKE chapter": "text literal",
    "line_no > 99999999999999999999": "1e15",
    "CASE WHEN ctpat THEN 'a' ELSE 1 END = 'a'": "CASE mixes number with text",
    "lower(quantity) = '1'": "lower of a non-text",
}


@pytest.mark.parametrize("where", sorted(UNPORTABLE))
def test_rules_one_engine_cannot_run_are_refused_with_the_reason(where: str) -> None:
    engine, reason = UNPORTABLE[where]
    problems = engine_problems(where)
    assert engine in problems and reason in problems[engine]
    with pytest.raises(InvalidInput, match=rf"rule R-X-001: cannot run on {engine}: .*{reason}"):
        refuse_unportable("R-X-001", where)


@pytest.mark.parametrize("where", sorted(OUTSIDE_THE_GRAMMAR))
def test_what_the_engines_read_differently_is_outside_the_grammar(where: str) -> None:
    with pytest.raises(InvalidInput, match=rf"rule R-X-001: .*{OUTSIDE_THE_GRAMMAR[where]}"):
        validate_where("R-X-001", where)


def test_every_starter_rule_and_ordinary_predicate_runs_on_both_engines() -> None:
    starter = _starter_rules()
    assert starter, "the starter library in rules/ is empty"
    for published in starter:  # a rule on advance filings is read against their columns
        with reading(columns_for(published.rule.declaration)):
            assert engine_problems(published.rule.where) == {}, published.rule.id
    for where in [*COVERING_RULES.values(), "line_no / 2 > 1", "importer_days_known % 7 = 0"]:
        assert engine_problems(where) == {}, where
    refuse_unportable("R-X-002", "value_usd / quantity > 3")  # portable: no error


def test_invalid_predicates_are_refused_by_validation_first() -> None:
    with pytest.raises(InvalidInput, match="subquer"):
        engine_problems("value_usd > (SELECT 1)")


@pytest.mark.spark
def test_the_refused_constructs_really_differ_on_spark(spark: Any) -> None:
    """Why refusal is right: the same predicate, the same row, two answers (read as plain
    SQL: the grammar refuses the first, portability the second)."""
    import duckdb
    import sqlglot

    witnesses = {
        r"description LIKE '%\_%'": "SELECT 'a_b' AS description",
        "unit_value > 1.0 / 3": "SELECT CAST(1 AS DOUBLE) / 3 AS unit_value",
    }
    con = duckdb.connect()
    for where, row in witnesses.items():
        tree = sqlglot.parse_one(where, read="duckdb")
        on_duckdb = con.execute(f"SELECT {tree.sql('duckdb')} FROM ({row})").fetchone()
        on_spark = spark.sql(f"SELECT {tree.sql('spark')} FROM ({row})").collect()[0]
        assert on_duckdb is not None and on_duckdb[0] != on_spark[0], where


def test_without_pyspark_the_engine_names_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The default install has no Java: importing the engine works, using it says what to do."""
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    from tradeguard.targeting import engine_spark

    with pytest.raises(InvalidInput, match=r"pip install 'tradeguard\[spark\]'") as caught:
        engine_spark.session("local[1]")
    assert caught.value.field == "engine"


@pytest.mark.spark
@pytest.mark.slow
def test_a_window_with_the_kept_history_decides_as_the_whole_lake(
    spark: Any, lake: tuple[EntryLake, Path, dict[str, str]]
) -> None:
    """Spark reads a fortnight's partitions and the kept history (store/history.py), and
    decides those entries as DuckDB does over the whole lake."""
    from tradeguard.store.history import LakeHistory, LakeWindow
    from tradeguard.targeting import engine_spark

    entry_lake, findings_path, center_map = lake
    rules = compile_rules(
        _starter_rules() + [_rule(i, w, "low") for i, w in COVERING_RULES.items()], None
    )
    snapshot = entry_lake.snapshot()
    kept = LakeHistory(entry_lake).for_snapshot(snapshot, findings_path)
    first, last = date(2026, 6, 1), date(2026, 6, 14)
    con = engine_duckdb.connect(center_map)
    duck = engine_duckdb.entry_hits(
        con,
        snapshot.duckdb_relation_sql(),
        rules,
        findings_path=findings_path,
        with_centers=True,
        seed=SEED,
        rates=RATES,
    )
    in_window = pc.and_(
        pc.greater_equal(duck["entry_date"], pa.scalar(first)),
        pc.less_equal(duck["entry_date"], pa.scalar(last)),
    )
    sparked = engine_spark.entry_hits(
        spark,
        LakeWindow(snapshot, first, last).files(),
        rules,
        findings_path=findings_path,
        center_map=center_map,
        seed=SEED,
        rates=RATES,
        kept=kept.path,
    )
    expected = _decided(duck.filter(in_window), rules)
    assert len(expected) > 50
    assert _decided(sparked, rules) == expected
