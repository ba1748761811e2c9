"""The report's findings on staffing, reproduced from Tables 5 and 6 alone (GAO-17-618)."""

from __future__ import annotations

from tradeguard.domain.staffing_gaps import Position, gap_for
from tradeguard.services.staffing import GapsReport, staffing_gaps

# "...the numbers of staff in four of the nine mandated trade positions – import specialist,
# customs auditor, national import specialist, and drawback specialist – were generally below the
# minimum mandated staffing" (GAO-17-618, p. 581 of the text).
REPORT_GENERALLY_BELOW_MANDATED = {
    "Import specialist",
    "Customs auditor",
    "National import specialist",
    "Drawback specialist",
}


def _document() -> dict:
    return GapsReport(staffing_gaps()).as_json()


def _by_name() -> dict[str, dict]:
    return {p["position"]: p for p in _document()["positions"]}


def test_four_of_nine_mandated_positions_are_generally_below_their_minimum() -> None:
    positions = _by_name()
    mandated = {n for n, p in positions.items() if p["mandated"] is not None}
    below = {n for n, p in positions.items() if p["generally_below_mandated"]}
    assert len(mandated) == 9
    assert below == REPORT_GENERALLY_BELOW_MANDATED


def test_import_specialists_were_below_the_minimum_in_4_of_5_years() -> None:
    specialist = _by_name()["Import specialist"]
    assert specialist["years_below_mandated"] == 4
    assert specialist["years"]["2013"] == {
        "actual": 987,
        "below_mandated": False,
        "below_optimal": False,
    }
    assert specialist["years"]["2016"]["actual"] == 917


def test_financial_systems_specialists_below_in_2_of_5_years_is_not_generally_below() -> None:
    specialist = _by_name()["Financial systems specialist"]
    assert specialist["years_below_mandated"] == 2
    assert specialist["generally_below_mandated"] is False
    assert specialist["years"]["2015"]["below_optimal"] is True
    assert specialist["years"]["2016"]["below_optimal"] is True


def test_the_four_short_positions_were_below_optimal_in_fy2015_and_fy2016() -> None:
    positions = _by_name()
    for name in REPORT_GENERALLY_BELOW_MANDATED:
        assert positions[name]["years"]["2015"]["below_optimal"], name
        assert positions[name]["years"]["2016"]["below_optimal"], name


def test_five_of_six_nonmandated_positions_were_below_optimal_in_october_2014() -> None:
    positions = _by_name()
    nonmandated = {n: p for n, p in positions.items() if p["mandated"] is None}
    assert len(nonmandated) == 6
    assert all(list(p["years"]) == ["2014"] for p in nonmandated.values())
    below = {n for n, p in nonmandated.items() if p["years"]["2014"]["below_optimal"]}
    assert below == set(nonmandated) - {"Paralegal specialist"}
    assert all(p["years"]["2014"]["below_mandated"] is None for p in nonmandated.values())
    officer = nonmandated["CBP officer"]
    # "about 1,800-2,800 fewer CBP officers on board than the model's optimal staffing level"
    assert officer["optimal_low"] - officer["years"]["2014"]["actual"] == 1769
    assert officer["optimal_high"] - officer["years"]["2014"]["actual"] == 2793


def test_gaps_document_has_the_issue_shape() -> None:
    document = _document()
    assert set(document) == {"positions"}
    assert len(document["positions"]) == 15
    for position in document["positions"]:
        assert {
            "position",
            "mandated",
            "optimal_low",
            "optimal_high",
            "years",
            "years_below_mandated",
            "generally_below_mandated",
        } <= set(position)
        for year in position["years"].values():
            assert set(year) == {"actual", "below_mandated", "below_optimal"}


def test_meeting_the_minimum_exactly_is_not_below_it() -> None:
    gap = gap_for(Position("X", "OT", 10, 10, 20, {2012: 10, 2013: 9, 2014: 10}))
    assert gap.years_below_mandated == 1
    assert not gap.generally_below_mandated


def test_a_tie_of_years_is_not_most_of_them() -> None:
    gap = gap_for(Position("X", "OT", 10, 10, 20, {2012: 9, 2013: 9, 2014: 10, 2015: 11}))
    assert gap.years_below_mandated == 2
    assert not gap.generally_below_mandated
