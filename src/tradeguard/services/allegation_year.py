"""A year of public e-allegations for the demo: submitted through the public form's service and
triaged by receipt, as an officer would, into an EAPA investigation, a survey, a referral to HSI
or a closing with a reason.

Tips name importers the generator's truth shows breaking the rules (most are founded; a stated
share are not). What they allege decides where triage sends them: AD/CVD evasion by transshipment
is an EAPA allegation (19 U.S.C. 1517); counterfeit or unsafe goods go to HSI; a revenue practice
sets off a survey of the importer, which GAO-17-618 says "are performed as a result of an
assertion or allegation, such as an e-allegation". Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import polars as pl

from tradeguard.domain.cases import CaseKind
from tradeguard.domain.cases.business_days import add_business_days
from tradeguard.domain.fiscal import fiscal_year_bounds
from tradeguard.domain.pti import PTI
from tradeguard.services.allegation_triage import triage_received
from tradeguard.services.allegations import submit_allegation
from tradeguard.store.database import Database

__all__ = ["ALLEGATIONS_PER_100K", "AllegationsTriaged", "replay_allegations"]

ALLEGATIONS_PER_100K = 25  # a stated assumption (docs/cases.md); never fewer than 6
UNFOUNDED_SHARE = 0.25
# what a tip alleges -> (PTI it is filed under, case triage opens; None closes it)
ROUTES: dict[str, tuple[PTI, CaseKind | None]] = {
    "evasion": (PTI.ADCVD, CaseKind.EAPA),
    "counterfeit": (PTI.IPR, CaseKind.REFERRAL),
    "revenue": (PTI.REVENUE, CaseKind.AUDIT),
    "unfounded": (PTI.REVENUE, None),
}
TEXT = {
    "evasion": "Goods subject to an antidumping order appear to be shipped through a third "
    "country and declared with a false origin to evade the duties.",
    "counterfeit": "The importer sells branded goods at a fraction of the genuine price; they "
    "look counterfeit and some are unsafe.",
    "revenue": "A competitor's landed prices are below cost; its entries appear undervalued or "
    "misclassified to pay less duty.",
    "unfounded": "I think this importer is doing something wrong with its imports and want "
    "someone to look at it.",
}


@dataclass(frozen=True, slots=True)
class AllegationsTriaged:
    submitted: int
    opened: dict[str, int]
    closed: int

    def as_json(self) -> dict[str, object]:
        return {"submitted": self.submitted, "opened": self.opened, "closed": self.closed}


def _topic(violation_type: str | None) -> str:
    if violation_type == "transshipment":
        return "evasion"
    if violation_type in ("counterfeit", "unsafe"):
        return "counterfeit"
    return "revenue"


def _tips(generated_dir: Path) -> tuple[list[tuple[str, str, date]], list[str]]:
    """Founded tips (importer, topic, first violating entry date) and clean importers."""
    lines = pl.scan_parquet(generated_dir / "declarations.parquet").select(
        "entry_no", "line_no", "importer_id", "entry_date"
    )
    truth = pl.scan_parquet(generated_dir / "truth.parquet").select(
        "entry_no", "line_no", "violation", "violation_type"
    )
    joined = lines.join(truth, on=["entry_no", "line_no"], how="left").collect()
    violating = (
        joined.filter(pl.col("violation"))
        .sort("entry_date", "entry_no", "line_no")
        .unique("importer_id", keep="first", maintain_order=True)
    )
    founded = [
        (r["importer_id"], _topic(r["violation_type"]), r["entry_date"])
        for r in violating.iter_rows(named=True)
    ]
    bad = set(violating["importer_id"])
    clean = sorted(set(joined["importer_id"]) - bad)
    return founded, clean


def _draw(
    generated_dir: Path, count: int, fy: int, rng: random.Random
) -> list[tuple[str | None, str, date]]:
    """`count` tips (importer, topic, submitted on): the first one of each topic, then at
    random; each submitted 10 to 60 days after the entry it is about, within the year."""
    founded, clean = _tips(generated_dir)
    first, last = fiscal_year_bounds(fy)
    latest = last - timedelta(days=30)  # leave the year's last tips time to be triaged
    rng.shuffle(founded)
    out: list[tuple[str | None, str, date]] = []
    for topic in ("evasion", "counterfeit", "revenue", "unfounded"):
        pool = [t for t in founded if t[1] == topic] or founded
        if topic == "unfounded" or not pool:
            day = first + timedelta(days=rng.randint(30, (latest - first).days))
            out.append((rng.choice(clean) if clean else None, "unfounded", day))
        else:
            importer, _, entered = pool[0]
            out.append((importer, topic, entered))
    while len(out) < count and founded:
        if rng.random() < UNFOUNDED_SHARE and clean:
            day = first + timedelta(days=rng.randint(30, (latest - first).days))
            out.append((rng.choice(clean), "unfounded", day))
        else:
            out.append(founded[rng.randrange(len(founded))])
    return [
        (imp, topic, min(latest, max(first, on + timedelta(days=rng.randint(10, 60)))))
        for imp, topic, on in out[:count]
    ]


def replay_allegations(
    db: Database, generated_dir: Path, *, entries: int, fy: int, seed: int, actor: str = "demo"
) -> AllegationsTriaged:
    """Submit the year's tips in date order through the public form's service and triage each
    within the 15 business days its deadline allows."""
    rng = random.Random(f"allegations:{seed}")
    count = max(6, round(ALLEGATIONS_PER_100K * entries / 100_000))
    tips = sorted(_draw(generated_dir, count, fy, rng), key=lambda t: t[2])
    opened: dict[str, int] = {}
    closed = 0
    for number, (importer, topic, on) in enumerate(tips):
        pti, open_as = ROUTES[topic]
        raw = {"pti": pti.value, "description": TEXT[topic], "importer": importer}
        moment = datetime.combine(on, time(9, number % 60), tzinfo=UTC)
        receipt = submit_allegation(db, raw, client_address=f"demo-filer-{number}", now=moment)
        triaged_on = add_business_days(on, rng.randint(2, 15))
        reason = "" if open_as else "no indication of a violation in the importer's entries"
        triage_received(db, receipt, actor=actor, open_as=open_as, reason=reason, today=triaged_on)
        if open_as is None:
            closed += 1
        else:
            opened[open_as.value] = opened.get(open_as.value, 0) + 1
    return AllegationsTriaged(
        submitted=len(tips), opened=dict(sorted(opened.items())), closed=closed
    )
