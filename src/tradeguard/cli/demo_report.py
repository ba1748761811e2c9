"""How the demo's summary is shown on the terminal: one small table per step."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()  # the summary is the demo's result: stdout


def _flat(prefix: str, value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flat(f"{prefix}.{key}" if prefix else str(key), inner, out)
    elif isinstance(value, float):
        out.append((prefix, f"{value:,.4g}" if abs(value) < 1 else f"{value:,.0f}"))
    elif isinstance(value, int) and not isinstance(value, bool):
        out.append((prefix, f"{value:,}"))
    elif isinstance(value, list):
        out.append(
            (prefix, ", ".join(str(v) for v in value[:8]) + (" …" if len(value) > 8 else ""))
        )
    else:
        out.append((prefix, str(value)))


def _sections(step: str, figures: Any) -> list[tuple[str, Any]]:
    """A step made of sub-reports (custody: in-bond, facilities) prints one table for each,
    so that each control's planted-against-detected lines are not cut off."""
    if not isinstance(figures, dict):
        return [(step, figures)]
    parts = {k: v for k, v in figures.items() if isinstance(v, dict) and "planted_vs_detected" in v}
    if not parts:
        return [(step, figures)]
    rest = {k: v for k, v in figures.items() if k not in parts}
    return [(step, rest)] * bool(rest) + [(f"{step} · {k}", v) for k, v in parts.items()]


def _print_exclusion_orders(figures: dict[str, Any]) -> dict[str, Any]:
    """The admissibility step's orders as their own table; the rest as figures."""
    table = Table(title="exclusion orders and their trade alerts", title_justify="left")
    for column in ("order", "kind", "scope", "effective", "alerted", "days", "status"):
        table.add_column(column, no_wrap=True)
    for o in figures.get("exclusion_orders", []):
        days = "" if o["lag_days"] is None else str(o["lag_days"])
        table.add_row(
            o["order_no"], o["kind"], ";".join(o["hts_scope"]), o["effective_on"],
            o["alerted_on"] or "-", days, o["status"],
        )  # fmt: skip
    console.print(table)
    review = {c["order_no"]: "; ".join(c["reasons"]) for c in figures["rescission_review"]}
    rest = {k: v for k, v in figures.items() if k not in ("exclusion_orders", "rescission_review")}
    return {**rest, "ask_ITC_to_rescind": review or "none"}


PRE_ENTRY_STEP = "pre-entry: advance filings"


def _print_pre_entry_holds(figures: dict[str, Any]) -> dict[str, Any]:
    """The first pre-entry holds as their own table (held before arrival, then the entry that
    followed and what it declared differently); the rest as figures."""
    table = Table(title="pre-entry holds (first of the year)", title_justify="left")
    for column in (
        "entry",
        "bill of lading",
        "arrival",
        "lane",
        "rules",
        "entry filed",
        "mismatch",
    ):
        table.add_column(column, no_wrap=True)
    for h in figures.get("holds", []):
        flags = [n for n in ("origin", "manufacturer", "hts6") if h[f"{n}_mismatch"]]
        table.add_row(
            h["entry_no"], h["bill_of_lading"], h["arrival_date"], h["lane"],
            ", ".join(h["rule_ids"]), h["entry_date"] or "not yet", ", ".join(flags) or "-",
        )  # fmt: skip
    console.print(table)
    return {k: v for k, v in figures.items() if k != "holds"}


def print_summary(summary: dict[str, Any]) -> None:
    for step, figures in summary.items():
        if step == "admissibility":
            figures = _print_exclusion_orders(figures)
        if step == PRE_ENTRY_STEP:
            figures = _print_pre_entry_holds(figures)
        for title, part in _sections(step, figures):
            table = Table(title=title, show_header=False, title_justify="left")
            table.add_column("figure")
            table.add_column("value", justify="right")
            rows: list[tuple[str, str]] = []
            _flat("", part, rows)
            for name, value in rows[:40]:
                table.add_row(name, value)
            console.print(table)
    for headline in (
        adcvd_headline(summary),
        drawback_headline(summary),
        centers_headline(summary),
    ):
        if headline:
            console.print(headline)
    annual = summary.get("annual report")
    if annual:
        console.print(f"Annual trade enforcement report: {annual['html']}")
        console.print(f"                                 {annual['pdf']} ({annual['pages']} pages)")


def adcvd_headline(summary: dict[str, Any]) -> str | None:
    """One line for GAO-16-542's three questions, under the tables."""
    section = summary.get("AD/CVD liquidation and collection")
    if not section:
        return None
    unpaid, score = section["unpaid_bills"], section["nonpayment_score"]
    return (
        f"AD/CVD: {unpaid['count']} unpaid bills ({unpaid['uncollected']} uncollected), "
        f"late liquidations {section['late_liquidations']['lines']}; nonpayment score "
        f"precision in the top 10% {score['precision_top_10%']} against a base rate of "
        f"{score['base_rate']}"
    )


def drawback_headline(summary: dict[str, Any]) -> str | None:
    """The drawback sample's revenue-loss estimate in one sentence, beside the truth."""
    sample = summary.get("drawback and bonds", {}).get("drawback", {}).get("sample")
    if not sample:
        return None
    return (
        f"Drawback: estimated revenue loss {sample['estimated_revenue_loss']} "
        f"(95% CI {sample['ci_95']}) on {sample['paid_out']} paid in "
        f"{sample['population']} claims, from {sample['sampled']} reviewed; "
        f"the generator's truth: {sample['true_loss']}."
    )


def centers_headline(summary: dict[str, Any]) -> str | None:
    """One line for the Centers: reviews within capacity, what staffing missed, what
    liquidation cost."""
    section = summary.get("Centers: post-entry reviews")
    if not section:
        return None
    t = section["totals"]
    return (
        f"Centers: {t['reviews']} reviews ({t['reviews_done']} done), {t['missed']} missed for "
        f"lack of import specialists; {t['timed_out_rfis']} requests for information timed out, "
        f"{t['notices']} notices of action; duty found ${t['duty_found_usd']:,.0f}, "
        f"{t['closed_after_liquidation']} closed after liquidation "
        f"(${t['duty_foregone_usd']:,.0f} foregone)"
    )
