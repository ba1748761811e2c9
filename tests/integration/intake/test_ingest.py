"""Ingest end to end on files: formats, the report's arithmetic, idempotence, crash safety."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from tests.factories import TEST_REFS, declaration_row, write_csv, write_jsonl
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.services.ingest import ingest
from tradeguard.store.lake import EntryLake

TODAY = date(2026, 11, 28)


def rows() -> list[dict[str, str]]:
    return [
        declaration_row(1, 1),
        declaration_row(1, 2, hts10="8507600020", value_usd="2500.50"),
        declaration_row(2, 1, entry_date="2026-04-10", value_usd="0"),
        declaration_row(3, 1, entry_date="2026-05-01", origin_country="XX"),
        declaration_row(4, 1, entry_date="2026-05-01"),
    ]


def run(paths: list[Path]):  # type: ignore[no-untyped-def]
    return ingest(paths, load_settings(), refs=TEST_REFS, today=TODAY)


def test_csv_report_counts_every_row(home: Path, tmp_path: Path) -> None:
    report = run([write_csv(tmp_path / "d.csv", rows())])
    assert (report.rows, report.accepted, report.rejected) == (5, 3, 2)
    assert report.reasons == {
        "origin_country: not an ISO 3166 alpha-2 country code": 1,
        "value_usd: must be greater than 0": 1,
    }
    quarantine = pl.read_csv(report.quarantine, infer_schema=False)
    assert quarantine.height == 2
    assert set(quarantine.get_column("_field")) == {"value_usd", "origin_country"}
    assert quarantine.filter(pl.col("_field") == "value_usd").get_column("value_usd")[0] == "0"
    lake = EntryLake(load_settings().lake_dir).scan().collect()
    assert lake.height == 3
    assert lake.schema["value_usd"] == pl.Decimal(18, 2)
    assert str(lake.filter(pl.col("line_no") == 2).get_column("value_usd")[0]) == "2500.50"


def test_jsonl_and_parquet_read_the_same(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = rows()
    write_jsonl(tmp_path / "d.jsonl", data)
    report_jsonl = run([tmp_path / "d.jsonl"])
    assert (report_jsonl.accepted, report_jsonl.rejected) == (3, 2)
    other_home = tmp_path / "other"
    pl.DataFrame(data).write_parquet(tmp_path / "d.parquet")
    monkeypatch.setenv("TRADEGUARD_HOME", str(other_home))
    report_parquet = run([tmp_path / "d.parquet"])
    assert report_parquet.reasons == report_jsonl.reasons


def test_second_ingest_of_the_same_file_adds_nothing(home: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", rows())
    first = run([path])
    second = run([path])
    assert first.accepted == 3
    assert second.accepted == 0
    assert second.rows == second.rejected == 5
    assert first.quarantine != second.quarantine  # the first call's rejects are kept
    assert pl.read_csv(first.quarantine, infer_schema=False).height == 2
    lake = EntryLake(load_settings().lake_dir).scan().collect()
    assert lake.height == 3


def test_duplicates_across_two_files_in_one_call(home: Path, tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [declaration_row(1, 1)])
    b = write_csv(tmp_path / "b.csv", [declaration_row(1, 1), declaration_row(1, 2)])
    report = run([a, b])
    assert (report.accepted, report.rejected) == (2, 1)
    assert report.reasons == {"entry_no, line_no: duplicate in this file": 1}


def test_crash_mid_batch_leaves_nothing_visible(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    real_write = pq.write_table
    calls = {"n": 0}

    def crash_on_second_file(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk pulled out")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(pq, "write_table", crash_on_second_file)
    path = write_csv(tmp_path / "d.csv", rows())
    with pytest.raises(OSError):
        run([path])
    lake = EntryLake(load_settings().lake_dir)
    assert lake.scan().collect().height == 0
    assert any(lake.declarations_dir.rglob("*.parquet"))  # the orphan is on disk, unseen
    monkeypatch.setattr(pq, "write_table", real_write)
    report = run([path])
    assert report.accepted == 3
    assert lake.scan().collect().height == 3
    assert len(list(lake.declarations_dir.rglob("*.parquet"))) == len(lake.files())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("d.txt", b"whatever", "unsupported file type"),
        ("d.csv", b"entry_no,line_no\n\xff\xfe,1\n", "not UTF-8"),
        ("d.csv", b"entry_no,line_no\nABC12345675,1\n", "missing required columns"),
        ("d.parquet", b"not parquet at all", "cannot be read as parquet"),
    ],
)
def test_unreadable_files_are_refused_whole(
    home: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = write_csv(tmp_path / "good.csv", rows())
    with pytest.raises(InvalidInput, match=message):
        run([good, bad])
    assert EntryLake(load_settings().lake_dir).is_empty()
