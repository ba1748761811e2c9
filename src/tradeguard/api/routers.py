"""Every API router, listed: add a route module here to serve it."""

from __future__ import annotations

from fastapi import APIRouter

from tradeguard.api.routes import (
    adcvd,
    allegations,
    cases,
    centers,
    change_log,
    findings,
    health,
    holds,
    plans,
    rules,
    score,
    staffing,
    token,
    users,
)

API_ROUTERS: tuple[APIRouter, ...] = (
    adcvd.router,
    allegations.router,
    cases.router,
    centers.router,
    change_log.router,
    findings.router,
    health.router,
    holds.router,
    plans.router,
    rules.router,
    score.router,
    staffing.router,
    token.router,
    users.router,
)
