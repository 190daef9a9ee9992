"""Every error the server sends has one JSON shape. This file pins it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsledger.ledger.store import Ledger
from newsledger.serve.app import ServeConfig, create_app

SHAPE_KEYS = {"status", "code", "message", "details"}


def assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == SHAPE_KEYS
    assert error["status"] == status
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    for detail in error["details"]:
        assert set(detail) == {"field", "message"}
    return error


@pytest.fixture(scope="module")
def app_with_bug(ledger: Ledger):
    app = create_app(ledger, ServeConfig(allow_ingest=True, token="s3cret"))

    @app.get("/api/_boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    return app


@pytest.fixture(scope="module")
def remote(app_with_bug):
    with TestClient(app_with_bug, raise_server_exceptions=False) as c:  # client host: not loopback
        yield c


def test_errors_shape_404_unknown_route(client) -> None:
    error = assert_error_shape(client.get("/api/no-such-thing"), 404, "not_found")
    assert "/api/no-such-thing" in error["message"]


def test_errors_shape_404_unknown_item(client) -> None:
    error = assert_error_shape(client.get("/api/articles/doesnotexist"), 404, "not_found")
    assert "doesnotexist" in error["message"]
    assert_error_shape(client.get("/api/entities/999999"), 404, "not_found")


def test_errors_shape_422_validation_names_the_field(client) -> None:
    error = assert_error_shape(
        client.get("/api/events?since=yesterday&limit=0"), 422, "invalid_request"
    )
    assert {d["field"] for d in error["details"]} == {"since", "limit"}
    assert_error_shape(client.get("/api/timeline?bucket=year"), 422, "invalid_request")
    assert_error_shape(client.get("/api/entities/not-a-number"), 422, "invalid_request")


def test_errors_shape_400_forged_cursor(client) -> None:
    assert_error_shape(client.get("/api/events?cursor=not-a-cursor"), 400, "bad_request")
    # well-formed base64 JSON of the wrong shape is refused too, before it reaches SQL
    assert_error_shape(client.get("/api/events?cursor=WyJ4Il0"), 400, "bad_request")
    assert_error_shape(
        client.get("/api/articles?cursor=WyJ4IiwieSJd"), 400, "bad_request"
    )  # ["x","y"]
    assert_error_shape(client.get("/api/claims?cursor=WzEsMl0"), 400, "bad_request")  # [1,2]


def test_errors_shape_405_write_without_allow_ingest(client) -> None:
    assert_error_shape(client.post("/api/articles", json={"text": "x"}), 405, "method_not_allowed")


def test_errors_shape_403_remote_write_without_token(remote) -> None:
    error = assert_error_shape(
        remote.post("/api/articles", json={"text": "Some news."}), 403, "forbidden"
    )
    assert "token" in error["message"]
    assert_error_shape(
        remote.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer wrong"}),
        403,
        "forbidden",
    )


def test_errors_shape_415_write_not_json(remote) -> None:
    assert_error_shape(
        remote.post(
            "/api/articles",
            content=b"text=x",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        415,
        "unsupported_media_type",
    )


def test_errors_shape_500_hides_the_exception(remote) -> None:
    error = assert_error_shape(remote.get("/api/_boom"), 500, "internal_error")
    assert "secret internal detail" not in error["message"]


def test_errors_shape_pages_get_html_with_the_same_message(client) -> None:
    response = client.get("/articles/doesnotexist", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no article &#39;doesnotexist&#39; in the ledger" in response.text
    # a page asked for by a non-browser client gets the JSON shape
    assert_error_shape(
        client.get("/articles/doesnotexist", headers={"accept": "application/json"}),
        404,
        "not_found",
    )
