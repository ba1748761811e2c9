"""The home page: what the signed-in role may open."""

from __future__ import annotations

from typing import Annotated

from fastapi import Request
from fastapi.responses import Response

from tradeguard.domain.roles import PERMISSIONS, permissions_of
from tradeguard.services.auth import Principal
from tradeguard.web.rendering import render
from tradeguard.web.security import page_permission, page_router

router = page_router(tags=["pages"])


@router.get("/")
def home(request: Request, user: Annotated[Principal, page_permission(None)]) -> Response:
    granted = [(p, PERMISSIONS[p]) for p in permissions_of(user.role)]
    return render(request, "home.html", granted=granted)
