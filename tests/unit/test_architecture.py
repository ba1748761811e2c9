"""The architecture's promises, checked: a pure domain, and every setting documented."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tradeguard"
ALLOWED_THIRD_PARTY = {"pydantic"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_imports_only_the_standard_library_pydantic_and_itself() -> None:
    offenders = []
    for path in sorted((SRC / "domain").rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY:
                continue
            if name.startswith("tradeguard.domain") or top == "__future__":
                continue
            offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []


def test_every_setting_is_documented() -> None:
    config = (SRC / "config.py").read_text()
    read = set(re.findall(r"\"(TRADEGUARD_[A-Z_]+)\"", config))
    documented = set(
        re.findall(
            r"`(TRADEGUARD_[A-Z_]+)`", (SRC.parents[1] / "docs" / "configuration.md").read_text()
        )
    )
    assert read, "config.py reads no settings?"
    assert read <= documented
