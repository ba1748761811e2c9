"""The top bar and home page links: which pages a signed-in role may open."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tradeguard.domain.roles import Role, can


@dataclass(frozen=True, slots=True)
class NavLink:
    title: str
    path: str
    # None: any signed-in account.
    permission: str | None
    summary: str = ""


def navigation_for(role: Role, links: Iterable[NavLink]) -> list[NavLink]:
    if role is Role.PUBLIC:
        return []
    return [link for link in links if link.permission is None or can(role, link.permission)]
