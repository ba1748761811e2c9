"""Batch targeting and real-time scoring over a small lake, through the command line.

The lake (built by `_lake`): entry 1 lithium batteries from CN (hit by a high rule), entry 2 a
trusted trader held only by a low rule, entry 3 an importer exempt from the high rule, entry 4
a mandatory hit, entries 5..40 plain toys that only the random sample can pick.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from tests.unit.targeting.lake import entry_no, fill_lake, line
from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.services import realtime_scoring, targeting
from tradeguard.services.rules import load_rules, parse_rules
from tradeguard.store.database import Database
from tradeguard.store.lake import EntryLake
from tradeguard.targeting.sampling import is_sampled

runner = CliRunner()

RULES = """
- id: R-SAFE-201
  name: Lithium batteries from China
  rationale: Lithium batteries from China are often mislabelled and a fire risk.
  pti: Import Safety
  risk: high
  stages: [entry]
  where: "hts6 = '850760' AND origin_country = 'CN'"
  owner: Revenue NTAG
  exempt_importers: [IMP-EXEMPT]
- id: R-REV-201
  name: Large first entry
  rationale: A large shipment from an importer never seen before.
  pti: Revenue
  risk: low
  stages: [entry]
  where: "value_usd > 100000 AND importer_days_known = 0"
  owner: Revenue NTAG
- id: R-ADCVD-201
  name: Aluminium extrusions from China without a case
  rationale: Order-scope goods from the ordered country declared without the order's case.
  pti: ADCVD
  risk: mandatory
  stages: [entry, post-entry]
  where: "hts4 = '7604' AND origin_country = 'CN' AND coalesce(adcvd_case, '') = ''"
  owner: Revenue NTAG
- id: R-IPR-201
  name: Toys from a manufacturer with an earlier violation
  rationale: The manufacturer had a violation finding before this entry.
  pti: IPR
  risk: medium
  stages: [post-entry]
  where: "hts4 = '9503' AND manufacturer_prior_violations > 0"
  owner: Revenue NTAG
