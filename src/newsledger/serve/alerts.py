"""Following the news on the web: watched sources with their health, the list of alerts, a
page per alert, and its Atom feed.

``/feeds/NAME.atom`` lets any feed reader follow an alert; entries are the alert's matches,
newest first, each linking to the article page with the evidence as its summary.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from newsledger.__about__ import __version__
from newsledger.ledger import alerts as alert_store
from newsledger.ledger import watched
from newsledger.ledger.store import Ledger
from newsledger.serve.errors import ApiError

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 100


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


def _alert_or_404(ledger: Ledger, name: str) -> alert_store.Alert:
    alert = alert_store.get_alert(ledger, name) if alert_store.NAME_PATTERN.match(name) else None
    if alert is None:
        raise ApiError(404, f"no alert named {name[:100]!r}")
    return alert


def _stamp(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@router.get("/sources", name="sources_page")
def sources_page(request: Request) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "sources.html",
        {
            "title": "Sources",
            "nav": "alerts",
            "sources": watched.list_sources(_ledger(request)),
            "now": datetime.now(UTC),
        },
    )


@router.get("/alerts", name="alerts_page")
def alerts_page(request: Request) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "alerts.html",
        {"title": "Alerts", "nav": "alerts", "alerts": alert_store.list_alerts(_ledger(request))},
    )


@router.get("/alerts/{name}", name="alert_page")
def alert_page(request: Request, name: str) -> Response:
    ledger = _ledger(request)
    alert = _alert_or_404(ledger, name)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "alert.html",
        {
            "title": f"Alert {alert.name}",
            "nav": "alerts",
            "alert": alert,
            "matches": alert_store.matches(ledger, alert.name, limit=FEED_LIMIT),
        },
    )


@router.get("/feeds/{name}.atom", name="alert_feed")
def alert_feed(request: Request, name: str) -> Response:
    """The alert's matches as an Atom 1.0 feed, newest first."""
    ledger = _ledger(request)
    alert = _alert_or_404(ledger, name)
    matches = alert_store.matches(ledger, alert.name, limit=FEED_LIMIT)
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "id", f"urn:newsledger:alert:{alert.name}")
    sub(feed, "title", f"NewsLedger alert {alert.name}: {alert.describe()}")
    updated = matches[0].created_at if matches else alert.created_at
    sub(feed, "updated", _stamp(updated))
    sub(feed, "link", rel="self", href=str(request.url_for("alert_feed", name=alert.name)))
    sub(feed, "link", rel="alternate", href=str(request.url_for("alert_page", name=alert.name)))
    sub(feed, "generator", "NewsLedger", version=__version__)
    author = sub(feed, "author")
    sub(author, "name", "NewsLedger")
    for match in matches:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:newsledger:alert:{alert.name}:{match.kind}:{match.item_id}")
        sub(entry, "title", match.title)
        sub(entry, "updated", _stamp(match.created_at))
        sub(
            entry,
            "link",
            rel="alternate",
            href=str(request.url_for("article_page", article_id=match.article_id)),
        )
        source = f"{match.outlet or 'unknown outlet'}, {match.date or 'undated'}"
        if match.headline:
            source += f": {match.headline}"
        sub(entry, "summary", f"{match.evidence} ({source})")
        sub(entry, "category", term=match.kind)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml; charset=utf-8")
