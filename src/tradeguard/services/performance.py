"""Priority Trade Issue performance: plans loaded from YAML, actual against target, Table 11 lint.

The report answers GAO-17-618's first recommendation: for every plan in force, every measure's
target, the actual tradeguard computes from its own data, and a status. Numbers leave this module
JSON-ready: counts and rates as numbers, dollars as exact decimal strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import yaml

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.fiscal import fiscal_year
from tradeguard.domain.measures import CATALOGUE, Filters, PerformanceFacts, compute
from tradeguard.domain.measures.value import MeasureValue
from tradeguard.domain.plans import Measure, Plan, lint, parse_plan, status
from tradeguard.domain.pti import PTI, parse_pti
from tradeguard.paths import STARTER_PLANS_DIR
from tradeguard.services.performance_facts import build_facts
from tradeguard.store.database import Database


def load_plan_file(path: Path) -> Plan:
    """One plan file; InvalidInput names the file and the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"{path}: cannot read: {error.strerror}", "file") from None
    except yaml.YAMLError as error:
        raise InvalidInput(f"{path}: not valid YAML: {error}", "file") from None
    try:
        return parse_plan(data, path.stem)
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}", error.field) from None


def plan_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            out.append(path)
    return out


def load_plans(paths: Iterable[Path]) -> list[Plan]:
    """Plans from files and folders of *.yaml; plan ids must be unique."""
    plans = [load_plan_file(p) for p in plan_files(paths)]
    seen: set[str] = set()
    for plan in plans:
        if plan.id in seen:
            raise InvalidInput(f"plan id {plan.id!r} is used by two files", "id")
        seen.add(plan.id)
    return plans


def json_number(value: Decimal | None, unit: str) -> int | float | str | None:
    if value is None:
        return None
    if unit == "USD":
        return str(value.quantize(Decimal("0.01")))
    return int(value) if value == value.to_integral_value() else float(value)


def _filters(plan: Plan, measure: Measure) -> Filters:
    f = plan.filters_for(measure)
    return Filters(pti=f.pti.value if f.pti else None, port=f.port, center=f.center)


def actual(plan: Plan, measure: Measure, facts: PerformanceFacts, fy: int) -> MeasureValue:
    """The measure's actual; nothing when its definition is not in the catalogue (lint says so)."""
    if measure.definition not in CATALOGUE:
        return MeasureValue(None)
    return compute(measure.definition, facts, fy, _filters(plan, measure))


def measure_row(
    plan: Plan, goal: str, measure: Measure, facts: PerformanceFacts, fy: int
) -> dict[str, Any]:
    unit, direction = measure.effective_unit(), measure.effective_direction()
    value = actual(plan, measure, facts, fy)
    target = measure.targets.get(fy)
    known = CATALOGUE.get(measure.definition)
    f = plan.filters_for(measure)
    return {
        "id": measure.id,
        "goal": goal,
        "definition": measure.definition,
        "title": known.title if known else measure.definition,
        "unit": unit,
        "direction": direction.value,
        "target": json_number(target, unit),
        "on_track": json_number(measure.on_track.get(fy), unit),
        "actual": json_number(value.value, unit),
        "interval": [json_number(v, unit) for v in value.interval] if value.interval else None,
        "status": status(value.value, target, direction, measure.on_track.get(fy)).value,
        "filters": {k: v for k, v in (("port", f.port), ("center", f.center)) if v},
    }


def evaluate(plan: Plan, facts: PerformanceFacts, fy: int) -> dict[str, Any]:
    return {
        "pti": plan.pti.value,
        "plan": plan.id,
        "period": plan.period,
        "kind": plan.kind,
        "title": plan.title,
        "measures": [measure_row(plan, g.id, m, facts, fy) for g in plan.goals for m in g.measures],
    }


def report(
    plans: list[Plan], facts: PerformanceFacts, fy: int, pti: PTI | None = None
) -> dict[str, Any]:
    """Every plan in force in `fy` (of one PTI when given), and the Table 11 lint."""
    chosen = [p for p in plans if pti is None or p.pti == pti]
    in_force = sorted(
        (p for p in chosen if p.in_force(fy)), key=lambda p: (list(PTI).index(p.pti), p.id)
    )
    evaluated = [evaluate(p, facts, fy) for p in in_force]
    counts = {s: 0 for s in ("met", "on track", "off track", "no target")}
    for plan in evaluated:
        for row in plan["measures"]:
            counts[row["status"]] += 1
    findings = lint(chosen, fy, [pti] if pti else tuple(PTI))
    return {
        "fy": fy,
        "as_of": facts.as_of.isoformat(),
        "plans": evaluated,
        "lint": [f.as_dict() for f in findings],
        "statuses": counts,
    }


def history(plans: list[Plan], facts: PerformanceFacts, pti: PTI) -> list[dict[str, Any]]:
    """Actual and target of each of a PTI's measures over every fiscal year its plans target."""
    series = []
    for plan in (p for p in plans if p.pti == pti):
        for measure in plan.measures():
            years = sorted(set(measure.targets) | set(range(plan.first_fy, plan.last_fy + 1)))
            unit = measure.effective_unit()
            points = []
            for fy in years:
                value = actual(plan, measure, facts, fy).value
                if fy > fiscal_year(facts.as_of):
                    value = None  # a year that has not started has no actual yet
                points.append(
                    {"fy": fy, "actual": value, "target": measure.targets.get(fy), "unit": unit}
                )
            series.append(
                {
                    "plan": plan.id,
                    "measure": measure.id,
                    "direction": measure.effective_direction().value,
                    "points": points,
                }
            )
    return series


