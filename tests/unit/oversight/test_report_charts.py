"""The printed charts: bars in proportion, titles escaped, every series in the legend, and an
honest "no data" when there is nothing to draw."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from tradeguard.services.report_charts import Bar, Line, bar_chart, line_chart
from tradeguard.targeting.readable import pretty_predicate

SVG = "{http://www.w3.org/2000/svg}"


def test_bars_are_in_proportion_and_marks_drawn() -> None:
    chart = bar_chart("A & B <test>", [Bar("one", (50.0,), 100.0), Bar("two", (100.0,))], ["v"])
    root = ElementTree.fromstring(str(chart))  # well-formed XML, the title escaped
    assert root.find(f"{SVG}title").text == "A & B <test>"  # type: ignore[union-attr]
    widths = [float(r.get("width", 0)) for r in root.iter(f"{SVG}rect")]
    assert len(widths) == 2 and abs(widths[1] - 2 * widths[0]) < 0.2
    assert len([ln for ln in root.iter(f"{SVG}line") if ln.get("stroke") == "#000"]) == 1


def test_lines_label_their_steps_and_say_no_data() -> None:
    chart = str(line_chart("t", [Line("a", [(2025, 1.0), (2026, 3.0)])]))
    assert "FY2025" in chart and "FY2026" in chart and "<polyline" in chart
    named = str(line_chart("t", [Line("a", [(0, 1.0), (1, None)])], x_labels={0: "2026-01"}))
    assert "2026-01" in named
    assert "no data" in str(line_chart("t", [Line("a", [(0, None)])]))
    assert "no data" in str(bar_chart("t", [], ["v"]))


def test_predicates_are_laid_out_one_condition_a_line() -> None:
    text = pretty_predicate(
        "origin_country = 'CN' AND value_usd > 500 AND importer_id NOT IN ('A', 'B') AND "
        "(hts10 LIKE '6403%' OR hts10 LIKE '6404%')"
    )
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "origin_country = 'CN'"
    assert lines[1] == "AND value_usd > 500"
    assert any(re.match(r"AND \($", ln) for ln in lines)
    assert pretty_predicate("this is (not sql") == "this is (not sql"
