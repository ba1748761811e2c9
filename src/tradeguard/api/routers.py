"""Every API router, listed: add a route module here to serve it."""

from __future__ import annotations

from fastapi import APIRouter

from tradeguard.api.routes import (
    adcvd,
    admissibility,
    allegations,
    bonds,
    cases,
    centers,
    change_log,
    drawback,
    facilities,
    findings,
    health,
    holds,
    inbond,
    oversight,
    plans,
    pre_entry,
    rules,
    score,
    staffing,
    token,
    users,
)

API_ROUTERS: tuple[APIRouter, ...] = (
    adcvd.router,
    admissibility.router,
    allegations.router,
    bonds.router,
    cases.router,
    centers.router,
    drawback.router,
    change_log.router,
    facilities.router,
    findings.router,
    health.router,
    holds.router,
    inbond.router,
    oversight.router,
    plans.router,
    pre_entry.router,
    rules.router,
    score.router,
    staffing.router,
    token.router,
    users.router,
)
