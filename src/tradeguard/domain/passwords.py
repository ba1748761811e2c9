"""What makes a password too easy to guess, as a pure check (the common list is passed in).

Refused: too short or too long; one character or a short unit repeated (`aaaaaaaaaaaa`,
`abcabcabcabc`, all spaces); a run along the keyboard or the alphabet (`123456789012`); a common
password, whatever its case, also with digits or punctuation added at either end (`Password2024!`).
"""

from __future__ import annotations

import re
from collections.abc import Collection

MINIMUM = 12
MAXIMUM = 1024
_REPEATED = re.compile(r"(.{1,4})\1+", re.DOTALL)
_RUNS = ("0123456789" * 4, "abcdefghijklmnopqrstuvwxyz" * 2, "qwertyuiopasdfghjklzxcvbnm" * 2)
_DECORATION = "0123456789!@#$%^&*()-_=+.,;:?~ "


def password_problem(password: str, common: Collection[str]) -> str | None:
    """Why the password is refused, or None when it is acceptable."""
    if len(password) < MINIMUM:
        return f"password must be at least {MINIMUM} characters"
    if len(password) > MAXIMUM:
        return f"password must be at most {MAXIMUM} characters"
    folded = password.lower()
    if not password.strip() or _REPEATED.fullmatch(folded):
        return "password must not be one character or a short pattern repeated"
    forwards, backwards = folded, folded[::-1]
    if any(forwards in run or backwards in run for run in _RUNS):
        return "password must not be a run of keys, letters or digits"
    core = folded.strip(_DECORATION)
    if folded in common or core in common or not core:
        return "password is too common: it is in the list of passwords tried first by guessers"
    return None
