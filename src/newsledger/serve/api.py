"""The JSON API under ``/api/``: read endpoints always, the write endpoint only with ingest on."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from newsledger.errors import LedgerError
from newsledger.ledger import queries as lq
from newsledger.ledger.store import Ledger
from newsledger.ledger.versions import article_versions, record_at
from newsledger.pipeline import fused_event as fused_event_view
from newsledger.pipeline import min_confidence as default_min_confidence
from newsledger.records import Modality
from newsledger.serve import ingest
from newsledger.serve.errors import ApiError


class ErrorDetail(BaseModel):
    field: str
    message: str


class ErrorInfo(BaseModel):
    status: int
    code: str = Field(description="machine-readable: not_found, invalid_request, forbidden, ...")
    message: str = Field(description="what went wrong and what to do, for a person")
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorBody(BaseModel):
    error: ErrorInfo


class PageOut(BaseModel):
    items: list[dict[str, Any]]
    next_cursor: str | None = Field(
        description="pass as `cursor` for the next page; null on the last page"
    )


class BucketOut(BaseModel):
    bucket: str = Field(description="2025-12-27 (day), 2025-W52 (ISO week) or 2025-12 (month)")
    since: str
    until: str
    total: int
    counts: dict[str, int] = Field(description="event type -> number of events")


class TimelineOut(BaseModel):
    bucket: Literal["day", "week", "month"]
    buckets: list[BucketOut]


class SearchOut(BaseModel):
    query: str
    entities: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    next_cursor: str | None


class AddArticleIn(BaseModel):
    text: str | None = Field(None, description="the article text (give text or url)")
    url: str | None = Field(
        None, description="an article page or feed URL; private addresses are refused"
    )
    title: str | None = None
    outlet: str | None = None
    published: date | None = None


class AddOutcomeOut(BaseModel):
    source: str
    status: Literal["new", "duplicate", "near_duplicate", "failed"]
    article_id: str | None = None
    duplicate_of: str | None = None
    reason: str | None = None


class AddArticleOut(BaseModel):
    results: list[AddOutcomeOut]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "bad cursor or request"},
    404: {"model": ErrorBody, "description": "no such item"},
    422: {"model": ErrorBody, "description": "a parameter is invalid"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    403: {"model": ErrorBody, "description": "not allowed to add articles"},
    413: {"model": ErrorBody, "description": "request body too large"},
    422: {"model": ErrorBody, "description": "invalid request, or nothing could be stored"},
}

router = APIRouter(prefix="/api", tags=["read"], responses=ERRORS)
write_router = APIRouter(prefix="/api", tags=["write"], responses=WRITE_ERRORS)


def get_ledger(request: Request) -> Ledger:
    return request.app.state.ledger


LedgerDep = Annotated[Ledger, Depends(get_ledger)]
MAX_LIMIT = 500  # items per page
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Cursor = Annotated[
    str | None, Query(max_length=512, description="next_cursor of the previous page")
]
Day = Annotated[date | None, Query(description="ISO date YYYY-MM-DD, inclusive")]


def event_filters(
    actor: Annotated[str | None, Query(max_length=300, description="actor name or alias")] = None,
    type: Annotated[
        str | None, Query(max_length=40, description="event type, e.g. WEAPONS_TEST")
    ] = None,
    modality: Modality | None = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Day = None,
    until: Day = None,
    text: Annotated[
        str | None,
        Query(
            max_length=200,
            description="words in trigger, object, actor, target or location (events list only)",
        ),
    ] = None,
    include_near_duplicates: Annotated[
        bool, Query(description="also events of near-duplicate articles")
    ] = False,
    min_confidence: Annotated[
        float | None,
        Query(
            ge=0.0,
            le=1.0,
            description="hide events the extractor is less sure of; default: the server's "
            "min_confidence setting, else the calibrated default; 0 returns every event",
        ),
    ] = None,
    request: Request = None,  # type: ignore[assignment]
) -> lq.EventFilters:
    if since and until and since > until:
        raise ApiError(
            422,
            "since is after until",
            details=[{"field": "since", "message": "must not be after until"}],
        )
    return lq.EventFilters(
        actor=actor or None,
        type=type or None,
        modality=modality,
        outlet=outlet or None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        text=text or None,
        include_near_duplicates=include_near_duplicates,
        min_confidence=(
            min_confidence
            if min_confidence is not None
            else default_min_confidence(request.app.state.config.settings)
        ),
    )


Filters = Annotated[lq.EventFilters, Depends(event_filters)]


def _page(items: list[Any], next_cursor: str | None) -> PageOut:
    return PageOut(items=[i.to_dict() for i in items], next_cursor=next_cursor)


@router.get("/events", response_model=PageOut, summary="Events, newest first, filtered")
def list_events(
    ledger: LedgerDep, filters: Filters, limit: Limit = 50, cursor: Cursor = None
) -> PageOut:
    """Events by when they happened (else the article's date), newest first. Each item carries
    its article, `outlet_count` (outlets reporting the same fused event) and its attribution chain."""
    page = lq.event_page(ledger, filters, limit=limit, cursor=cursor)
    return _page(page.rows, page.next_cursor)


@router.get(
    "/timeline", response_model=TimelineOut, summary="Event counts per day, week or month, per type"
)
def timeline(
    ledger: LedgerDep, filters: Filters, bucket: Literal["day", "week", "month"] = "day"
) -> TimelineOut:
    """Counts of the filtered events per bucket and type, oldest first, empty buckets included
    when the range spans at most 5,000 buckets (else only buckets holding events); `text` does
    not apply here."""
    size, buckets = lq.timeline_buckets(ledger, filters, bucket)
    return TimelineOut(bucket=size, buckets=[BucketOut(**b.to_dict()) for b in buckets])


@router.get(
    "/articles", response_model=PageOut, summary="Article summaries, most recently ingested first"
)
def list_articles(
    ledger: LedgerDep,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Day = None,
    until: Day = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PageOut:
    page = lq.articles(ledger, outlet=outlet, since=since, until=until, limit=limit, cursor=cursor)
    return _page(page.rows, page.next_cursor)


@router.get(
    "/fused/{fused_id}",
    summary="One event as every article reports it, with where the reports disagree",
)
def get_fused_event(ledger: LedgerDep, fused_id: int) -> dict[str, Any]:
    """The fused event `fused_id` (an event's `fused_event_id`): each report with its outlet,
    attribution chain, modality, confidence and the sentence that tells it, and the
    contradictions between reports (modality, denials, different counts)."""
    view = fused_event_view(ledger, fused_id)
    if view is None:
        raise ApiError(404, f"no fused event {fused_id} in the ledger")
    return view.to_dict()


@router.get("/articles/{article_id}", summary="One article record with its spans")
def get_article(
    ledger: LedgerDep,
    article_id: Annotated[str, Path(max_length=64)],
    version: Annotated[
        int | None,
        Query(ge=1, description="an earlier extraction of the article (default: the current)"),
    ] = None,
) -> dict[str, Any]:
    """`record` is the article record (`newsledger.article/1`: text, entities, times, quotes,
    claims, events, with character spans into `text`); `entity_ids` maps its local entity ids
    to the ledger's canonical ones (current extraction only); near-duplicate links come beside
    it; `extraction` says which extraction `record` is and lists them all, each with the
    extractor version and options that made it."""
    view = lq.article(ledger, article_id)
    if view is None:
        raise ApiError(404, f"no article {article_id!r} in the ledger")
    versions = article_versions(ledger, article_id)
    current = next((v.version for v in versions if v.current), None)
    data = view.to_dict()
    if version is not None and version != current:
        try:
            data["record"] = record_at(ledger, article_id, version).to_dict()
        except LedgerError as e:
            raise ApiError(404, str(e)) from e
    data["extraction"] = {
        "version": version or current,
        "current": version is None or version == current,
        "versions": [v.to_dict() for v in versions],
    }
    ids = lq.article_entity_ids(ledger, article_id) if data["extraction"]["current"] else {}
    return {**data, "entity_ids": ids}


@router.get("/entities", summary="Entities by name prefix, most mentioned first")
def list_entities(
    ledger: LedgerDep,
    prefix: Annotated[
        str | None, Query(max_length=300, description="start of the canonical name")
    ] = None,
    type: Annotated[str | None, Query(max_length=16, description="PERSON, ORG, GPE, ...")] = None,
    limit: Limit = 50,
) -> dict[str, Any]:
    return {"items": lq.entities(ledger, prefix=prefix, type=type, limit=limit)}


@router.get(
    "/entities/{entity_id}",
    summary="Entity profile: aliases, counts, events, what it said and what was said about it",
)
def get_entity(ledger: LedgerDep, entity_id: int) -> dict[str, Any]:
    profile = lq.entity_profile_by_id(ledger, entity_id)
    if profile is None:
        raise ApiError(404, f"no entity {entity_id} in the ledger")
    return profile.to_dict()


@router.get(
    "/entities/{entity_id}/events",
    response_model=PageOut,
    summary="Events where the entity is actor or target",
)
def entity_events(
    ledger: LedgerDep, entity_id: int, limit: Limit = 50, cursor: Cursor = None
) -> PageOut:
    page = lq.events(ledger, entity_id=entity_id, limit=limit, cursor=cursor)
    if (
        not page.rows
        and cursor is None
        and lq.entity_profile_by_id(ledger, entity_id, latest=1) is None
    ):
        raise ApiError(404, f"no entity {entity_id} in the ledger")
    return _page(page.rows, page.next_cursor)


@router.get("/claims", response_model=PageOut, summary="Claims by source or about a subject")
def list_claims(
    ledger: LedgerDep,
    source: Annotated[
        str | None, Query(max_length=300, description="a name in the attribution chain")
    ] = None,
    about: Annotated[
        str | None, Query(max_length=300, description="an entity the claim mentions")
    ] = None,
    polarity: Literal["positive", "negative"] | None = None,
    since: Day = None,
    until: Day = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PageOut:
    """Claims newest first, each with `sources` (the attribution chain, outermost first),
    `denies` (what a denial denies) and `denied_by` (denials linked to this claim)."""
    page = lq.claims(
        ledger,
        source=source,
        about=about,
        polarity=polarity,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )
    return _page(page.rows, page.next_cursor)


@router.get("/denials", response_model=PageOut, summary="Denials, each linked to what it denies")
def list_denials(
    ledger: LedgerDep,
    about: Annotated[
        str | None, Query(max_length=300, description="an entity the denial mentions")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PageOut:
    page = lq.claims(ledger, about=about, polarity="negative", limit=limit, cursor=cursor)
    return _page(page.rows, page.next_cursor)


@router.get(
    "/search", response_model=SearchOut, summary="Full-text search over articles, and entity names"
)
def search(
    ledger: LedgerDep,
    q: Annotated[str, Query(min_length=1, max_length=300)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Cursor = None,
) -> SearchOut:
    """Articles matching all the words of `q`, best first (snippets mark hits with [ ]), and on
    the first page the entities whose name starts with `q`."""
    hits, next_cursor = lq.search_page(ledger, q, limit=limit, cursor=cursor)
    return SearchOut(
        query=q,
        entities=lq.entities(ledger, prefix=q, limit=10) if cursor is None else [],
        articles=[h.to_dict() for h in hits],
        next_cursor=next_cursor,
    )


@router.get("/failures", summary="Inputs that could not be ingested, newest first")
def list_failures(ledger: LedgerDep, limit: Limit = 100) -> dict[str, Any]:
    return {"items": [f.to_dict() for f in lq.failures(ledger, limit=limit)]}


@router.get("/stats", summary="What the ledger holds")
def stats(ledger: LedgerDep) -> dict[str, Any]:
    return lq.stats(ledger).to_dict()


def require_writer(request: Request) -> None:
    """Runs before the body is validated, so an unauthorised client learns nothing more."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "send the article as application/json")
    ingest.authorize(request, request.app.state.config, ingest.bearer_token(request))


@write_router.post(
    "/articles",
    response_model=AddArticleOut,
    status_code=200,
    dependencies=[Depends(require_writer)],
    summary="Extract and store an article (only with --allow-ingest)",
)
def add_article(request: Request, body: AddArticleIn) -> AddArticleOut:
    """Give `text` (with optional `title`, `outlet`, `published`) or a `url`. From another
    machine, send `Authorization: Bearer <NEWSLEDGER_TOKEN>`. Content type must be JSON.
    When nothing could be stored the answer is 422 (`not_stored`) with each reason in
    `details`; a feed URL of which some items were stored is a 200 listing every outcome."""
    config = request.app.state.config
    ledger: Ledger = request.app.state.ledger
    if bool(body.text) == bool(body.url):
        raise ApiError(
            422,
            "give exactly one of text or url",
            details=[{"field": "text", "message": "give exactly one of text or url"}],
        )
    if body.url:
        outcomes = ingest.add_url(ledger, config.settings, body.url)
    else:
        outcomes = [
            ingest.add_text(
                ledger,
                config.settings,
                body.text or "",
                title=body.title,
                outlet=body.outlet,
                published=body.published.isoformat() if body.published else None,
            )
        ]
    if all(o.status == "failed" for o in outcomes):
        # Nothing was stored: the request failed, whatever the reason (one status policy for
        # the API and the form: a failed add is a 422 with the reasons).
        raise ApiError(
            422,
            "; ".join(o.describe() for o in outcomes),
            code="not_stored",
            details=[
                {"field": "url" if body.url else "text", "message": o.describe()} for o in outcomes
            ],
        )
    return AddArticleOut(
        results=[
            AddOutcomeOut(
                source=o.source,
                status=o.status,  # type: ignore[arg-type]
                article_id=o.article_id,
                duplicate_of=o.duplicate_of,
                reason=o.reason,
            )
            for o in outcomes
        ]
    )
