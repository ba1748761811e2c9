"""Read the USITC Harmonized Tariff Schedule CSV export into 10-digit statistical lines.

In the export a rate prints only on the line that carries it: an 8-digit subheading usually
holds the general rate and its 10-digit statistical suffixes inherit it; some 10-digit lines
carry their own. Descriptions of 10-digit lines are often just "Other", so each line's
description joins the indented descriptions above it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tradeguard.domain.errors import InvalidInput
from tradeguard.reference.rates import DutyRate, parse_rate

REQUIRED_COLUMNS = (
    "HTS Number",
    "Indent",
    "Description",
    "Unit of Quantity",
    "General Rate of Duty",
)


@dataclass(frozen=True, slots=True)
class ScheduleLine:
    hts10: str
    description: str
    unit: str
    rate: DutyRate
    chapter: int


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}", "file") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{path} is not UTF-8 (bad byte at offset {error.start}); export it as UTF-8 CSV",
            "file",
        ) from error


_TAGS = re.compile(r"<[^>]*>")


def _first_unit(cell: str) -> str:
    """The first unit of quantity: the export writes them as a JSON list, e.g. ["No.","kg"]."""
    cell = cell.strip()
    if cell.startswith("["):
        try:
            units = json.loads(cell)
        except json.JSONDecodeError:
            return cell
        return _TAGS.sub("", str(units[0])) if units else ""
    return _TAGS.sub("", cell)


def _describe(stack: dict[int, str], indent: int) -> str:
    parts = [stack[i].rstrip(":") for i in range(1, indent + 1) if stack.get(i)]
    if not parts:
        parts = [stack.get(0, "").rstrip(":")]
    return _TAGS.sub("", ": ".join(parts))[:240]


def read_schedule(path: Path) -> list[ScheduleLine]:
    """Every 10-digit line of the export, with the general rate it carries or inherits."""
    reader = csv.DictReader(io.StringIO(_decode(path)))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InvalidInput(f"{path} is missing column(s): {', '.join(missing)}", "file")
    stack: dict[int, str] = {}
    rates: dict[str, str] = {}  # 4/6/8-digit prefix -> the rate text it carries
    lines: list[ScheduleLine] = []
    for row in reader:
        indent_text = (row.get("Indent") or "").strip()
        indent = int(indent_text) if indent_text.isdigit() else 0
        stack[indent] = (row.get("Description") or "").strip()
        for deeper in [i for i in stack if i > indent]:
            del stack[deeper]
        digits = (row.get("HTS Number") or "").replace(".", "").strip()
        if not digits.isdigit():
            continue
        own_rate = (row.get("General Rate of Duty") or "").strip()
        if len(digits) < 10:
            if own_rate:
                rates[digits] = own_rate
            continue
        if len(digits) != 10:
            continue
        rate_text = own_rate or next(
            (rates[digits[:n]] for n in (8, 6, 4) if digits[:n] in rates), ""
        )
        lines.append(
            ScheduleLine(
                hts10=digits,
                description=_describe(stack, indent),
                unit=_first_unit(row.get("Unit of Quantity") or ""),
                rate=parse_rate(rate_text),
                chapter=int(digits[:2]),
            )
        )
    return lines
