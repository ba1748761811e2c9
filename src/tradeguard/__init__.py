"""tradeguard: trade enforcement for customs administrations (after GAO-17-618)."""

__version__ = "0.1.0"
