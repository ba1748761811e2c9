"""The entry rule columns that compare an entry line with its advance filing (ISF/manifest).

Kept apart from columns.py so that its edit there stays small: the CTE, the columns and the join
that rule_lines_sql adds when an advance relation is given. An entry line has at most one advance
line (ingest refuses a second), the GROUP BY only guards the join against ever repeating a line.
A mismatch is NULL when the line has no advance filing: unknown, which no rule reads as a match.
"""

from __future__ import annotations

# name -> what it means; all are BOOL rule columns (columns.DERIVED lists them).
MISMATCH_COLUMNS: dict[str, str] = {
    "advance_filed": "an advance filing (ISF) names this entry line (entry_no, line_no)",
    "advance_origin_mismatch": "the advance filing's origin_country differs from the entry's"
    " (null: no filing)",
    "advance_manufacturer_mismatch": "the advance filing's manufacturer_id differs from the"
    " entry's (null: no filing)",
    "advance_hts6_mismatch": "the advance filing's hts6 differs from the entry's hts10[:6]"
    " (null: no filing)",
}
ADVANCE_MATCH = frozenset(MISMATCH_COLUMNS)


def advance_cte(advance: str) -> str:
    return (
        "adv AS (SELECT entry_no, line_no, MIN(origin_country) AS origin_country, "
        "MIN(manufacturer_id) AS manufacturer_id, MIN(hts6) AS hts6 "
        f"FROM {advance} GROUP BY entry_no, line_no)"
    )


ADVANCE_JOIN = " LEFT JOIN adv ON adv.entry_no = s.entry_no AND adv.line_no = s.line_no"


def advance_columns_sql(joined: bool) -> str:
    """The four columns, from the `adv` join or (no advance data) as FALSE and NULLs."""
    if not joined:
        none = "CAST(NULL AS BOOLEAN)"
        return (
            f"FALSE AS advance_filed, {none} AS advance_origin_mismatch, "
            f"{none} AS advance_manufacturer_mismatch, {none} AS advance_hts6_mismatch"
        )
    return (
        "adv.entry_no IS NOT NULL AS advance_filed, "
        "adv.origin_country <> s.origin_country AS advance_origin_mismatch, "
        "adv.manufacturer_id <> s.manufacturer_id AS advance_manufacturer_mismatch, "
        "adv.hts6 <> SUBSTR(s.hts10, 1, 6) AS advance_hts6_mismatch"
    )
