"""PTI plan files: reading them, and the plan inventory (GAO-17-618 Table 11) they make up.

A deployment keeps its plans in TRADEGUARD_HOME/plans; without them the starter plans shipped in
`plans/` are used. Each file holds one plan; its name (without .yaml) is the plan id unless the
file says `id:`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import yaml

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.fiscal import fiscal_year
from tradeguard.domain.plan_inventory import Inventory, take_inventory
from tradeguard.domain.plans import Plan, parse_plan
from tradeguard.paths import STARTER_PLANS_DIR


def load_plan_file(path: Path) -> Plan:
    """One plan file; InvalidInput names the file and the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(f"{path}: cannot read: {error.strerror}", "file") from None
    except yaml.YAMLError as error:
        raise InvalidInput(f"{path}: not valid YAML: {error}", "file") from None
    try:
        return parse_plan(data, path.stem)
    except InvalidInput as error:
        raise InvalidInput(f"{path}: {error}", error.field) from None


def plan_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            out.append(path)
    return out


def load_plans(paths: Iterable[Path]) -> list[Plan]:
    """Plans from files and folders of *.yaml; plan ids must be unique."""
    plans = [load_plan_file(p) for p in plan_files(paths)]
    seen: set[str] = set()
    for plan in plans:
        if plan.id in seen:
            raise InvalidInput(f"plan id {plan.id!r} is used by two files", "id")
        seen.add(plan.id)
    return plans


def default_plans_dir(settings: Settings) -> Path:
    """A deployment's own plans (TRADEGUARD_HOME/plans) when it has them; the starter plans else."""
    own = settings.home / "plans"
    return own if own.is_dir() and any(own.glob("*.y*ml")) else STARTER_PLANS_DIR


def plan_inventory(paths: Iterable[Path], fy: int | None, as_of: date | None) -> Inventory:
    """Table 11 for the plans in `paths`: for fiscal year `fy` (default: that of `as_of`), as of
    the day `as_of` (default: today)."""
    day = as_of or date.today()
    return take_inventory(load_plans(paths), fy or fiscal_year(day), day)
