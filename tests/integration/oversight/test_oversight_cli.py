"""`tradeguard oversight` and `tradeguard report annual` end to end on a worked home: 300
generated entries targeted, their exams simulated from the generator's truth and the findings
recorded (tests/integration/api/targeted_home.py, then the demo's exam cycle)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.integration.api.targeted_home import SEED, targeted_home
from tradeguard.cli import app
from tradeguard.services.exam_simulation import run_exam_cycle

runner = CliRunner()
SECTIONS = [
    "Annual Trade Enforcement Report",
    "1. Summary",
    "2. Priority Trade Issue performance against targets",
    "3. Enforcement outcomes",
    "4. Rule effectiveness",
    "5. Compliance rate",
    "6. Staffing against need and the hiring plan",
    "7. Audit recommendation tracker",
]


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    settings, db = targeted_home(tmp_path_factory.mktemp("oversight-cli"))
    run_exam_cycle(db, settings, settings.home / "generated" / "truth.parquet", SEED)
    db.dispose()
    return settings.home


@pytest.fixture
def env(worked: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRADEGUARD_HOME", str(worked))
    monkeypatch.delenv("TRADEGUARD_DATABASE_URL", raising=False)
    return worked


def test_oversight_json_contract(env: Path) -> None:
    args = ["oversight", "--fy", "2026", "--as-of", "2030-01-01", "--no-record", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    recs = document["recommendations"]
    assert len(recs) == 29
    for rec in recs:
        assert {"id", "report", "topic", "text", "features", "evidence"} <= set(rec)
        assert rec["evidence"]["status"] in {"met", "not met", "no data"}
        assert isinstance(rec["evidence"]["figures"], dict)
    holds = next(r for r in recs if r["id"] == "OIG-15-76-9")["evidence"]
    # a century on, every hold is older than the limit; those the cycle left open are overdue
    assert holds["figures"]["holds_older_than_limit"] > holds["figures"]["overdue_without_finding"]
    assert document["changes"] == []  # --no-record


def test_oversight_records_then_shows_history(env: Path) -> None:
    first = json.loads(runner.invoke(app, ["oversight", "--fy", "2026", "--json"]).stdout)
    again = json.loads(runner.invoke(app, ["oversight", "--fy", "2026", "--json"]).stdout)
    assert len(first["changes"]) == 29 and again["changes"] == []
    kept = json.loads(runner.invoke(app, ["oversight", "--history", "--json"]).stdout)
    assert len(kept["changes"]) == 29


@pytest.mark.parametrize(
    ("args", "field"),
    [(["oversight", "--as-of", "2026-02-30"], "as_of"),
     (["report", "annual", "--fy", "26", "--out", "x"], "fy")],
)  # fmt: skip
def test_bad_input_exits_2_naming_the_field(env: Path, args: list[str], field: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert field in result.output


def test_annual_report_pdf_has_every_section(env: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = runner.invoke(app, ["report", "annual", "--fy", "2026", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert Path(document["html"]).exists() and Path(document["pdf"]).exists()
    reader = PdfReader(document["pdf"])
    assert len(reader.pages) == document["pages"] >= len(SECTIONS)
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    # each section opens its own page, in order
    starts = [next(i for i, text in enumerate(pages) if title in text) for title in SECTIONS]
    assert starts == sorted(starts) and len(set(starts[1:])) == len(SECTIONS) - 1
    whole = " ".join(pages)
    assert re.search(r"page 1 of \d+", whole)
    for rec in ("GAO-16-542-1", "OIG-14-117-2", "GAO-17-618-1", "GAO-17-618-2"):
        assert rec in whole
    assert "FY2026 actual as % of target" in whole  # chart text survives in the PDF
    html = Path(document["html"]).read_text()
    assert html.count("<svg") >= 6
