"""Request bodies over TRADEGUARD_MAX_BODY_BYTES are refused with 413 JSON before a route reads
them (issue 22, item 10), against a real uvicorn server over raw sockets: the client sends the
headers and only the start of the body, and must get its answer without sending the rest."""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import Iterator

import httpx
import pytest

from tests.integration.api.conftest import settings_for
from tests.integration.api.targeted_home import serving
from tradeguard.app import create_app

LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def server(api_db, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:  # type: ignore[no-untyped-def]
    settings = dataclasses.replace(
        settings_for(tmp_path_factory.mktemp("limit")), max_body_bytes=LIMIT
    )
    with serving(create_app(settings, database=api_db)) as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port)


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    sock.settimeout(20)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    while len(body) < int(headers.get("content-length", "0")):
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body


def test_a_declared_20_mb_body_is_refused_before_it_is_sent(server) -> None:  # type: ignore[no-untyped-def]
    host, port = server
    with socket.create_connection((host, port)) as sock:
        sock.sendall(
            b"POST /api/allegations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {20 * 1024 * 1024}\r\n\r\n".encode()
            + b'{"pti": "IPR", "description": "'
        )
        status, headers, body = _answer(sock)
    assert status == 413
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["field"] == "body"


def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(server) -> None:  # type: ignore[no-untyped-def]
    host, port = server
    with socket.create_connection((host, port)) as sock:
        sock.sendall(
            b"POST /api/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        piece = b"x" * 16384
        for _ in range(LIMIT // len(piece) + 2):  # just past the limit, then stop sending
            sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        status, _, body = _answer(sock)
    assert status == 413
    assert json.loads(body)["error"]


def test_a_body_under_the_limit_reaches_the_route(server) -> None:  # type: ignore[no-untyped-def]
    host, port = server
    tip = {"pti": "IPR", "description": "Counterfeit phone chargers at Miami, " + "x" * 2000}
    response = httpx.post(f"http://{host}:{port}/api/allegations", json=tip, timeout=30)
    assert response.status_code == 201, response.text
