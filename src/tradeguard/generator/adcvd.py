"""A synthetic AD/CVD history: deposits, reviews, instructions, liquidations, payments and
planted nonpayment, over the six fiscal years that end with `fy`. Deterministic by seed.

- Each order's deposit rate starts at its packaged rate and changes when a review's
  instruction is issued; 70% of periods are reviewed, the rest liquidate at the deposit rate.
  30% of the orders are "escalating": nine reviews in ten raise the rate 1.6 to 3.5 times;
  other reviews move it a little, more often down than up.
- Instructions for a period are issued 8 to 14 months after it ends (2 to 4 without review);
  CBP liquidates within six months, except a planted 15% late, each with a cause.
- Importers: 30% new (first entry later in the horizon), a continuous bond for 70%. A hidden
  share are defaulters (45% of new importers, 2% of others, 10 points more with a single bond,
  and a defaulter's continuous bond is the $50,000 minimum): they never pay a bill, and 80% of
  them import under the escalating orders. Others pay 5 to 75 days after the bill, and 3% of
  their bills go unpaid by chance.
- The truth says, for every line, whether it ends as an unpaid bill (`nonpayment`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tradeguard.domain.adcvd.entries import MICRO, add_months, duty_cents
from tradeguard.domain.entry_number import make_entry_no
from tradeguard.domain.errors import InvalidInput
from tradeguard.reference.adcvd import packaged_orders

YEARS = 6
LATE_SHARE = 0.15
REVIEWED_SHARE = 0.7
ESCALATING_SHARE = 0.3
DEFAULTERS_CHASING_RISES = 0.8
LATE_CAUSES = (
    ("backlog", 0.4), ("instruction_clarification", 0.3), ("injunction", 0.2),
    ("entry_not_found", 0.1),
)  # fmt: skip
DEPOSIT_COLUMNS = (
    "entry_no", "line_no", "entry_date", "importer_id", "adcvd_case", "adcvd_rate", "value_usd",
    "bond_type", "bond_amount_usd",
)  # fmt: skip
TRUTH_COLUMNS = ("entry_no", "line_no", "nonpayment", "defaulter", "final_rate", "bill_usd")
FILES = ("adcvd_deposits", "adcvd_instructions", "adcvd_liquidations", "adcvd_payments",
         "adcvd_truth")  # fmt: skip


@dataclass(frozen=True, slots=True)
class AdcvdData:
    deposits: pa.Table
    instructions: pa.Table
    liquidations: pa.Table
    payments: pa.Table
    truth: pa.Table
    as_of: date  # the last day simulated
    cutoff: date  # first day of the last fiscal year: the out-of-time test starts here


@dataclass(slots=True)
class _Line:
    entry_no: str
    line_no: int
    day: date
    importer: int
    order: int
    value_c: int
    rate: int


def _periods(fy: int) -> list[tuple[date, date]]:
    return [(date(y - 1, 10, 1), date(y, 9, 30)) for y in range(fy - YEARS + 1, fy + 1)]


def _importers(
    rng: np.random.Generator, count: int, days: int, escalating: np.ndarray
) -> dict[str, np.ndarray]:
    new = rng.random(count) < 0.30
    first = np.where(new, rng.integers(days // 6, days - 60, count), 0)
    single = rng.random(count) < 0.30
    p_default = np.where(new, 0.45, 0.02) + np.where(single, 0.10, 0.0)
    size = np.exp(rng.normal(0.0, 1.0, count))
    bond = np.maximum(50_000_00, np.round(size * 60_000_00 / 10_000_00) * 10_000_00)
    defaulter = rng.random(count) < p_default
    orders = rng.integers(0, len(escalating), (count, 2))
    # importers that will not pay are drawn to the orders whose duties keep rising
    rising = np.flatnonzero(escalating)
    chase = defaulter & (rng.random(count) < DEFAULTERS_CHASING_RISES) & (len(rising) > 0)
    if len(rising):
        orders[chase] = rng.choice(rising, size=(int(chase.sum()), 2))
    return {
        "new": new, "first": first, "single": single, "defaulter": defaulter,
        "size": size / size.sum(), "bond_c": bond.astype(np.int64), "orders": orders,
    }  # fmt: skip


def _lines(
    rng: np.random.Generator, count: int, fy: int, imp: dict[str, np.ndarray]
) -> list[_Line]:
    start = _periods(fy)[0][0]
    days = (date(fy, 9, 30) - start).days + 1
    lines: list[_Line] = []
    serial = 1_000_000
    while len(lines) < count:
        who = int(rng.choice(len(imp["size"]), p=imp["size"]))
        first = int(imp["first"][who])
        day = start + timedelta(days=int(rng.integers(first, days)))
        order = int(imp["orders"][who][int(rng.integers(0, 2))])
        serial += 1
        entry_no = make_entry_no("ADC", serial)
        for line_no in range(1, int(rng.integers(1, 4)) + 1):
            value = int(max(1_000_00, round(float(np.exp(rng.normal(10.3, 0.9))) * 100)))
            lines.append(_Line(entry_no, line_no, day, who, order, value, 0))
    return lines[:count]


@dataclass(frozen=True, slots=True)
class _Review:
    kind: str  # review or no_review
    period: tuple[date, date]
    final: int | None  # millionths; None: the deposit rate stands
    issued_on: date


def _reviews(rng: np.random.Generator, fy: int, escalating: np.ndarray) -> list[list[_Review]]:
    """Each order's periods in order; a reviewed period's rate follows from the one in force."""
    orders = packaged_orders()
    found = []
    for number, order in enumerate(orders):
        done: list[_Review] = []
        for first, last in _periods(fy):
            if rng.random() >= REVIEWED_SHARE:
                issued = last + timedelta(days=int(rng.integers(60, 120)))
                done.append(_Review("no_review", (first, last), None, issued))
                continue
            base = _rate_on(int(order.rate * MICRO), done, first)
            big = escalating[number] and rng.random() < 0.9
            factor = rng.uniform(1.6, 3.5) if big else np.exp(rng.normal(-0.1, 0.3))
            issued = last + timedelta(days=int(rng.integers(240, 420)))
            done.append(_Review("review", (first, last), int(base * float(factor)), issued))
        found.append(done)
    return found


def _rate_on(initial: int, reviews: list[_Review], day: date) -> int:
    """The cash deposit rate in force on `day`: the last review's final rate issued before it."""
    rate = initial
    for r in sorted(reviews, key=lambda r: r.issued_on):
        if r.issued_on <= day and r.final is not None:
            rate = r.final
    return rate


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _rate(micro: int) -> str:
    return f"{micro // MICRO}.{micro % MICRO:06d}"


