"""Property: the importer's and manufacturer's history columns (per PTI, days since the last
violation) are the same on DuckDB, Polars and the real-time interpreter, equal a plain Python
count, and never see the future: a line's columns are unchanged when every finding dated on or
after its entry date is removed."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from tests.unit.targeting.lake import lake_table, line
from tradeguard.domain.declaration import Declaration
from tradeguard.domain.pti import PTI
from tradeguard.targeting import engine_polars
from tradeguard.targeting.columns import HISTORY, rule_lines_sql
from tradeguard.targeting.history_columns import PTI_CODES
from tradeguard.targeting.history_frames import keyed_findings
from tradeguard.targeting.realtime import rule_row, take_snapshot

NAMES = sorted(HISTORY)
START = date(2026, 1, 5)
IMPORTERS = ["IMP-0001", "IMP-0002", "IMP-0003"]
MAKERS = ["CNTOYMAK123SHA", "VNNAIMAK456HAN", "CNBATMAK789SHE"]
PTIS: list[str | None] = [None, *[p.value for p in (PTI.IPR, PTI.ADCVD, PTI.IMPORT_SAFETY)]]
FINDINGS_SCHEMA = {
    "entry_no": pl.String,
    "line_no": pl.Int32,
    "finding_date": pl.Date,
    "violation": pl.Boolean,
    "pti": pl.String,
}


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Declaration], pl.DataFrame]:
    lines: list[Declaration] = []
    for serial in range(1, draw(st.integers(1, 8)) + 1):
        day = START + timedelta(days=draw(st.integers(0, 12)))
        importer = draw(st.sampled_from(IMPORTERS))
        for n in range(1, draw(st.integers(1, 2)) + 1):
            lines.append(
                line(
                    serial,
                    n,
                    entry_date=day.isoformat(),
                    importer_id=importer,
                    manufacturer_id=draw(st.sampled_from(MAKERS)),
                )
            )
    found = draw(st.lists(st.sampled_from(lines), max_size=10))
    rows = []
    for d in found:
        violation = draw(st.booleans())
        rows.append(
            {
                "entry_no": d.entry_no,
                "line_no": d.line_no,
                "finding_date": d.entry_date + timedelta(days=draw(st.integers(0, 6))),
                "violation": violation,
                "pti": draw(st.sampled_from(PTIS)) if violation else None,
            }
        )
    return lines, pl.DataFrame(rows, schema=FINDINGS_SCHEMA)


def _expected(lines: list[Declaration], findings: pl.DataFrame) -> dict[tuple[str, int], dict]:
    """The columns by their definition, one line at a time (docs/rules.md)."""
    by_line = {(d.entry_no, d.line_no): d for d in lines}
    found = [(by_line[(r["entry_no"], r["line_no"])], r) for r in findings.iter_rows(named=True)]
    out: dict[tuple[str, int], dict] = {}
    for d in lines:
        row: dict[str, Any] = {}
        for party in ("importer", "manufacturer"):
            mine = [
                r
                for other, r in found
                if getattr(other, f"{party}_id") == getattr(d, f"{party}_id")
                and r["finding_date"] < d.entry_date
            ]
            bad = [r for r in mine if r["violation"]]
            row[f"{party}_prior_exams"] = len({r["entry_no"] for r in mine})
            row[f"{party}_prior_violations"] = len({r["entry_no"] for r in bad})
            last = max((r["finding_date"] for r in bad), default=None)
            row[f"{party}_days_since_violation"] = last and (d.entry_date - last).days
            for pti, code in PTI_CODES.items():
                of_pti = [r for r in bad if r["pti"] == pti.value]
                row[f"{party}_prior_{code}_violations"] = len({r["entry_no"] for r in of_pti})
                last = max((r["finding_date"] for r in of_pti), default=None)
                row[f"{party}_days_since_{code}_violation"] = last and (d.entry_date - last).days
        out[(d.entry_no, d.line_no)] = row
    return out


def _by_line(frame: pl.DataFrame) -> dict[tuple[str, int], dict]:
    return {
        (r["entry_no"], int(r["line_no"])): {n: r[n] for n in NAMES}
        for r in frame.iter_rows(named=True)
    }


def _duckdb(lines: list[Declaration], findings: pl.DataFrame) -> dict[tuple[str, int], dict]:
    con = duckdb.connect()
    con.register("lines_src", lake_table(lines))
    con.register("findings_src", findings.to_arrow())
    sql = rule_lines_sql("lines_src", findings="findings_src", centers=None)
    frame = pl.from_arrow(con.sql(sql).to_arrow_table())
    assert isinstance(frame, pl.DataFrame)
    return _by_line(frame)


def _polars(lines: list[Declaration], findings: pl.DataFrame) -> dict[tuple[str, int], dict]:
    source = pl.from_arrow(lake_table(lines))
    assert isinstance(source, pl.DataFrame)
    keyed = keyed_findings(source.lazy(), findings.cast({"line_no": pl.Int64}))
    frame = engine_polars.rule_lines(source.lazy(), HISTORY, None, keyed=keyed).collect()
    return _by_line(frame)


def _realtime(lines: list[Declaration], findings: pl.DataFrame) -> dict[tuple[str, int], dict]:
    with tempfile.TemporaryDirectory() as folder:
        lake, found = Path(folder) / "lines.parquet", Path(folder) / "findings.parquet"
        pl.from_arrow(lake_table(lines)).write_parquet(lake)  # type: ignore[union-attr]
        findings.write_parquet(found)
        snap = take_snapshot(f"read_parquet('{lake}')", f"read_parquet('{found}')")
    return {(d.entry_no, d.line_no): {n: rule_row(d, snap, None)[n] for n in NAMES} for d in lines}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_history_columns_agree_on_every_engine(history: tuple[list, pl.DataFrame]) -> None:
    lines, findings = history
    note(str(findings))
    expected = _expected(lines, findings)
    assert _duckdb(lines, findings) == expected
    assert _polars(lines, findings) == expected
    assert _realtime(lines, findings) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_no_line_sees_a_finding_dated_on_or_after_its_entry(
    history: tuple[list, pl.DataFrame],
) -> None:
    lines, findings = history
    everything = _duckdb(lines, findings)
    for d in lines:
        past = findings.filter(pl.col("finding_date") < d.entry_date)
        assert _duckdb(lines, past)[(d.entry_no, d.line_no)] == everything[(d.entry_no, d.line_no)]


def test_columns_name_each_pti_by_its_short_code() -> None:
    assert {"manufacturer_prior_ipr_violations", "importer_prior_adcvd_violations"} <= HISTORY
    assert "importer_days_since_safety_violation" in HISTORY
    assert len(HISTORY) == 2 * (3 + 2 * len(PTI))
