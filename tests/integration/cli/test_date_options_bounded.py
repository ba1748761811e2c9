"""Every date option of every command is bounded (issue 22, item 5): `--on`, `--as-of`,
`--today`, `--from`/`--to`, `--date`, `--until` ... given a day decades ago or years ahead, the
command exits 2 naming the option while the command line is parsed, before anything runs.

The options are found by walking the whole command tree, so a date option added later without
`callback=bounded_day` fails here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from tradeguard.cli import COMMANDS, app, load_command
from tradeguard.cli.dates import bounded_as_of, bounded_day
from tradeguard.paths import STARTER_RULES_DIR

runner = CliRunner()
# Options that name a day: by flag, or by a help text that speaks of a day or date.
DATE_FLAG = re.compile(r"^--(on|today|as-of|from|until|since|date|cutoff|[a-z-]+-(on|date))$")
DATE_HELP = re.compile(r"YYYY-MM-DD|\bday\b|\bdate\b", re.IGNORECASE)
NOT_DAYS = {"--to", "--within", "--status", "--fy", "--every"}


def _leaves(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from _leaves(sub, [*path, name])
    else:
        yield path, command


def _is_day(option: Any, path: list[str]) -> bool:
    flags = [o for o in option.opts if o.startswith("--")]
    if any(DATE_FLAG.match(f) for f in flags):
        return True
    if "--to" in flags:  # a date where it pairs with --from; elsewhere the state to move to
        return "first" not in (option.help or "") and "date" in (option.help or "").lower()
    return not set(flags) & NOT_DAYS and bool(DATE_HELP.search(option.help or ""))


def date_options() -> list[tuple[list[str], str, Any]]:
    found = []
    for entry in COMMANDS:
        for path, command in _leaves(load_command(entry), [entry.name]):
            for param in command.params:
                if param.param_type_name == "option" and _is_day(param, path):
                    flag = next(o for o in param.opts if o.startswith("--"))
                    found.append((path, flag, param))
    return found


OPTIONS = date_options()


def test_the_walk_finds_every_kind_of_date_option() -> None:
    flags = {(" ".join(p), f) for p, f, _ in OPTIONS}
    assert len(OPTIONS) >= 60
    for expected in [
        ("cases due", "--today"),
        ("exams plan", "--date"),
        ("exams plan", "--to"),
        ("target", "--from"),
        ("model train", "--until"),
        ("inbond arrive", "--reported-on"),
        ("facilities admit", "--imported"),
        ("oversight", "--as-of"),
    ]:
        assert expected in flags
    assert ("cases move", "--to") not in flags  # the state, not a day


@pytest.mark.parametrize(
    ("path", "flag", "param"), OPTIONS, ids=[f"{' '.join(p)} {f}" for p, f, _ in OPTIONS]
)
def test_a_day_outside_the_bounds_exits_2_naming_the_option(
    path: list[str], flag: str, param: Any
) -> None:
    assert param.callback is not None, f"{' '.join(path)} {flag} has no bound"
    far = date.today() + timedelta(days=6 * 366)  # past even a look-ahead (--today, --as-of)
    for day in ("0001-01-01", far.isoformat()):
        result = runner.invoke(app, [*path, flag, day])
        assert result.exit_code == 2, (path, flag, day, result.output)
        assert flag in result.output and param.name in result.output, result.output


def test_a_day_within_the_bounds_passes_the_option() -> None:
    class Param:
        name = "on"

    today = date.today().isoformat()
    assert bounded_day(Param(), today) == today  # type: ignore[arg-type]
    assert bounded_day(Param(), "not a date") == "not a date"  # type: ignore[arg-type]
    ahead = (date.today() + timedelta(days=3 * 366)).isoformat()  # a look-ahead may reach 5 years
    assert bounded_as_of(Param(), ahead) == ahead  # type: ignore[arg-type]
    with pytest.raises(typer.BadParameter):
        bounded_day(Param(), ahead)  # type: ignore[arg-type]


def test_a_rule_scheduled_out_of_bounds_is_refused_naming_the_field(home: Path) -> None:
    starter = sorted(STARTER_RULES_DIR.glob("*.yaml"))[0]
    rules = yaml.safe_load(starter.read_text())[:1]
    ahead = date.today() + timedelta(days=3 * 366)  # a rule may be scheduled years ahead
    for field, day, refused in [
        ("effective_from", date(1, 1, 1), True),
        ("effective_to", date.today() + timedelta(days=6 * 366), True),
        ("effective_from", ahead, False),
    ]:
        path = home / f"{field}.yaml"
        path.write_text(yaml.safe_dump([{**rules[0], field: day.isoformat()}]))
        result = runner.invoke(app, ["rules", "load", str(path)])
        if refused:
            assert result.exit_code == 2 and field in result.output, result.output
        else:
            assert result.exit_code == 0, result.output
