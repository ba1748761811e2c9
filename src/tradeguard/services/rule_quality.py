"""Starter rule quality on a held-out generated year: precision against each rule's own PTI.

A year is generated with a seed the rules were not written against (they were tuned on seed 1)
and loaded through the real ingest. Findings are made the way exams make them: every line of
each entry the rules held before any finding existed, or the random sample picked, is examined,
and its finding (the generator's truth) is dated some days after entry. With those findings in
place the starter rules run again; history columns read only findings dated before each entry,
so nothing is seen from the future. Judged per rule over the year: how many entries it holds and
what share carry a violation of the rule's PTI, against that PTI's base rate among all entries
(the lift). Judged over the last quarter, once findings exist: the share of entries the starter
set holds at entry and at post-entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import polars as pl

from tradeguard.config import Settings
from tradeguard.domain.rule import Lane, PublishedRule, Stage
from tradeguard.generator import generate, write
from tradeguard.generator.assemble import first_day_of
from tradeguard.paths import STARTER_RULES_DIR
from tradeguard.services.advance_ingest import ingest_advance
from tradeguard.services.ingest import ingest
from tradeguard.services.quota_charging import quota_fills
from tradeguard.services.rule_hits import entry_hits_frame, findings_path
from tradeguard.services.rules import read_rules_file
from tradeguard.targeting.compiler import CompiledRule, compile_rules
from tradeguard.targeting.lanes import decisions, hit_matrix

# Held shares are judged from this point of the year on, when months of findings exist.
HISTORY_SHARE = 0.75
FINDING_LAG_DAYS = 10
HISTORY_SAMPLE_RATE = 0.02  # the random compliance sample examined during the history months
HELD = (Lane.MANDATORY.value, Lane.DISCRETIONARY.value)


@dataclass(frozen=True, slots=True)
class RuleQuality:
    rule_id: str
    pti: str
    risk: str
    held: int
    violations: int  # held entries with a violation of the rule's PTI
    base_rate: float  # share of held-out entries with a violation of the rule's PTI

    @property
    def precision(self) -> float | None:
        return self.violations / self.held if self.held else None

    @property
    def lift(self) -> float | None:
        p = self.precision
        return None if p is None or not self.base_rate else p / self.base_rate


@dataclass(frozen=True, slots=True)
class StarterQuality:
    entries: int  # entries judged per rule (the whole year)
    late_entries: int  # entries of the last quarter, where the held shares are judged
    entry_held_share: float
    post_entry_held_share: float
    findings: int  # examined lines whose findings fed the history columns
    rules: tuple[RuleQuality, ...]


def starter_rules(folder: Path = STARTER_RULES_DIR) -> list[PublishedRule]:
    return [
        PublishedRule(rule, 1)
        for path in sorted(folder.glob("*.yaml"))
        for rule in read_rules_file(path)
    ]


def _truth_by_entry(truth: pl.DataFrame) -> pl.DataFrame:
    """Per entry, the PTIs of its violating lines."""
    return (
        truth.filter(pl.col("violation"))
        .group_by("entry_no")
        .agg(pl.col("pti").unique().alias("ptis"))
    )


def _write_findings(settings: Settings, held: list[str], lines: pl.DataFrame) -> int:
    examined = lines.filter(pl.col("entry_no").is_in(held)).select(
        "entry_no", "line_no",
        (pl.col("entry_date") + pl.duration(days=FINDING_LAG_DAYS)).alias("finding_date"),
        "violation", "pti", "violation_type",
    )  # fmt: skip
    path = findings_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    examined.write_parquet(path)
    return examined.height


def _compiled(settings: Settings, folder: Path, stage: Stage | None) -> list[CompiledRule]:
    return compile_rules(starter_rules(folder), stage, quotas=quota_fills(settings.lake_dir))


def _held_share(settings: Settings, folder: Path, stage: Stage, judged: pl.Series) -> float:
    rules = _compiled(settings, folder, stage)
    hits = entry_hits_frame(settings, rules, seed=1, sample_rate=0.0)
    lanes = decisions(hits, rules, stage=stage.value, release_trusted_low=True)
    lanes = lanes.filter(pl.col("entry_no").is_in(judged.implode()))
    return lanes.filter(pl.col("lane").is_in(HELD)).height / max(lanes.height, 1)


def starter_rule_quality(
    workdir: Path, *, entries: int, seed: int, fy: int, rules_dir: Path = STARTER_RULES_DIR
) -> StarterQuality:
    """Generate, load, examine as the rules and the sample direct, then judge every rule in
    `rules_dir` (the starter library unless another folder is given)."""
    settings = Settings(home=workdir, database_url="", spark_master="local[*]", overdue_days=5)
    data = generate(entries, seed=seed, fy=fy, quota_race=True)
    files = write(data, workdir / "generated")
    ingest([files["declarations"]], settings)
    # the vessel entries' advance filings, as a real year has them (the advance_* columns)
    ingest_advance([files["advance"]], settings)
    declared = pl.from_arrow(data.declarations.select(["entry_no", "line_no", "entry_date"]))
    truth = pl.from_arrow(data.truth.select(["entry_no", "line_no", "violation", "pti",
                                             "violation_type"]))  # fmt: skip
    assert isinstance(declared, pl.DataFrame) and isinstance(truth, pl.DataFrame)
    lines = declared.join(truth, on=["entry_no", "line_no"])
    cutoff = first_day_of(fy) + timedelta(days=int(365 * HISTORY_SHARE))
    # before any finding: what the rules and the random sample sent to exams all year
    rules = _compiled(settings, rules_dir, None)
    first = entry_hits_frame(settings, rules, seed=seed, sample_rate=HISTORY_SAMPLE_RATE)
    first_lanes = decisions(first, rules, stage="entry", release_trusted_low=True)
    sent = first_lanes.filter(pl.col("lane") != Lane.RELEASE.value)
    findings = _write_findings(settings, sent.get_column("entry_no").to_list(), lines)
    # with the findings in place
    hits = entry_hits_frame(settings, rules, seed=seed, sample_rate=0.0)
    judged = hits.join(_truth_by_entry(truth), on="entry_no", how="left")
    matrix = hit_matrix(judged, rules)
    out = []
    for k, rule in enumerate(rules):
        pti = rule.rule.pti.value
        has = judged.get_column("ptis").list.contains(pti).fill_null(False).to_numpy()
        held = matrix[:, k]
        out.append(
            RuleQuality(
                rule.rule.id, pti, rule.rule.risk.value, int(held.sum()),
                int((held & has).sum()), float(has.mean()) if len(has) else 0.0,
            )
        )  # fmt: skip
    ids = judged.filter(pl.col("entry_date") >= cutoff).get_column("entry_no")
    return StarterQuality(
        entries=judged.height,
        late_entries=ids.len(),
        entry_held_share=_held_share(settings, rules_dir, Stage.ENTRY, ids),
        post_entry_held_share=_held_share(settings, rules_dir, Stage.POST_ENTRY, ids),
        findings=findings,
        rules=tuple(out),
    )
