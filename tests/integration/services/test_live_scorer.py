"""The live scorer: built once per change of its inputs, swapped in whole, and a failed rebuild
keeps the last good scorer in service."""

from __future__ import annotations

from pathlib import Path

from tests.integration.api.targeted_home import declaration_of, targeted_home
from tradeguard.domain.rule import Rule
from tradeguard.services.rules import load_rules
from tradeguard.services.scoring import LiveScorer, score_with
from tradeguard.store.lake import EntryLake


def _rule(entry_no: str) -> Rule:
    return Rule.model_validate(
        {
            "id": "R-REV-902",
            "name": "One entry",
            "rationale": "For the live scorer test.",
            "pti": "Revenue",
            "risk": "mandatory",
            "stages": ["entry"],
            "where": f"entry_no = '{entry_no}'",
            "owner": "Revenue NTAG",
        }  # fmt: skip
    )


def test_rebuilt_once_per_change_and_a_failed_rebuild_keeps_the_last_good(tmp_path: Path) -> None:
    settings, db = targeted_home(tmp_path)
    live = LiveScorer(db, settings, "entry", poll_seconds=3600)
    assert live.current() is None  # nothing built yet, and a request does not build
    first = live.refresh()
    assert live.refresh() is first  # nothing changed: no rebuild
    assert live.current() is first

    manifest = EntryLake(settings.lake_dir).manifest_path
    body = declaration_of(settings, _first_entry(settings))
    load_rules(db, [_rule(body["lines"][0]["entry_no"])], actor="test")
    second = live.refresh()
    assert second.generation == first.generation + 1
    assert "R-REV-902" in [r["rule_id"] for r in score_with(second, body).as_json()["reasons"]]
    assert "R-REV-902" not in [r["rule_id"] for r in score_with(first, body).as_json()["reasons"]]

    good = manifest.read_text()
    manifest.write_text("{ half written")
    kept = live.refresh()
    assert kept is second and live.current() is second
    assert score_with(kept, body).score.lane == "mandatory"

    manifest.write_text(good)
    assert live.refresh().generation == second.generation + 1
    db.dispose()


def _first_entry(settings) -> str:  # type: ignore[no-untyped-def]
    frame = EntryLake(settings.lake_dir).scan().select("entry_no").head(1).collect()
    return str(frame["entry_no"][0])
