"""The beef quota race: the race overfills the "other countries" beef quota, and exactly the
lines charged over it (as ingest charges them) are planted as quota evasion."""

from __future__ import annotations

import polars as pl

from tradeguard.domain.quotas import QuotaLine, charge, whole_units
from tradeguard.generator import generate
from tradeguard.reference.quotas import packaged_quotas


def test_the_race_overfills_the_quota_and_the_truth_marks_what_is_over() -> None:
    data = generate(1500, seed=3, quota_race=True)
    plain = generate(1500, seed=3)
    assert data.declarations.num_rows > plain.declarations.num_rows
    assert data.declarations.slice(0, plain.declarations.num_rows).equals(plain.declarations)
    lines = pl.from_arrow(data.declarations)
    truth = pl.from_arrow(data.truth)
    assert isinstance(lines, pl.DataFrame) and isinstance(truth, pl.DataFrame)
    scoped = lines.filter(pl.col("hts10").str.slice(0, 4).is_in(["0201", "0202"]))
    charged = charge(
        packaged_quotas(),
        [
            QuotaLine(r["entry_no"], r["line_no"], r["entry_date"], r["hts10"],
                      r["origin_country"], r["unit"], whole_units(r["quantity"]))
            for r in scoped.iter_rows(named=True)
        ],
    )  # fmt: skip
    other = [c for c in charged if c.quota_id == "BEEF-OTHER"]
    assert sum(c.in_quota for c in other) == 65_005_000
    over = {(c.entry_no, c.line_no) for c in charged if c.over_quota > 0}
    planted = truth.filter(pl.col("scheme") == "quota_overfill")
    assert 2 <= planted.height and set(planted.select("entry_no", "line_no").iter_rows()) <= over
    assert set(planted["pti"]) == {"Agriculture Programs"}
    assert set(planted["violation_type"]) == {"quota_evasion"}
    again = generate(1500, seed=3, quota_race=True)
    assert again.declarations.equals(data.declarations) and again.truth.equals(data.truth)
