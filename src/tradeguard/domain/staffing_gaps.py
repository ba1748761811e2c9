"""Gap analysis of the trade positions against their mandated minimum and optimal range.

GAO-17-618 compared each position's actual headcount with the Homeland Security Act §412(b)
minimum and with the Resource Optimization Model's optimal range, and called a position
"generally below" a level when it was below it in most of the years shown. That comparison is
pure arithmetic over the reference figures, so it lives here and can reproduce the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Position:
    """A trade position as the report gives it: actual headcount (or trade FTE) by fiscal year."""

    name: str
    office: str
    mandated_minimum: int | None  # None: not one of the nine §412(b) positions
    optimal_low: int
    optimal_high: int
    actuals: dict[int, int] = field(default_factory=dict)  # fiscal year -> headcount at its end

    @property
    def is_mandated(self) -> bool:
        return self.mandated_minimum is not None

    @property
    def target(self) -> int:
        """What a hiring plan must reach: the higher of the legal minimum and the optimal low."""
        if self.mandated_minimum is None:
            return self.optimal_low
        return max(self.mandated_minimum, self.optimal_low)

    @property
    def last_actual_fy(self) -> int:
        if not self.actuals:
            raise ValueError(f"{self.name} has no actual headcount")
        return max(self.actuals)


@dataclass(frozen=True, slots=True)
class YearGap:
    actual: int
    below_mandated: bool | None  # None for a nonmandated position
    below_optimal: bool


@dataclass(frozen=True, slots=True)
class PositionGap:
    position: Position
    years: dict[int, YearGap]

    @property
    def years_below_mandated(self) -> int:
        return sum(1 for y in self.years.values() if y.below_mandated)

    @property
    def years_below_optimal(self) -> int:
        return sum(1 for y in self.years.values() if y.below_optimal)

    @property
    def generally_below_mandated(self) -> bool:
        """The report's wording: below the minimum in most (more than half) of the years shown."""
        return self.position.is_mandated and _most(self.years_below_mandated, len(self.years))

    @property
    def generally_below_optimal(self) -> bool:
        return _most(self.years_below_optimal, len(self.years))


def _most(count: int, of: int) -> bool:
    return of > 0 and 2 * count > of


def gap_for(position: Position) -> PositionGap:
    """Compare every year with data; "below" is strict, so meeting the minimum exactly is met."""
    years = {
        fy: YearGap(
            actual=actual,
            below_mandated=(
                None if position.mandated_minimum is None else actual < position.mandated_minimum
            ),
            below_optimal=actual < position.optimal_low,
        )
        for fy, actual in sorted(position.actuals.items())
    }
    return PositionGap(position=position, years=years)


def analyse_gaps(positions: list[Position]) -> list[PositionGap]:
    return [gap_for(p) for p in positions]
