"""Who may do what: the roles of the report's users and the permission matrix, as data.

The matrix is the one source of truth: the API and the pages ask `can(role, permission)`, and
docs/security.md lists the same table (a test checks the two agree). Targeting rules are
sensitive, so reading a rule's predicate is its own permission, separate from reading its name.
"""

from __future__ import annotations

from enum import StrEnum

from tradeguard.domain.errors import InvalidInput


class Role(StrEnum):
    TARGETING_ANALYST = "targeting_analyst"
    CBP_OFFICER = "cbp_officer"
    IMPORT_SPECIALIST = "import_specialist"
    FPF_SPECIALIST = "fpf_specialist"
    SEIZED_PROPERTY_SPECIALIST = "seized_property_specialist"
    CUSTOMS_AUDITOR = "customs_auditor"
    DRAWBACK_SPECIALIST = "drawback_specialist"
    PTI_MANAGER = "pti_manager"
    MANAGEMENT = "management"
    NATIONAL_ACCOUNT_MANAGER = "national_account_manager"
    ADMIN = "admin"
    # Anyone without credentials: may only submit e-allegations and check health.
    PUBLIC = "public"


# Each permission with the one-line reason it exists; docs/security.md repeats these names.
PERMISSIONS: dict[str, str] = {
    "allegations:submit": "submit an e-allegation of a trade violation",
    "allegations:triage": "read submitted e-allegations and route them",
    "rules:read": "see rule names, rationale, hit rate and lift (never the predicate)",
    "rules:read_predicate": "see a targeting rule's predicate",
    "rules:write": "draft, back-test, publish and retire targeting rules",
    "score": "score one declaration in real time",
    "holds:read": "see exam queues, holds, their declarations and reasons",
    "findings:write": "record the finding that closes a hold",
    "cases:read": "see enforcement cases, deadlines and history",
    "cases:write": "open enforcement cases and move them",
    "plans:read": "see PTI plans: measures, actual against target",
    "plans:write": "set PTI plan measures and targets",
    "staffing:read": "see staffing gaps and the hiring plan",
    "staffing:write": "change staffing inputs and the hiring plan",
    "reviews:read": "see the Centers' review queues, reviews and dashboards",
    "reviews:write": "plan Center reviews and move them: requests, notices, findings",
    "accounts:read": "see importer accounts and their compliance",
    "oversight:read": "see the audit-recommendation tracker and its evidence",
    "drawback:read": "see drawback claims, bond sufficiency and the revenue-loss estimate",
    "drawback:write": "file, pay, liquidate and deny drawback claims; record claimants' bonds",
    "drawback:review": "draw the review sample and record review findings on paid claims",
    "bonds:read": "see the single transaction bond register and its monitoring report",
    "bonds:write": "register single transaction bonds, tie them to entries, release or claim",
    "custody:read": "see in-bond movements, bonded facilities and their control reports",
    "inbond:write": "record in-bond movements, arrivals, exports and defaults; open their claims",
    "inbond:purge": "delete in-bond documents past their record period that no open claim holds",
    "facilities:write": "register bonded facilities, admit and withdraw goods",
    "facilities:review": "record a facility's compliance review (the only source of a risk level)",
    "audit:read": "read the audit log",
    "users:admin": "add, list and disable user accounts",
}

