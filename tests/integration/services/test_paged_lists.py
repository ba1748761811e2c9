"""Paged lists read in SQL give exactly the unpaged lists, page after page: the exam queue's
plan order (computed in SQL) equals the service's Python order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.api.targeted_home import targeted_home
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.paging import MAX_PER_PAGE, PageRequest
from tradeguard.services.cases import list_cases
from tradeguard.services.hold_queue import port_queue, ports_with_holds
from tradeguard.services.paged_lists import cases_page, port_queue_page, ports_page


def test_pages_of_a_port_queue_concatenate_to_the_queue(tmp_path: Path) -> None:
    _, db = targeted_home(tmp_path)
    ports = ports_with_holds(db)
    assert ports
    for port in [p.port for p in ports]:
        whole = [h.id for h in port_queue(db, port)]
        paged: list[int] = []
        number = 1
        while True:
            page = port_queue_page(db, port, PageRequest(number, 7))
            assert page.total == len(whole)
            paged.extend(h.id for h in page.items)
            if not page.has_next:
                break
            number += 1
        assert paged == whole, port
    assert ports_page(db, PageRequest(1, 2)).items == ports[:2]
    assert [c.id for c in cases_page(db, PageRequest(1, 200)).items] == [
        c.id for c in list_cases(db)[:200]
    ]
    db.dispose()


@pytest.mark.parametrize(
    ("number", "size", "field"),
    [(0, 50, "page"), (1, 0, "per_page"), (1, MAX_PER_PAGE + 1, "per_page")],
)
def test_a_page_request_out_of_bounds_names_the_field(number: int, size: int, field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        PageRequest(number, size)
    assert raised.value.field == field
