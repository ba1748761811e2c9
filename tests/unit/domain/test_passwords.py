"""The password policy: a pure check over any text, never a crash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.passwords import MAXIMUM, MINIMUM, password_problem
from tradeguard.reference.common_passwords import common_passwords

COMMON = common_passwords()


def test_the_bundled_list_holds_thousands_of_common_passwords() -> None:
    assert len(COMMON) >= 9000
    assert {"123456", "password", "qwerty", "letmein"} <= COMMON


@given(st.text(max_size=1100))
def test_the_check_never_crashes_and_enforces_the_length(password: str) -> None:
    problem = password_problem(password, COMMON)
    if problem is None:
        assert MINIMUM <= len(password) <= MAXIMUM and password.strip()


def test_a_long_unusual_passphrase_is_accepted() -> None:
    assert password_problem("correct horse battery staple", COMMON) is None
    assert password_problem("LetMeIn!!2024", COMMON) is not None
