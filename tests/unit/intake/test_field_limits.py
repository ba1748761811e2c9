"""Every field's maximum length is documented, and the single-declaration model keeps the same
limits as ingest (so real-time scoring refuses what ingest rejects)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.factories import declaration_row
from tradeguard.domain.declaration import COLUMNS, MAX_LENGTH, Declaration

DOCS = Path(__file__).resolve().parents[3] / "docs" / "declarations.md"


def test_every_column_has_its_documented_maximum_length() -> None:
    rows = re.findall(
        r"^\| `([a-z0-9_]+)` \| [^|]+ \| (?:yes|no) \| (\d+) \|", DOCS.read_text(), re.M
    )
    assert dict((name, int(limit)) for name, limit in rows) == MAX_LENGTH
    assert tuple(MAX_LENGTH) == COLUMNS


def model_row(**overrides: str) -> dict[str, str]:
    row = declaration_row(**overrides)
    return {k: v for k, v in row.items() if v != ""}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", "x" * 501, "longer than 500 characters"),
        ("description", "toys\x00", "contains a control character"),
        ("importer_id", "IMP\x1b[2J", "contains a control character"),
        ("spi", "S" * 9, "longer than 8 characters"),
    ],
)
def test_the_model_refuses_what_ingest_rejects_naming_the_field(
    field: str, value: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Declaration.model_validate(model_row(**{field: value}))
    problem = caught.value.errors()[0]
    assert problem["loc"] == (field,)
    assert message in problem["msg"]


def test_the_longest_allowed_description_is_accepted() -> None:
    assert len(Declaration.model_validate(model_row(description="x" * 500)).description) == 500
