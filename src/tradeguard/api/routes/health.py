"""Liveness: public, touches nothing but the process."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


@router.get("/health")
# async: it does no I/O, so it answers on the event loop without a thread-pool hop, and stays
# quick while the thread pool is busy (bench/rebuild.py measures it during a scorer rebuild).
async def health() -> Health:
    return Health(status="ok")
