"""Adding articles through the web: who may, and how a pasted text or a URL is stored.

Writes exist only with ``--allow-ingest``. Then a request from loopback may add articles; any
other client must present ``NEWSLEDGER_TOKEN``. Cross-site requests are refused even from
loopback (a page on another site could otherwise make the analyst's browser post to the local
server): the form carries a per-process token and the JSON endpoint accepts only
``application/json``, which a cross-site page cannot send without the browser asking first.
URLs are fetched by ingestion's own sources, which refuse private, loopback and link-local
addresses exactly as ``newsledger ingest`` does without ``--allow-private``.
"""

from __future__ import annotations

import hmac
import threading
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from fastapi import Request

from newsledger import pipeline
from newsledger.errors import NewsLedgerError
from newsledger.ledger.store import Ledger
from newsledger.records import RawArticle, date_out_of_range, date_range_text
from newsledger.serve.config import ServeConfig, is_loopback
from newsledger.serve.errors import ApiError
from newsledger.settings import Settings

# spaCy's pipeline and the ledger's near-duplicate index are shared per process; one article
# at a time keeps them consistent (ingest through the web is occasional, not bulk).
_INGEST_LOCK = threading.Lock()
MAX_URL_ARTICLES = 50  # a feed URL may hold many items; cap what one request can trigger


@dataclass(slots=True)
class AddOutcome:
    source: str
    status: str  # "new" | "duplicate" | "near_duplicate" | "failed"
    article_id: str | None = None
    duplicate_of: str | None = None
    reason: str | None = None

    def describe(self) -> str:
        if self.status == "new":
            return f"{self.source}: stored as a new article"
        if self.status == "duplicate":
            return f"{self.source}: already in the ledger"
        if self.status == "near_duplicate":
            return f"{self.source}: stored, linked as a near-duplicate of {self.duplicate_of}"
        return f"{self.source}: not stored ({self.reason})"


def authorize(request: Request, config: ServeConfig, supplied_token: str | None) -> None:
    """Refuse the write unless it comes from loopback or carries the right token."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        origin_host = urlsplit(origin).netloc.lower()
        if origin_host != request.headers.get("host", "").lower():
            raise ApiError(403, f"cross-site request from {origin} refused")
    if is_loopback(request):
        return
    if config.token is None:
        raise ApiError(
            403,
            "adding articles from another machine needs a token: restart the server with "
            "NEWSLEDGER_TOKEN set and send it as 'Authorization: Bearer <token>'",
        )
    if not supplied_token or not hmac.compare_digest(
        supplied_token.encode(), config.token.encode()
    ):
        raise ApiError(
            403, "missing or wrong token; send NEWSLEDGER_TOKEN as 'Authorization: Bearer <token>'"
        )


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-newsledger-token") or None


def check_form_token(config: ServeConfig, supplied: str | None) -> None:
    if not supplied or not hmac.compare_digest(supplied.encode(), config.form_token.encode()):
        raise ApiError(
            403, "the form has expired or came from another site; reload the Add article page"
        )


def add_text(
    ledger: Ledger,
    settings: Settings,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    source: str = "pasted text",
) -> AddOutcome:
    """Extract and store one pasted article."""
    if len(text.encode("utf-8")) > settings.max_input_bytes:
        return _failed(
            ledger, source, f"is larger than the {settings.max_input_bytes:,}-byte limit"
        )
    if not text.strip():
        return AddOutcome(source, "failed", reason="is empty (no text to extract)")
    if published:
        try:
            date.fromisoformat(published)
        except ValueError:
            return AddOutcome(
                source, "failed", reason=f"published {published!r} is not a YYYY-MM-DD date"
            )
        if date_out_of_range(published):
            return AddOutcome(
                source,
                "failed",
                reason=f"published {published} is outside {date_range_text()}",
            )
    raw = RawArticle(
        text=text.replace("\r\n", "\n"),
        uri=None,
        format="text",
        title=title or None,
        outlet=outlet or None,
        published=published or None,
    )
    return _store(ledger, settings, raw, source)


def add_url(ledger: Ledger, settings: Settings, url: str) -> list[AddOutcome]:
    """Fetch a URL (page or feed) with ingestion's guarded fetcher and store what it yields."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        # Never a local path or file:// URL: ingestion would read the server's own files.
        return [_failed(ledger, url, "only http:// and https:// URLs can be fetched")]
    outcomes: list[AddOutcome] = []
    try:
        for item in pipeline.read_sources([url], settings=settings, allow_private=False):
            if len(outcomes) >= MAX_URL_ARTICLES:
                break
            if isinstance(item, RawArticle):
                outcomes.append(_store(ledger, settings, item, item.url or item.uri or url))
            else:
                reason = getattr(item, "reason", str(item))
                outcomes.append(_failed(ledger, getattr(item, "source", url) or url, reason))
    except NewsLedgerError as e:
        outcomes.append(_failed(ledger, url, getattr(e, "reason", str(e))))
    if not outcomes:
        outcomes.append(_failed(ledger, url, "held no article"))
    return outcomes


def _store(ledger: Ledger, settings: Settings, raw: RawArticle, source: str) -> AddOutcome:
    with _INGEST_LOCK:
        event = pipeline.add_raw(ledger, raw, settings=settings, source=source)
    return AddOutcome(
        event.source, event.outcome, event.article_id, event.duplicate_of, event.reason
    )


def _failed(ledger: Ledger, source: str, reason: str) -> AddOutcome:
    event = pipeline.record_failure(ledger, source, reason, "ingest", strict=False)
    return AddOutcome(source, "failed", reason=event.reason)
