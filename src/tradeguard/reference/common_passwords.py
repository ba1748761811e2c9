"""The 10,000 most common passwords, which a new password may not be (or merely decorate).

The list is the head of the "passwords" frequency list shipped by zxcvbn 4.5.0 (MIT licence,
Dropbox), most common first, one per line, in `data/common_passwords.txt`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def common_passwords() -> frozenset[str]:
    data = resources.files("tradeguard.reference").joinpath("data/common_passwords.txt")
    text = data.read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())
