"""Pre-entry holds: shipments held on their advance filing before arrival, each linked to its
entry once the entry is filed (services/pre_entry.py)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import BaseModel

from tradeguard.api.deps import SettingsDep, requires
from tradeguard.api.paging import PageNumber, PerPage, add_page_headers, page_request
from tradeguard.domain.paging import DEFAULT_PER_PAGE
from tradeguard.services.auth import Principal
from tradeguard.services.pre_entry import pre_entry_holds

router = APIRouter(tags=["pre-entry"])


class PreEntryHoldPublic(BaseModel):
    entry_no: str
    bill_of_lading: str
    importer_id: str
    arrival_date: date
    port_of_unlading: str
    lane: str
    rule_ids: list[str]
    arrived: bool
    entry_date: date | None
    origin_mismatch: bool | None
    manufacturer_mismatch: bool | None
    hts6_mismatch: bool | None


@router.get("/api/pre-entry/holds")
def holds(
    settings: SettingsDep,
    response: Response,
    _user: Annotated[Principal, requires("holds:read")],
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
) -> list[PreEntryHoldPublic]:
    """One page of the latest pre-entry holds by arrival date (Link and X-Total-Count headers)."""
    found = page_request(page, per_page).take(pre_entry_holds(settings))
    add_page_headers(response, "/api/pre-entry/holds", {}, found)
    return [PreEntryHoldPublic.model_validate(h.as_json()) for h in found.items]
