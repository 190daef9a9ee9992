"""`newsledger sources`, `newsledger alerts` and `newsledger watch`: following the news."""

from __future__ import annotations

import re
import sys
import threading
from datetime import UTC, datetime

import click

from newsledger.cli.ledger_cmd import _ledger
from newsledger.cli.options import db_option
from newsledger.cli.terminal import inline
from newsledger.errors import NewsLedgerError
from newsledger.ledger.alerts import add_alert, list_alerts, matches, remove_alert
from newsledger.ledger.watched import add_source, list_sources, remove_source

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> int:
    """'15m', '2h', '90s', '1d' or a bare number of minutes -> seconds."""
    match = _DURATION.match(value)
    if not match:
        raise click.BadParameter(f"{value!r}: give a number with s, m, h or d (like 15m)")
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def _ago(moment: datetime | None) -> str:
    if moment is None:
        return "never"
    seconds = int((datetime.now(UTC) - moment).total_seconds())
    if seconds < 0:
        return "in " + _span(-seconds)
    return _span(seconds) + " ago"


def _span(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


# -- sources -------------------------------------------------------------------------------


@click.group()
def sources() -> None:
    """Feeds and pages that `newsledger watch` polls.

    \b
    Example:
      newsledger sources add https://example.org/world.rss --every 15m
      newsledger sources list
    """


@sources.command("add")
@click.argument("url")
@click.option("--every", "every", default="15m", show_default=True, help="Poll interval.")
@click.option(
    "--fetch-articles",
    is_flag=True,
    help="Fetch each new item's page and extract it (robots.txt respected); "
    "default: the item's own text.",
)
@click.option(
    "--allow-private", is_flag=True, help="Allow a source on a private or loopback address."
)
@db_option
def sources_add(
    url: str, every: str, fetch_articles: bool, allow_private: bool, db: str | None
) -> None:
    """Watch URL (an RSS or Atom feed)."""
    # Deferred on purpose: the fetching stack (httpx, feedparser) loads only to watch.
    from newsledger.watch import is_url

    if not is_url(url) or not url.lower().startswith(("http://", "https://")):
        raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="URL")
    seconds = parse_every(every)
    with _ledger(db) as ledger:
        try:
            source = add_source(
                ledger,
                url,
                every_seconds=seconds,
                fetch_articles=fetch_articles,
                allow_private=allow_private,
            )
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
    click.echo(f"watching {source.url} (source {source.id}) every {_span(seconds)}")


def _row(*fields: object) -> str:
    """One tab-separated line; stored values (feed titles, URLs, errors) escaped."""
    return "\t".join(inline(field) for field in fields)


@sources.command("list")
@db_option
def sources_list(db: str | None) -> None:
    """Watched sources with their health: last success, last error, items, next poll."""
    with _ledger(db) as ledger:
        rows = list_sources(ledger)
    if not rows:
        click.echo("no sources; add one with: newsledger sources add URL")
        return
    click.echo("id\turl\tevery\tlast success\tlast error\titems\tarticles\tnext poll")
    for s in rows:
        error = "-"
        if s.last_error:
            error = f"{_ago(s.last_error_at)}: {s.last_error}"
            if s.consecutive_errors:
                error += f" ({s.consecutive_errors} in a row)"
        click.echo(
            _row(
                s.id,
                s.url,
                _span(s.every_seconds),
                _ago(s.last_success_at),
                error,
                s.items_seen,
                s.articles_added,
                _ago(s.next_poll_at),
            )
        )


@sources.command("remove")
@click.argument("source")
@db_option
def sources_remove(source: str, db: str | None) -> None:
    """Stop watching SOURCE (its id or URL); stored articles stay."""
    with _ledger(db) as ledger:
        removed = remove_source(ledger, source)
    if removed is None:
        raise click.ClickException(f"no source {source!r} (sources list shows them)")
    click.echo(f"no longer watching {removed.url}")


# -- alerts --------------------------------------------------------------------------------


@click.group()
def alerts() -> None:
    """Saved queries: each new matching event or claim is delivered once.

    \b
    Example:
      newsledger alerts add nk-tests --actor "North Korea" --type WEAPONS_TEST
      newsledger alerts add hwasong --about Hwasong-19 --webhook https://hooks.example/x --secret s3
      newsledger alerts list
    """


