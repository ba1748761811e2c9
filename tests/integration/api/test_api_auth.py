"""Logging in for the API: tokens from a form or JSON, refused for wrong or disabled accounts."""

from __future__ import annotations

from tradeguard.domain.roles import Role
from tradeguard.services.users import add_user, disable_user

PASSWORD = "a long test password"


def test_token_from_a_form_opens_the_routes_of_the_role(client, accounts) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/api/token", data={"username": accounts[Role.ADMIN], "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["role"] == "admin"
    users = client.get("/api/users", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert users.status_code == 200
    assert {u["username"] for u in users.json()} >= set(accounts.values())
    assert all("password" not in key for u in users.json() for key in u)


def test_token_from_json(client, accounts) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/api/token", json={"username": accounts[Role.CBP_OFFICER], "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.json()["role"] == "cbp_officer"


def test_wrong_password_and_unknown_user_get_the_same_401(client, accounts) -> None:  # type: ignore[no-untyped-def]
    wrong = client.post("/api/token", json={"username": accounts[Role.ADMIN], "password": "nope"})
    unknown = client.post("/api/token", json={"username": "nobody", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_missing_fields_name_the_field(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/api/token", json={"username": "someone"})
    assert response.status_code == 422
    assert response.json()["field"] == "password"
    response = client.post(
        "/api/token", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_disabling_a_user_revokes_their_token_at_once(client, api_db) -> None:  # type: ignore[no-untyped-def]
    add_user(api_db, username="leaver", role="admin", password=PASSWORD, actor="test")
    token = client.post("/api/token", json={"username": "leaver", "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    assert client.get("/api/users", headers=headers).status_code == 200
    disable_user(api_db, "leaver", actor="test")
    assert client.get("/api/users", headers=headers).status_code == 401
    again = client.post("/api/token", json={"username": "leaver", "password": PASSWORD})
    assert again.status_code == 401


def test_logins_are_audited_without_secrets(client, accounts, tokens) -> None:  # type: ignore[no-untyped-def]
    admin = {"Authorization": f"Bearer {tokens[Role.ADMIN]}"}
    lines = client.get("/api/audit", params={"entity": "api_token"}, headers=admin).json()
    assert {line["actor"] for line in lines} >= set(accounts.values())
    assert not any(tokens[Role.ADMIN] in (line["after"] or "") for line in lines)


def test_health_is_public(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/health").json() == {"status": "ok"}
