"""The workbench in a real browser, on a worked home (300 entries targeted, exams simulated from
the generator's truth, findings and cases recorded, one tracker run recorded):

- each role's home dashboard (officer, analyst, manager);
- the recommendation tracker: filters and sorting in the link, keyboard use, a recommendation's
  page with its figures and history, and no access for roles without `oversight:read`;
- a rule's page: the predicate as formatted SQL, hit rate and lift charts;
- axe-core on every page, signed in and not: no serious or critical violation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from fastapi.routing import APIRoute
from sqlalchemy import select

from tests.integration.api.targeted_home import SEED, serving, sign_in, targeted_home
from tradeguard.app import create_app
from tradeguard.generator.facilities import generate_facilities
from tradeguard.generator.inbond import generate_movements
from tradeguard.services.effectiveness import rule_effectiveness
from tradeguard.services.exam_simulation import run_exam_cycle
from tradeguard.services.inbond_facilities_demo import load_facilities, load_movements
from tradeguard.services.oversight import track
from tradeguard.services.users import add_user
from tradeguard.store.cases import CaseRow
from tradeguard.store.exams import HoldRow
from tradeguard.web.site import PAGE_ROUTERS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PASSWORD = "a long workbench password"
USERS = {
    "officer-ng": "cbp_officer",
    "analyst-ito": "targeting_analyst",
    "manager-diaz": "management",
    "admin-lee": "admin",
}
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    settings, db = targeted_home(tmp_path_factory.mktemp("workbench"))
    run_exam_cycle(db, settings, settings.home / "generated" / "truth.parquet", SEED)
    track(db, settings, 2026)
    for name, role in USERS.items():
        add_user(db, username=name, role=role, password=PASSWORD, actor="e2e")
    with db.session() as session:
        hold = session.scalars(select(HoldRow.id).order_by(HoldRow.id)).first()
        port = session.scalars(select(HoldRow.port_code).order_by(HoldRow.id)).first()
        case = session.scalars(select(CaseRow.id).order_by(CaseRow.id)).first()
    busiest = max(rule_effectiveness(db).rules, key=lambda r: r.findings).rule_id
    today = date.today()
    movements = generate_movements(SEED, 12, today)
    load_movements(db, movements, today)
    sites = generate_facilities(SEED, 6, today)
    load_facilities(db, sites, today)
    custody = {"inbond": movements[0].movement.inbond_no, "facility": sites[0].facility.code}
    with serving(create_app(settings, database=db)) as url:
        yield {"url": url, "hold": hold, "port": port, "case": case, "rule": busiest, **custody}
    db.dispose()


def _as(page: Any, workbench: dict[str, Any], user: str) -> str:
    sign_in(page, workbench["url"], user, PASSWORD)
    return str(workbench["url"])


def test_officer_dashboard(workbench, page) -> None:  # type: ignore[no-untyped-def]
    _as(page, workbench, "officer-ng")
    assert page.locator("#officer-dashboard").is_visible()
    assert int(page.inner_text("#overdue-count")) >= 0
    assert page.locator("#manager-dashboard").count() == 0
    assert page.locator("#analyst-dashboard").count() == 0
    answer = page.goto(f"{workbench['url']}/oversight")
    assert answer is not None and answer.status == 403


def test_analyst_dashboard_and_rule_page(workbench, page) -> None:  # type: ignore[no-untyped-def]
    url = _as(page, workbench, "analyst-ito")
    assert page.locator("#analyst-dashboard").is_visible()
    assert page.locator("#hit-rate-charts svg").count() >= 1
    page.goto(f"{url}/rules/{workbench['rule']}")
    predicate = page.inner_text("#predicate")
    assert "\n" in predicate.strip()  # one condition a line
    assert page.locator("#rule-charts svg").count() == 2


def test_manager_dashboard_and_tracker(workbench, page) -> None:  # type: ignore[no-untyped-def]
    url = _as(page, workbench, "manager-diaz")
    assert page.locator("#manager-dashboard").is_visible()
    assert "plans in force" in page.inner_text("#pti-status")
    assert "trade positions" in page.inner_text("#staffing-status")
    assert page.locator("#open-recommendations tbody tr").count() > 0

    page.click("#recommendation-counts a")
    page.wait_for_url(f"{url}/oversight")
    assert page.locator("#tracker tbody tr").count() == 29
    page.select_option("select[name=status]", "no data")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/oversight?*status=no+data*")
    statuses = page.locator("#tracker tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.status)"
    )
    assert statuses and set(statuses) == {"no data"}

    page.click("#tracker th >> text=Report date")  # sort by date, keeping the filter
    query = parse_qs(urlparse(page.url).query)
    assert query["status"] == ["no data"] and query["sort"] == ["date"]
    dates = page.locator("#tracker tbody tr td:nth-child(2)").all_inner_texts()
    assert dates == sorted(dates)
    page.click("#tracker th >> text=Report date")
    assert parse_qs(urlparse(page.url).query)["order"] == ["desc"]

    deep = page.url  # the link alone reproduces the view
    page.goto(f"{url}/")
    page.goto(deep)
    assert page.locator("#tracker tbody tr").count() == len(statuses)

    # keyboard only: type words in the search field and press Enter
    page.goto(f"{url}/oversight")
    page.focus("input[name=q]")
    page.keyboard.type("single transaction")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=single+transaction**")
    ids = page.locator("#tracker tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert set(ids) == {"OIG-15-76-10", "OIG-11-92-1", "OIG-11-92-2", "OIG-11-92-3"}

    page.click("#tracker a >> text=OIG-11-92-1")
    page.wait_for_url(f"{url}/oversight/OIG-11-92-1")
    assert "single transaction bond" in page.inner_text("#text")
    assert page.inner_text("#evidence").startswith("no data")
    assert page.locator("#history tbody tr").count() == 1  # the run recorded in the fixture


def _pages(workbench: dict[str, Any]) -> dict[str, list[str]]:
    hold, port, case = workbench["hold"], workbench["port"], workbench["case"]
    admin = [
        "/", "/oversight", "/oversight?status=met&sort=evidence&order=desc",
        "/oversight/GAO-17-618-1", "/performance", "/staffing", "/rules",
        f"/rules/{workbench['rule']}", "/queue", f"/queue/{port}", f"/holds/{hold}", "/cases",
        "/allegations", "/changes", "/audit", "/adcvd", "/inbond", f"/inbond/{workbench['inbond']}",
        "/facilities", f"/facilities/{workbench['facility']}", "/drawback", "/bonds", "/model",
        "/admissibility", "/centers", "/accounts", "/pre-entry",
    ]  # fmt: skip
    if case is not None:
        admin.append(f"/cases/{case}")
    return {
        "admin-lee": admin,
        "officer-ng": ["/"],
        "analyst-ito": ["/"],
        "manager-diaz": ["/"],
        "": ["/login", "/allegations/new"],
    }


def test_no_serious_accessibility_violation_on_any_page(workbench, page) -> None:  # type: ignore[no-untyped-def]
    axe = Axe()
    # the check bites: an image without a text alternative is a critical violation
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"></main></html>')
    assert "image-alt" in {v["id"] for v in axe.run(page).response["violations"]}
    found: list[str] = []
    checked = 0
    for user, paths in _pages(workbench).items():
        page.context.clear_cookies()
        if user:
            _as(page, workbench, user)
        for path in paths:
            answer = page.goto(f"{workbench['url']}{path}")
            assert answer is not None and answer.status == 200, path
            result = axe.run(page)
            checked += 1
            for v in result.response["violations"]:
                if v["impact"] in SERIOUS:
                    targets = [n["target"] for n in v["nodes"][:3]]
                    found.append(f"{user or 'public'} {path}: {v['id']} ({v['impact']}) {targets}")
    assert found == []
    # every page route of the site was visited
    visited = [p.partition("?")[0] for paths in _pages(workbench).values() for p in paths]
    routes = {
        r.path for router in PAGE_ROUTERS for r in router.routes
        if isinstance(r, APIRoute) and "GET" in r.methods
    }  # fmt: skip
    missed = [
        route for route in routes
        if not any(re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", route), v) for v in visited)
    ]  # fmt: skip
    assert missed == [] and checked == len(visited)
