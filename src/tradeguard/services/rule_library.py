"""The rule library as the API and pages show it: rules with their hit rate, lift and versions,
drafts back-tested or published from a form or a JSON body.

Predicates are sensitive (docs/security.md): every function that returns rule content takes
`with_predicates`, and without it the `where` text is removed here, once, before any interface
sees it, so no template or schema can leak it by accident.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.rule import Rule
from tradeguard.services.backtest import BacktestRow, backtest
from tradeguard.services.effectiveness import rule_effectiveness
from tradeguard.services.rules import LoadReport, list_rules, load_rules, parse_rules, show_rule
from tradeguard.store.database import Database
from tradeguard.targeting.admissibility_columns import NOTHING, AdmissibilityData

SENSITIVE = ("where",)
MAX_DRAFTS = 50


def redact(content: dict[str, Any], *, with_predicates: bool) -> dict[str, Any]:
    if with_predicates:
        return dict(content)
    return {k: v for k, v in content.items() if k not in SENSITIVE}


def _effectiveness_by_ref(db: Database) -> dict[str, dict[str, Any]]:
    return {f"{r.rule_id}@{r.version}": asdict(r) for r in rule_effectiveness(db).rules}


_FIGURES = ("holds", "findings", "violations", "hit_rate", "hit_rate_ci", "lift")


def _figures(row: dict[str, Any] | None) -> dict[str, Any]:
    return {k: (row or {}).get(k) for k in _FIGURES}


def rule_library(db: Database, *, with_predicates: bool) -> list[dict[str, Any]]:
    """Every rule in force (and retired ones), its current version's hit rate and lift."""
    figures = _effectiveness_by_ref(db)
    out = []
    for rule in list_rules(db, include_retired=True):
        detail = show_rule(db, rule.id) if with_predicates else {}
        out.append(
            {
                **rule.as_json(),
                **_figures(figures.get(f"{rule.id}@{rule.version}")),
                **({"where": detail["where"]} if with_predicates else {}),
            }
        )
    return out


def rule_detail(db: Database, rule_id: str, *, with_predicates: bool) -> dict[str, Any]:
    """The latest version and every earlier one, each with its own figures."""
    found = show_rule(db, rule_id)
    figures = _effectiveness_by_ref(db)
    versions = [
        {
            **redact(v, with_predicates=with_predicates),
            **_figures(figures.get(f"{rule_id}@{v['version']}")),
        }
        for v in found["versions"]
    ]
    current = {k: v for k, v in found.items() if k != "versions"}
    return {
        **redact(current, with_predicates=with_predicates),
        **_figures(figures.get(f"{rule_id}@{found['version']}")),
        "versions": versions,
    }


def drafts_from(items: list[dict[str, Any]]) -> list[Rule]:
    """Validate drafts exactly as a rules file is validated (whitelisted SQL, unique ids)."""
    if not items:
        raise InvalidInput("give at least one rule", "rules")
    if len(items) > MAX_DRAFTS:
        raise InvalidInput(f"at most {MAX_DRAFTS} rules at a time", "rules")
    text = yaml.safe_dump(items, sort_keys=False, allow_unicode=True)
    return parse_rules(text, source="draft")


def draft_from_form(fields: dict[str, str], stages: list[str]) -> dict[str, Any]:
    """A form's text fields as a rule document; empty optional fields are left out."""
    draft: dict[str, Any] = {k: v.strip() for k, v in fields.items() if v and v.strip()}
    draft["stages"] = [s for s in stages if s]
    if not draft["stages"]:
        raise InvalidInput("choose at least one stage", "stages")
    return draft


def backtest_drafts(
    settings: Settings, items: list[dict[str, Any]], reference: AdmissibilityData = NOTHING
) -> list[BacktestRow]:
    """Run drafts over the loaded declarations without publishing anything."""
    rules = drafts_from(items)
    with tempfile.TemporaryDirectory(prefix="tradeguard-backtest-") as folder:
        path = Path(folder) / "drafts.yaml"
        path.write_text(yaml.safe_dump([r.content() for r in rules], sort_keys=False))
        return backtest(settings, path, reference)


def publish_drafts(db: Database, items: list[dict[str, Any]], *, actor: str) -> LoadReport:
    """Publish drafts as new versions (all or none); an unchanged rule keeps its version."""
    return load_rules(db, drafts_from(items), actor=actor)
