"""/health and POST /api/score while the real-time scorer rebuilds, beside the same run without
rebuilds: p50/p99 of each, side by side, and the ratio.

Run: .venv/bin/python bench/rebuild.py [--entries 2000] [--rate 50] [--seconds 6] [--json]

One uvicorn server process over a worked home (bench/api.py builds it). Two windows at the same
steady open-loop rate, each sending /health and /api/score alternately: the baseline window with
nothing else happening, then the rebuild window in which an analyst publishes a new version of a
rule every --every seconds through POST /api/rules (each publish rebuilds the scorer: compile the
rules, snapshot the lake's history). Scores during the rebuild are answered by the last good
scorer, so neither figure should move much; before, every score after a publish rebuilt on the
event loop and /health waited for it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api import (  # noqa: E402
    PASSWORD,
    USER,
    _free_port,
    _start_server,
    _worked_home,
    summarize,
)

ANALYST, ANALYST_PASSWORD = "bench-analyst", "a long benchmark analyst password"


def _add_analyst(home: Path) -> None:
    from tests.integration.api.targeted_home import settings_for
    from tradeguard.services.users import add_user
    from tradeguard.store.database import Database

    db = Database(settings_for(home).effective_database_url)
    add_user(db, username=ANALYST, role="targeting_analyst", password=ANALYST_PASSWORD, actor="b")
    db.dispose()


def _rule(version: int) -> dict[str, Any]:
    return {
        "id": "R-REV-990", "name": f"Bench rule, version {version}",
        "rationale": "Published over and over by bench/rebuild.py to force scorer rebuilds.",
        "pti": "Revenue", "risk": "low", "stages": ["entry"],
        "where": f"value_usd > {1_000_000 + version}", "owner": "Revenue NTAG",
    }  # fmt: skip


async def window(
    client: httpx.AsyncClient,
    analyst: httpx.AsyncClient | None,
    bodies: list[dict[str, Any]],
    rate: int,
    seconds: float,
    every: float,
) -> dict[str, Any]:
    """One window at `rate` requests/s (health and score alternately), publishing if asked."""
    count = int(rate * seconds)
    timings: dict[str, tuple[list[float], list[int]]] = {"health": ([], []), "score": ([], [])}
    published: list[float] = []

    async def one(i: int, due: float) -> None:
        if i % 2:
            response = await client.post("/api/score", json=bodies[i % len(bodies)])
            latencies, statuses = timings["score"]
        else:
            response = await client.get("/health")
            latencies, statuses = timings["health"]
        latencies.append((time.perf_counter() - due) * 1000)
        statuses.append(response.status_code)

    async def publisher() -> None:
        version = int(time.time())
        while analyst is not None:
            await asyncio.sleep(every)
            started = time.perf_counter()
            response = await analyst.post("/api/rules", json=_rule(version))
            assert response.status_code == 201, response.text
            published.append((time.perf_counter() - started) * 1000)
            version += 1

    task = asyncio.create_task(publisher())
    start = time.perf_counter() + 0.05
    tasks = []
    for i in range(count):
        due = start + i / rate
        wait = due - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        tasks.append(asyncio.create_task(one(i, due)))
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds * 5 + 10)
    task.cancel()
    elapsed = time.perf_counter() - start
    out = {name: summarize(rate // 2, *timings[name], elapsed) for name in timings}
    out["publishes"] = len(published)
    out["publish_ms_p50"] = round(sorted(published)[len(published) // 2], 1) if published else None
    return out


async def run(base: str, bodies: list[dict[str, Any]], args: Any) -> dict[str, Any]:
    async def login(user: str, password: str) -> httpx.AsyncClient:
        token = httpx.post(f"{base}/api/token", data={"username": user, "password": password})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        return httpx.AsyncClient(base_url=base, headers=headers, timeout=60)

    client = await login(USER, PASSWORD)
    analyst = await login(ANALYST, ANALYST_PASSWORD)
    async with client, analyst:
        for body in bodies[:50]:  # warm-up: builds the scorer
            assert (await client.post("/api/score", json=body)).status_code == 200
        baseline = await window(client, None, bodies, args.rate, args.seconds, args.every)
        rebuilding = await window(client, analyst, bodies, args.rate, args.seconds, args.every)
    return {"baseline": baseline, "rebuilding": rebuilding}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--rate", type=int, default=50, help="requests/s, half health, half score")
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--every", type=float, default=1.5, help="seconds between publishes")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()

    home, bodies = _worked_home(args.entries)
    _add_analyst(home)
    port = _free_port()
    server = _start_server(home, port)
    try:
        result = asyncio.run(run(f"http://127.0.0.1:{port}", bodies, args))
    finally:
        server.terminate()
        server.wait(timeout=10)
    base, busy = result["baseline"], result["rebuilding"]
    for name in ("health", "score"):
        ratio = busy[name]["p99_ms"] / max(base[name]["p99_ms"], 0.01)
        result[f"{name}_p99_ratio"] = round(ratio, 2)
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{'':>10} {'baseline p50':>13} {'p99':>8} {'rebuilding p50':>15} {'p99':>8} {'ratio':>6}"
    )
    for name, label in (("health", "/health"), ("score", "/api/score")):
        b, r = base[name], busy[name]
        print(
            f"{label:>10} {b['p50_ms']:>10} ms {b['p99_ms']:>5} ms {r['p50_ms']:>12} ms"
            f" {r['p99_ms']:>5} ms {result[f'{name}_p99_ratio']:>5}x"
        )
    print(f"rebuilds forced: {busy['publishes']} publishes, p50 {busy['publish_ms_p50']} ms each")


if __name__ == "__main__":
    main()
