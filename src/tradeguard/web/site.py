"""Every page router and navigation link, listed: add a page module here to serve it."""

from __future__ import annotations

from fastapi import APIRouter

from tradeguard.web.navigation import NavLink
from tradeguard.web.pages import (
    adcvd,
    admissibility,
    allegations,
    audit,
    bonds,
    cases,
    drawback,
    holds,
    home,
    login,
    oversight,
    performance,
    queue,
    rules,
    staffing,
)

PAGE_ROUTERS: tuple[APIRouter, ...] = (
    adcvd.router,
    admissibility.router,
    allegations.router,
    bonds.router,
    audit.router,
    cases.router,
    drawback.router,
    holds.router,
    home.router,
    login.router,
    oversight.router,
    performance.router,
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
    *audit.NAV,
    *cases.NAV,
    *oversight.NAV,
    *drawback.NAV,
    *performance.NAV,
    *queue.NAV,
    *rules.NAV,
    *staffing.NAV,
)
