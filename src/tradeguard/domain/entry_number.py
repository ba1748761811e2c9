"""CBP entry numbers: 3-character filer code, 7-digit serial, 1 check digit.

The check digit (documented in docs/declarations.md): every letter of the filer code becomes its
two-digit value A=10 … Z=35 (as in ISO 6346), digits stay as they are, and the Luhn mod-10 check
digit of the resulting digit string is appended. `ABC1234567` → digits 10 11 12 1234567 → 5.
"""

from __future__ import annotations

import re

ENTRY_NO = re.compile(r"^[A-Z0-9]{3}[0-9]{8}$")


def _digits(body: str) -> list[int]:
    out: list[int] = []
    for ch in body:
        if ch.isdigit():
            out.append(int(ch))
        else:
            value = ord(ch) - ord("A") + 10
            out.extend((value // 10, value % 10))
    return out


def check_digit(body: str) -> int:
    """Luhn check digit of the 10-character body (filer code + serial)."""
    total = 0
    for i, d in enumerate(reversed(_digits(body))):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def make_entry_no(filer_code: str, serial: int) -> str:
    body = f"{filer_code}{serial:07d}"
    return f"{body}{check_digit(body)}"


def entry_no_problem(entry_no: str) -> str | None:
    """Why `entry_no` is not a valid entry number, or None when it is."""
    if not ENTRY_NO.match(entry_no):
        return "must be 3 filer-code characters, 7 digits and a check digit (11 characters)"
    if int(entry_no[-1]) != check_digit(entry_no[:10]):
        return f"check digit {entry_no[-1]} is wrong; expected {check_digit(entry_no[:10])}"
    return None
