"""Every catalogue measure cites a sentence of GAO-17-618, and each is quoted verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tradeguard.domain.measures import CATALOGUE
from tradeguard.domain.measures.sources import QUOTES

# ../shared/seed beside the checkout (docs: /work/shared/data/README.md), wherever it is cloned
SEED = next(
    (
        p / "shared" / "seed"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "seed").is_dir()
    ),
    Path("/nonexistent"),
)


def _plain(text: str) -> str:
    """The report's markdown escapes dollar signs and its lines carry footnote numbers."""
    return re.sub(r"\s+", " ", text.replace("\\$", "$"))


def test_every_definition_cites_one_of_the_quotes() -> None:
    assert all(d.report in QUOTES for d in CATALOGUE.values())


@pytest.mark.skipif(not SEED.is_dir(), reason="the report's text is kept outside the repository")
def test_every_quote_is_in_the_report_word_for_word() -> None:
    report = _plain("".join(p.read_text(encoding="utf-8") for p in sorted(SEED.glob("*.txt"))))
    missing = [q for q in QUOTES if _plain(q) not in report]
    assert missing == []
