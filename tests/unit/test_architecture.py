"""The architecture's promises, checked: the layers' imports, no cycles, small rooms, docs.

Each check walks every module's syntax tree, function-local imports included, so a cycle hidden
inside a function is still a cycle. The allow-lists below name the modules that still break a
rule (only flat tables now); it should only ever shrink.
"""

from __future__ import annotations

import ast
import re
import sys
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "tradeguard"
ALLOWED_THIRD_PARTY = {"pydantic"}
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60

# Functions over 60 lines: flat tables (data laid out one item a line), which are fine.
LONG_FUNCTIONS = {
    # flat tables: one check, column or chart part a line
    "intake/validation.py:_checks",  # intake work
    "targeting/columns.py:rule_lines_sql",  # targeting work
    "targeting/interpreter.py:compile_tree",  # targeting work
    "targeting/polars_predicates.py:translate",  # targeting work
    "web/pages/_charts.py:line_chart",  # pages work
}


# Public service functions that still return `dict[str, Any]` (or a list or page of them) instead
# of a typed result; remove a name when it returns a dataclass the CLI and API render.
UNTYPED_RESULTS = {
    # the demo's steps (the demo summary is one JSON document), and what only the demo reads
    "services/demo.py:step_generate",
    "services/demo.py:step_ingest",
    "services/demo.py:step_cases",
    "services/demo.py:step_performance",
    "services/demo.py:step_staffing",
    "services/demo.py:step_rules",
    "services/demo.py:step_target",
    "services/demo.py:step_exams",
    "services/demo.py:step_effectiveness",
    "services/demo.py:step_model",
    "services/demo_controls.py:step_adcvd",
    "services/demo_controls.py:step_annual_report",
    "services/demo_controls.py:step_custody",
    "services/demo_controls.py:step_oversight",
    "services/demo_controls.py:step_model_loop",
    "services/demo_controls.py:step_admissibility",
    "services/inbond_facilities_demo.py:step_inbond_facilities",
    "services/inbond_facilities_demo.py:inbond_and_facilities_demo",
    "services/model_overview.py:challenger_in_shadow",
    "services/demo.py:step_lifecycle",
    "services/demo.py:step_centers",
    "services/model.py:holdout_metrics",
    "services/model.py:train_and_register",
    # oversight (landed after this list was made)
    "services/oversight.py:tracker_summary",
    "services/oversight.py:change_json",
}


# Modules over 300 lines, to be split (none left).
LONG_MODULES: set[str] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text())


def _imports(path: Path) -> set[str]:
    """Every module name an import statement in the file names, wherever it stands."""
    names: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _project_imports(module: str, path: Path) -> set[str]:
    """The project modules a module imports: `from package import submodule` counts as the
    submodule, and a name is resolved to the nearest module that defines it."""
    modules = _modules()
    found: set[str] = set()
    for node in ast.walk(_tree(path)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                targets.append(sub if sub in modules else node.module)
        for name in targets:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _relative(path: Path) -> str:
    return str(path.relative_to(SRC))


def test_domain_imports_only_the_standard_library_pydantic_and_itself() -> None:
    offenders = []
    for path in sorted((SRC / "domain").rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY:
                continue
            if name.startswith("tradeguard.domain") or top == "__future__":
                continue
            offenders.append(f"{_relative(path)} imports {name}")
    assert offenders == []


def test_services_reach_the_database_only_through_store() -> None:
    using = {
        _relative(path)
        for path in sorted((SRC / "services").rglob("*.py"))
        if any(name.split(".")[0] == "sqlalchemy" for name in _imports(path))
    }
    assert using == set(), "use a repository in store/"


def test_services_return_typed_results() -> None:
    untyped = {
        f"{_relative(path)}:{node.name}"
        for path in sorted((SRC / "services").rglob("*.py"))
        for node in _tree(path).body
        if isinstance(node, ast.FunctionDef)
        and not node.name.startswith("_")
        and node.returns is not None
        and "dict[str, Any]" in ast.unparse(node.returns)
    }
    assert untyped - UNTYPED_RESULTS == set(), "return a dataclass (with as_json for the CLI/API)"
    assert UNTYPED_RESULTS - untyped == set(), "fixed: remove it from the allow-list"


def test_api_does_not_import_web() -> None:
    offenders = [
        f"{_relative(path)} imports {name}"
        for path in sorted((SRC / "api").rglob("*.py"))
        for name in _imports(path)
        if name.startswith("tradeguard.web")
    ]
    assert offenders == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_between_project_modules() -> None:
    graph = {name: _project_imports(name, path) for name, path in _modules().items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_modules_stay_small() -> None:
    long = {
        _relative(path)
        for path in _modules().values()
        if len(path.read_text().splitlines()) > MAX_MODULE_LINES
    }
    assert long - LONG_MODULES == set(), f"split modules over {MAX_MODULE_LINES} lines"
    assert LONG_MODULES - long == set(), "fixed: remove it from the allow-list"


def test_functions_stay_short() -> None:
    long = set()
    for path in _modules().values():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.add(f"{_relative(path)}:{node.name}")
    assert long - LONG_FUNCTIONS == set(), f"split functions over {MAX_FUNCTION_LINES} lines"
    assert LONG_FUNCTIONS - long == set(), "fixed: remove it from the allow-list"


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


def test_every_router_and_command_module_is_listed() -> None:
    """Wiring is listed, not discovered: a module that defines a router or a command group and
    is missing from its list would silently not be served."""
    listed = {
        "api/routes": (SRC / "api" / "routers.py").read_text(),
        "web/pages": (SRC / "web" / "site.py").read_text(),
    }
    unlisted = [
        f"{folder}/{path.name}"
        for folder, listing in listed.items()
        for path in sorted((SRC / folder).glob("*.py"))
        if re.search(r"^router = ", path.read_text(), re.M)
        and not re.search(rf"^\s+{path.stem}\.router,$", listing, re.M)
    ]
    commands = (SRC / "cli" / "__init__.py").read_text()
    unlisted += [
        f"cli/{path.name}"
        for path in sorted((SRC / "cli").glob("[!_]*.py"))
        if re.search(r"^(app = typer\.Typer|def register\()", path.read_text(), re.M)
        and f'"tradeguard.cli.{path.stem}"' not in commands
    ]
    assert unlisted == []
