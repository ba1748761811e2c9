"""Real-time scoring: one declaration (its lines inline) through the same rules, in process.

The history columns come from a snapshot of the lake and the findings taken once (first seen
dates, median unit values, dated findings per importer and manufacturer); each declaration is then
scored in Python by the compiled predicate closures. A declaration already in the lake gets
exactly the rule columns the batch engine computes for it, hence the same lane and rules.

A rule can never stop real-time scoring: the grammar admits only what the interpreter evaluates
(checked when the rule is loaded), and should one still fail, on building the scorer or on one
declaration, it is left out of that score, named in `Score.unavailable` and logged, and the
declaration is scored on the other rules.
"""

from __future__ import annotations

import bisect
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
from sqlglot import exp

from tradeguard.domain.declaration import COLUMNS, Declaration
from tradeguard.domain.rule import Lane, Risk, decide_lane
from tradeguard.targeting.columns import MONEY_COLUMNS, rule_lines_sql
from tradeguard.targeting.compiler import CompiledRule
from tradeguard.targeting.history_columns import party_values
from tradeguard.targeting.interpreter import Evaluator, compile_tree
from tradeguard.targeting.sampling import SampleRates, is_sampled

_log = logging.getLogger(__name__)
_FAILED = object()  # a rule that raised on this declaration
SNAPSHOT_THREADS = 1  # DuckDB threads of a history snapshot (see take_snapshot)


@dataclass(slots=True)
class _Findings:
    """Dated findings of one party, kept sorted so 'before this date' is a bisect."""

    dates: list[date] = field(default_factory=list)
    entries: list[tuple[str, bool, str | None]] = field(default_factory=list)

    def columns(self, party: str, day: date) -> dict[str, int | None]:
        """The party's history columns (history_columns.py) for a line entered on `day`."""
        cut = bisect.bisect_left(self.dates, day)
        earlier = [(d, *e) for d, e in zip(self.dates[:cut], self.entries[:cut], strict=True)]
        return party_values(party, day, earlier)


@dataclass(slots=True)
class HistorySnapshot:
    importer_first_seen: dict[str, date] = field(default_factory=dict)
    manufacturer_first_seen: dict[str, date] = field(default_factory=dict)
    median_unit_value: dict[tuple[str, str], float] = field(default_factory=dict)
    importer_findings: dict[str, _Findings] = field(default_factory=dict)
    manufacturer_findings: dict[str, _Findings] = field(default_factory=dict)
    # (entry_no, line_no) -> the advance filing's (origin_country, manufacturer_id, hts6).
    advance: dict[tuple[str, int], tuple[str, str, str]] = field(default_factory=dict)


def take_snapshot(
    source: str | None, findings: str | None, advance: str | None = None
) -> HistorySnapshot:
    """Read the history the rule columns need from the lake (`source` FROM expression) and, for
    the advance_* columns, the advance lake (`advance` FROM expression)."""
    snap = HistorySnapshot()
    # One thread: the snapshot is rebuilt inside the serving process, and DuckDB's default (a
    # thread per core) took both of the cores the server answers on, so /health waited.
    con = duckdb.connect(config={"threads": SNAPSHOT_THREADS})
    if advance is not None:
        rows = con.sql(
            "SELECT entry_no, line_no, MIN(origin_country), MIN(manufacturer_id), MIN(hts6) "
            f"FROM {advance} GROUP BY entry_no, line_no"
        ).fetchall()
        snap.advance = {(e, int(n)): (o, m, h) for e, n, o, m, h in rows}
    if source is None:
        con.close()
        return snap
    for key, target in (
        ("importer_id", snap.importer_first_seen),
        ("manufacturer_id", snap.manufacturer_first_seen),
    ):
        rows = con.sql(f"SELECT {key}, MIN(entry_date) FROM {source} GROUP BY 1").fetchall()
        target.update(dict(rows))
    lines = rule_lines_sql(source, findings=None, centers=None)
    rows = con.sql(
        f"SELECT DISTINCT hts10, origin_country, hts_origin_median_unit_value FROM ({lines}) AS l"
    ).fetchall()
    snap.median_unit_value = {(h, o): m for h, o, m in rows if m is not None}
    if findings is not None:
        rows = con.sql(
            "SELECT s.importer_id, s.manufacturer_id, f.finding_date, f.entry_no, f.violation, "
            "f.pti "
            f"FROM (SELECT * FROM {findings}) AS f JOIN {source} AS s "
            "ON s.entry_no = f.entry_no AND s.line_no = f.line_no "
            "ORDER BY f.finding_date, f.entry_no, f.violation, f.pti"
        ).fetchall()
        add_findings(snap, rows)
    con.close()
    return snap


