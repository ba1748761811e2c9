"""The Reference object: every reference table tradeguard uses, loaded once per home."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tradeguard.reference.adcvd import AdcvdOrder, order_for, packaged_orders
from tradeguard.reference.centers import center_for, packaged_chapter_centers
from tradeguard.reference.hts import HtsLine, imported_lines, packaged_lines
from tradeguard.reference.ports import Port, packaged_ports

IMPORTED_HTS = Path("reference") / "hts.parquet"


@dataclass(frozen=True, slots=True)
class Reference:
    hts: dict[str, HtsLine]
    ports: dict[str, Port]
    countries: frozenset[str]
    centers: tuple[str, ...]
    chapter_centers: dict[int, str]
    adcvd_orders: tuple[AdcvdOrder, ...]

    def center_for_hts(self, hts10: str) -> str:
        return center_for(self.chapter_centers, hts10)

    def adcvd_for(self, hts10: str, origin: str) -> AdcvdOrder | None:
        return order_for(self.adcvd_orders, hts10, origin)


def _countries() -> frozenset[str]:
    text = resources.files("tradeguard.reference").joinpath("data/countries.csv").read_text("utf-8")
    return frozenset(r["code"] for r in csv.DictReader(text.splitlines()))


@functools.lru_cache(maxsize=8)
def _load(home: Path | None, imported_mtime: float | None) -> Reference:
    hts = packaged_lines()
    if home is not None and imported_mtime is not None:
        hts.update(imported_lines(home / IMPORTED_HTS))
    chapter_centers = packaged_chapter_centers()
    return Reference(
        hts=hts,
        ports=packaged_ports(),
        countries=_countries(),
        centers=tuple(sorted(set(chapter_centers.values()))),
        chapter_centers=chapter_centers,
        adcvd_orders=packaged_orders(),
    )


def load_reference(home: Path | None = None) -> Reference:
    """The packaged tables, plus the full schedule when `import-hts` has written one under home.

    Cached per home and per version of the imported schedule, so a fresh import is seen at once.
    """
    if home is None:
        return _load(None, None)
    path = home.resolve() / IMPORTED_HTS
    mtime = path.stat().st_mtime if path.exists() else None
    return _load(home.resolve(), mtime)
