"""`tradeguard performance` end to end on the real stores: holds and findings in exam tables,
cases with events and deadlines, a targeting run's decisions Parquet, plan files on disk.

Seeded FY2026 data:
- holds H1 (mandatory, entry E1, port 2704, IPR rule hit) closed 2026-03-04 with an IPR violation,
  H2 (random, E2, port 1001) closed clean, H3 (discretionary, E4) released without an exam.
- cases: an IPR seizure of $2,500.00 domestic value on E1, made with the FDA in operation
  "Mega Flex"; an IPR penalty assessed $1,000 in the same operation; a seizure on E3, an entry
  only the decisions Parquet knows (port 1001); a Revenue quick response audit whose report was
  issued 2026-06-01 identifying $700; an EAPA case determined late; an IPR denied entry.
- an importer removed from IPR rule R-IPR-1 after clean findings on 2026-04-01.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.paths import STARTER_PLANS_DIR
from tradeguard.services.performance import performance_report
from tradeguard.services.performance_html import write_html
from tradeguard.store.cases import CaseDeadlineRow, CaseEventRow, CaseRow
from tradeguard.store.database import Database
from tradeguard.store.exams import FindingRow, HoldRow, RuleExemptionRow
from tradeguard.store.measures import case_facts, removal_facts
from tradeguard.store.rules import RuleVersion

runner = CliRunner()
IPR = "Intellectual Property Rights"
DAY = date(2026, 3, 1)

PLAN = """
pti: IPR
period: FY2026
goals:
  - id: seize
    measures:
      - {id: seizures, definition: seizures.count, targets: {FY2026: 2}}
      - {id: seizures-la, definition: seizures.count, targets: {FY2026: 2},
         filters: {port: "2704"}}
      - {id: seizures-1001, definition: seizures.count, targets: {FY2026: 1},
         filters: {port: "1001"}}
      - {id: value, definition: seizures.domestic_value_usd, targets: {FY2026: 2000}}
      - {id: hit-rate, definition: targeting.hit_rate_pct, targets: {FY2026: 50}}
      - {id: exams, definition: exams.total, targets: {FY2026: 12}}
      - {id: assessed, definition: penalties.assessed_usd}
      - {id: penalties, definition: penalties.count, targets: {FY2026: 1}}
      - {id: partner, definition: seizures.with_partner_agency, targets: {FY2026: 1}}
      - {id: operations, definition: operations.enforcement_count, targets: {FY2026: 1}}
      - {id: denied, definition: admissibility.denied_entries, targets: {FY2026: 1}}
      - {id: removed, definition: targeting.importers_removed, targets: {FY2026: 1},
         reason: "one importer a year earns its way off a rule"}
"""
REVENUE_PLAN = """
pti: Revenue
period: FY2026
goals:
  - id: audit
    measures:
      - {id: identified, definition: audits.revenue_identified_usd, targets: {FY2026: 700}}
      - {id: eapa, definition: eapa.on_time_pct, targets: {FY2026: 90}}
      - {id: compliance, definition: compliance.rate_pct, targets: {FY2026: 95}}
      - {id: quick, definition: audits.quick_response, targets: {FY2026: 1}}
      - {id: surveys, definition: audits.surveys, targets: {FY2026: 1}}
