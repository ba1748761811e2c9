"""The HTTP interface: a FastAPI application over the services (see docs/web.md)."""

from tradeguard.api.app import create_app

__all__ = ["create_app"]
