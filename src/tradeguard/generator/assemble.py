"""Turn the working arrays into the two Arrow tables: declarations and truth.

Money is carried as integer cents until the end and written as decimal128 from those integers,
so duty_usd is exactly round(value_usd × duty_rate, 2) (half to even, as Decimal.quantize does).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradeguard.domain.entry_number import check_digit
from tradeguard.generator.catalog import MICRO, Catalog
from tradeguard.generator.population import Importers
from tradeguard.generator.shipments import Shipments
from tradeguard.generator.violations import FINDING_TYPES, SCHEME_NAMES, TYPE_PTI
from tradeguard.reference import Reference

MONEY = pa.decimal128(18, 2)
RATE = pa.decimal128(12, 6)
INFORMAL_LIMIT_C = 250_000  # $2,500: below it an entry may be informal (19 CFR 143.21)
MIN_CONTINUOUS_BOND_C = 5_000_000  # $50,000


def decimal_array(
    unscaled: np.ndarray, kind: pa.Decimal128Type, valid: np.ndarray | None = None
) -> pa.Array:
    """A decimal128 array from non-negative unscaled integers (cents, or rate × 1e6)."""
    words = np.zeros((len(unscaled), 2), dtype=np.int64)
    words[:, 0] = unscaled
    validity = None if valid is None else pa.array(valid, pa.bool_()).buffers()[1]
    return pa.Array.from_buffers(kind, len(unscaled), [validity, pa.py_buffer(words)])


def duty_cents(value_c: np.ndarray, rate_micro: np.ndarray) -> np.ndarray:
    """round(value × rate, 2) in cents, half to even, in exact integer arithmetic."""
    if len(value_c) and int(value_c.max()) * int(rate_micro.max()) >= 2**63:
        # beyond int64: exact Python integers (never for realistic lines, kept for safety)
        value_c, rate_micro = value_c.astype(object), rate_micro.astype(object)
    product = value_c * rate_micro
    quotient, remainder = product // MICRO, product % MICRO
    half = MICRO // 2
    up = (remainder > half) | ((remainder == half) & (quotient % 2 == 1))
    return (quotient + up).astype(np.int64)


def _entry_numbers(filers: np.ndarray, s: Shipments, importers: Importers) -> np.ndarray:
    """Entry numbers per entry: the broker's filer code and its next serial, in date order.

    The Luhn check digit is computed for all entries at once: the serial's seven digits are
    the rightmost positions, so the filer code's share of the sum is fixed per filer and taken
    from the domain's own `check_digit` (a test checks every number with `entry_no_problem`).
    """
    broker = importers.broker[s.importer]
    order = np.lexsort((np.arange(s.entries), s.day, broker))
    sorted_broker = broker[order]
    starts = np.r_[0, np.flatnonzero(sorted_broker[1:] != sorted_broker[:-1]) + 1]
    rank = np.arange(s.entries) - np.repeat(starts, np.diff(np.r_[starts, s.entries]))
    serial = np.empty(s.entries, dtype=np.int64)
    serial[order] = 1_000_000 + rank
    total = np.zeros(s.entries, dtype=np.int64)
    for k in range(7):
        digit = (serial // 10**k) % 10
        if k % 2 == 0:
            digit = np.where(digit * 2 > 9, digit * 2 - 9, digit * 2)
        total += digit
    filer_share = np.array([(10 - check_digit(f"{f}0000000")) % 10 for f in filers])
    check = (10 - (total + filer_share[broker]) % 10) % 10
    codes = filers.astype("<U3")[broker]
    return np.char.add(
        np.char.add(codes, np.char.zfill(serial.astype("<U7"), 7)), check.astype("<U1")
    )


def _strings(values: np.ndarray, index: np.ndarray) -> pa.Array:
    """values[index] as an Arrow string array, gathered by Arrow (fast for repeated values)."""
    return pa.array(values, pa.string()).take(pa.array(index))


def _entry_types(rng: np.random.Generator, s: Shipments, entry_value: np.ndarray) -> np.ndarray:
    """Mostly consumption entries; informal under the limit; AD/CVD entries are type 03."""
    has_adcvd = np.bincount(s.entry, weights=s.adcvd >= 0, minlength=s.entries) > 0
    draw = rng.random(s.entries)
    entry_type = np.where(draw < 0.02, "21", np.where(draw < 0.04, "06", "01")).astype("<U2")
    entry_type[entry_value < INFORMAL_LIMIT_C] = "11"
    entry_type[has_adcvd] = "03"
    return entry_type


def _bonds(
    s: Shipments, importers: Importers, entry_value: np.ndarray, entry_duty: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per entry: whether its importer has a continuous bond, and the bond's amount
    (10% of a year's duty, at least the minimum, or value plus duty for a single bond)."""
    continuous = importers.continuous_bond[s.importer]
    yearly_duty = np.bincount(s.importer, weights=entry_duty, minlength=len(importers.ids))
    bond_continuous = np.maximum(MIN_CONTINUOUS_BOND_C, np.ceil(yearly_duty * 0.1 / 1e6) * 1e6)
    bond_single = np.ceil((entry_value + entry_duty) / 100) * 100
    bond_c = np.where(continuous, bond_continuous[s.importer], bond_single).astype(np.int64)
    return continuous, bond_c


