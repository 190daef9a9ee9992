"""CPU cost of one watch cycle over many sources with nothing new (issue #14: < 1 s / 200).

A loopback HTTP server in another process serves one small RSS feed per source and answers
conditional GETs with 304 Not Modified. The ledger (SQLite in a temporary folder) watches
``--sources`` of them; a first cycle fetches every feed once (its items were already handled,
so nothing is extracted), and each later cycle is timed in this process's CPU time, which is
what a watcher pays: HTTP, the ledger's reads and writes of the poll state, logging.

Usage: python benchmarks/watch_poll.py [--sources 200] [--cycles 5]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
    "<link>https://feeds.example/{n}</link><description>d</description>"
    "<item><title>Item of feed {n}</title><guid>feed-{n}-item-1</guid>"
    "<link>https://feeds.example/{n}/1</link><description>Nothing new.</description></item>"
    "</channel></rss>"
)


def serve(port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the http.server hook name
            n = self.path.strip("/").split(".")[0]
            etag = f'"{n}-v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = FEED.format(n=n).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port_queue.put(httpd.server_address[1])
    httpd.serve_forever()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--cycles", type=int, default=5)
    args = parser.parse_args()

    from sqlalchemy import update

    from newsledger.ledger import schema as t
    from newsledger.ledger import watched
    from newsledger.ledger.store import Ledger
    from newsledger.settings import Settings
    from newsledger.watch import Watcher

    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    server = multiprocessing.Process(target=serve, args=(queue,), daemon=True)
    server.start()
    port = queue.get(timeout=30)
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        # One host for all sources here; the per-host pacing would only add sleep (no CPU).
        settings = Settings(db=f"sqlite:///{Path(tmp) / 'watch.db'}", watch_host_interval=0.0)
        with Ledger.open(settings.db, settings=settings) as ledger:
            for n in range(args.sources):
                watched.add_source(
                    ledger,
                    f"http://127.0.0.1:{port}/{n}.xml",
                    every_seconds=900,
                    allow_private=True,
                )
            with Watcher(ledger, settings, allow_private=True, log=lines.append) as watcher:
                # First cycle: every feed answers 200 once and its one item is ingested.
                started = time.perf_counter()
                watcher.poll_due(everything=True)
                first_wall = time.perf_counter() - started
                cpu, wall = [], []
                for _ in range(args.cycles):
                    with ledger.engine.begin() as conn:
                        conn.execute(
                            update(t.sources).values(
                                next_poll_at=datetime.now(UTC) - timedelta(seconds=1)
                            )
                        )
                    c0, w0 = time.process_time(), time.perf_counter()
                    results = watcher.poll_due()
                    cpu.append(time.process_time() - c0)
                    wall.append(time.perf_counter() - w0)
                    assert len(results) == args.sources
                    assert all(r.status == "304" for r in results), {r.status for r in results}
    server.terminate()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"python {platform.python_version()}"
    )
    print(f"{args.sources} sources; first cycle (200 + one new item each): {first_wall:.1f} s wall")
    print(
        f"nothing-new cycles (all 304), {args.cycles} runs: CPU median "
        f"{statistics.median(cpu):.3f} s (min {min(cpu):.3f}, max {max(cpu):.3f}); "
        f"wall median {statistics.median(wall):.3f} s"
    )
    goal = statistics.median(cpu) < 1.0
    print(f"goal < 1 s of CPU per cycle: {'met' if goal else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