def add_findings(snap: HistorySnapshot, rows: list[tuple[Any, ...]]) -> None:
    imp: dict[str, _Findings] = defaultdict(_Findings)
    mfr: dict[str, _Findings] = defaultdict(_Findings)
    for importer, manufacturer, day, entry_no, violation, pti in rows:
        for book in (imp[importer], mfr[manufacturer]):
            book.dates.append(day)
            book.entries.append((entry_no, bool(violation), pti))
    snap.importer_findings, snap.manufacturer_findings = dict(imp), dict(mfr)


def rule_row(line: Declaration, snap: HistorySnapshot, center: str | None) -> dict[str, Any]:
    """Every rule column for one line, as columns.rule_lines_sql defines them."""
    row: dict[str, Any] = {name: getattr(line, name) for name in COLUMNS}
    for name in MONEY_COLUMNS:
        row[name] = None if row[name] is None else float(row[name])
    row["mode"] = line.mode.value
    row["bond_type"] = line.bond_type.value
    row["quantity"] = float(line.quantity)
    day = line.entry_date
    imp_first = min(snap.importer_first_seen.get(line.importer_id, day), day)
    mfr_first = min(snap.manufacturer_first_seen.get(line.manufacturer_id, day), day)
    unit_value = row["value_usd"] / row["quantity"] if row["quantity"] else None
    median = snap.median_unit_value.get((line.hts10, line.origin_country), unit_value)
    imp_book = snap.importer_findings.get(line.importer_id, _Findings())
    mfr_book = snap.manufacturer_findings.get(line.manufacturer_id, _Findings())
    row.update(
        duty_mismatch=line.duty_mismatch,
        hts6=line.hts10[:6],
        hts4=line.hts10[:4],
        chapter=line.hts10[:2],
        center=center,
        unit_value=unit_value,
        importer_first_seen=imp_first,
        importer_days_known=(day - imp_first).days,
        manufacturer_first_seen=mfr_first,
        manufacturer_days_known=(day - mfr_first).days,
        hts_origin_median_unit_value=median,
        unit_value_ratio=(
            None if unit_value is None or median is None or median == 0 else unit_value / median
        ),
        **imp_book.columns("importer", day),
        **mfr_book.columns("manufacturer", day),
    )
    filed = snap.advance.get((line.entry_no, line.line_no))
    row.update(
        advance_filed=filed is not None,
        advance_origin_mismatch=None if filed is None else filed[0] != line.origin_country,
        advance_manufacturer_mismatch=None if filed is None else filed[1] != line.manufacturer_id,
        advance_hts6_mismatch=None if filed is None else filed[2] != line.hts10[:6],
    )
    return row


def _conjuncts(node: exp.Expr) -> list[exp.Expr]:
    if isinstance(node, exp.Paren):
        return _conjuncts(node.this)
    if isinstance(node, exp.And):
        return [c for part in node.flatten() for c in _conjuncts(part)]
    return [node]


def _literal(node: exp.Expr) -> Any:
    if isinstance(node, exp.Literal):
        return node.this if node.is_string else float(node.this)
    raise ValueError