def _line_order(s: Shipments, entry_no: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows in order of entry date, entry number, line number: the shipment of each row, its
    entry, and its line number within the entry."""
    entry_order = np.lexsort((entry_no, s.day))
    entry_rank = np.empty(s.entries, dtype=np.int64)
    entry_rank[entry_order] = np.arange(s.entries)
    line = np.lexsort((np.arange(len(s.entry)), entry_rank[s.entry]))
    e = s.entry[line]
    line_no = (np.arange(len(e)) - np.searchsorted(entry_rank[e], entry_rank[e])).astype(
        np.int32
    ) + 1
    return line, e, line_no


def _truth(
    s: Shipments, line: np.ndarray, catalog: Catalog, entry_no: pa.Array, line_no: pa.Array
) -> pa.Table:
    """What really happened on each line, in the declarations' row order."""
    vtype = s.vtype[line].astype(np.int64)
    return pa.table(
        {
            "entry_no": entry_no,
            "line_no": line_no,
            "violation": pa.array(s.violation[line], pa.bool_()),
            "pti": _strings(np.array(TYPE_PTI, dtype=object), vtype),
            "violation_type": _strings(np.array(FINDING_TYPES, dtype=object), vtype),
            "scheme": _strings(np.array(SCHEME_NAMES, dtype=object), vtype),
            "true_hts10": _strings(catalog.hts10, s.true_hts[line]),
            "true_origin": pa.array(s.true_origin[line], pa.string()),
            "true_value_usd": decimal_array(s.true_value_c[line], MONEY),
        }
    )


def build_tables(
    rng: np.random.Generator,
    s: Shipments,
    ref: Reference,
    catalog: Catalog,
    importers: Importers,
    filers: np.ndarray,
    first_day: date,
) -> tuple[pa.Table, pa.Table]:
    entry_no = _entry_numbers(filers, s, importers)
    duty_c = duty_cents(s.value_c, s.rate_micro)
    entry_value = np.bincount(s.entry, weights=s.value_c, minlength=s.entries)
    entry_duty = np.bincount(s.entry, weights=duty_c, minlength=s.entries)
    entry_type = _entry_types(rng, s, entry_value)
    continuous, bond_c = _bonds(s, importers, entry_value, entry_duty)
    line, e, line_no = _line_order(s, entry_no)

    orders = ref.adcvd_orders
    case = np.array([""] + [o.case_no for o in orders], dtype=object)
    order_rate = np.array([0] + [int(o.rate * MICRO) for o in orders], dtype=np.int64)
    adcvd = s.adcvd[line]
    days = np.array(first_day, dtype="datetime64[D]") + s.day
    entry_no_arrow = _strings(entry_no, e)

    declarations = pa.table(
        {
            "entry_no": entry_no_arrow,
            "line_no": pa.array(line_no, pa.int32()),
            "entry_date": pa.array(days[e], pa.date32()),
            "port_code": _strings(s.port, e),
            "mode": _strings(s.mode, e),
            "entry_type": _strings(entry_type, e),
            "filer_code": pc.utf8_slice_codeunits(entry_no_arrow, 0, 3),
            "importer_id": _strings(importers.ids, s.importer[e]),
            "manufacturer_id": pa.array(s.mid[line], pa.string()),
            "origin_country": pa.array(s.origin[line], pa.string()),
            "export_country": pa.array(s.export[line], pa.string()),
            "hts10": _strings(catalog.hts10, s.hts[line]),
            "description": _strings(catalog.description, s.hts[line]),
            "quantity": pa.array(s.qty[line], pa.float64()),
            "unit": _strings(catalog.unit, s.hts[line]),
            "value_usd": decimal_array(s.value_c[line], MONEY),
            "duty_rate": decimal_array(s.rate_micro[line], RATE),
            "duty_usd": decimal_array(duty_c[line], MONEY),
            "spi": pa.array(s.spi[line], pa.string()),
            "adcvd_case": _strings(case, adcvd + 1),
            "adcvd_rate": decimal_array(order_rate[adcvd + 1], RATE, valid=adcvd >= 0),
            "ctpat": pa.array(importers.ctpat[s.importer[e]], pa.bool_()),
            "isa": pa.array(importers.isa[s.importer[e]], pa.bool_()),
            "bond_type": _strings(
                np.array(["single", "continuous"]), continuous[e].astype(np.int64)
            ),
            "bond_amount_usd": decimal_array(bond_c[e], MONEY),
        }
    )
    truth = _truth(s, line, catalog, entry_no_arrow, declarations.column("line_no"))
    return declarations, truth


def first_day_of(fy: int) -> date:
    return date(fy - 1, 10, 1)


def days_in(fy: int) -> int:
    return (date(fy, 9, 30) - first_day_of(fy)).days + 1
