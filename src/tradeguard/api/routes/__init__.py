"""API routers, one module per area, listed in `tradeguard.api.routers`. Prefix paths with /api/."""
