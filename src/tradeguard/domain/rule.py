"""A targeting rule: a validated SQL predicate over the rule columns, with its explanation.

A rule carries its own explanation (name and rationale) so the officer sees why an entry is held.
Which lane an entry goes to is a pure function of the rules that matched it, kept here so batch
engines, real-time scoring and the tests all share one definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tradeguard.domain.advance import DeclarationKind
from tradeguard.domain.pti import PTI, parse_pti

RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")


class Risk(StrEnum):
    MANDATORY = "mandatory"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Stage(StrEnum):
    PRE_ENTRY = "pre-entry"
    ENTRY = "entry"
    POST_ENTRY = "post-entry"


class Lane(StrEnum):
    MANDATORY = "mandatory"
    DISCRETIONARY = "discretionary"
    RANDOM = "random"
    RELEASE = "release"


class Rule(BaseModel):
    """One rule as an analyst writes it in a rules file (the content of one version)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: str
    name: str = Field(min_length=3, max_length=120)
    rationale: str = Field(min_length=10, max_length=500)
    pti: PTI
    risk: Risk
    stages: tuple[Stage, ...] = Field(min_length=1)
    where: str = Field(min_length=1, max_length=4000)
    owner: str = Field(min_length=1, max_length=64)
    effective_from: date | None = None
    effective_to: date | None = None
    exempt_importers: tuple[str, ...] = ()
    # What the rule reads: entry lines (the default), or advance filings before arrival.
    declaration: DeclarationKind = DeclarationKind.ENTRY

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not RULE_ID.match(v) or len(v) > 40:
            raise ValueError("must look like R-ADCVD-001 (capitals, digits, dashes; ≤ 40 chars)")
        return v

    @field_validator("pti", mode="before")
    @classmethod
    def _pti(cls, v: Any) -> PTI:
        return parse_pti(str(v))

    @field_validator("stages", mode="before")
    @classmethod
    def _stages(cls, v: Any) -> Any:
        return (v,) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _window(self) -> Rule:
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        if self.declaration is DeclarationKind.ADVANCE and self.stages != (Stage.PRE_ENTRY,):
            raise ValueError("a rule on advance filings runs at the pre-entry stage only")
        return self

    def content(self) -> dict[str, Any]:
        """The version's content as plain JSON data (what the store keeps and compares).

        An entry rule's content leaves out `declaration`, so every version published before
        advance rules existed keeps its content and hash."""
        content = self.model_dump(mode="json")
        if self.declaration is DeclarationKind.ENTRY:
            del content["declaration"]
        return content


@dataclass(frozen=True, slots=True)
class PublishedRule:
    """A rule version in force: the content plus the version number decisions record."""

    rule: Rule
    version: int

    @property
    def ref(self) -> str:
        return f"{self.rule.id}@{self.version}"


def decide_lane(
    risks: frozenset[Risk] | set[Risk],
    *,
    trusted_trader: bool,
    sampled: bool,
    release_trusted_low: bool = True,
) -> Lane:
    """Mandatory beats everything; a trusted trader held only by low rules is released."""
    if Risk.MANDATORY in risks:
        return Lane.MANDATORY
    if risks & {Risk.HIGH, Risk.MEDIUM}:
        return Lane.DISCRETIONARY
    if Risk.LOW in risks and not (trusted_trader and release_trusted_low):
        return Lane.DISCRETIONARY
    return Lane.RANDOM if sampled else Lane.RELEASE