def index_key(predicate: exp.Expr) -> tuple[str, frozenset[Any]] | None:
    """A column and the values it must equal for the rule to match at all, if the rule says so.

    Lets scoring skip, with one dict lookup, every rule whose `hts4 = '9503'` (or IN list)
    cannot hold for the line; the remaining rules are evaluated in full.
    """
    body = predicate.this if isinstance(predicate, exp.Coalesce) else predicate
    for part in _conjuncts(body):
        try:
            if isinstance(part, exp.EQ) and isinstance(part.this, exp.Column):
                return part.this.name, frozenset([_literal(part.expression)])
            if isinstance(part, exp.In) and isinstance(part.this, exp.Column):
                return part.this.name, frozenset(_literal(e) for e in part.expressions)
        except ValueError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class Score:
    entry_no: str
    lane: Lane
    matched: tuple[CompiledRule, ...]
    sampled: bool
    ms: float
    unavailable: tuple[str, ...] = ()  # rule versions that could not be evaluated (logged)


class RealtimeScorer:
    """Compiled once per rule set; `score` is then pure Python over one declaration."""

    def __init__(
        self,
        rules: list[CompiledRule],
        snapshot: HistorySnapshot,
        *,
        center_for_hts: Callable[[str], str | None] | None = None,
        seed: int = 0,
        rates: SampleRates | None = None,
        release_trusted_low: bool = True,
        unavailable: tuple[str, ...] = (),
    ) -> None:
        self.unavailable = unavailable  # refused before this scorer was built
        self._evaluators: list[tuple[CompiledRule, Evaluator]] = []
        for r in rules:
            try:
                self._evaluators.append((r, compile_tree(r.predicate)))
            except (ValueError, TypeError, KeyError, RecursionError) as error:
                _log.warning("real-time scoring skips %s: %s", r.published.ref, error)
                self.unavailable += (r.published.ref,)
        rules = [r for r, _ in self._evaluators]
        self.rules = rules
        self._unindexed: list[int] = []
        self._index: dict[str, dict[Any, list[int]]] = defaultdict(lambda: defaultdict(list))
        for position, r in enumerate(rules):
            key = index_key(r.predicate)
            if key is None:
                self._unindexed.append(position)
            else:
                for value in key[1]:
                    self._index[key[0]][value].append(position)
        self.snapshot = snapshot
        self.center_for_hts = center_for_hts
        self.seed = seed
        self.rates = rates or SampleRates()
        self.release_trusted_low = release_trusted_low

    def score(self, lines: Iterable[Declaration]) -> Score:
        started = time.perf_counter()
        ordered = sorted(lines, key=lambda d: d.line_no)
        centers = [self.center_for_hts(d.hts10) if self.center_for_hts else None for d in ordered]
        rows = [rule_row(d, self.snapshot, c) for d, c in zip(ordered, centers, strict=True)]
        hit: set[int] = set()
        failed: set[int] = set()
        for row in rows:
            candidates = list(self._unindexed)
            for column, by_value in self._index.items():
                candidates.extend(by_value.get(row.get(column), ()))
            for position in candidates:
                if position not in hit and position not in failed:
                    verdict = self._evaluate(position, row)
                    if verdict is True:
                        hit.add(position)
                    elif verdict is _FAILED:
                        failed.add(position)
        unavailable = self.unavailable + tuple(
            self._evaluators[p][0].published.ref for p in sorted(failed)
        )
        matched = tuple(self._evaluators[p][0] for p in sorted(hit))
        first = ordered[0]
        sampled = is_sampled(first.entry_no, self.seed, self.rates.rate_for(centers[0]))
        lane = decide_lane(
            {Risk(r.rule.risk) for r in matched},
            trusted_trader=any(d.ctpat or d.isa for d in ordered),
            sampled=sampled,
            release_trusted_low=self.release_trusted_low,
        )
        ms = (time.perf_counter() - started) * 1000
        return Score(first.entry_no, lane, matched, sampled, ms, unavailable)

    def _evaluate(self, position: int, row: dict[str, Any]) -> Any:
        rule, evaluator = self._evaluators[position]
        try:
            return evaluator(row)
        except Exception as error:  # noqa: BLE001 - one rule must not stop scoring
            _log.warning("real-time scoring skips %s: %s", rule.published.ref, error)
            return _FAILED
