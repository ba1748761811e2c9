"""Rule versions in the operational database. A published version never changes.

Loading a rule whose content differs from its current version adds a new version and marks the
old one superseded; retiring marks the current version retired. Rows are only ever added or have
their status moved on, so a decision's `R-ID@N` always points at the content that fired.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradeguard.domain.rule import PublishedRule, Rule
from tradeguard.store.base import Base

ACTIVE, SUPERSEDED, RETIRED = "active", "superseded", "retired"


class RuleVersion(Base):
    __tablename__ = "rule_versions"
    __table_args__ = (UniqueConstraint("rule_id", "version", name="uq_rule_versions_rule_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rule_id: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    content_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    created_by: Mapped[str] = mapped_column(String(64), nullable=False)

    def rule(self) -> Rule:
        return Rule.model_validate(json.loads(self.content))

    def published(self) -> PublishedRule:
        return PublishedRule(rule=self.rule(), version=self.version)

    def summary(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "status": self.status,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            **json.loads(self.content),
        }


def content_json(rule: Rule) -> str:
    return json.dumps(rule.content(), sort_keys=True)


def content_sha(rule: Rule) -> str:
    return hashlib.sha256(content_json(rule).encode()).hexdigest()


def versions_of(session: Session, rule_id: str) -> list[RuleVersion]:
    query = select(RuleVersion).where(RuleVersion.rule_id == rule_id).order_by(RuleVersion.version)
    return list(session.scalars(query))


def current_versions(session: Session, *, include_retired: bool = False) -> list[RuleVersion]:
    """The latest version of every rule (active only, unless include_retired)."""
    statuses = [ACTIVE, RETIRED] if include_retired else [ACTIVE]
    query = (
        select(RuleVersion)
        .where(RuleVersion.status.in_(statuses))
        .order_by(RuleVersion.rule_id, RuleVersion.version)
    )
    return list(session.scalars(query))


def rule_facts(session: Session, key: str) -> dict[str, str]:
    """One field (risk, pti) of every rule version, by its `R-ID@N` reference: a finding is
    credited by pti, and hold creation prices a hold by risk."""
    return {
        f"{row.rule_id}@{row.version}": str(json.loads(row.content).get(key, ""))
        for row in session.scalars(select(RuleVersion))
    }


class RuleRepository:
    """Published rule versions, by their `R-ID@N` references."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def field_by_ref(self, key: str) -> dict[str, str]:
        """One field (risk, pti) of every rule version, by its `R-ID@N` reference."""
        return rule_facts(self._session, key)

    def versions_of(self, rule_id: str) -> list[RuleVersion]:
        """Every version of one rule, oldest first (empty for a rule never published)."""
        return versions_of(self._session, rule_id)

    def add(self, version: RuleVersion) -> None:
        self._session.add(version)

    def every_version(self) -> list[RuleVersion]:
        return list(self._session.scalars(select(RuleVersion)))

    def version(self, rule_id: str, version: int) -> RuleVersion | None:
        query = select(RuleVersion).where(
            RuleVersion.rule_id == rule_id, RuleVersion.version == version
        )
        return self._session.scalars(query).first()
