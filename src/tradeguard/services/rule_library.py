"""The rule library as the API and pages show it: rules with their hit rate, lift and versions,
drafts back-tested or published from a form or a JSON body.

Predicates are sensitive (docs/security.md): every function that returns rule content takes
`with_predicates`, and without it the `where` text is removed here, once, before any interface
sees it, so no template or schema can leak it by accident.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from tradeguard.config import Settings
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.rule import Rule
from tradeguard.services.backtest import BacktestRow, backtest
from tradeguard.services.effectiveness import rule_effectiveness
from tradeguard.services.rule_views import RuleFigures, RuleHistory
from tradeguard.services.rules import (
    LoadReport,
    RuleListing,
    list_rules,
    load_rules,
    parse_rules,
    show_rule,
)
from tradeguard.store.database import Database
from tradeguard.targeting.admissibility_columns import NOTHING, AdmissibilityData

MAX_DRAFTS = 50


@dataclass(frozen=True, slots=True)
class LibraryRule:
    """A rule as the library lists it: its current version, figures, and the predicate only
    for roles that may read it."""

    listing: RuleListing
    figures: RuleFigures
    where: str | None = None

    def as_json(self) -> dict[str, Any]:
        predicate = {} if self.where is None else {"where": self.where}
        return {**self.listing.as_json(), **asdict(self.figures), **predicate}


def _effectiveness_by_ref(db: Database) -> dict[str, RuleFigures]:
    return {f"{r.rule_id}@{r.version}": RuleFigures.of(r) for r in rule_effectiveness(db).rules}


def rule_library(db: Database, *, with_predicates: bool) -> list[LibraryRule]:
    """Every rule in force (and retired ones), its current version's hit rate and lift."""
    figures = _effectiveness_by_ref(db)
    return [
        LibraryRule(
            rule,
            figures.get(f"{rule.id}@{rule.version}", RuleFigures()),
            show_rule(db, rule.id).latest.where if with_predicates else None,
        )
        for rule in list_rules(db, include_retired=True)
    ]


def rule_detail(db: Database, rule_id: str, *, with_predicates: bool) -> RuleHistory:
    """Every version, oldest first, each with its own figures (a predicate only for roles that
    may read it)."""
    figures = _effectiveness_by_ref(db)
    return RuleHistory(
        [
            replace(
                v.redacted(with_predicates=with_predicates),
                figures=figures.get(f"{rule_id}@{v.version}", RuleFigures()),
            )
            for v in show_rule(db, rule_id).versions
        ]
    )


def drafts_from(items: list[dict[str, Any]]) -> list[Rule]:
    """Validate drafts exactly as a rules file is validated (whitelisted SQL, unique ids)."""
    if not items:
        raise InvalidInput("give at least one rule", "rules")
    if len(items) > MAX_DRAFTS:
        raise InvalidInput(f"at most {MAX_DRAFTS} rules at a time", "rules")
    text = yaml.safe_dump(items, sort_keys=False, allow_unicode=True)
    return parse_rules(text, source="draft")


def draft_from_form(fields: dict[str, str], stages: list[str]) -> dict[str, str | list[str]]:
    """A form's text fields as a rule draft (a rules file's item); empty optional fields are
    left out."""
    chosen = [s for s in stages if s]
    if not chosen:
        raise InvalidInput("choose at least one stage", "stages")
    draft: dict[str, str | list[str]] = {k: v.strip() for k, v in fields.items() if v and v.strip()}
    draft["stages"] = chosen
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
