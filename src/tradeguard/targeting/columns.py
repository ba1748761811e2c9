"""The rule columns: what a rule's `where` may name, one row per declaration line.

Every declaration column (docs/declarations.md) plus derived columns that an analyst needs and a
declaration does not carry: tariff prefixes, the Center, unit value, and the history of the
importer and manufacturer. Money is exposed as DOUBLE here: rules screen for risk, they never
compute duty, and one numeric type keeps DuckDB, Spark and real-time scoring in agreement.
History counts use only findings dated strictly before the line's entry date, so a backtest on
old entries never sees the future.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tradeguard.domain.declaration import COLUMNS
from tradeguard.targeting.advance_sql import (
    ADVANCE_JOIN,
    ADVANCE_MATCH,
    MISMATCH_COLUMNS,
    advance_columns_sql,
    advance_cte,
)
from tradeguard.targeting.history_columns import (
    ADDED,
    HISTORY_COLUMNS,
    ORIGINAL,
    PARTIES,
    party_cte,
    party_join,
    select_sql,
)

TEXT, NUMBER, DATE, BOOL = "text", "number", "date", "bool"

MONEY_COLUMNS = ("value_usd", "duty_rate", "duty_usd", "adcvd_rate", "bond_amount_usd")

_DECLARED_KINDS: dict[str, str] = {
    "line_no": NUMBER,
    "entry_date": DATE,
    "quantity": NUMBER,
    "ctpat": BOOL,
    "isa": BOOL,
    **{name: NUMBER for name in MONEY_COLUMNS},
}

# name -> (kind, what it means). The order here is the order of the rule-lines relation.
DERIVED: dict[str, tuple[str, str]] = {
    "duty_mismatch": (BOOL, "ingest found duty_usd differs from value_usd × duty_rate"),
    "hts6": (TEXT, "first 6 digits of hts10 (the international HS subheading)"),
    "hts4": (TEXT, "first 4 digits of hts10 (the HS heading)"),
    "chapter": (TEXT, "first 2 digits of hts10 (the HS chapter, e.g. '95' toys)"),
    "center": (TEXT, "Center of Excellence and Expertise for the HTS chapter (null if unknown)"),
    "unit_value": (NUMBER, "value_usd / quantity (null when quantity is 0)"),
    "importer_first_seen": (DATE, "earliest entry_date of this importer in the lake"),
    "importer_days_known": (NUMBER, "days from importer_first_seen to this entry_date (0 = new)"),
    "importer_prior_violations": (NUMBER, "importer's earlier entries with a violation finding"),
    "importer_prior_exams": (NUMBER, "importer's earlier entries with any finding (examined)"),
    "manufacturer_first_seen": (DATE, "earliest entry_date of this manufacturer in the lake"),
    "manufacturer_days_known": (NUMBER, "days from manufacturer_first_seen to this entry_date"),
    "manufacturer_prior_violations": (NUMBER, "manufacturer's earlier entries with a violation"),
    "hts_origin_median_unit_value": (NUMBER, "median unit_value of all lines, same hts10+origin"),
    "unit_value_ratio": (NUMBER, "unit_value / hts_origin_median_unit_value (1 = typical)"),
    # Per-PTI history and days since the last violation (history_columns.py).
    **{c.name: (NUMBER, c.doc) for c in ADDED},
    # The entry against its advance filing (targeting/advance_sql.py).
    **{name: (BOOL, doc) for name, doc in MISMATCH_COLUMNS.items()},
}

# Read from admissibility reference data; compiled into each predicate (admissibility_columns.py).
ADMISSIBILITY: dict[str, tuple[str, str]] = {
    "ipr_recorded": (BOOL, "an IPR recordation in force covers the line's HTS"),
    "manufacturer_authorized_for_mark": (
        BOOL,
        "the manufacturer is authorized by every recordation covering the line (null: none does)",
    ),
    "under_exclusion_order": (BOOL, "an ITC exclusion order in force bars this line's goods"),
    "under_withhold_release_order": (
        BOOL,
        "a withhold release order in force covers the line's producer or region and goods",
    ),
}

RULE_COLUMNS: dict[str, str] = {
    **{name: _DECLARED_KINDS.get(name, TEXT) for name in COLUMNS},
    **{name: kind for name, (kind, _doc) in DERIVED.items()},
    **{name: kind for name, (kind, _doc) in ADMISSIBILITY.items()},
}

# Carried through the rule-lines relation for decisions (exact entry totals), never for rules.
EXACT_VALUE, EXACT_DUTY = "_value_exact", "_duty_exact"

FINDINGS_COLUMNS = ("entry_no", "line_no", "finding_date", "violation", "pti")
# A finding with the parties of the line it was made on: what the history columns read.
KEYED_FINDINGS_COLUMNS = (
    "importer_id",
    "manufacturer_id",
    "entry_no",
    "finding_date",
    "violation",
    "pti",
)


def _declared_select() -> str:
    parts = []
    for name in COLUMNS:
        if name in MONEY_COLUMNS:
            parts.append(f"CAST(s.{name} AS DOUBLE) AS {name}")
        else:
            parts.append(f"s.{name}")
    return ", ".join(parts)


# Derived columns that cost a pass over the lake, by the CTE that computes them.
IMPORTER_FIRST = frozenset({"importer_first_seen", "importer_days_known"})
MANUFACTURER_FIRST = frozenset({"manufacturer_first_seen", "manufacturer_days_known"})
MEDIAN = frozenset({"hts_origin_median_unit_value", "unit_value_ratio"})
HISTORY = frozenset(c.name for c in HISTORY_COLUMNS)


# The kept history's tables (store/history.py), in HistoryRelations' order.
KEPT_TABLES = ("findings", "importers", "manufacturers", "medians")


@dataclass(frozen=True, slots=True)
class HistoryRelations:
    """The lake's history kept beside it (store/history.py), as relations a query can read:
    keyed findings (KEYED_FINDINGS_COLUMNS, or None), first-seen dates per importer and
    manufacturer (`<party>_id, first_seen`) and medians (hts10, origin_country, median_uv).

    With these the rule columns of a window's lines equal those computed over the whole lake."""

    findings: str | None
    importers: str
    manufacturers: str
    medians: str

    @classmethod
    def from_files(cls, path: Callable[[str], Path]) -> HistoryRelations:
        """From the kept history's Parquet files (`path(table)`, store/history.py)."""
        return cls.from_view(
            lambda table: "read_parquet('" + str(path(table)).replace("'", "''") + "')"
        )

    @classmethod
    def from_view(cls, relation: Callable[[str], str]) -> HistoryRelations:
        """From one relation per kept table (KEPT_TABLES)."""
        return cls(*(relation(t) for t in KEPT_TABLES))


