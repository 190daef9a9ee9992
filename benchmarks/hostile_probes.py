"""The hostile probes of issue 16, each timed, against whatever `newsledger` is importable.

Run it on this checkout, or on an older one (PYTHONPATH=OLD/src) to compare; it uses only APIs
both have. Every server probe goes through the app in-process; the feed probe serves hanging
pages from 127.0.0.1.

    .venv/bin/python benchmarks/hostile_probes.py
"""

from __future__ import annotations

import base64
import csv
import io
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from newsledger.ledger import schema as t
from newsledger.ledger.export import export
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord, Entity, Event, EventTime, Source
from newsledger.serve.app import ServeConfig, create_app
from newsledger.settings import Settings

HUGE = 10**30


def _record(i: int, headline: str) -> ArticleRecord:
    # distinct wording, so that near-duplicate detection keeps the three apart
    text = (
        "Officials in Estra said on Monday that the depot near Brennick was empty.",
        "Estra's ministry said the harbour cranes at Valmora had been repaired last week.",
        "Farmers in Estra said the spring floods had ruined half of the barley harvest.",
    )[i - 1]
    start = text.index("said")
    return ArticleRecord(
        id=f"probe{i:011d}",
        source=Source(f"probe{i}.txt", "text", "Wire"),
        headline=headline,
        dateline=None,
        published="2025-12-01",
        published_basis="metadata",
        text=text,
        entities=[
            Entity(
                "e1", "Estra", "GPE", ["Estra"], [(text.index("Estra"), text.index("Estra") + 5)]
            )
        ],
        events=[
            Event(
                "v1",
                "ACCUSE",
                "said",
                (start, start + 4),
                actor="Estra",
                actor_entity="e1",
                time=EventTime("2025-12-01", "2025-12-01", "2025-12-01"),
            )
        ],
    )


def _timed(label: str, fn) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    try:
        outcome = fn()
    except Exception as e:  # a probe that raises is a finding, printed like the others
        outcome = f"raised {type(e).__name__}: {str(e)[:80]}"
    print(f"{label:<44} {time.perf_counter() - started:7.2f} s  {outcome}")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="hostile-probes-"))
    url = f"sqlite:///{folder / 'probe.db'}"
    ledger = Ledger.open(url, settings=Settings(db=url))
    ledger.add(_record(1, "Depot empty"))
    ledger.add(_record(2, '=HYPERLINK("http://evil.example","x")'))
    ledger.add(_record(3, "Another depot"))
    ev = t.events
    with ledger.engine.begin() as conn:
        if "confidence" in ev.c:  # newer ledgers hide events below a confidence floor
            conn.execute(update(ev).values(confidence=1.0))
        ids = conn.execute(select(ev.c.id).order_by(ev.c.id)).scalars().all()
        for event_id, day in zip(ids, ("9999-12-31", "0001-01-01"), strict=False):
            conn.execute(update(ev).where(ev.c.id == event_id).values(sort_date=day))
    app = create_app(
        ledger, ServeConfig(allow_ingest=True, allowed_hosts=("127.0.0.1", "localhost"))
    )
    client = TestClient(
        app, base_url="http://127.0.0.1", client=("127.0.0.1", 5000), raise_server_exceptions=False
    )

    def get(path: str, **kw):  # type: ignore[no-untyped-def]
        r = client.get(path, **kw)
        return f"HTTP {r.status_code}, {len(r.content):,} bytes"

    _timed("/api/timeline?bucket=day (years 1 and 9999)", lambda: get("/api/timeline?bucket=day"))
    _timed("/?bucket=day (years 1 and 9999)", lambda: get("/?bucket=day"))
    _timed("POST /api/articles, 20 MB body", lambda: _post(client, 20_000_000))
    _timed(
        "Host: attacker.example", lambda: get("/api/stats", headers={"host": "attacker.example"})
    )
    _timed("/api/search?q=a%00b", lambda: get("/api/search?q=a%00b"))
    _timed(f"/api/entities/{HUGE}", lambda: get(f"/api/entities/{HUGE}"))
    cursor = base64.urlsafe_b64encode(json.dumps(["2025-01-01", HUGE]).encode()).decode()
    _timed("/api/events?cursor=[day, 10**30]", lambda: get(f"/api/events?cursor={cursor}"))
    _timed("failed add (empty text)", lambda: _add_empty(client))
    _timed("CSV export, formula headline", lambda: _csv_formula(ledger))
    _timed("corrupt database file, `newsledger events`", lambda: _corrupt(folder))
    _timed("feed of 20 teasers linking to hanging pages", lambda: _hanging_feed(folder))


def _post(client: TestClient, size: int) -> str:
    r = client.post(
        "/api/articles",
        content=b"{" + b" " * size + b"}",
        headers={"content-type": "application/json"},
    )
    return f"HTTP {r.status_code}"


def _add_empty(client: TestClient) -> str:
    r = client.post("/api/articles", json={"text": "   "})
    return f"HTTP {r.status_code}"


def _csv_formula(ledger: Ledger) -> str:
    out = io.StringIO()
    export(ledger, "csv", out)
    headlines = {row["headline"] for row in csv.DictReader(io.StringIO(out.getvalue()))}
    return "headline cell " + repr(next(h for h in headlines if "HYPERLINK" in h)[:12])


def _corrupt(folder: Path) -> str:
    path = folder / "corrupt.db"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from newsledger.cli import main; main()",
            "events",
            "--db",
            f"sqlite:///{path}",
        ],
        capture_output=True,
        text=True,
    )
    lines = run.stderr.strip().splitlines()
    return f"exit {run.returncode}, {len(lines)} line(s): {lines[-1][-60:] if lines else ''}"


class _Hang(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server hook name
        time.sleep(30)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _hanging_feed(folder: Path) -> str:
    from newsledger.ingest.sources import iter_sources

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Hang)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/story/{i}</link>"
        f"<description>Teaser {i}.</description></item>"
        for i in range(20)
    )
    feed = folder / "hanging.rss"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    settings = Settings(fetch_timeout=1.0)
    got = list(iter_sources([str(feed)], settings=settings, allow_private=True))
    httpd.shutdown()
    return f"{len(got)} items, fetch timeout 1 s"


if __name__ == "__main__":
    socket.setdefaulttimeout(60)
    main()
