"""The quota race: Brazilian frozen beef presented when the "other countries" beef quota opens.

CBP's bulletins note that some quotas fill "at or shortly after the opening of the quota
period"; the beef quota for other countries or areas (65,005,000 kg, HTSUS chapter 2 additional
U.S. note 3) is one. This step adds, in the first weeks of the calendar year inside the fiscal
year, bulk shipments of Brazilian beef declared under the in-quota subheading 0202.20.10 at the
in-quota rate, about 12% more than the quota holds. The lines charged after the quota filled
(charged exactly as ingest charges them, domain/quotas.py) are the planted violations: they
claimed the in-quota rate the quota no longer had, `quota_evasion` under Agriculture Programs.
It is opt-in (`generate --quota-race`; the demo loads it as a late file of its own): a national
quota dwarfs a sampled year.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradeguard.domain.entry_number import make_entry_no
from tradeguard.domain.pti import PTI
from tradeguard.domain.quotas import QuotaLine, charge, whole_units
from tradeguard.reference.quotas import packaged_quotas

QUOTA_ID = "BEEF-OTHER"
HTS10 = "0202201000"  # frozen high-quality beef cuts, in-quota (additional U.S. note 3): 4%
IN_QUOTA_RATE = Decimal("0.04")
OVERFILL = 1.12  # the race brings this much of the quota
USD_PER_KG = (4.6, 6.2)
FILER = "QBR"


def _race_rows(rng: np.random.Generator, fy: int) -> list[dict[str, object]]:
    quota = next(q for q in packaged_quotas() if q.quota_id == QUOTA_ID)
    opening = date(fy, 1, 2)
    rows: list[dict[str, object]] = []
    total, serial = 0, 0
    while total < quota.quantity * OVERFILL:
        serial += 1
        kg = int(rng.integers(4_000_000, 6_500_000))
        total += kg
        value = Decimal(str(round(kg * float(rng.uniform(*USD_PER_KG)), 2)))
        duty = (value * IN_QUOTA_RATE).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        day = opening + timedelta(days=int(rng.integers(0, 21)))
        rows.append(
            {
                "entry_no": make_entry_no(FILER, serial), "line_no": 1, "entry_date": day,
                "port_code": "5301", "mode": "vessel", "entry_type": "02", "filer_code": FILER,
                "importer_id": f"IMP9{int(rng.integers(0, 6)):06d}",
                "manufacturer_id": f"BRFRIGO{int(rng.integers(1, 5))}SAO",
                "origin_country": "BR", "export_country": "BR", "hts10": HTS10,
                "description": "frozen boneless beef, high-quality cuts", "quantity": float(kg),
                "unit": "kg", "value_usd": value, "duty_rate": IN_QUOTA_RATE,
                "duty_usd": duty, "spi": "", "adcvd_case": "", "adcvd_rate": None,
                "ctpat": False, "isa": False, "bond_type": "continuous",
                "bond_amount_usd": Decimal("1000000.00"),
            }
        )  # fmt: skip
    return rows


def _over_quota(declarations: pa.Table) -> set[tuple[str, int]]:
    """(entry_no, line_no) of every line charged over its quota, as ingest will charge it."""
    quotas = packaged_quotas()
    prefixes = tuple({p for q in quotas for p in q.hts_scope})
    hts = declarations["hts10"].to_pylist()
    keep = pa.array([h.startswith(prefixes) for h in hts])
    scoped = declarations.filter(keep).to_pylist()
    lines = [
        QuotaLine(r["entry_no"], r["line_no"], r["entry_date"], r["hts10"], r["origin_country"],
                  r["unit"], whole_units(r["quantity"]))
        for r in scoped
    ]  # fmt: skip
    return {(c.entry_no, c.line_no) for c in charge(quotas, lines) if c.over_quota > 0}


def race_tables(
    declarations: pa.Table, truth: pa.Table, *, seed: int, fy: int
) -> tuple[pa.Table, pa.Table]:
    """The race's own declarations, and the year's truth with the race's lines added and every
    over-quota line (the race's or the year's own) marked."""
    rng = np.random.default_rng([seed, 19])
    race = pa.Table.from_pylist(_race_rows(rng, fy), schema=declarations.schema)
    race_truth = pa.Table.from_pylist(
        [
            {"entry_no": r["entry_no"], "line_no": 1, "violation": False, "pti": None,
             "violation_type": "", "scheme": "", "true_hts10": HTS10, "true_origin": "BR",
             "true_value_usd": r["value_usd"]}
            for r in race.to_pylist()
        ],
        schema=truth.schema,
    )  # fmt: skip
    truth = pa.concat_tables([truth, race_truth])
    over = _over_quota(pa.concat_tables([declarations, race]))
    keys = zip(truth["entry_no"].to_pylist(), truth["line_no"].to_pylist(), strict=True)
    mark = pa.array([k in over for k in keys], pa.bool_())
    fresh = pc.and_(mark, pc.invert(truth["violation"]))
    columns = {
        "violation": pc.or_(truth["violation"], mark),
        "pti": pc.if_else(fresh, PTI.AGRICULTURE.value, truth["pti"]),
        "violation_type": pc.if_else(fresh, "quota_evasion", truth["violation_type"]),
        "scheme": pc.if_else(fresh, "quota_overfill", truth["scheme"]),
    }
    for name, column in columns.items():
        truth = truth.set_column(truth.schema.get_field_index(name), name, column)
    return race, truth


def add_quota_race(
    declarations: pa.Table, truth: pa.Table, *, seed: int, fy: int
) -> tuple[pa.Table, pa.Table]:
    """The year with the race's entries added and every over-quota line marked in the truth."""
    race, truth = race_tables(declarations, truth, seed=seed, fy=fy)
    return pa.concat_tables([declarations, race]), truth