def _covering(reviews: list[_Review], day: date) -> _Review:
    return next(r for r in reviews if r.period[0] <= day <= r.period[1])


def _instructions(
    rng: np.random.Generator, reviews: list[list[_Review]], as_of: date
) -> tuple[dict[str, list[object]], dict[str, list[object]], dict[tuple[int, date], date]]:
    """Instructions issued by `as_of`, CBP's liquidation of each, and (order, period) -> day."""
    orders = packaged_orders()
    ins: dict[str, list[object]] = {k: [] for k in ("message_no", "case_no", "kind",
                                                   "period_from", "period_to", "final_rate",
                                                   "issued_on")}  # fmt: skip
    liq: dict[str, list[object]] = {"message_no": [], "liquidated_on": [], "cause": []}
    liquidated: dict[tuple[int, date], date] = {}
    causes = np.array([c for c, _ in LATE_CAUSES])
    weights = np.array([w for _, w in LATE_CAUSES])
    for number, per in enumerate(reviews):
        for k, r in enumerate(per):
            late = rng.random() < LATE_SHARE
            cause = str(rng.choice(causes, p=weights))
            delay = int(rng.integers(10, 240)) if late else int(rng.integers(15, 170))
            if r.issued_on > as_of:
                continue
            message = f"{r.issued_on:%y%j}{number:02d}{k}"
            for key, value in zip(ins, (message, orders[number].case_no, r.kind, r.period[0],
                                        r.period[1], "" if r.final is None else _rate(r.final),
                                        r.issued_on), strict=True):  # fmt: skip
                ins[key].append(value)
            on = (add_months(r.issued_on, 6) if late else r.issued_on) + timedelta(days=delay)
            if on <= as_of:
                liq["message_no"].append(message)
                liq["liquidated_on"].append(on)
                liq["cause"].append(cause if late else "")
                liquidated[(number, r.period[0])] = on
    return ins, liq, liquidated


def _append(columns: dict[str, list[object]], values: tuple[object, ...]) -> None:
    for key, value in zip(columns, values, strict=True):
        columns[key].append(value)


@dataclass(slots=True)
class _Tables:
    deposits: dict[str, list[object]]
    truth: dict[str, list[object]]
    payments: dict[str, list[object]]


