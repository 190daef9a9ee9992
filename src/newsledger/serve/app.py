"""The web application: JSON API under ``/api/``, server-rendered pages, one error shape.

``create_app`` builds the FastAPI app over an open :class:`~newsledger.ledger.store.Ledger`.
Writes (adding articles) exist only when the app is built with ``allow_ingest=True``: without
it the write routes are not registered at all, so no request can reach them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newsledger.__about__ import __version__
from newsledger.ledger.store import Ledger, redact_url
from newsledger.records import time_label
from newsledger.serve import alerts, api, errors, pages
from newsledger.serve.chart import colour
from newsledger.serve.config import LOOPBACK_HOSTS, ServeConfig, is_loopback
from newsledger.serve.guards import RequestGuard, body_limit
from newsledger.serve.highlight import card_id

HERE = Path(__file__).resolve().parent
__all__ = ["LOOPBACK_HOSTS", "ServeConfig", "create_app", "is_loopback"]


def create_app(
    ledger: Ledger, config: ServeConfig | None = None, *, close_ledger: bool = False
) -> FastAPI:
    """The app over ``ledger``. ``close_ledger``: close it when the app shuts down."""
    config = config or ServeConfig()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if close_ledger:
            ledger.close()

    app = FastAPI(
        title="NewsLedger",
        version=__version__,
        summary="A sourced ledger of events and claims from news articles.",
        description=(
            "Read-only JSON API over a NewsLedger database. Lists are paginated with an opaque "
            "`cursor`: pass the `next_cursor` of one page to get the next. Every error has the "
            'body `{"error": {"status", "code", "message", "details"}}`. '
            "`POST /api/articles` exists only when the server runs with `--allow-ingest`."
        ),
        lifespan=lifespan,
        docs_url=None,  # served by pages.api_docs: Swagger UI needs a CDN, this needs nothing
        redoc_url=None,
    )
    app.state.ledger = ledger
    app.state.config = config
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(
        version=__version__,
        db_label=redact_url(str(ledger.engine.url)),
        colour=colour,
        card_id=card_id,
        time_label=time_label,
    )
    app.state.templates = templates
    errors.install(app)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        # Defence in depth behind escaping: no inline scripts, no plugins, no framing. Every
        # page, /docs included (it is rendered here from the OpenAPI document, no CDN).
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(alerts.router)
    if config.allow_ingest:
        app.include_router(api.write_router)
        app.include_router(pages.write_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    # Added last, so it runs first: a refused request reaches nothing else.
    app.add_middleware(
        RequestGuard,
        max_body_bytes=config.max_body_bytes or body_limit(config.settings),
        allowed_hosts=config.allowed_hosts,
    )
    return app