"""


def _lake(home: Path) -> None:
    lines = [
        line(1, hts10="8507600020"),
        line(2, importer_id="IMP-TRUST", value_usd="500000.00", ctpat="true"),
        line(3, importer_id="IMP-EXEMPT", hts10="8507600020"),
        line(4, 1),
        line(4, 2, hts10="7604210000"),
    ]
    lines += [line(n, importer_id=f"IMP-{n:04d}", entry_date="2026-02-01") for n in range(5, 41)]
    fill_lake(home, lines)


@pytest.fixture
def loaded(home: Path) -> Database:
    _lake(home)
    db = Database(load_settings().effective_database_url)
    load_rules(db, parse_rules(RULES))
    return db


def _target(*args: str) -> dict:
    result = runner.invoke(app, ["target", "--json", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_lanes_exemptions_and_trusted_release(loaded: Database, tmp_path: Path) -> None:
    out = tmp_path / "decisions.parquet"
    report = _target("--sample-rate", "0", "--out", str(out))
    assert set(report) == {"entries", "lanes", "rule_hits", "pti_hits", "seconds"}
    assert report["entries"] == 40
    assert report["lanes"] == {"mandatory": 1, "discretionary": 1, "random": 0, "release": 38}
    assert report["rule_hits"] == {"R-ADCVD-201": 1, "R-REV-201": 1, "R-SAFE-201": 1}
    assert report["pti_hits"]["Import Safety"] == 1
    lanes = dict(pl.read_parquet(out).select("entry_no", "lane").iter_rows())
    assert lanes[entry_no(1)] == "discretionary"
    assert lanes[entry_no(2)] == "release"  # trusted trader, low rule only
    assert lanes[entry_no(3)] == "release"  # exempt from the battery rule
    assert lanes[entry_no(4)] == "mandatory"
    held_trusted = _target("--sample-rate", "0", "--hold-trusted-low")
    assert held_trusted["lanes"]["discretionary"] == 2


def test_an_earned_exemption_leaves_the_importer_out(loaded: Database) -> None:
    from tradeguard.store.exams import RuleExemptionRow

    with loaded.session() as session:
        session.add(
            RuleExemptionRow(
                rule_id="R-ADCVD-201",
                importer_id="IMP-0001",
                active=True,
                reason="clean reviews",
                created_on=date(2026, 3, 1),
                created_by="test",
            )
        )
    report = _target("--sample-rate", "0")
    assert "R-ADCVD-201" not in report["rule_hits"] and report["lanes"]["mandatory"] == 0


def test_decisions_file_and_run_record(loaded: Database) -> None:
    _target("--seed", "5", "--sample-rate", "0.3")
    run = targeting.latest_run(loaded)
    assert run is not None and run.seed == 5 and run.entries == 40
    assert (
        run.decisions_file == load_settings().decisions_dir / f"run-{run.id}" / "decisions.parquet"
    )
    frame = pl.read_parquet(run.decisions_file)
    assert frame.columns[:8] == [
        "entry_no",
        "lane",
        "rule_ids",
        "rule_versions",
        "pti_hits",
        "risk_score",
        "expected_yield_usd",
        "sampled",
    ]
    row = frame.filter(pl.col("entry_no") == entry_no(4)).row(0, named=True)
    assert row["rule_versions"] == ["R-ADCVD-201@1"] and row["risk_score"] is None
    assert str(row["value_usd"]) == "20000.00" and row["stage"] == "entry"
    assert sorted(run.rule_refs) == ["R-ADCVD-201@1", "R-REV-201@1", "R-SAFE-201@1"]


def test_sample_is_deterministic_and_matches_the_formula(loaded: Database) -> None:
    runs = []
    for _ in range(2):
        _target("--seed", "11", "--sample-rate", "0.25")
        run = targeting.latest_run(loaded)
        assert run is not None
        runs.append(
            pl.read_parquet(run.decisions_file).select("entry_no", "sampled").sort("entry_no")
        )
    assert runs[0].equals(runs[1])
    for entry, sampled in runs[0].iter_rows():
        assert sampled == is_sampled(entry, 11, 0.25)
    assert 0 < runs[0]["sampled"].sum() < 40


def test_editing_a_rule_records_the_new_version(loaded: Database) -> None:
    load_rules(loaded, parse_rules(RULES.replace("value_usd > 100000", "value_usd > 90000")))
    _target("--sample-rate", "0")
    run = targeting.latest_run(loaded)
    assert run is not None
    frame = pl.read_parquet(run.decisions_file)
    versions = frame.filter(pl.col("entry_no") == entry_no(2))["rule_versions"].to_list()
    assert versions == [["R-REV-201@2"]]


def test_history_counts_only_earlier_findings(loaded: Database, home: Path) -> None:
    findings = home / "findings" / "findings.parquet"
    findings.parent.mkdir(parents=True)
    pl.DataFrame(
        {
            "entry_no": [entry_no(5)],
            "line_no": [1],
            "finding_date": [date(2026, 1, 15)],
            "violation": [True],
            "pti": ["Intellectual Property Rights"],
            "violation_type": ["counterfeit"],
            "duty_shortfall_usd": [0.0],
            "source": ["targeted"],
        }
    ).write_parquet(findings)
    report = _target("--stage", "post-entry", "--sample-rate", "0")
    # Every toy line shares the factory's manufacturer and is dated after the finding.
    frame = pl.read_parquet(targeting.latest_run(loaded).decisions_file)  # type: ignore[union-attr]
    hit = set(frame.filter(pl.col("rule_ids").list.contains("R-IPR-201"))["entry_no"])
    assert entry_no(5) in hit and report["rule_hits"]["R-IPR-201"] == len(hit)
    # the finding is dated 2026-01-15: nothing dated on or before it counts it
    findings.unlink()
    pl.DataFrame(
        {
            "entry_no": [entry_no(5)],
            "line_no": [1],
            "finding_date": [date(2026, 3, 2)],
            "violation": [True],
        }
    ).write_parquet(findings)
    report = _target("--stage", "post-entry", "--sample-rate", "0")
    assert "R-IPR-201" not in report["rule_hits"]


def test_batch_equals_real_time_for_every_entry(loaded: Database, tmp_path: Path) -> None:
    out = tmp_path / "d.parquet"
    _target("--seed", "3", "--sample-rate", "0.2", "--out", str(out))
    batch = {r["entry_no"]: r for r in pl.read_parquet(out).iter_rows(named=True)}
    settings = load_settings()
    scorer = realtime_scoring.realtime_scorer(loaded, settings, seed=3, sample_rate=0.2)
    lake = pl.read_parquet([str(p) for p in EntryLake(settings.lake_dir).files()])
    assert lake.height == 41
    for entry, decided in batch.items():
        payload = lake.filter(pl.col("entry_no") == entry).drop("duty_mismatch", "batch_id")
        lines = realtime_scoring.read_declaration(
            {"lines": [_jsonable(r) for r in payload.iter_rows(named=True)]}
        )
        score = scorer.score(lines)
        assert score.lane.value == decided["lane"], entry
        assert [r.rule.id for r in score.matched] == decided["rule_ids"], entry
        assert score.sampled == decided["sampled"]


def _jsonable(row: dict) -> dict:
    return {
        k: (str(v) if v is not None and not isinstance(v, bool | int) else v)
        for k, v in row.items()
    }


def test_score_command(loaded: Database, tmp_path: Path) -> None:
    declaration = {
        "entry_no": entry_no(77),
        "entry_date": "2026-03-02",
        "port_code": "2704",
        "mode": "air",
        "entry_type": "01",
        "filer_code": "ABC",
        "importer_id": "IMP-NEW",
        "ctpat": False,
        "isa": False,
        "bond_type": "continuous",
        "bond_amount_usd": "50000.00",
        "lines": [
            {
                "line_no": 1,
                "manufacturer_id": "CNX",
                "origin_country": "CN",
                "export_country": "CN",
                "hts10": "7604210000",
                "quantity": "10",
                "unit": "KG",
                "value_usd": "1000.00",
                "duty_rate": "0",
                "duty_usd": "0.00",
            },
        ],
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(declaration))
    result = runner.invoke(app, ["score", str(path), "--json"])
    assert result.exit_code == 0, result.stderr
    scored = json.loads(result.stdout)
    assert scored["lane"] == "mandatory" and scored["entry_no"] == entry_no(77)
    assert scored["reasons"][0]["rule_id"] == "R-ADCVD-201"
    assert set(scored["reasons"][0]) >= {"rule_id", "name", "rationale", "risk", "pti"}
    assert isinstance(scored["ms"], float) and isinstance(scored["sampled"], bool)
    declaration["lines"][0]["hts10"] = "76"  # type: ignore[index]
    path.write_text(json.dumps(declaration))
    bad = runner.invoke(app, ["score", str(path), "--json"])
    assert bad.exit_code == 2 and "hts10" in bad.stderr


def test_backtest_reports_holds_and_hit_rate(loaded: Database, home: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text(RULES)
    pl.DataFrame(
        {
            "entry_no": [entry_no(1)],
            "line_no": [1],
            "finding_date": [date(2026, 3, 3)],
            "violation": [True],
        }
    ).write_parquet(_findings_file(home))
    result = runner.invoke(app, ["rules", "backtest", str(draft), "--json"])
    assert result.exit_code == 0, result.stderr
    rows = {r["rule_id"]: r for r in json.loads(result.stdout)["rules"]}
    assert rows["R-SAFE-201"]["entries"] == 1 and rows["R-SAFE-201"]["hit_rate"] == 1.0
    assert rows["R-ADCVD-201"]["entries"] == 1 and rows["R-ADCVD-201"]["examined"] == 0
    assert json.loads(runner.invoke(app, ["rules", "list", "--json"]).stdout)[0]["version"] == 1


def _findings_file(home: Path) -> Path:
    path = home / "findings" / "findings.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_empty_lake_gives_an_empty_run(home: Path) -> None:
    report = _target()
    assert report["entries"] == 0 and report["lanes"]["release"] == 0


def test_unknown_engine_or_stage_is_refused(home: Path) -> None:
    bad_engine = runner.invoke(app, ["target", "--engine", "oracle", "--json"])
    assert bad_engine.exit_code == 2 and "engine" in bad_engine.stderr
    bad_stage = runner.invoke(app, ["target", "--stage", "arrival", "--json"])
    assert bad_stage.exit_code == 2 and "stage" in bad_stage.stderr