_R = Role
MATRIX: dict[str, frozenset[Role]] = {
    "allegations:submit": frozenset(Role),
    "allegations:triage": frozenset(
        {_R.TARGETING_ANALYST, _R.IMPORT_SPECIALIST, _R.PTI_MANAGER, _R.ADMIN}
    ),
    "rules:read": frozenset(
        {
            _R.TARGETING_ANALYST,
            _R.CBP_OFFICER,
            _R.IMPORT_SPECIALIST,
            _R.CUSTOMS_AUDITOR,
            _R.PTI_MANAGER,
            _R.MANAGEMENT,
            _R.ADMIN,
        }
    ),
    "rules:read_predicate": frozenset({_R.TARGETING_ANALYST, _R.ADMIN}),
    "rules:write": frozenset({_R.TARGETING_ANALYST, _R.ADMIN}),
    "score": frozenset({_R.TARGETING_ANALYST, _R.CBP_OFFICER, _R.IMPORT_SPECIALIST, _R.ADMIN}),
    "holds:read": frozenset({_R.TARGETING_ANALYST, _R.CBP_OFFICER, _R.IMPORT_SPECIALIST, _R.ADMIN}),
    "findings:write": frozenset({_R.CBP_OFFICER, _R.IMPORT_SPECIALIST, _R.ADMIN}),
    "cases:read": frozenset(
        {
            _R.CBP_OFFICER,
            _R.IMPORT_SPECIALIST,
            _R.FPF_SPECIALIST,
            _R.SEIZED_PROPERTY_SPECIALIST,
            _R.CUSTOMS_AUDITOR,
            _R.PTI_MANAGER,
            _R.MANAGEMENT,
            _R.ADMIN,
        }
    ),
    "cases:write": frozenset(
        {
            _R.IMPORT_SPECIALIST,
            _R.FPF_SPECIALIST,
            _R.SEIZED_PROPERTY_SPECIALIST,
            _R.CUSTOMS_AUDITOR,
            _R.ADMIN,
        }
    ),
    "plans:read": frozenset({_R.TARGETING_ANALYST, _R.PTI_MANAGER, _R.MANAGEMENT, _R.ADMIN}),
    "plans:write": frozenset({_R.PTI_MANAGER, _R.ADMIN}),
    "staffing:read": frozenset({_R.PTI_MANAGER, _R.MANAGEMENT, _R.ADMIN}),
    "staffing:write": frozenset({_R.MANAGEMENT, _R.ADMIN}),
    "reviews:read": frozenset(
        {_R.IMPORT_SPECIALIST, _R.NATIONAL_ACCOUNT_MANAGER, _R.MANAGEMENT, _R.ADMIN}
    ),
    "reviews:write": frozenset({_R.IMPORT_SPECIALIST, _R.ADMIN}),
    "accounts:read": frozenset(
        {_R.IMPORT_SPECIALIST, _R.NATIONAL_ACCOUNT_MANAGER, _R.MANAGEMENT, _R.ADMIN}
    ),
    "oversight:read": frozenset({_R.PTI_MANAGER, _R.MANAGEMENT, _R.ADMIN}),
    "drawback:read": frozenset(
        {_R.DRAWBACK_SPECIALIST, _R.IMPORT_SPECIALIST, _R.CUSTOMS_AUDITOR, _R.MANAGEMENT, _R.ADMIN}
    ),
    "drawback:write": frozenset({_R.DRAWBACK_SPECIALIST, _R.ADMIN}),
    "drawback:review": frozenset({_R.DRAWBACK_SPECIALIST, _R.CUSTOMS_AUDITOR, _R.ADMIN}),
    "bonds:read": frozenset(
        {_R.IMPORT_SPECIALIST, _R.FPF_SPECIALIST, _R.CUSTOMS_AUDITOR, _R.MANAGEMENT, _R.ADMIN}
    ),
    "bonds:write": frozenset({_R.IMPORT_SPECIALIST, _R.FPF_SPECIALIST, _R.ADMIN}),
    "custody:read": frozenset(
        {
            _R.CBP_OFFICER,
            _R.IMPORT_SPECIALIST,
            _R.FPF_SPECIALIST,
            _R.CUSTOMS_AUDITOR,
            _R.MANAGEMENT,
            _R.ADMIN,
        }
    ),
    "inbond:write": frozenset({_R.CBP_OFFICER, _R.ADMIN}),
    # Deleting records is irreversible: management decides, not the officer who keeps them.
    "inbond:purge": frozenset({_R.MANAGEMENT, _R.ADMIN}),
    "facilities:write": frozenset({_R.CBP_OFFICER, _R.ADMIN}),
    "facilities:review": frozenset({_R.CUSTOMS_AUDITOR, _R.ADMIN}),
    "audit:read": frozenset({_R.ADMIN}),
    "users:admin": frozenset({_R.ADMIN}),
}


def can(role: Role | str, permission: str) -> bool:
    """True when the role holds the permission; an unknown permission is a programming error."""
    if permission not in MATRIX:
        raise KeyError(f"unknown permission {permission!r}")
    try:
        return Role(role) in MATRIX[permission]
    except ValueError:
        return False


def permissions_of(role: Role | str) -> list[str]:
    return [p for p in PERMISSIONS if can(role, p)]


def parse_role(text: str) -> Role:
    """A role an account can hold; the anonymous public is never an account."""
    cleaned = text.strip().lower()
    try:
        role = Role(cleaned)
    except ValueError:
        role = None
    if role is None or role is Role.PUBLIC:
        names = ", ".join(r.value for r in Role if r is not Role.PUBLIC)
        raise InvalidInput(f"unknown role {text!r}; expected one of: {names}", "role")
    return role
