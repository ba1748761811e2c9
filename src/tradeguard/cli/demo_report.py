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


def print_summary(summary: dict[str, Any]) -> None:
    for step, figures in summary.items():
        table = Table(title=step, show_header=False, title_justify="left")
        table.add_column("figure")
        table.add_column("value", justify="right")
        rows: list[tuple[str, str]] = []
        _flat("", figures, rows)
        for name, value in rows[:40]:
            table.add_row(name, value)
        console.print(table)
    _drawback_headline(summary)


def _drawback_headline(summary: dict[str, Any]) -> None:
    """The drawback sample's revenue-loss estimate in one sentence, beside the truth."""
    sample = summary.get("drawback and bonds", {}).get("drawback", {}).get("sample")
    if sample:
        console.print(
            f"Drawback: estimated revenue loss {sample['estimated_revenue_loss']} "
            f"(95% CI {sample['ci_95']}) on {sample['paid_out']} paid in "
            f"{sample['population']} claims, from {sample['sampled']} reviewed; "
            f"the generator's truth: {sample['true_loss']}."
        )
