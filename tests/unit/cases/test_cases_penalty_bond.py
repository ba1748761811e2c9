"""19 U.S.C. 1592 penalty bounds by culpability, and continuous bond sufficiency rounding."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.cases.bond import (
    additional_coverage,
    check_bond,
    required_bond,
    round_bond,
)
from tradeguard.domain.cases.penalty import (
    Culpability,
    broker_penalty,
    check_amounts,
    manifest_penalty,
    maximum_1592,
    parse_culpability,
)
from tradeguard.domain.errors import InvalidInput

N, G, F = Culpability.NEGLIGENCE, Culpability.GROSS_NEGLIGENCE, Culpability.FRAUD


@pytest.mark.parametrize(
    ("culpability", "domestic", "loss", "dutiable", "expected"),
    [
        (N, "100000", "10000", "50000", "20000.00"),  # 2x loss below domestic value
        (N, "15000", "10000", "50000", "15000.00"),  # domestic value is the lesser
        (N, "100000", "0", "50000", "10000.00"),  # no loss: 20% of dutiable value
        (N, "5000", "0", "50000", "5000.00"),  # still capped by domestic value
        (G, "100000", "10000", "50000", "40000.00"),  # 4x loss
        (G, "30000", "10000", "50000", "30000.00"),
        (G, "100000", "0", "50000", "20000.00"),  # no loss: 40%
        (F, "100000", "10000", "50000", "100000.00"),  # fraud: up to domestic value
        (F, "100000", "0", "50000", "100000.00"),
        (N, "100000", "0.005", "50000", "0.01"),  # cents round half up
    ],
)
def test_1592_maximum(culpability, domestic, loss, dutiable, expected) -> None:
    assert maximum_1592(culpability, D(domestic), D(loss), D(dutiable)) == D(expected)


money = st.decimals(min_value=D("0"), max_value=D("1e10"), places=2, allow_nan=False)


@given(money, money, money)
def test_culpability_orders_the_maximum(domestic, loss, dutiable) -> None:
    n = maximum_1592(N, domestic, loss, dutiable)
    g = maximum_1592(G, domestic, loss, dutiable)
    f = maximum_1592(F, domestic, loss, dutiable)
    assert n <= g <= f == domestic


def test_other_statutes_and_checks() -> None:
    assert manifest_penalty(3) == D("3000.00")
    assert broker_penalty(D("45000")) == D("30000.00")
    assert parse_culpability("Gross Negligence") is G
    with pytest.raises(InvalidInput):
        parse_culpability("bad luck")
    with pytest.raises(InvalidInput, match="statutory maximum"):
        check_amounts("penalty_notice", D("10.01"), assessed=None, maximum=D("10"))
    with pytest.raises(InvalidInput, match="exceeds the assessed"):
        check_amounts("mitigated", D("11"), assessed=D("10"), maximum=None)
    with pytest.raises(InvalidInput):
        maximum_1592(N, D("-1"), D("0"), D("0"))


@pytest.mark.parametrize(
    ("dtf", "adcvd", "expected"),
    [
        ("0", "0", "50000.00"),  # the minimum
        ("499999", "0", "50000.00"),  # 10% = 49,999.90 -> minimum
        ("500001", "0", "60000.00"),  # 50,000.10 -> next $10,000
        ("1234567", "0", "130000.00"),  # 123,456.70 -> 130,000
        ("1200000", "0", "120000.00"),  # exact multiple stays
        ("10000000", "0", "1000000.00"),  # exactly $1M stays
        ("10000001", "0", "1100000.00"),  # 1,000,000.10 -> next $100,000
        ("25500000", "0", "2600000.00"),  # 2,550,000 -> 2,600,000
        ("1000000", "45000", "150000.00"),  # 100,000 + 45,000 AD/CVD exposure -> 150,000
        ("9000000", "150000", "1100000.00"),  # 900,000 + 150,000 = 1,050,000 -> 1,100,000
    ],
)
def test_bond_rounding(dtf: str, adcvd: str, expected: str) -> None:
    assert required_bond(D(dtf), D(adcvd)) == D(expected)


@given(money, money)
def test_bond_is_the_smallest_step_multiple_covering_the_need(dtf, adcvd) -> None:
    need = max(D("50000"), (dtf / 10).quantize(D("0.01")) + adcvd)
    bond = required_bond(dtf, adcvd)
    step = D("100000") if need > D("1000000") else D("10000")
    assert bond >= need
    assert bond % step == 0
    assert bond - step < need


def test_bond_check_and_additional_coverage() -> None:
    check = check_bond(D("50000"), D("1234567"))
    assert not check.sufficient and check.shortfall == D("80000.00")
    assert check_bond(D("130000"), D("1234567")).sufficient
    assert additional_coverage(D("37667")) == D("40000.00")
    assert additional_coverage(D("0")) == D("0.00")
    assert round_bond(D("1000000.01")) == D("1100000.00")
    with pytest.raises(InvalidInput):
        required_bond(D("-1"))
