"""The HTTP interface: routers over the services (see docs/web.md); `tradeguard.app` serves them."""