@alerts.command("add")
@click.argument("name")
@click.option("--actor", help="Events whose actor is this entity (any alias).")
@click.option("--type", "type_", metavar="TYPE", help="Events of this type (ONTOLOGY.md).")
@click.option("--about", help="Events and claims that name this entity.")
@click.option("--min-confidence", type=float, help="Events with at least this confidence.")
@click.option("--webhook", metavar="URL", help="POST each match here as JSON.")
@click.option("--secret", help="Sign webhook bodies with HMAC-SHA256 under this secret.")
@db_option
def alerts_add(
    name: str,
    actor: str | None,
    type_: str | None,
    about: str | None,
    min_confidence: float | None,
    webhook: str | None,
    secret: str | None,
    db: str | None,
) -> None:
    """Save the alert NAME (also its Atom feed: /feeds/NAME.atom)."""
    with _ledger(db) as ledger:
        try:
            add_alert(
                ledger,
                name,
                actor=actor,
                type=type_,
                about=about,
                min_confidence=min_confidence,
                webhook_url=webhook,
                secret=secret,
            )
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
    click.echo(f"alert {name} saved; matches of articles ingested from now on are delivered")


@alerts.command("list")
@db_option
def alerts_list(db: str | None) -> None:
    """Saved alerts with their deliveries (delivered, pending, failed) and last error."""
    with _ledger(db) as ledger:
        rows = list_alerts(ledger)
    if not rows:
        click.echo("no alerts; add one with: newsledger alerts add NAME --actor ...")
        return
    click.echo("name\tquery\twebhook\tmatches\tdelivered\tpending\tfailed\tlast error")
    for a in rows:
        total = sum(a.counts.values())
        click.echo(
            _row(
                a.name,
                a.describe(),
                a.webhook_url or "-",
                total,
                a.counts.get("delivered", 0),
                a.counts.get("pending", 0),
                a.counts.get("failed", 0),
                a.last_error or "-",
            )
        )


@alerts.command("show")
@click.argument("name")
@click.option("--limit", default=20, show_default=True)
@db_option
def alerts_show(name: str, limit: int, db: str | None) -> None:
    """The newest matches of the alert NAME."""
    with _ledger(db) as ledger:
        try:
            rows = matches(ledger, name, limit=limit)
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
    if not rows:
        click.echo(f"no matches for {name} yet")
    for m in rows:
        click.echo(_row(m.date or "-", m.kind, m.title, m.outlet or "-", m.article_id))


@alerts.command("remove")
@click.argument("name")
@db_option
def alerts_remove(name: str, db: str | None) -> None:
    """Delete the alert NAME and its delivery history."""
    with _ledger(db) as ledger:
        if not remove_alert(ledger, name):
            raise click.ClickException(f"no alert named {name!r} (alerts list shows them)")
    click.echo(f"alert {name} removed")


# -- watch ---------------------------------------------------------------------------------


@click.command()
@click.option("--once", is_flag=True, help="Poll every source once, deliver alerts, and exit.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow private and loopback addresses for every source and webhook.",
)
@db_option
def watch(once: bool, allow_private: bool, db: str | None) -> None:
    """Poll the watched sources, ingest what is new, deliver alerts; one log line per poll.

    Runs until SIGTERM or Ctrl-C (the poll in progress finishes first). A watcher that was
    killed resumes where it stopped, without ingesting or alerting twice.

    \b
    Example:
      newsledger watch --once        # from cron
      newsledger watch               # as a service
    """
    # Deferred on purpose: the fetching stack (httpx, feedparser) loads only to watch.
    from newsledger.watch import Watcher, install_stop_handlers

    def log(line: str) -> None:
        click.echo(inline(line), err=True)

    with (
        _ledger(db) as ledger,
        Watcher(ledger, ledger.settings, allow_private=allow_private, log=log) as watcher,
    ):
        try:
            if once:
                results = watcher.poll_due(everything=True)
                report = watcher.deliver_pending()
                for error in report.errors:
                    log(f"alert delivery: {error}")
                if not results:
                    log("no sources to poll; add one with: newsledger sources add URL")
                failed = sum(r.status == "error" for r in results)
                sys.exit(1 if failed and failed == len(results) else 0)
            stop = threading.Event()
            install_stop_handlers(stop)
            log("watching; stop with Ctrl-C or SIGTERM")
            watcher.run(stop)
            log("stopped")
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
