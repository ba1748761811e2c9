"""A rule's hit rate and lift month by month as inline SVG line charts, for the home and rule
pages, drawn by the same chart module as the printed reports.

The module name starts with an underscore so page discovery skips it.
"""

from __future__ import annotations

from markupsafe import Markup

from tradeguard.services.report_charts import Line, line_chart
from tradeguard.services.rule_history import MonthPoint


def hit_rate_chart(rule_id: str, months: list[MonthPoint]) -> Markup:
    labels = {i: m.month for i, m in enumerate(months)}
    hit = [(i, m.hit_rate * 100 if m.hit_rate is not None else None) for i, m in enumerate(months)]
    return line_chart(
        f"{rule_id}: hit rate by month", [Line("hit rate", hit)], unit="%", x_labels=labels,
        width=560,
    )  # fmt: skip


def lift_chart(rule_id: str, months: list[MonthPoint]) -> Markup:
    labels = {i: m.month for i, m in enumerate(months)}
    lift = [(i, m.lift) for i, m in enumerate(months)]
    if all(v is None for _, v in lift):  # no random-sample violation in its PTI to compare with
        return line_chart(f"{rule_id}: lift by month (no random-sample violations)", [])
    even = [(i, 1.0) for i in labels]
    return line_chart(
        f"{rule_id}: lift over the random sample by month",
        [Line("lift", lift), Line("random sample = 1", even, dashed=True)],
        unit="×", x_labels=labels, width=560,
    )  # fmt: skip
