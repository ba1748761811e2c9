"""The importer's and manufacturer's record as rule columns: earlier exams, violations by
Priority Trade Issue, and days since the last violation.

A rule about counterfeits should ask whether the manufacturer was caught with counterfeits
before, not whether it was ever caught with anything (issue 19: a rule on "any earlier
violation" held at 10% precision). So each party gets, besides its overall counts, its earlier
violations and its days since the last violation for each PTI. A clean finding names no PTI (the
officer found nothing to file it under), so exams are counted overall only.

Every count reads only findings dated strictly before the line's entry date; an entry counts
once however many of its lines were found. The column names use the PTI short codes that
`domain.pti.parse_pti` accepts (`ipr`, `adcvd`, `safety`, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradeguard.domain.pti import PTI

PARTIES = ("importer", "manufacturer")

# The short code (domain/pti.py) each PTI's columns are named by.
PTI_CODES: dict[PTI, str] = {
    PTI.AGRICULTURE: "agriculture",
    PTI.ADCVD: "adcvd",
    PTI.IMPORT_SAFETY: "safety",
    PTI.IPR: "ipr",
    PTI.TEXTILES: "textiles",
    PTI.TRADE_AGREEMENTS: "tapp",
    PTI.REVENUE: "revenue",
}

COUNT, DAYS_SINCE = "count", "days_since"


@dataclass(frozen=True, slots=True)
class HistoryColumn:
    """One history column of one party: a count of earlier entries or days since the latest.

    `violation` False counts every examined entry (any finding); `pti` None means any PTI.
    """

    name: str
    party: str
    measure: str
    violation: bool
    pti: PTI | None
    doc: str


def _party_columns(party: str) -> list[HistoryColumn]:
    out = [
        HistoryColumn(
            f"{party}_prior_violations", party, COUNT, True, None,
            f"{party}'s earlier entries with a violation finding",
        ),
        HistoryColumn(
            f"{party}_prior_exams", party, COUNT, False, None,
            f"{party}'s earlier entries with any finding (examined)",
        ),
        HistoryColumn(
            f"{party}_days_since_violation", party, DAYS_SINCE, True, None,
            f"days from the {party}'s latest earlier violation finding (null: none)",
        ),
    ]  # fmt: skip
    for pti, code in PTI_CODES.items():
        out.append(
            HistoryColumn(
                f"{party}_prior_{code}_violations", party, COUNT, True, pti,
                f"{party}'s earlier entries with a {pti.value} violation",
            )
        )  # fmt: skip
        out.append(
            HistoryColumn(
                f"{party}_days_since_{code}_violation", party, DAYS_SINCE, True, pti,
                f"days from the {party}'s latest earlier {pti.value} violation (null: none)",
            )
        )  # fmt: skip
    return out


HISTORY_COLUMNS: tuple[HistoryColumn, ...] = tuple(c for p in PARTIES for c in _party_columns(p))
BY_NAME: dict[str, HistoryColumn] = {c.name: c for c in HISTORY_COLUMNS}
# Present before per-PTI history; kept at their places in the rule-lines relation.
ORIGINAL = ("importer_prior_violations", "importer_prior_exams", "manufacturer_prior_violations")
ADDED: tuple[HistoryColumn, ...] = tuple(c for c in HISTORY_COLUMNS if c.name not in ORIGINAL)


def _condition(column: HistoryColumn) -> str:
    parts = ["f.violation"] if column.violation else []
    if column.pti is not None:
        parts.append("f.pti = '" + column.pti.value + "'")
    return " AND ".join(parts)


def aggregate_sql(column: HistoryColumn) -> str:
    """The aggregate over one party's earlier findings `f` (DuckDB dialect)."""
    condition = _condition(column)
    if column.measure == COUNT:
        if not condition:
            return "COUNT(DISTINCT f.entry_no)"
        return f"COUNT(DISTINCT CASE WHEN {condition} THEN f.entry_no END)"
    return f"MAX(CASE WHEN {condition} THEN f.finding_date END)"


def value_sql(column: HistoryColumn, aggregated: str) -> str:
    """The rule column from its aggregate (`aggregated`, NULL when the party has no findings)."""
    if column.measure == COUNT:
        return f"COALESCE({aggregated}, 0)"
    return f"DATE_DIFF('day', {aggregated}, s.entry_date)"


def empty_sql(column: HistoryColumn) -> str:
    """The column's value when there is no history at all."""
    return "0" if column.measure == COUNT else "CAST(NULL AS BIGINT)"


def party_cte(party: str, source: str = "src") -> str:
    """`<p>h`: per (party, entry_date) of the lines, the aggregates over earlier findings."""
    key, alias = f"{party}_id", party[0]
    aggregates = ", ".join(
        f"{aggregate_sql(c)} AS {c.name}" for c in HISTORY_COLUMNS if c.party == party
    )
    return (
        f"{alias}k AS (SELECT DISTINCT {key}, entry_date FROM {source}),\n"
        f"{alias}h AS (\n  SELECT {alias}k.{key}, {alias}k.entry_date, {aggregates}\n"
        f"  FROM {alias}k JOIN f ON f.{key} = {alias}k.{key}"
        f" AND f.finding_date < {alias}k.entry_date\n"
        f"  GROUP BY {alias}k.{key}, {alias}k.entry_date\n)"
    )


def party_join(party: str) -> str:
    key, alias = f"{party}_id", party[0]
    return f" LEFT JOIN {alias}h ON {alias}h.{key} = s.{key} AND {alias}h.entry_date = s.entry_date"


def select_sql(columns: tuple[HistoryColumn, ...], with_history: bool) -> str:
    """`<value> AS <name>` for each column, reading `<p>h` when there is history."""
    return ", ".join(
        (value_sql(c, f"{c.party[0]}h.{c.name}") if with_history else empty_sql(c))
        + f" AS {c.name}"
        for c in columns
    )


def party_values(
    party: str, day: date, earlier: list[tuple[date, str, bool, str | None]]
) -> dict[str, int | None]:
    """The party's history columns for a line entered on `day`, in Python (real-time scoring):
    `earlier` holds (finding_date, entry_no, violation, pti) of findings dated before `day`."""
    out: dict[str, int | None] = {}
    for column in HISTORY_COLUMNS:
        if column.party != party:
            continue
        pti = None if column.pti is None else column.pti.value
        matching = [
            (found, entry)
            for found, entry, violation, its_pti in earlier
            if (violation or not column.violation) and (pti is None or its_pti == pti)
        ]
        if column.measure == COUNT:
            out[column.name] = len({entry for _found, entry in matching})
        else:
            out[column.name] = (day - max(f for f, _e in matching)).days if matching else None
    return out
