"""In a real browser: a targeting analyst opens the risk model page of a home where a challenger
scores in shadow beside the active model, and reads the monitoring, the challenger's promotion
figures and the model cards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import polars as pl
import pytest

from tests.integration.api.targeted_home import serving, settings_for, sign_in
from tests.unit.risk.sample import make_declarations, make_findings
from tradeguard.app import create_app
from tradeguard.risk import registry
from tradeguard.services.model import findings_path, train_on_findings
from tradeguard.services.model_shadow import shadow_score
from tradeguard.services.users import add_user
from tradeguard.store.database import Database
from tradeguard.store.lake import LAKE_SCHEMA, EntryLake

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ANALYST, PASSWORD = "analyst-moreau", "a long analyst password"


@pytest.fixture(scope="module")
def model_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("model-e2e")
    settings = settings_for(home)
    declarations = make_declarations(n_entries=400)
    EntryLake(settings.lake_dir).append(
        declarations.with_columns(
            pl.col("quantity").cast(pl.Float64), duty_mismatch=pl.lit(False), batch_id=pl.lit("e")
        )
        .to_arrow()
        .cast(LAKE_SCHEMA),
        source="e2e.csv",
        source_sha256="0" * 64,
    )
    findings = make_findings(declarations)
    findings_path(settings).parent.mkdir(parents=True)
    findings.write_parquet(findings_path(settings))
    for seed, until, activate in ((0, date(2026, 2, 28), True), (1, date(2026, 3, 15), False)):
        model = train_on_findings(declarations, findings, until=until, seed=seed, rounds=30)
        registry.save(model, settings.models_dir, {}, activate=activate)
    shadow_score(settings)
    database = Database(settings.effective_database_url)
    add_user(database, username=ANALYST, role="targeting_analyst", password=PASSWORD, actor="e2e")
    with serving(create_app(settings, database=database)) as url:
        yield url
    database.dispose()


def test_analyst_reads_monitoring_challenger_and_cards(model_server, page) -> None:  # type: ignore[no-untyped-def]
    url = model_server
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    sign_in(page, url, ANALYST, PASSWORD)
    page.click("nav a:has-text('Risk model')")
    page.wait_for_url(f"{url}/model")
    state = page.locator("#model-state")
    assert state.get_attribute("data-state") in ("ok", "alert")
    assert "v0001" in state.inner_text()
    charts = page.locator("#model-charts svg")
    assert charts.count() == 3
    assert charts.first.get_attribute("aria-label") == "Score drift (PSI by week)"
    assert page.locator("#model-charts svg circle").count() > 10
    assert page.locator("#calibration tbody tr").count() == 10
    challenger = page.locator("#challengers tr[data-version=v0002]")
    assert "2026-03-15" in challenger.inner_text()
    assert page.locator("#model-cards details").count() == 2
    assert page.locator("#model-cards details[open]").get_attribute("data-version") == "v0001"
    assert errors == []
