"""The ten Centers of Excellence and Expertise and which tariff chapters each one reviews.

Centers work by industry, nationally: an entry's Center follows from its HTS chapter, except that
motor vehicles (headings 8701-8716) and aircraft (8801-8805) always go to Automotive and
Aerospace. The chapter ranges and their reasoning are in docs/reference.md.
"""

from __future__ import annotations

import csv
from importlib import resources

AUTOMOTIVE_AND_AEROSPACE = "Automotive and Aerospace"
_AUTO_HEADINGS = frozenset(range(8701, 8717)) | frozenset(range(8801, 8806))


def packaged_chapter_centers() -> dict[int, str]:
    text = resources.files("tradeguard.reference").joinpath("data/centers.csv").read_text("utf-8")
    mapping: dict[int, str] = {}
    for r in csv.DictReader(text.splitlines()):
        for chapter in range(int(r["chapter_from"]), int(r["chapter_to"]) + 1):
            mapping[chapter] = r["center"]
    return mapping


def center_for(chapter_centers: dict[int, str], hts10: str) -> str:
    if int(hts10[:4]) in _AUTO_HEADINGS:
        return AUTOMOTIVE_AND_AEROSPACE
    return chapter_centers[int(hts10[:2])]