def keyed_findings_sql(findings: str, source: str) -> str:
    """Findings joined to their lines in `source` (KEYED_FINDINGS_COLUMNS); a finding whose line
    is not there cannot say whose history it is and is left out."""
    return (
        "SELECT s.importer_id, s.manufacturer_id, f.entry_no, f.finding_date, f.violation, f.pti"
        f" FROM (SELECT {', '.join(FINDINGS_COLUMNS)} FROM {findings}) AS f"
        f" JOIN {source} AS s ON s.entry_no = f.entry_no AND s.line_no = f.line_no"
    )


def _history_parts(findings: str | None, keyed: str | None) -> tuple[str, str, str]:
    """The history CTEs, columns and joins: from raw `findings` joined to the lines (a run over
    the whole lake) or from already `keyed` findings (a window read with the history kept)."""
    original = tuple(c for c in HISTORY_COLUMNS if c.name in ORIGINAL)
    if findings is None and keyed is None:
        return "", select_sql(original, False), ""
    relation = f"SELECT * FROM {keyed}" if keyed else keyed_findings_sql(findings or "", "src")
    ctes = f",\nf AS ({relation})" + "".join(f",\n{party_cte(p)}" for p in PARTIES)
    return ctes, select_sql(original, True), "".join(party_join(p) for p in PARTIES)


