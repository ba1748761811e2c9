"""Validating an e-allegation: every field checked, failures name the field, nothing crashes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.allegation import validate_submission
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.pti import PTI

GOOD = {"pti": "ADCVD", "description": "Steel pipe transshipped via Malaysia to evade AD duties."}


def test_a_good_submission_is_cleaned() -> None:
    submission = validate_submission({**GOOD, "importer": "  Acme  ", "company": ""})
    assert submission.pti is PTI.ADCVD
    assert submission.importer == "Acme" and submission.company is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pti": ""}, "pti"),
        ({"pti": "Bananas"}, "pti"),
        ({"description": "too short"}, "description"),
        ({"description": "x" * 5001}, "description"),
        ({"contact": "a" * 201}, "contact"),
        ({"importer": 12}, "importer"),
        ({"company": "nul\x00byte"}, "company"),
    ],
)
def test_each_problem_names_its_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        validate_submission({**GOOD, **change})
    assert raised.value.field == field


@given(
    st.dictionaries(
        st.sampled_from(["pti", "description", "importer", "company", "contact"]),
        st.one_of(st.text(max_size=300), st.none(), st.integers()),
    )
)
def test_validation_never_crashes(raw: dict[str, object]) -> None:
    try:
        submission = validate_submission(raw)
    except InvalidInput as error:
        assert error.field in {"pti", "description", "importer", "company", "contact"}
    else:
        assert len(submission.description) >= 20
