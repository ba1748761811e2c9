"""`tradeguard rules load` with several files or a folder, run as a real process on SQLite and
PostgreSQL: everything is published in one transaction, so a refused rule in the third file
leaves nothing of the first two; an unknown owner is refused naming the rule and `owner`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

from tradeguard.domain.errors import Collision
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.rules import active_rules, load_rules, parse_rules, read_rules_files
from tradeguard.store import rules as store
from tradeguard.store.database import Database

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


def test_the_starter_library_loads_as_a_folder_and_as_files(
    database_url: str, tmp_path: Path
) -> None:
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


def test_a_write_refused_half_way_rolls_back_the_whole_load(database: Database) -> None:
    """Another writer stores R-SAFE-003@1 after this load has read that rule's versions (and
    published the first two): the unique constraint refuses the third, and nothing is kept."""
    if database.engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers: the other one waits for this load to finish")
    text = "".join(RULE.format(rule_id=f"R-SAFE-00{n}", owner="CTAC") for n in (1, 2, 3))
    rules = parse_rules(text)
    racing = rules[2]
    fired: list[bool] = []

    def publish_first(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if fired or "FROM rule_versions" not in statement or racing.id not in str(parameters):
            return
        fired.append(True)
        with database.session() as other:  # a second connection, committed at once
            other.add(
                store.RuleVersion(
                    rule_id=racing.id, version=1, status=store.ACTIVE,
                    content=store.content_json(racing), content_sha256=store.content_sha(racing),
                    created_at=datetime.now(UTC), created_by="other writer",
                )
            )  # fmt: skip

    event.listen(database.engine, "after_cursor_execute", publish_first)
    try:
        with pytest.raises(Collision):
            load_rules(database, rules, actor="analyst")
    finally:
        event.remove(database.engine, "after_cursor_execute", publish_first)
    assert fired
    assert [p.ref for p in active_rules(database)] == ["R-SAFE-003@1"]  # only the other writer's
