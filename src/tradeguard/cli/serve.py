"""`tradeguard serve`: the HTTP API and web pages over the same services as the command line."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
        port: int = typer.Option(8000, "--port", help="TCP port"),
    ) -> None:
        """Serve the API (OpenAPI document at /docs) and the web pages."""
        import uvicorn

        from tradeguard.app import create_app
        from tradeguard.config import load_settings

        uvicorn.run(create_app(load_settings()), host=host, port=port, log_level="info")
