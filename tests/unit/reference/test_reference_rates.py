"""The tariff-rate parser: the four shapes it understands, and never a crash on the rest."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tradeguard.reference.rates import RateKind, parse_rate

percent = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False)
cents = st.decimals(
    min_value=Decimal("0.01"), max_value=999, places=3, allow_nan=False, allow_infinity=False
)
units = st.sampled_from(["kg", "liter", "bbl", "doz.", "pr."])


def test_examples_from_the_schedule() -> None:
    assert parse_rate("Free").ad_valorem_only == Decimal(0)
    assert parse_rate("6.5%").ad_valorem == Decimal("0.065")
    one_cent = parse_rate("1¢/kg")
    assert (one_cent.kind, one_cent.specific_usd, one_cent.specific_unit) == (
        RateKind.SPECIFIC,
        Decimal("0.01"),
        "kg",
    )
    assert parse_rate("$1.35/kg").specific_usd == Decimal("1.35")
    assert parse_rate("25¢ each").specific_unit == "each"
    compound = parse_rate("5¢/kg + 3%")
    assert compound.kind == RateKind.COMPOUND
    assert (compound.specific_usd, compound.ad_valorem) == (Decimal("0.05"), Decimal("0.03"))
    assert compound.ad_valorem_only is None
    assert parse_rate("4.4% <u></u>").ad_valorem == Decimal("0.044")


def test_what_it_does_not_understand_is_marked_unparsed() -> None:
    for text in [
        "",
        "The duty provided in the applicable subheading",
        "15¢ each + 6.4% on the case",
        "1¢/$",
    ]:
        rate = parse_rate(text)
        assert rate.kind == RateKind.UNPARSED
        assert rate.ad_valorem_only is None


@given(percent)
def test_ad_valorem_is_the_percent_as_a_fraction(p: Decimal) -> None:
    rate = parse_rate(f"{p}%")
    assert rate.kind == RateKind.AD_VALOREM
    assert rate.ad_valorem == p / 100


@given(cents, units)
def test_specific_in_cents_is_dollars_per_unit(c: Decimal, unit: str) -> None:
    rate = parse_rate(f"{c}¢/{unit}")
    assert rate.kind == RateKind.SPECIFIC
    assert rate.specific_usd == c / 100
    assert rate.specific_unit == unit


@given(cents, units, percent)
def test_compound_keeps_both_parts(c: Decimal, unit: str, p: Decimal) -> None:
    rate = parse_rate(f"{c}¢/{unit} + {p}%")
    assert rate.kind == RateKind.COMPOUND
    assert (rate.specific_usd, rate.ad_valorem) == (c / 100, p / 100)


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    rate = parse_rate(text)
    assert rate.kind in RateKind
    if rate.kind in (RateKind.FREE, RateKind.AD_VALOREM):
        assert rate.ad_valorem is not None and rate.ad_valorem >= 0
