"""Every date a caller sends the API is bounded (issue 22, item 5): each query parameter and
request-body field the OpenAPI document declares as a date, given a day decades ago or years
ahead, is a 422 naming that field, before the route runs.

The fields are found by walking the OpenAPI document, so a date field added later as a plain
`date` (not `EnteredDay`) fails here."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.integration.api.conftest import settings_for
from tradeguard.app import create_app
from tradeguard.domain.errors import InvalidInput
from tradeguard.domain.roles import Role
from tradeguard.web.pages._custody_forms import form_day
from tradeguard.web.security import SESSION_COOKIE

FAR_AHEAD = (date.today() + timedelta(days=6 * 366)).isoformat()


def _is_date(schema: dict[str, Any]) -> bool:
    options = schema.get("anyOf", [schema])
    return any(o.get("format") == "date" for o in options)


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema


def _body_dates(
    schema: dict[str, Any], spec: dict[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Paths to every date in a body schema, through nested objects and lists."""
    schema = _resolve(schema, spec)
    for name, prop in schema.get("properties", {}).items():
        prop = _resolve(prop, spec)
        if _is_date(prop):
            yield (*path, name)
        elif prop.get("type") == "array" and "items" in prop:
            yield from _body_dates(prop["items"], spec, (*path, name, "0"))
        elif "properties" in prop:
            yield from _body_dates(prop, spec, (*path, name))


def _nest(path: tuple[str, ...], value: str) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if rest and rest[0] == "0":
        return {head: [_nest(rest[1:], value)]}
    return {head: _nest(rest, value)}


def date_inputs() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(method, path, 'query' or 'body', field path) for every date input of the API."""
    home = Path(tempfile.mkdtemp(prefix="tradeguard-openapi-"))
    spec = create_app(settings_for(home)).openapi()
    found = []
    for route, operations in spec["paths"].items():
        for method, op in operations.items():
            for param in op.get("parameters", []):
                if param["in"] == "query" and _is_date(param["schema"]):
                    found.append((method, route, "query", (param["name"],)))
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                for field in _body_dates(body["schema"], spec):
                    found.append((method, route, "body", field))
    return found


# Bounded by the service, more tightly (between the entry date and tomorrow), with the 422
# naming `finding_date` itself: tests/integration/api/test_finding_dates.py.
BOUNDED_BY_THE_SERVICE = {("post", "/api/holds/{hold_id}/finding", ("finding_date",))}
INPUTS = [i for i in date_inputs() if (i[0], i[1], i[3]) not in BOUNDED_BY_THE_SERVICE]


def test_the_walk_finds_query_and_body_dates() -> None:
    kinds = {(k, f[-1]) for _, _, k, f in INPUTS}
    assert ("query", "as_of") in kinds and ("body", "on") in kinds
    assert ("body", "effective_from") in kinds and ("body", "departed_on") in kinds
    assert len(INPUTS) >= 25


def _send(client, tokens, method: str, route: str, kind: str, field, value: str):  # type: ignore[no-untyped-def]
    url = route.replace("{", "").replace("}", "")  # path parameters: their own names
    for token in tokens.values():  # the first role allowed in answers; the rest are 403
        headers = {"Authorization": f"Bearer {token}"}
        if kind == "query":
            response = client.request(method, url, params={field[0]: value}, headers=headers)
        else:
            response = client.request(method, url, json=_nest(field, value), headers=headers)
        if response.status_code != 403:
            return response
    raise AssertionError(f"no role may call {method} {route}")


@pytest.mark.parametrize(
    ("method", "route", "kind", "field"),
    INPUTS,
    ids=[f"{m.upper()} {r} {'.'.join(f)}" for m, r, _, f in INPUTS],
)
def test_a_day_outside_the_bounds_is_a_422_naming_the_field(
    client, tokens, method: str, route: str, kind: str, field: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    for value in ("0001-01-01", FAR_AHEAD):
        response = _send(client, tokens, method, route, kind, field, value)
        assert response.status_code == 422, (value, response.text)
        named = [p["field"] for p in response.json().get("problems", [])]
        named.append(response.json().get("field") or "")
        assert any(n.split(".")[-1] == field[-1] for n in named), (value, response.json())


@pytest.mark.parametrize(
    ("url", "field"),
    [("/centers?as_of={}", "as_of"), ("/bonds?as_of={}", "as_of"), ("/adcvd?on={}", "on")],
)
def test_a_page_refuses_a_day_outside_the_bounds(client, web_sessions, url, field) -> None:  # type: ignore[no-untyped-def]
    client.cookies.set(SESSION_COOKIE, web_sessions[Role.ADMIN].session_id)
    for value in ("0001-01-01", FAR_AHEAD):
        response = client.get(url.format(value))
        assert response.status_code == 422, (url, value, response.status_code)
        assert field in response.text


def test_a_custody_form_day_is_bounded() -> None:
    with pytest.raises(InvalidInput) as refused:
        form_day("0001-01-01", "reviewed_on")
    assert refused.value.field == "reviewed_on"
    assert form_day(date.today().isoformat(), "reviewed_on") == date.today()