def default_plans_dir(settings: Settings) -> Path:
    """A deployment's own plans (TRADEGUARD_HOME/plans) when it has them; the starter plans else."""
    own = settings.home / "plans"
    return own if own.is_dir() and any(own.glob("*.y*ml")) else STARTER_PLANS_DIR


def performance_summary(
    db: Database,
    settings: Settings,
    fy: int,
    *,
    pti: str | None = None,
    plans_dir: Path | None = None,
    html: Path | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """The report document for `fy` from the stores' current data; also writes the HTML report
    to `html` when given (one snapshot serves both)."""
    plans = load_plans([plans_dir or default_plans_dir(settings)])
    facts = build_facts(db, settings, as_of=as_of)
    chosen = parse_pti(pti) if pti else None
    document = report(plans, facts, fy, chosen)
    if html is not None:
        charts = {p: history(plans, facts, p) for p in PTI if chosen in (None, p)}
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render(document, charts), encoding="utf-8")
    return document


def write_html(
    db: Database,
    settings: Settings,
    fy: int,
    path: Path,
    *,
    pti: str | None = None,
    plans_dir: Path | None = None,
    as_of: date | None = None,
) -> Path:
    """Write the self-contained HTML report (tables plus one chart per PTI); return its path."""
    performance_summary(db, settings, fy, pti=pti, plans_dir=plans_dir, html=path, as_of=as_of)
    return path


def contract(document: dict[str, Any]) -> dict[str, Any]:
    """The CLI's --json document: fy, plans (pti, period, measures) and lint, nothing else."""
    return {
        "fy": document["fy"],
        "plans": [
            {"pti": p["pti"], "period": p["period"], "measures": p["measures"]}
            for p in document["plans"]
        ],
        "lint": document["lint"],
    }


STATUS_COLOURS = {"met": "#1a7f37", "on track": "#9a6700", "off track": "#cf222e"}
NO_STATUS_COLOUR = "#57606a"


def attainment(actual: Decimal | None, target: Decimal | None, direction: str) -> float | None:
    """Actual as a percentage of target, turned so that above 100 is always better (cap 200)."""
    if actual is None or target is None or target <= 0:
        return None
    if direction == "lower":
        return 200.0 if actual <= 0 else min(200.0, float(target / actual * 100))
    return min(200.0, float(actual / target * 100))


def _figure(pti: PTI, series: list[dict[str, Any]]) -> go.Figure:
    figure = go.Figure()
    for s in series:
        points = s["points"]
        figure.add_trace(
            go.Scatter(
                x=[f"FY{p['fy']}" for p in points],
                y=[attainment(p["actual"], p["target"], s["direction"]) for p in points],
                customdata=[[str(p["actual"]), str(p["target"]), p["unit"]] for p in points],
                hovertemplate="actual %{customdata[0]} against target %{customdata[1]} "
                "%{customdata[2]}<extra>" + escape(f"{s['plan']}: {s['measure']}") + "</extra>",
                mode="lines+markers",
                name=f"{s['measure']} ({s['plan']})",
            )
        )
    figure.add_hline(y=100, line_dash="dash", annotation_text="target")
    figure.update_layout(
        title=f"{pti.value}: actual against target",
        yaxis_title="actual as % of target (above 100 is better)",
        xaxis_type="category",
        height=420,
    )
    return figure


def _table(plan: dict[str, Any]) -> str:
    rows = []
    for m in plan["measures"]:
        interval = f" [{m['interval'][0]}, {m['interval'][1]}]" if m["interval"] else ""
        colour = STATUS_COLOURS.get(m["status"], NO_STATUS_COLOUR)
        cells = [m["id"], m["title"], m["unit"], m["direction"], m["target"], m["actual"]]
        rows.append(
            "<tr>"
            + "".join(f"<td>{escape(str(c))}</td>" for c in cells[:-1])
            + f"<td>{escape(str(cells[-1]))}{escape(interval)}</td>"
            + f'<td style="color:{colour};font-weight:bold">{escape(m["status"])}</td></tr>'
        )
    head = "".join(
        f"<th>{h}</th>"
        for h in ("measure", "definition", "unit", "better", "target", "actual", "status")
    )
    title = escape(f"{plan['pti']} — {plan['plan']} ({plan['kind']}, {plan['period']})")
    return f"<h3>{title}</h3><table><tr>{head}</tr>{''.join(rows)}</table>"


def render(document: dict[str, Any], charts: dict[PTI, list[dict[str, Any]]]) -> str:
    """One self-contained page: plotly.js is inlined once, so it opens offline."""
    parts, first = [], True
    for pti, series in charts.items():
        parts.append(f"<h2>{escape(pti.value)}</h2>")
        parts.extend(_table(p) for p in document["plans"] if p["pti"] == pti.value)
        if not series:
            parts.append("<p><strong>No plan with measures and targets.</strong></p>")
            continue
        parts.append(pio.to_html(_figure(pti, series), full_html=False, include_plotlyjs=first))
        first = False
    lint_rows = "".join(
        "<li>"
        + escape(f"{f['pti']}: {f['reason']} {f['plan'] or ''} {f['measure'] or ''}")
        + (escape(f" ({f['detail']})") if f["detail"] else "")
        + "</li>"
        for f in document["lint"]
    )
    statuses = ", ".join(f"{n} {s}" for s, n in document["statuses"].items())
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>tradeguard performance FY{document['fy']}</title><style>"
        "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head><body>"
        f"<h1>Priority Trade Issues: actual against target, FY{document['fy']}</h1>"
        f"<p>As of {escape(document['as_of'])}. Measures: {escape(statuses)}.</p>"
        f"<h2>Plan lint (GAO-17-618 Table 11)</h2><ul>{lint_rows or '<li>none</li>'}</ul>"
        + "".join(parts)
        + "</body></html>"
    )
