"""Settings fail fast, naming the variable, and the command line turns that into exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.config import load_settings
from tradeguard.domain.errors import InvalidInput


def test_defaults(home: Path) -> None:
    settings = load_settings()
    assert settings.home == home.resolve()
    assert (settings.overdue_days, settings.exempt_after) == (5, 5)
    assert settings.effective_database_url == f"sqlite:///{home.resolve() / 'tradeguard.db'}"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TRADEGUARD_EXEMPT_AFTER", "0"),
        ("TRADEGUARD_EXEMPT_AFTER", "many"),
        ("TRADEGUARD_OVERDUE_DAYS", "-1"),
    ],
)
def test_a_bad_setting_is_refused_by_name(
    home: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidInput, match=name):
        load_settings()
    result = CliRunner().invoke(app, ["rules", "list", "--json"])
    assert result.exit_code == 2
    assert name in result.stderr
