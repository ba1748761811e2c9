"""The rule library: load rules files (all or nothing), list, show and retire rules."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml
from pydantic import ValidationError

from tradeguard.domain.date_bounds import LOOK_AHEAD_YEARS, check_entered_day
from tradeguard.domain.errors import InvalidInput, NotFound
from tradeguard.domain.rule import PublishedRule, Rule
from tradeguard.reference.targeting_units import TargetingUnit, packaged_targeting_units
from tradeguard.services.rule_views import RuleHistory, RuleVersionView
from tradeguard.store import rules as store
from tradeguard.store.change_log import record_change
from tradeguard.store.database import Database
from tradeguard.store.unit_of_work import UnitOfWork
from tradeguard.targeting.advance_columns import columns_for
from tradeguard.targeting.column_scope import reading
from tradeguard.targeting.compiler import guarded_predicate
from tradeguard.targeting.portability import refuse_unportable


def _first_error(error: ValidationError) -> tuple[str, str]:
    problem = error.errors()[0]
    field = ".".join(str(p) for p in problem["loc"]) or "rule"
    return field, problem["msg"]


def parse_rules(text: str, *, source: str = "rules file") -> list[Rule]:
    """Every rule in a YAML list, each fully validated; the first problem refuses them all."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InvalidInput(f"{source}: not valid YAML ({error})", "file") from None
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise InvalidInput(f"{source}: expected a YAML list of rules", "file")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        label = str(item.get("id") or f"#{index}")
        try:
            rule = Rule.model_validate(item)
        except ValidationError as error:
            field, message = _first_error(error)
            raise InvalidInput(f"rule {label}: {field}: {message}", field) from None
        except InvalidInput as error:
            raise InvalidInput(f"rule {label}: {error}", error.field) from None
        if rule.id in seen:
            raise InvalidInput(f"rule {rule.id}: appears twice in {source}", "id")
        seen.add(rule.id)
        guarded_predicate(rule)  # refuses anything outside the whitelist, naming the rule
        with reading(columns_for(rule.declaration)):  # ... and what one engine would read
            refuse_unportable(rule.id, rule.where)  # differently
        refuse_unknown_owner(rule)
        refuse_unbounded_schedule(rule)
        rules.append(rule)
    return rules


def targeting_units() -> list[TargetingUnit]:
    """The units a rule may name as its owner."""
    return list(packaged_targeting_units().values())


def refuse_unbounded_schedule(rule: Rule) -> None:
    """A rule's effective dates lie within the domain's bounds (up to five years ahead)."""
    for field in ("effective_from", "effective_to"):
        day = getattr(rule, field)
        if day is not None:
            try:
                check_entered_day(day, field, future_years=LOOK_AHEAD_YEARS)
            except InvalidInput as error:
                raise InvalidInput(f"rule {rule.id}: {error}", field) from None


def refuse_unknown_owner(rule: Rule) -> None:
    """A rule is owned by a unit that exists (reference/data/targeting_units.csv)."""
    if rule.owner not in packaged_targeting_units():
        raise InvalidInput(
            f"rule {rule.id}: owner: {rule.owner!r} is not a targeting unit; give one of the "
            "five NTAGs, CTAC or a Center (`tradeguard rules owners` lists them)",
            "owner",
        )


def read_rules_file(path: Path) -> list[Rule]:
    if not path.is_file():
        raise InvalidInput(f"no such rules file: {path}", "file")
    try:
        return parse_rules(path.read_text(), source=str(path))
    except InvalidInput as error:
        if str(error).startswith(str(path)):
            raise
        raise InvalidInput(f"{path}: {error}", error.field) from None


def rules_files(paths: list[Path]) -> list[Path]:
    """The files named, a folder standing for its *.yaml and *.yml files in name order."""
    if not paths:
        raise InvalidInput("give at least one rules file or folder", "file")
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            if not found:
                raise InvalidInput(f"no rules files (*.yaml) in folder {path}", "file")
            files.extend(found)
        else:
            files.append(path)
    return files


def read_rules_files(paths: list[Path]) -> list[Rule]:
    """Every rule of every file, each validated; one refused rule, or one id in two files,
    refuses them all."""
    rules: list[Rule] = []
    where: dict[str, Path] = {}
    for path in rules_files(paths):
        for rule in read_rules_file(path):
            if rule.id in where:
                raise InvalidInput(f"rule {rule.id}: in both {where[rule.id]} and {path}", "id")
            where[rule.id] = path
            rules.append(rule)
    return rules