def rule_lines_sql(
    source: str,
    *,
    findings: str | None,
    centers: str | None,
    needed: frozenset[str] | None = None,
    history: HistoryRelations | None = None,
    advance: str | None = None,
) -> str:
    """SELECT producing every rule column per line (DuckDB dialect; sqlglot transpiles it).

    `source` is a FROM expression over lake lines, `findings` one over the findings file (or None:
    no history yet), `centers` a relation (hts10, center) or None when reference data is absent.
    `needed`, the columns the rules use, lets the costly history and median passes be skipped
    when no rule reads them (their columns are then NULL); None computes everything.
    With `history` (the lake's kept history) first-seen dates, medians and findings come from it
    instead of from `source`, which may then hold only a window's lines; `findings` is unused.
    `advance`, a FROM expression over the advance lake (or None), feeds the advance_* columns.
    """

    def wanted(group: frozenset[str]) -> bool:
        return needed is None or bool(group & needed)

    keyed = history.findings if history is not None else None
    if not wanted(HISTORY) or history is not None:
        findings = None
    if not wanted(HISTORY):
        keyed = None
    history_ctes, history_cols, history_joins = _history_parts(findings, keyed)
    with_history = bool(history_ctes)
    added_cols = select_sql(ADDED, with_history)
    center_col = "c.center" if centers else "CAST(NULL AS VARCHAR)"
    center_join = f" LEFT JOIN {centers} AS c ON c.hts10 = s.hts10" if centers else ""
    unit_value = "CAST(s.value_usd AS DOUBLE) / NULLIF(s.quantity, 0)"
    ctes, joins = [], []
    median = "CAST(NULL AS DOUBLE)"
    imp_first = mfr_first = "CAST(NULL AS DATE)"
    if wanted(IMPORTER_FIRST):
        ctes.append(
            f"imp AS (SELECT importer_id, first_seen FROM {history.importers})"
            if history
            else "imp AS (SELECT importer_id, MIN(entry_date) AS first_seen FROM src GROUP BY 1)"
        )
        joins.append("JOIN imp ON imp.importer_id = s.importer_id")
        imp_first = "imp.first_seen"
    if wanted(MANUFACTURER_FIRST):
        ctes.append(
            f"mfr AS (SELECT manufacturer_id, first_seen FROM {history.manufacturers})"
            if history
            else "mfr AS (SELECT manufacturer_id, MIN(entry_date) AS first_seen FROM src"
            " GROUP BY 1)"
        )
        joins.append("JOIN mfr ON mfr.manufacturer_id = s.manufacturer_id")
        mfr_first = "mfr.first_seen"
    if wanted(MEDIAN):
        ctes.append(
            f"uv AS (SELECT hts10, origin_country, median_uv FROM {history.medians})"
            if history
            else f"uv AS (SELECT hts10, origin_country, MEDIAN({unit_value}) AS median_uv "
            "FROM src AS s GROUP BY hts10, origin_country)"
        )
        joins.append("JOIN uv ON uv.hts10 = s.hts10 AND uv.origin_country = s.origin_country")
        median = "uv.median_uv"
    if advance is not None and wanted(ADVANCE_MATCH):
        ctes.append(advance_cte(advance))
        joins.append(ADVANCE_JOIN)
    advance_cols = advance_columns_sql(advance is not None and wanted(ADVANCE_MATCH))
    first_ctes = "".join(f",\n{c}" for c in ctes)
    first_joins = "".join(f"\n{j}" for j in joins)
    return f"""
WITH src AS (SELECT * FROM {source}){first_ctes}{history_ctes}
SELECT {_declared_select()},
  COALESCE(s.duty_mismatch, FALSE) AS duty_mismatch,
  SUBSTR(s.hts10, 1, 6) AS hts6, SUBSTR(s.hts10, 1, 4) AS hts4, SUBSTR(s.hts10, 1, 2) AS chapter,
  {center_col} AS center,
  {unit_value} AS unit_value,
  {imp_first} AS importer_first_seen,
  DATE_DIFF('day', {imp_first}, s.entry_date) AS importer_days_known,
  {history_cols},
  {mfr_first} AS manufacturer_first_seen,
  DATE_DIFF('day', {mfr_first}, s.entry_date) AS manufacturer_days_known,
  {median} AS hts_origin_median_unit_value,
  ({unit_value}) / NULLIF({median}, 0) AS unit_value_ratio,
  {added_cols},
  {advance_cols},
  s.value_usd AS {EXACT_VALUE}, s.duty_usd AS {EXACT_DUTY}
FROM src AS s{first_joins}{center_join}{history_joins}
"""