def _outcomes(
    rng: np.random.Generator,
    drawn: list[_Line],
    imp: dict[str, np.ndarray],
    reviews: list[list[_Review]],
    liquidated: dict[tuple[int, date], date],
    as_of: date,
) -> _Tables:
    """Each line's deposit row, its truth, and the importer's payment if it paid by `as_of`."""
    orders = packaged_orders()
    out = _Tables(
        {k: [] for k in DEPOSIT_COLUMNS}, {k: [] for k in TRUTH_COLUMNS},
        {"entry_no": [], "line_no": [], "paid_on": []},
    )  # fmt: skip
    entry_totals: dict[str, int] = {}
    for line in drawn:
        cover = line.value_c + duty_cents(line.value_c, line.rate)
        entry_totals[line.entry_no] = entry_totals.get(line.entry_no, 0) + cover
    for line in drawn:
        single = bool(imp["single"][line.importer])
        defaulter = bool(imp["defaulter"][line.importer])
        # a single bond covers the entry's value and deposits; a defaulter's continuous bond
        # is the $50,000 minimum
        continuous = 50_000_00 if defaulter else int(imp["bond_c"][line.importer])
        bond = -(-entry_totals[line.entry_no] // 10_000) * 10_000 if single else continuous
        _append(out.deposits, (
            line.entry_no, line.line_no, line.day, f"IMP{line.importer + 1:05d}",
            orders[line.order].case_no, _rate(line.rate), _money(line.value_c),
            "single" if single else "continuous", _money(bond),
        ))  # fmt: skip
        review = _covering(reviews[line.order], line.day)
        final = line.rate if review.final is None else review.final
        bill = duty_cents(line.value_c, final) - duty_cents(line.value_c, line.rate)
        unpaid = bill > 0 and (defaulter or rng.random() < 0.03)
        paid_after = int(rng.integers(5, 75))
        _append(out.truth, (line.entry_no, line.line_no, unpaid, defaulter, _rate(final),
                            _money(max(bill, 0))))  # fmt: skip
        liquidated_on = liquidated.get((line.order, review.period[0]))
        if bill > 0 and not unpaid and liquidated_on is not None:
            paid_on = liquidated_on + timedelta(days=paid_after)
            if paid_on <= as_of:
                _append(out.payments, (line.entry_no, line.line_no, paid_on))
    return out


def generate_adcvd(lines: int, seed: int, fy: int = 2026) -> AdcvdData:
    """`lines` AD/CVD entry lines over six fiscal years ending with `fy`, and what followed."""
    if lines < 10:
        raise InvalidInput("must be at least 10", "lines")
    if not 1990 < fy < 2100:
        raise InvalidInput("must be a fiscal year between 1991 and 2099", "fy")
    rng = np.random.default_rng([seed, 15])
    start, as_of = _periods(fy)[0][0], date(fy, 9, 30)
    escalating = rng.random(len(packaged_orders())) < ESCALATING_SHARE
    imp = _importers(rng, max(30, lines // 20), (as_of - start).days + 1, escalating)
    reviews = _reviews(rng, fy, escalating)
    orders = packaged_orders()
    drawn = _lines(rng, lines, fy, imp)
    for line in drawn:
        line.rate = _rate_on(int(orders[line.order].rate * MICRO), reviews[line.order], line.day)
    ins, liq, liquidated = _instructions(rng, reviews, as_of)
    tables = _outcomes(rng, drawn, imp, reviews, liquidated, as_of)
    return AdcvdData(
        deposits=pa.table(tables.deposits), instructions=pa.table(ins),
        liquidations=pa.table(liq), payments=pa.table(tables.payments),
        truth=pa.table(tables.truth), as_of=as_of, cutoff=date(fy - 1, 10, 1),
    )  # fmt: skip


def write_adcvd(data: AdcvdData, out_dir: Path) -> dict[str, Path]:
    """Parquet files, byte for byte the same for the same seed; instructions also as CSV, the
    form `tradeguard adcvd instructions import` reads."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = (data.deposits, data.instructions, data.liquidations, data.payments, data.truth)
    paths = {}
    for name, table in zip(FILES, tables, strict=True):
        path = out_dir / f"{name}.parquet"
        pq.write_table(table, path, compression="zstd", write_statistics=False)
        paths[name] = path
    csv = out_dir / "adcvd_instructions.csv"
    header = ",".join(data.instructions.column_names)
    rows = zip(*(data.instructions.column(c).to_pylist() for c in data.instructions.column_names),
               strict=True)  # fmt: skip
    csv.write_text(header + "\n" + "".join(",".join(str(v) for v in r) + "\n" for r in rows))
    paths["instructions_csv"] = csv
    return paths
