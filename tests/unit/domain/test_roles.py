"""The permission matrix: complete, least privilege where the report demands it, documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.roles import MATRIX, PERMISSIONS, Role, can, parse_role, permissions_of

DOC = Path(__file__).resolve().parents[3] / "docs" / "security.md"


def test_every_permission_has_a_reason_and_a_row() -> None:
    assert set(PERMISSIONS) == set(MATRIX)


def test_admin_may_do_everything_and_the_public_only_submit() -> None:
    assert permissions_of(Role.ADMIN) == list(PERMISSIONS)
    assert permissions_of(Role.PUBLIC) == ["allegations:submit"]


def test_only_analysts_and_admins_see_rule_predicates() -> None:
    readers = {r for r in Role if can(r, "rules:read_predicate")}
    assert readers == {Role.TARGETING_ANALYST, Role.ADMIN}
    assert can(Role.CBP_OFFICER, "holds:read") and can(Role.CBP_OFFICER, "rules:read")


def test_unknown_permission_is_a_programming_error_and_unknown_role_is_refused() -> None:
    with pytest.raises(KeyError):
        can(Role.ADMIN, "rules:reed")
    assert can("no-such-role", "audit:read") is False


def test_parse_role_refuses_the_public_and_names_the_field() -> None:
    assert parse_role(" CBP_Officer ") is Role.CBP_OFFICER
    for text in ("public", "superuser"):
        with pytest.raises(InvalidInput) as raised:
            parse_role(text)
        assert raised.value.field == "role"


def test_security_doc_lists_every_role_and_permission_as_the_matrix_says() -> None:
    text = DOC.read_text()
    for role in Role:
        assert f"`{role.value}`" in text, role
    rows = {}
    for line in text.splitlines():
        match = re.match(r"^\|\s*`([a-z_]+:[a-z_]+|score)`\s*\|(.*)\|\s*$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    assert set(rows) == set(PERMISSIONS)
    header = next(line for line in text.splitlines() if line.startswith("| permission"))
    columns = [c.strip().strip("`") for c in header.strip("|").split("|")][1:-1]
    assert set(columns) == {r.value for r in Role}
    for permission, cells in rows.items():
        for role_name, cell in zip(columns, cells[:-1], strict=True):
            assert (cell == "✓") == can(role_name, permission), (permission, role_name)
