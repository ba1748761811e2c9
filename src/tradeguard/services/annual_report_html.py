"""The annual report as one document: HTML with inline SVG charts, and the same HTML as PDF
through WeasyPrint (no browser). Both files are written beside each other, whole or not at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from tradeguard.config import Settings
from tradeguard.domain.pti import PTI
from tradeguard.reference.positions import load_positions
from tradeguard.services.annual_report import AnnualReport, annual_report
from tradeguard.services.performance_html import attainment
from tradeguard.services.report_charts import Bar, Line, bar_chart, line_chart
from tradeguard.store.database import Database

TEMPLATES = Path(__file__).parent / "templates"
SHORT = {
    PTI.AGRICULTURE.value: "Agriculture", PTI.ADCVD.value: "AD/CVD",
    PTI.IMPORT_SAFETY.value: "Import Safety", PTI.IPR.value: "IPR",
    PTI.TEXTILES.value: "Textiles", PTI.TRADE_AGREEMENTS.value: "Trade Agreements",
    PTI.REVENUE.value: "Revenue",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class AnnualReportFiles:
    """The report as written: its HTML, its PDF and the PDF's page count."""

    html: Path
    pdf: Path
    pages: int

    def as_json(self) -> dict[str, Any]:
        return {"html": str(self.html), "pdf": str(self.pdf), "pages": self.pages}


def _performance_charts(report: AnnualReport) -> dict[str, Markup]:
    """One chart per PTI (a page holds about 30 rows), each measure once per plan in force."""
    bars: dict[str, list[Bar]] = {}
    for plan in report.performance.plans:
        for m in plan.measures:
            share = attainment(m.actual, m.target, m.direction)
            note = f"{share:.0f}% · {m.status.value}" if share is not None else m.status.value
            label = f"{m.id} ({plan.kind})"
            bars.setdefault(plan.pti, []).append(Bar(label, (share,), 100.0, note))
    return {
        pti: bar_chart(
            f"{SHORT.get(pti, pti)}: FY{report.fy} actual as % of target (tick: target)",
            rows,
            ["actual, % of target (above 100 is better; capped at 200)"],
            unit="%",
        )  # fmt: skip
        for pti, rows in bars.items()
    }


def _money_chart(report: AnnualReport) -> Markup:
    bars = []
    for p in report.enforcement.by_pti:
        assessed = p.penalties["assessed"] + p.duty_demands["demanded"]
        collected = p.penalties["collected"] + p.duty_demands["collected"]
        bars.append(
            Bar(SHORT.get(p.pti, p.pti), (float(assessed), float(collected)),
                note=f"${float(collected):,.0f} in")
        )  # fmt: skip
    series = ["assessed and demanded", "collected"]
    return bar_chart(f"FY{report.fy} penalties and duty demands, US$", bars, series, unit="USD")


def _rules_chart(report: AnnualReport) -> Markup:
    bars = []
    for rule in report.rules:
        hit, lift = rule["hit_rate"], rule["lift"]
        # lift = hit rate / the random sample's rate in the rule's PTI, so the mark is hit / lift
        mark = hit / lift * 100 if hit is not None and lift else None
        bars.append(
            Bar(f"{rule['rule_id']}@{rule['version']}",
                (hit * 100 if hit is not None else None,), mark,
                f"lift {lift:.1f}×" if lift is not None else "lift n/a")
        )  # fmt: skip
    return bar_chart(
        "Hit rate of the top rules, % (tick: random-sample rate of its PTI)",
        bars, ["hit rate"], unit="%",
    )  # fmt: skip


def _compliance_chart(report: AnnualReport) -> Markup:
    bars = [
        Bar(SHORT.get(p["pti"], p["pti"]),
            (p["rate"] * 100 if p["rate"] is not None else None,), None,
            f"[{p['ci'][0]:.1%}, {p['ci'][1]:.1%}]" if p["rate"] is not None else "no sample")
        for p in report.compliance["ptis"]
    ]  # fmt: skip
    return bar_chart("Violation rate in the random sample, % (95% CI)", bars, ["rate"], unit="%")


def _staffing_charts(report: AnnualReport) -> tuple[Markup, Markup]:
    bars = [
        Bar(p.position, (100 * p.years[0].people_start / p.people_needed if p.people_needed
                         else None,), 100.0,
            f"{p.years[0].people_start:,} of {p.people_needed:,}")
        for p in report.plans
    ]  # fmt: skip
    now = bar_chart(
        "People on board as % of people needed (tick: 100%)", bars, ["on board"], unit="%"
    )
    years = sorted({y.fiscal_year for p in report.plans for y in p.years})
    trained = [(fy, float(sum(y.trained_end for p in report.plans for y in p.years
                              if y.fiscal_year == fy))) for fy in years]  # fmt: skip
    need = float(sum(p.people_needed for p in report.plans))
    plan = line_chart(
        f"Hiring plan to FY{report.target_fy}: trained people, all 15 positions",
        [Line("trained people", trained), Line("needed", [(fy, need) for fy in years], True)],
        unit="people",
    )
    return now, plan


def figure_text(value: object) -> str:
    """A check's figure for a reader: lists and mappings spelled out, empty ones as none."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items()) or "none"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)


def render(report: AnnualReport) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape())
    env.filters["figure"] = figure_text
    staffing, plan = _staffing_charts(report)
    overall = report.compliance["overall"]
    compliance_line = (
        "no random exams yet"
        if not overall.get("examined") or overall.get("rate") is None
        else f"{1 - overall['rate']:.2%} compliant ({overall['violations']} violation(s) in "
        f"{overall['examined']} random exams; violation rate 95% CI "
        f"{overall['ci'][0]:.2%}–{overall['ci'][1]:.2%})"
    )
    context: dict[str, Any] = {
        "r": report,
        "totals": report.enforcement.totals,
        "holds_total": sum(report.holds.by_lane.values()),
        "compliance_line": compliance_line,
        "feasible": sum(p.feasible for p in report.plans),
        "counts": report.tracker.counts,
        "mandated": {p.name: p.mandated_minimum for p in load_positions()},
        "charts": {
            "performance": _performance_charts(report), "money": _money_chart(report),
            "rules": _rules_chart(report), "compliance": _compliance_chart(report),
            "staffing": staffing, "plan": plan,
        },
    }  # fmt: skip
    return env.get_template("annual_report.html").render(**context)


def write_report(report: AnnualReport, out_dir: Path) -> AnnualReportFiles:
    """annual-report-FY{fy}.html and .pdf in `out_dir`, each replaced atomically."""
    # WeasyPrint loads fonts and its CSS engine on import: only when a report is written.
    from weasyprint import HTML

    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / f"annual-report-FY{report.fy}.html"
    pdf_path = out_dir / f"annual-report-FY{report.fy}.pdf"
    text = render(report)
    document = HTML(string=text, base_url=str(out_dir)).render()
    tmp_pdf = pdf_path.with_name(f".{pdf_path.name}.{os.getpid()}.tmp")
    tmp_html = html_path.with_name(f".{html_path.name}.{os.getpid()}.tmp")
    document.write_pdf(tmp_pdf)
    tmp_html.write_text(text, encoding="utf-8")
    tmp_pdf.replace(pdf_path)
    tmp_html.replace(html_path)
    return AnnualReportFiles(html_path, pdf_path, len(document.pages))


def write_annual_report(
    db: Database, settings: Settings, fy: int, out_dir: Path
) -> AnnualReportFiles:
    """Gather, render and write the year's report; its paths and page count (the demo's step)."""
    return write_report(annual_report(db, settings, fy), out_dir)
