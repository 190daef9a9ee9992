"""One error shape for the whole HTTP surface.

Every error the server sends, whatever raised it (an unknown route, a bad query parameter,
a bad cursor the ledger refused, a refused write, a bug), has this JSON body::

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": [...]}}

``details`` lists the offending fields for validation errors (``{"field": ..., "message": ...}``)
and is empty otherwise. Browsers asking for a page get the same fields rendered as HTML.
``tests/serve/test_errors_shape.py`` pins the shape.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.errors import LedgerError

log = logging.getLogger("newsledger.serve")

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    502: "bad_gateway",
    503: "unavailable",
}


class ApiError(StarletteHTTPException):
    """An error with a message a user can act on; ``code`` defaults from the status."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(status_code=status, detail=message)
        self.code = code or CODES.get(status, "error")
        self.details = details or []


def error_body(
    status: int,
    message: str,
    *,
    code: str | None = None,
    details: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": code or CODES.get(status, "error"),
            "message": message,
            "details": details or [],
        }
    }


def wants_html(request: Request) -> bool:
    """Pages get an HTML error, the API and non-browser clients get JSON."""
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept


def error_response(
    request: Request,
    status: int,
    message: str,
    *,
    code: str | None = None,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = error_body(status, message, code=code, details=details)
    if wants_html(request):
        templates = getattr(request.app.state, "templates", None)
        if templates is not None:
            return templates.TemplateResponse(
                request,
                "error.html",
                {"error": body["error"], "title": f"Error {status}"},
                status_code=status,
                headers=headers,
            )
        return HTMLResponse(f"<h1>Error {status}</h1>", status_code=status, headers=headers)
    return JSONResponse(body, status_code=status, headers=headers)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    # ("query", "limit") -> "limit"; the location kind is implied by the endpoint.
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header", "form")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    """Route every error the app can produce through ``error_response``."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else CODES.get(status, "error")
        if status == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see /docs for the API"
        elif status == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(
            request,
            status,
            message,
            code=getattr(exc, "code", None),
            details=getattr(exc, "details", None),
            headers=getattr(exc, "headers", None),
        )

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = [
            {"field": _field(err.get("loc", ())), "message": str(err.get("msg", "invalid"))}
            for err in exc.errors()
        ]
        summary = "; ".join(f"{d['field']}: {d['message']}" for d in details)
        return error_response(request, 422, f"invalid request ({summary})", details=details)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(
            request, 500, "internal error; the server log has the details", code="internal_error"
        )

    async def ledger_error(request: Request, exc: Exception) -> Response:
        # The ledger's read queries raise LedgerError for what the client sent (a bad date,
        # limit or cursor): a client error, with the ledger's message.
        return error_response(request, 400, str(exc))

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(LedgerError, ledger_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)