@dataclass(frozen=True, slots=True)
class LoadReport:
    added: list[str]
    changed: list[str]
    unchanged: list[str]

    def as_dict(self) -> dict[str, list[str]]:
        return {"added": self.added, "changed": self.changed, "unchanged": self.unchanged}


def load_rules(db: Database, rules: list[Rule], *, actor: str = "cli") -> LoadReport:
    """Publish each rule, in one transaction (all or none): a new version when its content
    changed, nothing when it did not."""
    for rule in rules:
        refuse_unknown_owner(rule)
        refuse_unbounded_schedule(rule)
    added: list[str] = []
    changed: list[str] = []
    unchanged: list[str] = []
    now = datetime.now(UTC)
    with UnitOfWork(db) as uow:
        for rule in rules:
            versions = uow.rules.versions_of(rule.id)
            latest = versions[-1] if versions else None
            sha = store.content_sha(rule)
            if latest and latest.status == store.ACTIVE and latest.content_sha256 == sha:
                unchanged.append(f"{rule.id}@{latest.version}")
                continue
            if latest and latest.status == store.ACTIVE:
                latest.status = store.SUPERSEDED
            version = (latest.version + 1) if latest else 1
            uow.rules.add(
                store.RuleVersion(
                    rule_id=rule.id,
                    version=version,
                    status=store.ACTIVE,
                    content=store.content_json(rule),
                    content_sha256=sha,
                    created_at=now,
                    created_by=actor,
                )
            )
            ref = f"{rule.id}@{version}"
            (changed if latest else added).append(ref)
            uow.changes.record(
                actor=actor,
                action="publish",
                entity="rule",
                entity_id=ref,
                before=latest.summary() if latest else None,
                after=rule.content(),
            )
        uow.commit()
    return LoadReport(added, changed, unchanged)


def load_rules_file(db: Database, path: Path, *, actor: str = "cli") -> LoadReport:
    return load_rules(db, read_rules_file(path), actor=actor)


def load_rules_files(db: Database, paths: list[Path], *, actor: str = "cli") -> LoadReport:
    """Files and folders published together: one refused rule anywhere publishes nothing."""
    return load_rules(db, read_rules_files(paths), actor=actor)


def active_rules(db: Database) -> list[PublishedRule]:
    with db.session() as session:
        return [v.published() for v in store.current_versions(session)]


@dataclass(frozen=True, slots=True)
class RuleListing:
    """A rule's current version as the library lists it: no predicate (that is show_rule's)."""

    id: str
    version: int
    status: str
    name: str
    pti: str
    risk: str
    stages: list[str]
    owner: str

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def list_rules(db: Database, *, include_retired: bool = False) -> list[RuleListing]:
    with db.session() as session:
        rows = store.current_versions(session, include_retired=include_retired)
        listed = []
        for v in rows:
            content = v.rule().content()
            listed.append(
                RuleListing(
                    id=v.rule_id,
                    version=v.version,
                    status=v.status,
                    name=content["name"],
                    pti=content["pti"],
                    risk=content["risk"],
                    stages=content["stages"],
                    owner=content["owner"],
                )
            )
        return listed


def show_rule(db: Database, rule_id: str) -> RuleHistory:
    with db.session() as session:
        versions = store.versions_of(session, rule_id)
        if not versions:
            raise NotFound(f"no rule {rule_id}")
        return RuleHistory([RuleVersionView.of(v) for v in versions])


def retire_rule(db: Database, rule_id: str, *, actor: str = "cli") -> RuleVersionView:
    with db.session() as session:
        versions = store.versions_of(session, rule_id)
        if not versions:
            raise NotFound(f"no rule {rule_id}")
        latest = versions[-1]
        if latest.status == store.RETIRED:
            return RuleVersionView.of(latest)
        before = latest.summary()
        latest.status = store.RETIRED
        record_change(
            session,
            actor=actor,
            action="retire",
            entity="rule",
            entity_id=f"{rule_id}@{latest.version}",
            before=before,
            after=latest.summary(),
        )
        return RuleVersionView.of(latest)
