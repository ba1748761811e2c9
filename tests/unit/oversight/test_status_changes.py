"""Status changes: only what moved (or was never recorded) is kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tradeguard.domain.oversight import EvidenceStatus, changes

ids = st.sampled_from([f"R-{i}" for i in range(8)])
statuses = st.dictionaries(ids, st.sampled_from(list(EvidenceStatus)))


@given(statuses, statuses)
def test_changes_are_exactly_the_moves(before, now) -> None:  # type: ignore[no-untyped-def]
    moved = changes(before, now)
    for rec_id, status in now.items():
        if before.get(rec_id) == status:
            assert rec_id not in moved
        else:
            assert moved[rec_id] == (before.get(rec_id), status)
    assert set(moved) <= set(now)
    # applying the moves to the old record gives the new one
    assert {**before, **{k: v for k, (_, v) in moved.items()}} == {**before, **now}


def test_no_change_when_nothing_moved() -> None:
    same = {"A": EvidenceStatus.MET, "B": EvidenceStatus.NO_DATA}
    assert changes(same, same) == {}
