"""Required staff from workload: units of work × standard hours per unit ÷ productive hours.

This is the arithmetic of CBP's Resource Optimization Model as GAO-17-618 describes it (projected
workload, standard hours, a low/high range). The parameters are data (staffing_parameters.yaml);
here is only the calculation, in Decimal so the range does not drift with float rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tradeguard.domain.errors import InvalidInput

ONE_PLACE = Decimal("0.1")
# A fiscal year of data; a longer span is averaged down to one year.
DAYS_PER_YEAR = 365


@dataclass(frozen=True, slots=True)
class DriverVolume:
    """One workload driver's yearly units, and whether tradeguard measured them or assumed them."""

    driver: str
    units: int
    measured: bool


@dataclass(frozen=True, slots=True)
class StandardHours:
    driver: str
    hours_low: Decimal
    hours_high: Decimal

    def __post_init__(self) -> None:
        if self.hours_low < 0 or self.hours_high < self.hours_low:
            raise InvalidInput(
                f"standard hours for {self.driver} must satisfy 0 <= low <= high, "
                f"got {self.hours_low}..{self.hours_high}",
                field="standard_hours",
            )


@dataclass(frozen=True, slots=True)
class WorkloadLine:
    driver: str
    units: int
    measured: bool
    hours_low: Decimal
    hours_high: Decimal
    fte_low: Decimal  # to one decimal place, for display
    fte_high: Decimal


@dataclass(frozen=True, slots=True)
class RequiredStaff:
    position: str
    fte_low: int
    fte_high: int
    workload: tuple[WorkloadLine, ...]


@dataclass(frozen=True, slots=True)
class WorkloadScope:
    """What a sample of trade data stands for: the days it covers and its share of the nation.

    The Resource Optimization Model works in national yearly units; a sample (the demo's 100,000
    entries, one port's month) must be annualised and scaled up before it meets a national
    default in the same position's sum.
    """

    days_covered: int
    national_share: Decimal

    def __post_init__(self) -> None:
        if self.days_covered < 1:
            raise InvalidInput(
                f"the data must cover at least one day, got {self.days_covered}", "days_covered"
            )
        if not Decimal(0) < self.national_share <= Decimal(1):
            raise InvalidInput(
                f"national share must be above 0 and at most 1, got {self.national_share}",
                field="national_share",
            )

    @property
    def factor(self) -> Decimal:
        """Sample units x factor = national units a year: x 365 / days covered / share."""
        return Decimal(DAYS_PER_YEAR) / self.days_covered / self.national_share

    def national_units(self, sample_units: int) -> int:
        if sample_units < 0:
            raise InvalidInput(f"units must not be negative, got {sample_units}", "units")
        return _whole(
            Decimal(sample_units) * DAYS_PER_YEAR / (self.days_covered * self.national_share)
        )


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def required_fte(
    position: str,
    hours: list[StandardHours],
    volumes: dict[str, DriverVolume],
    productive_hours_per_fte: Decimal,
) -> RequiredStaff:
    """Sum the hours every driver demands, then divide once, so rounding happens once."""
    if productive_hours_per_fte <= 0:
        raise InvalidInput(
            "productive hours per FTE must be positive", field="productive_hours_per_fte"
        )
    lines: list[WorkloadLine] = []
    total_low = Decimal(0)
    total_high = Decimal(0)
    for standard in hours:
        volume = volumes.get(standard.driver)
        if volume is None:
            raise InvalidInput(
                f"{position} needs workload driver {standard.driver!r}, which has no volume",
                field="drivers",
            )
        low = volume.units * standard.hours_low
        high = volume.units * standard.hours_high
        total_low += low
        total_high += high
        lines.append(
            WorkloadLine(
                driver=standard.driver,
                units=volume.units,
                measured=volume.measured,
                hours_low=standard.hours_low,
                hours_high=standard.hours_high,
                fte_low=(low / productive_hours_per_fte).quantize(ONE_PLACE, ROUND_HALF_UP),
                fte_high=(high / productive_hours_per_fte).quantize(ONE_PLACE, ROUND_HALF_UP),
            )
        )
    return RequiredStaff(
        position=position,
        fte_low=_whole(total_low / productive_hours_per_fte),
        fte_high=_whole(total_high / productive_hours_per_fte),
        workload=tuple(lines),
    )


def exam_officer_hours_per_day(
    *,
    officer_trade_fte: int,
    port_share: Decimal,
    productive_hours_per_fte: Decimal,
    operating_days_per_year: int,
) -> Decimal:
    """Officer-hours a port can give to trade exams per operating day.

    The national trade FTE of CBP officers (6,889 in FY2014, GAO-17-618 Table 6) is spread over
    ports in proportion to their share of national entries; each FTE gives its productive hours
    a year, spread over the days the port's exam facilities operate. Rounded to 0.1 hour.
    """
    if not Decimal(0) <= port_share <= Decimal(1):
        raise InvalidInput(f"port share must be between 0 and 1, got {port_share}", "port_share")
    if operating_days_per_year <= 0 or operating_days_per_year > 366:
        raise InvalidInput(
            f"operating days must be 1 to 366, got {operating_days_per_year}",
            field="operating_days_per_year",
        )
    hours = officer_trade_fte * port_share * productive_hours_per_fte / operating_days_per_year
    return hours.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
