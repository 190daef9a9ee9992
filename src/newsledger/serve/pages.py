"""Server-rendered pages: timeline, article, entity, search, add article, API reference.

Templates autoescape everything; the only markup built in Python (highlights, chart) escapes
each piece of data itself. Filters arrive from plain HTML forms, so an empty field means
"no filter" rather than an invalid value.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from newsledger.ledger import queries as lq
from newsledger.ledger.store import Ledger
from newsledger.pipeline import fused_event as fused_event_view
from newsledger.pipeline import min_confidence as default_min_confidence
from newsledger.records import MODALITIES, ArticleRecord
from newsledger.serve import ingest
from newsledger.serve.chart import legend, timeline_svg
from newsledger.serve.config import is_loopback
from newsledger.serve.errors import ApiError
from newsledger.serve.highlight import card_id, highlight_record

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
write_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE_SIZE = 50


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def _day(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as e:
        raise ApiError(
            422,
            f"{name} must be a date in YYYY-MM-DD form, got {value[:40]!r}",
            details=[{"field": name, "message": "not a YYYY-MM-DD date"}],
        ) from e


def _text(name: str, value: str | None, limit: int = 300) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise ApiError(
            422,
            f"{name} is longer than {limit} characters",
            details=[{"field": name, "message": f"at most {limit} characters"}],
        )
    return value or None


def _min_confidence(request: Request, value: str | None) -> float:
    """The page's confidence floor: the one asked for ("0" shows every event), else the
    server's default."""
    if value:
        try:
            chosen = float(value)
        except ValueError:
            chosen = -1.0
        if not 0.0 <= chosen <= 1.0:
            raise ApiError(
                422,
                "min_confidence must be a number between 0 and 1",
                details=[{"field": "min_confidence", "message": "not a number in [0, 1]"}],
            )
        return chosen
    return default_min_confidence(request.app.state.config.settings)


def _filters(
    actor: str | None,
    type: str | None,
    modality: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    min_confidence: float | None = None,
) -> lq.EventFilters:
    if modality and modality not in MODALITIES:
        raise ApiError(
            422,
            f"modality must be one of {', '.join(MODALITIES)}",
            details=[{"field": "modality", "message": "unknown modality"}],
        )
    return lq.EventFilters(
        actor=_text("actor", actor),
        type=_text("type", type, 40),
        modality=modality or None,
        outlet=_text("outlet", outlet, 200),
        since=_day("since", since),
        until=_day("until", until),
        min_confidence=min_confidence,
    )


@router.get("/", name="timeline_page")
def timeline_page(
    request: Request,
    actor: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    bucket: str | None = None,
    cursor: str | None = None,
    min_confidence: str | None = None,
) -> Response:
    # No free-text filter here: the chart counts could not honour it, and list and chart agree.
    default_floor = default_min_confidence(request.app.state.config.settings)
    floor = _min_confidence(request, min_confidence)
    filters = _filters(actor, type, modality, outlet, since, until, floor)
    ledger = _ledger(request)
    size, buckets = lq.timeline_buckets(
        ledger,
        filters,
        bucket if bucket in lq.BUCKET_SIZES else None,
    )
    page = lq.event_page(ledger, filters, limit=PAGE_SIZE, cursor=cursor)
    params = filters.as_params()
    if floor == default_floor:
        params.pop("min_confidence", None)  # the default need not ride along in links
    total = sum(b.total for b in buckets)
    next_url = None
    if page.next_cursor:
        next_url = "?" + urlencode({**params, "bucket": size, "cursor": page.next_cursor})
    return _render(
        request,
        "timeline.html",
        {
            "title": "Timeline",
            "nav": "timeline",
            "filters": filters,
            "bucket": size,
            "event_types": lq.event_types(ledger),
            "modalities": MODALITIES,
            "outlets": lq.outlets(ledger),
            "chart": timeline_svg(buckets, link_params={**params, "bucket": size}),
            "legend": legend(t for b in buckets for t in b.counts),
            "events": _event_rows(page.rows),
            "next_url": next_url,
            "any_filter": bool(params),
            "low_confidence_shown": floor < default_floor,
            "default_floor": default_floor,
            "caption": f"{total:,} matching event{'s' if total != 1 else ''}, newest first"
            + (" (continued)" if cursor else ""),
        },
    )


def _event_rows(rows: list[lq.EventRow]) -> list[dict[str, Any]]:
    return [{**row.to_dict(), "card": card_id("event", row.local_id)} for row in rows]


@router.get("/articles/{article_id}", name="article_page")
def article_page(request: Request, article_id: str) -> Response:
    ledger = _ledger(request)
    view = lq.article(ledger, article_id[:64])
    if view is None:
        raise ApiError(404, f"no article {article_id[:64]!r} in the ledger")
    record = view.record
    uri = record.source.uri or ""
    # Only web links become links: a stored `javascript:` URI stays inert text.
    source_href = uri if urlsplit(uri).scheme.lower() in ("http", "https") else None
    return _render(
        request,
        "article.html",
        {
            "title": record.headline or "Article",
            "nav": "article",
            "record": record,
            "body": highlight_record(record),
            "entity_ids": lq.article_entity_ids(ledger, view.record.id),
            "source_href": source_href,
            "near_duplicate_of": view.near_duplicate_of,
            "near_duplicates": view.near_duplicates,
            "denied_by": _denied_by(record),
        },
    )


