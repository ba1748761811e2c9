"""The rule columns of an advance filing line: what a pre-entry rule's `where` may name.

A rule with `declaration: advance` reads these instead of the entry rule columns (columns.py):
every advance filing column (docs/declarations.md, "Advance filings") plus a few derived ones an
analyst needs before arrival, such as where the container was stuffed and laden, which is how a
transshipment shows before the goods arrive. Pre-entry rules run on DuckDB (pre_entry_hits_sql)
and on the real-time interpreter, which reads the same compiled trees.
"""

from __future__ import annotations

from collections.abc import Mapping

from tradeguard.domain.advance import ADVANCE_COLUMNS, DeclarationKind
from tradeguard.targeting.columns import BOOL, DATE, NUMBER, RULE_COLUMNS, TEXT

_DECLARED_KINDS = {"line_no": NUMBER, "filed_date": DATE, "arrival_date": DATE}

# name -> (kind, what it means), in the order of the advance rule-lines relation.
ADVANCE_DERIVED: dict[str, tuple[str, str]] = {
    "hts4": (TEXT, "first 4 digits of hts6 (the HS heading)"),
    "chapter": (TEXT, "first 2 digits of hts6 (the HS chapter)"),
    "lading_country": (TEXT, "country of the port of lading (its UN/LOCODE's first 2 letters)"),
    "stuffing_country": (TEXT, "country where the container was stuffed (from its UN/LOCODE)"),
    "days_before_arrival": (NUMBER, "days from filed_date to arrival_date"),
    "shipper_is_seller": (BOOL, "the shipper and the seller are the same party"),
}

ADVANCE_RULE_COLUMNS: dict[str, str] = {
    **{name: _DECLARED_KINDS.get(name, TEXT) for name in ADVANCE_COLUMNS},
    **{name: kind for name, (kind, _doc) in ADVANCE_DERIVED.items()},
}

# The date a rule's effective window applies to, by the declaration kind it reads.
WINDOW_DATE = {DeclarationKind.ENTRY: "entry_date", DeclarationKind.ADVANCE: "arrival_date"}


def columns_for(kind: DeclarationKind) -> Mapping[str, str]:
    """The rule columns a rule on `kind` may read, and their kinds."""
    return ADVANCE_RULE_COLUMNS if kind is DeclarationKind.ADVANCE else RULE_COLUMNS


def advance_lines_sql(source: str) -> str:
    """SELECT producing every advance rule column per filing line (DuckDB dialect)."""
    return f"""
SELECT {", ".join(f"s.{name}" for name in ADVANCE_COLUMNS)},
  SUBSTR(s.hts6, 1, 4) AS hts4, SUBSTR(s.hts6, 1, 2) AS chapter,
  SUBSTR(s.port_of_lading, 1, 2) AS lading_country,
  SUBSTR(s.stuffing_location, 1, 2) AS stuffing_country,
  DATE_DIFF('day', s.filed_date, s.arrival_date) AS days_before_arrival,
  s.shipper = s.seller AS shipper_is_seller
FROM {source} AS s
"""


def advance_rule_row(line: Mapping[str, object]) -> dict[str, object]:
    """Every advance rule column for one typed filing line, as advance_lines_sql defines them
    (the real-time interpreter's row; tests compare the two)."""
    row = {name: line.get(name) for name in ADVANCE_COLUMNS}
    hts6, lading, stuffing = (
        str(row["hts6"]),
        str(row["port_of_lading"]),
        str(row["stuffing_location"]),
    )
    filed, arrival = row["filed_date"], row["arrival_date"]
    row.update(
        hts4=hts6[:4],
        chapter=hts6[:2],
        lading_country=lading[:2],
        stuffing_country=stuffing[:2],
        days_before_arrival=(arrival - filed).days,  # type: ignore[operator]
        shipper_is_seller=row["shipper"] == row["seller"],
    )
    return row
