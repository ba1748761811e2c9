"""Which loaded lines the admissibility reference data bars or questions, found with the same
rule columns and compiler targeting uses (DuckDB over the lake), then attributed to the orders
that cover them with the domain's plain meaning (for rescission reviews and detentions)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tradeguard.config import Settings
from tradeguard.domain.pti import PTI
from tradeguard.domain.rule import PublishedRule, Risk, Rule, Stage
from tradeguard.services.admissibility import reference_in_force
from tradeguard.store.database import Database
from tradeguard.store.lake import EntryLake
from tradeguard.targeting import engine_duckdb
from tradeguard.targeting.admissibility_columns import AdmissibilityData
from tradeguard.targeting.compiler import compile_rules

SCREENS = {
    "excluded": "under_exclusion_order",
    "withheld": "under_withhold_release_order",
    "unauthorized": "manufacturer_authorized_for_mark = FALSE",
}


@dataclass(frozen=True, slots=True)
class ScreenedLine:
    entry_no: str
    line_no: int
    entry_date: date
    importer_id: str
    manufacturer_id: str
    hts10: str
    origin_country: str
    value_usd: Decimal
    excluded: bool
    withheld: bool
    unauthorized: bool


@dataclass(frozen=True, slots=True)
class Screening:
    reference: AdmissibilityData
    lines: tuple[ScreenedLine, ...]

    def entries(self, flag: str) -> list[ScreenedLine]:
        """The first flagged line of each entry, in entry order."""
        first: dict[str, ScreenedLine] = {}
        for line in self.lines:
            if getattr(line, flag) and line.entry_no not in first:
                first[line.entry_no] = line
        return list(first.values())

    def entries_per_order(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for line in self.entries("excluded"):
            for o in self.reference.exclusion_orders:
                if o.covers(line.hts10, line.manufacturer_id, line.entry_date):
                    counts[o.order_no] += 1
        return dict(counts)

    def withhold_order_for(self, line: ScreenedLine) -> str:
        return next(
            w.wro_no
            for w in self.reference.withhold_orders
            if w.covers(line.hts10, line.manufacturer_id, line.origin_country, line.entry_date)
        )


def _screens() -> list[PublishedRule]:
    return [
        PublishedRule(
            Rule(
                id=f"R-ADM-{name.upper()}",
                name=f"admissibility screen: {name}",
                rationale="lines the admissibility reference data covers",
                pti=PTI.IPR,
                risk=Risk.MANDATORY,
                stages=(Stage.ENTRY,),
                where=where,
                owner="admissibility",
            ),  # fmt: skip
            1,
        )
        for name, where in SCREENS.items()
    ]


def screen_lake(db: Database, settings: Settings) -> Screening:
    reference = reference_in_force(db)
    lake = EntryLake(settings.lake_dir).snapshot()
    if lake.is_empty():
        return Screening(reference, ())
    # compile_rules orders rules by id: find each screen's predicate by its rule id
    by_id = {c.rule.id: c.sql("duckdb") for c in compile_rules(_screens(), None, reference)}
    predicates = [by_id[f"R-ADM-{name.upper()}"] for name in SCREENS]
    flags = ", ".join(f"{p} AS {name}" for name, p in zip(SCREENS, predicates, strict=True))
    query = (
        "SELECT entry_no, line_no, entry_date, importer_id, manufacturer_id, hts10, "
        f"origin_country, value_usd, {flags} FROM {lake.duckdb_relation_sql()} "
        f"WHERE {' OR '.join(predicates)} ORDER BY entry_no, line_no"
    )
    con = engine_duckdb.connect()
    try:
        found = con.sql(query).fetchall()
    finally:
        con.close()
    lines = tuple(
        ScreenedLine(
            entry_no=r[0],
            line_no=int(r[1]),
            entry_date=r[2],
            importer_id=r[3],
            manufacturer_id=r[4],
            hts10=r[5],
            origin_country=r[6],
            value_usd=Decimal(str(r[7])),
            excluded=bool(r[8]),
            withheld=bool(r[9]),
            unauthorized=bool(r[10]),
        )  # fmt: skip
        for r in found
    )
    return Screening(reference, lines)