def _denied_by(record: ArticleRecord) -> dict[int, list[int]]:
    """Claim index -> indexes of the claims in the same article that deny it."""
    out: dict[int, list[int]] = {}
    for i, claim in enumerate(record.claims):
        if (
            claim.denies is not None
            and 0 <= claim.denies < len(record.claims)
            and claim.denies != i
        ):
            out.setdefault(claim.denies, []).append(i)
    return out


@router.get("/fused/{fused_id}", name="fused_page")
def fused_page(request: Request, fused_id: int) -> Response:
    view = fused_event_view(_ledger(request), fused_id)
    if view is None:
        raise ApiError(404, f"no fused event {fused_id} in the ledger")
    reports = [
        {**r.event.to_dict(), "evidence": r.evidence, "card": card_id("event", r.event.local_id)}
        for r in view.event.reports
    ]
    return _render(
        request,
        "fused.html",
        {
            "title": f"{view.event.type} reported by {view.event.outlet_count} outlet(s)",
            "nav": "timeline",
            "view": view,
            "reports": reports,
        },
    )


@router.get("/entities/{entity_id}", name="entity_page")
def entity_page(request: Request, entity_id: int, cursor: str | None = None) -> Response:
    ledger = _ledger(request)
    profile = lq.entity_profile_by_id(ledger, entity_id, latest=50)
    if profile is None:
        raise ApiError(404, f"no entity {entity_id} in the ledger")
    floor = default_min_confidence(request.app.state.config.settings)
    filters = lq.EventFilters(entity_id=entity_id, min_confidence=floor)
    size, buckets = lq.timeline_buckets(ledger, filters)
    page = lq.events(ledger, filters, limit=PAGE_SIZE, cursor=cursor)
    labels = [
        ("Articles", profile.article_count),
        ("Mentions", profile.mention_count),
        ("Events as actor", profile.event_count),
        ("Events as target", profile.target_count),
    ]
    return _render(
        request,
        "entity.html",
        {
            "title": profile.name,
            "nav": "entity",
            "entity": profile,
            "counts": labels,
            "chart": timeline_svg(buckets, link_params={"actor": profile.name, "bucket": size}),
            "legend": legend(t for b in buckets for t in b.counts),
            "events": _event_rows(page.rows),
            "next_url": "?" + urlencode({"cursor": page.next_cursor}) if page.next_cursor else None,
            "said_quotes": profile.quotes,
            "said_claims": profile.said,
            "about_claims": profile.said_about,
        },
    )


@router.get("/search", name="search_page")
def search_page(request: Request, q: str | None = None) -> Response:
    query = _text("q", q)
    entities: list[dict[str, Any]] = []
    hits: list[lq.SearchHit] = []
    if query:
        ledger = _ledger(request)
        entities = lq.entities(ledger, prefix=query, limit=10)
        hits = lq.search(ledger, query, limit=30)
    return _render(
        request,
        "search.html",
        {
            "title": "Search",
            "nav": "search",
            "query": query,
            "entities": entities,
            "articles": hits,
        },
    )


@router.get("/add", name="add_page")
def add_page(request: Request) -> Response:
    config = request.app.state.config
    return _render(
        request,
        "add.html",
        {
            "title": "Add article",
            "nav": "add",
            "allow_ingest": config.allow_ingest,
            "form_token": config.form_token,
            "needs_token": not is_loopback(request),
            "result": None,
        },
    )


@write_router.post("/add", name="add_submit")
def add_submit(
    request: Request,
    form_token: Annotated[str, Form()] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    published: Annotated[str, Form(max_length=10)] = "",
    token: Annotated[str, Form()] = "",
) -> Response:
    config = request.app.state.config
    ingest.check_form_token(config, form_token)
    ingest.authorize(request, config, token or ingest.bearer_token(request))
    ledger = _ledger(request)
    url, text = url.strip(), text.strip()
    if bool(url) == bool(text):
        outcomes = [
            ingest.AddOutcome(
                "form", "failed", reason="give a URL or paste a text (one of the two)"
            )
        ]
    elif url:
        outcomes = ingest.add_url(ledger, config.settings, url)
    else:
        outcomes = [
            ingest.add_text(
                ledger,
                config.settings,
                text,
                title=title,
                outlet=outlet,
                published=published or None,
            )
        ]
    result = {
        "ok": all(o.status != "failed" for o in outcomes),
        "lines": [{"text": o.describe(), "article_id": o.article_id} for o in outcomes],
    }
    status = 200 if result["ok"] else 422
    return _render(
        request,
        "add.html",
        {
            "title": "Add article",
            "nav": "add",
            "allow_ingest": True,
            "form_token": config.form_token,
            "needs_token": not is_loopback(request),
            "result": result,
        },
        status=status,
    )


@router.get("/docs", name="api_docs")
def api_docs(request: Request) -> Response:
    """The API reference, rendered here from the OpenAPI document (no CDN assets needed)."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name"),
                    "location": p.get("in"),
                    "required": p.get("required", False),
                    "type": _schema_type(p.get("schema", {})),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            body = (
                op.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            responses = [
                (code, r.get("description", "")) for code, r in op.get("responses", {}).items()
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "body": body.get("$ref", "").rsplit("/", 1)[-1] or None,
                    "responses": responses,
                    "anchor": f"{method}-{path}".replace("/", "-")
                    .replace("{", "")
                    .replace("}", ""),
                }
            )
    return _render(
        request,
        "docs.html",
        {"title": "API reference", "nav": "docs", "spec": spec, "operations": operations},
    )


def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "")
    fmt = schema.get("format")
    return f"{kind} ({fmt})" if fmt else str(kind)
