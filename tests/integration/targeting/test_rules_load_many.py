"""`tradeguard rules load` with several files or a folder, run as a real process on SQLite and
PostgreSQL: everything is published in one transaction, so a refused rule in the third file
leaves nothing of the first two; an unknown owner is refused naming the rule and `owner`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.rules import read_rules_files

RULE = """
- id: {rule_id}
  name: Lithium batteries from one origin
  rationale: Lithium batteries are a fire risk in transit and often mislabelled.
  pti: SAFETY
  risk: high
  stages: [entry]
  where: "hts6 = '850760' AND origin_country = 'CN'"
  owner: {owner}
"""


def _tradeguard(home: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRADEGUARD_HOME": str(home), "TRADEGUARD_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-c", "from tradeguard.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _files(folder: Path, *owners: str) -> list[Path]:
    folder.mkdir()
    paths = []
    for n, owner in enumerate(owners, start=1):
        path = folder / f"{n}.yaml"
        path.write_text(RULE.format(rule_id=f"R-SAFE-{n:03d}", owner=owner))
        paths.append(path)
    return paths


def _listed(home: Path, url: str) -> list[str]:
    done = _tradeguard(home, url, "rules", "list", "--json")
    assert done.returncode == 0, done.stderr
    return [f"{r['id']}@{r['version']}" for r in json.loads(done.stdout)]


def test_a_bad_third_file_publishes_nothing_then_the_fixed_folder_publishes_all(
    database_url: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    paths = _files(tmp_path / "rules", "CTAC", "CTAC", "Import Safety NTAG")
    done = _tradeguard(home, database_url, "rules", "load", *map(str, paths), "--json")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "3.yaml" in done.stderr and "R-SAFE-003" in done.stderr and "owner" in done.stderr
    assert "Traceback" not in done.stderr
    assert _listed(home, database_url) == []

    paths[2].write_text(RULE.format(rule_id="R-SAFE-003", owner="CTAC"))
    done = _tradeguard(home, database_url, "rules", "load", str(tmp_path / "rules"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"] == ["R-SAFE-001@1", "R-SAFE-002@1", "R-SAFE-003@1"]
    assert _listed(home, database_url) == ["R-SAFE-001@1", "R-SAFE-002@1", "R-SAFE-003@1"]


def test_the_starter_library_loads_as_a_folder_and_as_files(database_url: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    starter = sorted(STARTER_RULES_DIR.glob("*.yaml"))
    done = _tradeguard(home, database_url, "rules", "load", str(STARTER_RULES_DIR), "--json")
    assert done.returncode == 0, done.stderr
    rules = read_rules_files(starter)
    assert len(json.loads(done.stdout)["added"]) == len(rules) >= 18
    done = _tradeguard(home, database_url, "rules", "load", *map(str, starter), "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["unchanged"]) == len(rules)


def test_one_rule_in_two_files_and_an_empty_folder_are_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    url = f"sqlite:///{tmp_path / 'operational.db'}"
    first, second = _files(tmp_path / "rules", "CTAC", "CTAC")
    second.write_text(RULE.format(rule_id="R-SAFE-001", owner="CTAC"))
    done = _tradeguard(home, url, "rules", "load", str(first), str(second))
    assert done.returncode == 2 and "R-SAFE-001" in done.stderr and "2.yaml" in done.stderr
    (tmp_path / "empty").mkdir()
    done = _tradeguard(home, url, "rules", "load", str(tmp_path / "empty"))
    assert done.returncode == 2 and "no rules files" in done.stderr
    assert _listed(home, url) == []


@pytest.mark.parametrize("as_json", [True, False])
def test_owners_lists_the_sixteen_units(tmp_path: Path, as_json: bool) -> None:
    url = f"sqlite:///{tmp_path / 'operational.db'}"
    done = _tradeguard(tmp_path, url, "rules", "owners", *(["--json"] if as_json else []))
    assert done.returncode == 0, done.stderr
    if as_json:
        units = json.loads(done.stdout)
        assert len(units) == 16 and {"unit": "CTAC"}.items() <= units[5].items()
    else:
        assert "AD/CVD NTAG" in done.stderr + done.stdout
