"""Page routers, one module per area, found like the API routers.

A module here that defines `router = page_router()` is included by create_app. It may also
define `NAV = [NavLink(...)]`: the home page and the top bar list each link whose permission the
signed-in role holds.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from tradeguard.domain.roles import Role, can


@dataclass(frozen=True, slots=True)
class NavLink:
    title: str
    path: str
    # None: any signed-in account.
    permission: str | None
    summary: str = ""


@cache
def all_links() -> tuple[NavLink, ...]:
    links: list[NavLink] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        links.extend(getattr(module, "NAV", []))
    return tuple(links)


def navigation_for(role: Role) -> list[NavLink]:
    if role is Role.PUBLIC:
        return []
    return [link for link in all_links() if link.permission is None or can(role, link.permission)]
