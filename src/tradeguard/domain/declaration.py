"""One line of an import declaration, as the importer or broker declared it.

The columns are documented in docs/declarations.md; COLUMNS is the order used everywhere (lake,
CSV exports, the rule columns). Checks that need reference data (known HTS, known port) are made
by the ingest service; this model checks what a single row can prove on its own.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tradeguard.domain.entry_number import entry_no_problem

MIN_ENTRY_DATE = date(1990, 1, 1)  # no entry older than this is loaded
MAX_ENTRY_DATE = date(2100, 12, 31)


class Mode(StrEnum):
    VESSEL = "vessel"
    AIR = "air"
    TRUCK = "truck"
    RAIL = "rail"
    MAIL = "mail"
    EXPRESS = "express"


class BondType(StrEnum):
    CONTINUOUS = "continuous"
    SINGLE = "single"


ENTRY_TYPES: dict[str, str] = {
    "01": "consumption",
    "02": "consumption, quota/visa",
    "03": "consumption, AD/CVD",
    "06": "consumption, foreign trade zone",
    "11": "informal",
    "21": "warehouse",
    "23": "temporary import bond",
    "86": "Section 321 type 86 (low value)",
}

COLUMNS: tuple[str, ...] = (
    "entry_no",
    "line_no",
    "entry_date",
    "port_code",
    "mode",
    "entry_type",
    "filer_code",
    "importer_id",
    "manufacturer_id",
    "origin_country",
    "export_country",
    "hts10",
    "description",
    "quantity",
    "unit",
    "value_usd",
    "duty_rate",
    "duty_usd",
    "spi",
    "adcvd_case",
    "adcvd_rate",
    "ctpat",
    "isa",
    "bond_type",
    "bond_amount_usd",
)

REQUIRED: frozenset[str] = frozenset(COLUMNS) - {"description", "spi", "adcvd_case", "adcvd_rate"}

# Duty that disagrees with rate × value by more than this is flagged (not rejected).
DUTY_TOLERANCE = Decimal("0.01")

# The text forms a declaration file may use for numbers: plain decimals, no exponents, and no
# more integer digits than the lake's decimal(18,2) and decimal(12,6) hold.
MONEY_TEXT = r"^[0-9]{1,16}(\.[0-9]{1,2})?$"
RATE_TEXT = r"^[0-9]{1,6}(\.[0-9]{1,6})?$"

# The longest text (after trimming surrounding spaces) each column may carry; a longer value
# rejects the line, naming the column. Formats bound most columns already; these bound the free
# text too, so that one line cannot carry a megabyte. Documented in docs/declarations.md.
MAX_LENGTH: dict[str, int] = {
    "entry_no": 11,
    "line_no": 6,
    "entry_date": 10,
    "port_code": 4,
    "mode": 10,
    "entry_type": 2,
    "filer_code": 3,
    "importer_id": 32,
    "manufacturer_id": 32,
    "origin_country": 2,
    "export_country": 2,
    "hts10": 10,
    "description": 500,
    "quantity": 20,
    "unit": 8,
    "value_usd": 19,
    "duty_rate": 13,
    "duty_usd": 19,
    "spi": 8,
    "adcvd_case": 20,
    "adcvd_rate": 13,
    "ctpat": 5,
    "isa": 5,
    "bond_type": 10,
    "bond_amount_usd": 19,
}
assert tuple(MAX_LENGTH) == COLUMNS

# C0 and C1 control characters and DEL (NUL, escape sequences, line breaks inside a value): never
# part of a declared value, and harmful to whatever prints or exports it later.
CONTROL_CHARACTERS = r"[\x00-\x1F\x7F-\x9F]"
_CONTROL = re.compile(CONTROL_CHARACTERS)
NUMBER_TEXT = r"^-?[0-9]+(\.[0-9]+)?$"

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_HTS10 = re.compile(r"^[0-9]{10}$")
_PORT = re.compile(r"^[0-9]{4}$")

Money = Annotated[Decimal, Field(max_digits=18, decimal_places=2)]
Rate = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=6)]


class Declaration(BaseModel):
    """One entry line. Field names are the lake's column names."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True, extra="forbid")

    entry_no: str
    line_no: int = Field(ge=1)
    entry_date: date
    port_code: str
    mode: Mode
    entry_type: str
    filer_code: str
    importer_id: str = Field(min_length=1, max_length=32)
    manufacturer_id: str = Field(min_length=1, max_length=32)
    origin_country: str
    export_country: str
    hts10: str
    description: str = ""
    quantity: Decimal = Field(ge=0)
    unit: str = Field(min_length=1, max_length=8)
    value_usd: Money = Field(gt=0)
    duty_rate: Rate
    duty_usd: Money = Field(ge=0)
    spi: str = ""
    adcvd_case: str = ""
    adcvd_rate: Rate | None = None
    ctpat: bool
    isa: bool
    bond_type: BondType
    bond_amount_usd: Money = Field(ge=0)

    @field_validator("*", mode="before")
    @classmethod
    def _plain_bounded_text(cls, v: object, info: ValidationInfo) -> object:
        if isinstance(v, str):
            if _CONTROL.search(v.strip()):
                raise ValueError("contains a control character")
            limit = MAX_LENGTH.get(info.field_name or "")
            if limit is not None and len(v.strip()) > limit:
                raise ValueError(f"longer than {limit} characters")
        return v

    @field_validator("entry_no")
    @classmethod
    def _entry_no(cls, v: str) -> str:
        problem = entry_no_problem(v)
        if problem:
            raise ValueError(problem)
        return v

    @field_validator("quantity", mode="before")
    @classmethod
    def _number_text(cls, v: object) -> object:
        if isinstance(v, str) and not re.match(NUMBER_TEXT, v.strip()):
            raise ValueError("not a number")
        return v

    @field_validator("value_usd", "duty_usd", "bond_amount_usd", mode="before")
    @classmethod
    def _money_text(cls, v: object) -> object:
        if isinstance(v, str) and not re.match(MONEY_TEXT, v.strip()):
            raise ValueError("not an amount in dollars with at most 2 decimals")
        return v

    @field_validator("duty_rate", "adcvd_rate", mode="before")
    @classmethod
    def _rate_text(cls, v: object) -> object:
        if isinstance(v, str) and not re.match(RATE_TEXT, v.strip()):
            raise ValueError("not a non-negative rate with at most 6 decimals")
        return v

    @field_validator("entry_date")
    @classmethod
    def _entry_date(cls, v: date) -> date:
        if not MIN_ENTRY_DATE <= v <= MAX_ENTRY_DATE:
            raise ValueError(f"must be between {MIN_ENTRY_DATE} and {MAX_ENTRY_DATE}")
        return v

    @field_validator("port_code")
    @classmethod
    def _port(cls, v: str) -> str:
        if not _PORT.match(v):
            raise ValueError("must be a 4-digit Schedule D port code")
        return v

    @field_validator("entry_type")
    @classmethod
    def _entry_type(cls, v: str) -> str:
        if v not in ENTRY_TYPES:
            raise ValueError(f"unknown entry type; expected one of {', '.join(ENTRY_TYPES)}")
        return v

    @field_validator("origin_country", "export_country")
    @classmethod
    def _country(cls, v: str) -> str:
        if not _COUNTRY.match(v):
            raise ValueError("must be an ISO 3166 alpha-2 code (two capital letters)")
        return v

    @field_validator("hts10")
    @classmethod
    def _hts(cls, v: str) -> str:
        if not _HTS10.match(v):
            raise ValueError("must be 10 digits")
        return v

    @field_validator("filer_code")
    @classmethod
    def _filer(cls, v: str) -> str:
        if not re.match(r"^[A-Z0-9]{3}$", v):
            raise ValueError("must be 3 letters or digits")
        return v

    @model_validator(mode="after")
    def _filer_matches_entry(self) -> Declaration:
        if self.entry_no[:3] != self.filer_code:
            raise ValueError("filer_code must equal the first three characters of entry_no")
        return self

    @property
    def expected_duty(self) -> Decimal:
        return (self.value_usd * self.duty_rate).quantize(Decimal("0.01"))

    @property
    def duty_mismatch(self) -> bool:
        return abs(self.expected_duty - self.duty_usd) > DUTY_TOLERANCE
