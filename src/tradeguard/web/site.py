"""Every page router and navigation link, listed: add a page module here to serve it."""

from __future__ import annotations

from fastapi import APIRouter

from tradeguard.web.navigation import NavLink
from tradeguard.web.pages import (
    adcvd,
    admissibility,
    allegations,
    bonds,
    cases,
    centers,
    change_log,
    drawback,
    facilities,
    holds,
    home,
    inbond,
    login,
    model,
    oversight,
    performance,
    pre_entry,
    queue,
    rules,
    staffing,
)

PAGE_ROUTERS: tuple[APIRouter, ...] = (
    adcvd.router,
    admissibility.router,
    allegations.router,
    bonds.router,
    cases.router,
    change_log.router,
    centers.router,
    drawback.router,
    facilities.router,
    holds.router,
    home.router,
    inbond.router,
    login.router,
    model.router,
    oversight.router,
    performance.router,
    pre_entry.router,
    queue.router,
    rules.router,
    staffing.router,
)

# In the order the home page and the top bar show them.
NAVIGATION: tuple[NavLink, ...] = (
    *adcvd.NAV,
    *admissibility.NAV,
    *allegations.NAV,
    *bonds.NAV,
    *change_log.NAV,
    *cases.NAV,
    *model.NAV,
    *centers.NAV,
    *oversight.NAV,
    *drawback.NAV,
    *inbond.NAV,
    *facilities.NAV,
    *performance.NAV,
    *pre_entry.NAV,
    *queue.NAV,
    *rules.NAV,
    *staffing.NAV,
)
