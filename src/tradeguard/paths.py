"""Where the project's own authored libraries live: starter rules and starter plans.

They are kept at the top of the repository (`rules/`, `plans/`) where analysts and PTI managers
edit them; an installed copy falls back to the ones packaged beside this module.
"""

from __future__ import annotations

from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _library(name: str) -> Path:
    in_repo = _SOURCE_ROOT / name
    return in_repo if in_repo.is_dir() else Path(__file__).resolve().parent / name


STARTER_RULES_DIR = _library("rules")
STARTER_PLANS_DIR = _library("plans")