"""


def _hold(hid: int, entry: str, lane: str, port: str, hits: list[str], status: str) -> HoldRow:
    return HoldRow(
        id=hid,
        entry_no=entry,
        run_id=1,
        lane=lane,
        stage="entry",
        port_code=port,
        center="Consumer Products",
        importer_id="IMP0000001",
        entry_date=DAY,
        rule_ids="[]",
        rule_versions="[]",
        pti_hits=json.dumps(hits),
        expected_yield_usd=Decimal(0),
        value_usd=Decimal(1000),
        sampled=lane == "random",
        status=status,
        created_on=DAY,
    )


def _finding(hid: int, result: str, pti: str | None) -> FindingRow:
    return FindingRow(
        hold_id=hid,
        result=result,
        line_no=1,
        pti=pti,
        violation_type="counterfeit" if pti else None,
        duty_shortfall_usd=Decimal(0),
        recorded_by="officer",
        finding_date=date(2026, 3, 4),
    )


def _case(
    cid: int, kind: str, pti: str, entry: str | None, details: dict[str, str] | None = None,
    subtype: str | None = None, **money: int,
) -> CaseRow:  # fmt: skip
    facts = {"domestic_value_usd": "2500.00"} if kind == "seizure" else {}
    return CaseRow(
        id=cid,
        kind=kind,
        pti=pti,
        state="open",
        opened_on=DAY,
        opened_by="t",
        entry_no=entry,
        subtype=subtype,
        details=json.dumps(facts | (details or {})),
        **money,
    )


@pytest.fixture
def seeded(home: Path, tmp_path: Path) -> Path:
    settings = load_settings()
    db = Database(settings.effective_database_url)
    with db.session() as s:
        s.add_all(
            [
                _hold(1, "E1", "mandatory", "2704", [IPR], "closed"),
                _hold(2, "E2", "random", "1001", [], "closed"),
                _hold(3, "E4", "discretionary", "2704", [IPR], "released"),
            ]
        )
        s.flush()
        s.add_all([_finding(1, "violation", IPR), _finding(2, "clean", None)])
        s.add_all(
            [
                _case(1, "seizure", IPR, "E1", {"partner_agency": "FDA", "operation": "Mega Flex"}),
                _case(2, "penalty", IPR, "E1", {"operation": "Mega Flex"}, assessed_cents=100_000),
                _case(3, "seizure", IPR, "E3"),
                _case(4, "audit", "Revenue", None, None, "quick_response_audit",
                      identified_cents=70_000),
                _case(5, "eapa", "Revenue", None),
                _case(6, "denied_entry", IPR, "E1"),
            ]
        )  # fmt: skip
        s.add(
            RuleVersion(
                rule_id="R-IPR-1", version=1, status="active", content=json.dumps({"pti": "IPR"}),
                content_sha256="x", created_at=datetime(2026, 1, 1, tzinfo=UTC), created_by="t",
            )
        )  # fmt: skip
        s.add(
            RuleExemptionRow(
                rule_id="R-IPR-1", importer_id="IMP0000002", active=True, reason="3 clean",
                created_on=date(2026, 4, 1), created_by="t",
            )
        )  # fmt: skip
        s.flush()
        at = datetime(2026, 6, 1, tzinfo=UTC)
        s.add(
            CaseEventRow(
                case_id=4,
                at=at,
                occurred_on=date(2026, 6, 1),
                actor="t",
                from_state="fieldwork",
                to_state="report_issued",
            )
        )
        s.add(
            CaseDeadlineRow(
                case_id=5,
                name="determination",
                due_on=date(2026, 5, 1),
                alert_on=date(2026, 4, 1),
                met_on=date(2026, 5, 20),
                satisfied_by="evasion_found",
            )
        )
    db.dispose()
    run = settings.decisions_dir / "run-000001"
    run.mkdir(parents=True)
    pl.DataFrame(
        {
            "entry_no": ["E3"],
            "lane": ["release"],
            "rule_ids": [[]],
            "pti_hits": [[]],
            "sampled": [False],
            "entry_date": [DAY],
            "port_code": ["1001"],
            "center": ["X"],
        },
        schema_overrides={"rule_ids": pl.List(pl.String), "pti_hits": pl.List(pl.String)},
    ).write_parquet(run / "decisions.parquet")
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "ipr.yaml").write_text(PLAN)
    (plans / "revenue.yaml").write_text(REVENUE_PLAN)
    return plans


def test_report_json_is_the_contract_with_actuals_from_the_stores(
    seeded: Path, tmp_path: Path
) -> None:
    html = tmp_path / "out" / "performance.html"
    args = ["performance", "report", "--fy", "2026", "--plans", str(seeded), "--json"]
    result = runner.invoke(app, [*args, "--as-of", "2026-11-01", "--html", str(html)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"fy", "as_of", "plans", "statuses", "ptis", "problems"}
    assert (document["fy"], document["as_of"]) == (2026, "2026-11-01")
    assert [set(p) for p in document["plans"]] == [
        {"pti", "plan", "period", "kind", "title", "measures"}
    ] * 2
    rows = {m["id"]: m for p in document["plans"] for m in p["measures"]}
    got = {k: (rows[k]["target"], rows[k]["actual"], rows[k]["status"]) for k in rows}
    assert got == {
        "seizures": (2, 2, "met"),
        "seizures-la": (2, 1, "off track"),  # E3 entered at port 1001
        "seizures-1001": (1, 1, "met"),  # known from the decisions Parquet only
        "value": ("2000.00", "5000.00", "met"),
        "hit-rate": (50, 100, "met"),
        "exams": (12, 1, "off track"),  # H1; the random H2 is no PTI's, H3 never examined
        "assessed": (None, "1000.00", "no target"),
        "penalties": (1, 1, "met"),
        "partner": (1, 1, "met"),  # details.partner_agency
        "operations": (1, 1, "met"),  # the seizure and the penalty of "Mega Flex"
        "denied": (1, 1, "met"),
        "removed": (1, 1, "met"),  # the rule's PTI comes from its version
        "identified": ("700.00", "700.00", "met"),
        "eapa": (90, 0, "off track"),
        "compliance": (95, 100, "met"),
        "quick": (1, 1, "met"),  # the audit's subtype
        "surveys": (1, 0, "off track"),
    }
    assert rows["compliance"]["interval"] == [20.65, 100]
    assert rows["removed"]["reason"] == "one importer a year earns its way off a rule"
    statuses = {p["pti"]: p["status"] for p in document["ptis"]}
    assert statuses[IPR] == "current" and list(statuses.values()).count("none") == 5
    assert [(f["measure"], f["reason"]) for f in document["problems"]] == [
        ("assessed", "measure with no target")
    ]
    page = html.read_text()
    assert page.count("<h2>") >= 8 and "Plotly.newPlot" in page and "Table 11" in page
    assert "<script src=" not in page  # plotly.js is inlined: the file opens offline


def test_report_defaults_to_the_latest_fiscal_year_with_data(seeded: Path) -> None:
    """The seeded entries are of FY2026; on 2027-01-15 (FY2027) the report still opens on FY2026."""
    args = ["performance", "report", "--plans", str(seeded), "--as-of", "2027-01-15", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["fy"] == 2026 and len(document["plans"]) == 2


def test_service_entry_points_for_the_demo(seeded: Path, tmp_path: Path) -> None:
    settings = load_settings()
    db = Database(settings.effective_database_url)
    try:
        report = performance_report(db, settings, 2026, plans_dir=seeded, as_of=date(2026, 11, 1))
        one = performance_report(db, settings, 2026, plans_dir=seeded, pti="IPR", with_history=True)
    finally:
        db.dispose()
    assert report.statuses == {"met": 12, "on track": 0, "off track": 4, "no target": 1}
    path = write_html(one, tmp_path / "r.html")
    assert path.is_file() and IPR in path.read_text() and "Revenue" not in path.read_text()


def test_report_refuses_an_unknown_pti(home: Path) -> None:
    result = runner.invoke(app, ["performance", "report", "--fy", "2026", "--pti", "Tariffs"])
    assert result.exit_code == 2
    assert "Tariffs" in result.stderr


def test_starter_plans_lint_clean_and_cover_every_pti(home: Path) -> None:
    result = runner.invoke(
        app, ["performance", "lint", str(STARTER_PLANS_DIR), "--fy", "2026", "--json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["problems"] == []
    assert {p["status"] for p in document["ptis"]} == {"current"}


def test_starter_report_on_an_empty_home_has_every_pti_and_a_target_for_every_measure(
    home: Path,
) -> None:
    result = runner.invoke(app, ["performance", "report", "--fy", "2026", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert len({p["pti"] for p in document["plans"]}) == 7
    assert document["problems"] == []
    measures = [m for p in document["plans"] for m in p["measures"]]
    assert all(m["target"] is not None and m["reason"] for m in measures)


def test_lint_exits_1_on_findings_and_names_them(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text("pti: Revenue\nperiod: FY2009\ngoals: []\n")
    result = runner.invoke(app, ["performance", "lint", str(path), "--fy", "2017", "--json"])
    assert result.exit_code == 1
    ptis = {p["pti"]: p for p in json.loads(result.stdout)["ptis"]}
    assert ptis["Revenue"] == {
        "pti": "Revenue", "status": "outdated", "in_force": ["old"], "drafts": []
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("pti: [unclosed", "not valid YAML"),
        ("pti: Revenue\nperiod: next year\n", "period"),
        ("pti: Revenue\nperiod: FY2026\ngoals: [{id: g, measures: [{id: m}]}]\n", "definition"),
    ],
)
def test_lint_exits_2_on_an_invalid_file_naming_file_and_field(
    tmp_path: Path, text: str, named: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["performance", "lint", str(path)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr and named in result.stderr
    assert result.stdout == ""


def test_lint_exits_2_on_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["performance", "lint", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


def test_the_store_finders_read_the_case_fields_the_catalogue_names(database: Database) -> None:
    """On SQLite and PostgreSQL: subtype, details.partner_agency and details.operation reach the
    facts; a case whose details are not JSON is still a case; a removal carries its rule's PTI."""
    with database.session() as s:
        s.add_all(
            [
                _case(1, "seizure", IPR, "E1", {"partner_agency": " CPSC ", "operation": "Op A"}),
                _case(2, "audit", "Revenue", None, None, "survey", identified_cents=5),
                _case(3, "denied_entry", IPR, "E1", {"operation": ""}),
            ]
        )
        s.flush()
        broken = _case(4, "penalty", IPR, "E1")
        broken.details = "not json"
        s.add(broken)
        s.add(
            RuleVersion(
                rule_id="R-9", version=1, status="active", content=json.dumps({"pti": "TAPP"}),
                content_sha256="x", created_at=datetime(2026, 1, 1, tzinfo=UTC), created_by="t",
            )
        )  # fmt: skip
        s.add(
            RuleExemptionRow(
                rule_id="R-9", importer_id="I", active=False, reason="r",
                created_on=DAY, created_by="t", reversed_on=date(2026, 5, 1), reversed_by="t",
            )
        )  # fmt: skip
    with database.session() as s:
        cases, removals = case_facts(s), removal_facts(s)
    assert [(c.kind, c.subtype, c.operation) for c in cases.cases] == [
        ("seizure", None, "Op A"),
        ("audit", "survey", None),
        ("denied_entry", None, None),
        ("penalty", None, None),
    ]
    assert [(x.partner_agency, x.domestic_value_cents) for x in cases.seizures] == [
        ("CPSC", 250_000)
    ]
    assert [(a.audit_type, a.completed_on) for a in cases.audits] == [("survey", None)]
    assert len(cases.penalties) == 1
    assert [(r.pti, r.removed_on, r.reversed_on) for r in removals] == [
        ("Trade Agreements and Preference Programs", DAY, date(2026, 5, 1))
    ]


def test_a_bad_as_of_day_exits_2_naming_the_field(home: Path) -> None:
    for command in (["report"], ["lint", str(STARTER_PLANS_DIR)]):
        result = runner.invoke(app, ["performance", *command, "--as-of", "last week"])
        assert result.exit_code == 2 and "as_of" in result.stderr and result.stdout == ""


def test_lint_without_json_prints_table_11(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text("pti: Revenue\nperiod: FY2009\ngoals: []\n")
    result = runner.invoke(app, ["performance", "lint", str(path), "--as-of", "2017-02-28"])
    assert result.exit_code == 1
    assert "Table 11" in result.stderr and "outdated" in result.stderr and "FY2017" in result.stderr
