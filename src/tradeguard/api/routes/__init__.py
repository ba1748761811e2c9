"""API routers, one module per area, found rather than listed.

A module here that defines `router` (a fastapi.APIRouter) is included by create_app, so adding
an area touches no shared file. Prefix API paths with /api/.
"""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter


def discovered_routers(package: str) -> list[APIRouter]:
    """Every `router` defined by a module of the package, in module-name order."""
    module = importlib.import_module(package)
    found = []
    for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        child = importlib.import_module(f"{package}.{info.name}")
        router = getattr(child, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found
