"""The list pages with the demo's volume: /cases over 2,292 cases (the demo's count) and /changes
(the change log) over 20,000 log lines, each page's p50/p99 time and size, beside GET /health in
the same run (the baseline: the same server and client doing no work), and the ratio.

Run: .venv/bin/python bench/pages.py [--cases 2292] [--requests 100] [--json]

Budget (issue 22): /cases answers in under 300 ms and under 200 KB. The server is uvicorn in a
subprocess over a fresh home; requests are sequential (one signed-in user paging), so the time is
the page's own cost, not queueing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api import _free_port, _percentile, _start_server  # noqa: E402

from tests.factories import seed_cases  # noqa: E402

BUDGET_MS, BUDGET_BYTES = 300.0, 200_000
USER, PASSWORD = "bench-admin", "a long benchmark admin password"
PATHS = ("/cases", "/cases?kind=penalty&page=3", "/cases?page=40", "/changes", "/changes?page=200")


def _seeded_home(cases: int, audit_lines: int) -> tuple[Path, str]:
    from sqlalchemy import insert

    from tradeguard.config import Settings
    from tradeguard.services.auth import open_web_session
    from tradeguard.services.users import add_user
    from tradeguard.store.change_log import ChangeEntry
    from tradeguard.store.database import Database

    home = Path(tempfile.mkdtemp(prefix="tradeguard-bench-pages-"))
    settings = Settings(home=home, database_url="", spark_master="local[*]", overdue_days=5)
    db = Database(settings.effective_database_url)
    seed_cases(db, cases)
    now = datetime.now(UTC)
    lines = [
        {
            "at": now + timedelta(seconds=i),
            "actor": "bench",
            "action": "move",
            "entity": "case",
            "entity_id": str(i % cases + 1),
            "before": json.dumps({"state": "open"}),
            "after": json.dumps({"state": "noticed"}),
        }  # fmt: skip
        for i in range(audit_lines)
    ]
    with db.session() as session:
        session.execute(insert(ChangeEntry), lines)
    add_user(db, username=USER, role="admin", password=PASSWORD, actor="bench")
    session_id = open_web_session(db, USER, PASSWORD).session_id
    db.dispose()
    return home, session_id


def measure(client: httpx.Client, path: str, requests: int) -> dict[str, Any]:
    client.get(path)  # warm
    times, size = [], 0
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        size = len(response.content)
    times.sort()
    p50, p99 = _percentile(times, 0.50), _percentile(times, 0.99)
    return {"path": path, "p50_ms": round(p50, 2), "p99_ms": round(p99, 2), "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2292)
    parser.add_argument("--audit-lines", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()

    home, session_id = _seeded_home(args.cases, args.audit_lines)
    os.environ.pop("TRADEGUARD_DATABASE_URL", None)
    port = _free_port()
    server = _start_server(home, port)
    try:
        cookies = {"tg_session": session_id}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", cookies=cookies) as client:
            health = measure(client, "/health", args.requests)
            pages = [measure(client, path, args.requests) for path in PATHS]
    finally:
        server.terminate()
        server.wait(timeout=10)
    for page in pages:
        page["p99_ratio_to_health"] = round(page["p99_ms"] / max(health["p99_ms"], 0.01), 1)
        page["within_budget"] = page["p99_ms"] < BUDGET_MS and page["bytes"] < BUDGET_BYTES
    result = {
        "cases": args.cases,
        "audit_lines": args.audit_lines,
        "health": health,
        "pages": pages,
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{'page':<28} {'p50':>8} {'p99':>8} {'bytes':>8} {'p99/health':>10}  budget")
    base = health
    print(f"{'/health (baseline)':<28} {base['p50_ms']:>8} {base['p99_ms']:>8} {base['bytes']:>8}")
    for p in pages:
        verdict = "ok" if p["within_budget"] else "OVER"
        print(
            f"{p['path']:<28} {p['p50_ms']:>8} {p['p99_ms']:>8} {p['bytes']:>8}"
            f" {p['p99_ratio_to_health']:>9}x  {verdict} (<{BUDGET_MS:.0f} ms, <{BUDGET_BYTES} B)"
        )


if __name__ == "__main__":
    main()
