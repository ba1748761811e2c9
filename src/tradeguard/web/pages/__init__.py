"""Page routers, one module per area, listed in `tradeguard.web.site`.

A module here defines `router = page_router()` and may define `NAV = [NavLink(...)]`: the home
page and the top bar list each link whose permission the signed-in role holds.
"""

from __future__ import annotations

from tradeguard.web.navigation import NavLink

__all__ = ["NavLink"]
