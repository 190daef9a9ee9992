"""The ledger commands: ingest, events, timeline, claims, entity, show, search, failures, export.

Each command opens the ledger, calls one library function (newsledger.pipeline,
newsledger.ledger.queries) and hands the result to ``render``; library errors become a one-line
message and a non-zero exit code.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from newsledger.cli import render
from newsledger.cli.options import F, db_option, parse_date
from newsledger.errors import LedgerError, NewsLedgerError
from newsledger.ledger import lookup, queries
from newsledger.ledger.store import Ledger, require_shared_ledger
from newsledger.parallel import default_jobs, extract_parallel
from newsledger.pipeline import (
    ExtractOptions,
    IngestEvent,
    count_inputs,
    min_confidence,
    ontology_event_types,
)
from newsledger.pipeline import export as run_export
from newsledger.pipeline import ingest as run_ingest
from newsledger.records import MODALITIES
from newsledger.settings import load_settings


@contextmanager
def _ledger(db: str | None) -> Iterator[Ledger]:
    """The ledger for a command; a library error inside the block becomes a clean message."""
    try:
        settings = load_settings(db=db)
        with Ledger.open(settings.db, settings=settings) as ledger:
            yield ledger
    except NewsLedgerError as e:
        raise click.ClickException(str(e)) from e


def _filters(func: F) -> F:
    func = click.option(
        "--until", callback=parse_date, help="Up to this date (YYYY-MM-DD), inclusive."
    )(func)
    func = click.option(
        "--since", callback=parse_date, help="From this date (YYYY-MM-DD), inclusive."
    )(func)
    func = click.option("--outlet", help="Only events reported by this outlet.")(func)
    func = click.option(
        "--modality",
        type=click.Choice(MODALITIES),
        help="Only events of this modality.",
    )(func)
    func = click.option("--type", metavar="TYPE", help="Only events of this type (ONTOLOGY.md).")(
        func
    )
    func = click.option("--actor", help="Only events by this entity (canonical name or alias).")(
        func
    )
    return min_confidence_option(func)


def min_confidence_option(func: F) -> F:
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        metavar="X",
        help="Hide events the extractor is less sure of (0-1; default: setting "
        "min_confidence, else the calibrated default; 0 shows every event).",
    )(func)


def _with_confidence(ledger: Any, filters: dict[str, Any]) -> dict[str, Any]:
    """The filters with min_confidence resolved: the option, else the configured default."""
    if filters.get("min_confidence") is None:
        filters["min_confidence"] = min_confidence(ledger.settings)
    return filters


# -- ingest ----------------------------------------------------------------------------


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow URLs on private, loopback and link-local addresses.",
)
@click.option(
    "--reference-date",
    callback=parse_date,
    help="Document creation date (YYYY-MM-DD) for articles whose text gives no year.",
)
@click.option("--model", help="spaCy pipeline to load.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes that parse, each with its own model (default: one per core).",
)
@click.option(
    "--cluster",
    metavar="SCHEDULER",
    help="Parse on a Dask cluster: tcp://HOST:8786, or local:N for N local workers. "
    "Needs a PostgreSQL --db and `pip install 'newsledger[cluster]'` (docs/cluster.md).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; the summary only.")
def ingest(
    sources: tuple[str, ...],
    db: str | None,
    allow_private: bool,
    reference_date: date | None,
    model: str | None,
    jobs: int | None,
    cluster: str | None,
    quiet: bool,
) -> None:
    """Ingest SOURCES (text, HTML, feed or JSON Lines files, directories, URLs, - for stdin).

    Each article is stored in one transaction; the same article twice is stored once, a near
    copy is linked to its original. Exits 1 when any input failed.

    \b
    Example:
      newsledger ingest examples/
      newsledger ingest https://example.org/feed.xml --db sqlite:///news.db
      newsledger ingest --jobs 2 archive/
      newsledger ingest --cluster tcp://10.0.0.5:8786 --db postgresql+psycopg://nl@10.0.0.4/news /shared/wire/
    """
    if jobs and cluster:
        raise click.UsageError("--jobs and --cluster exclude each other: a cluster has its workers")
    err = render.err_console()
    started = time.perf_counter()
    try:
        settings = load_settings(db=db).with_overrides(model=model)
        if cluster:
            require_shared_ledger(settings.db)  # before connecting: no cluster for SQLite
    except NewsLedgerError as e:
        raise click.ClickException(str(e)) from e
    if cluster:
        label = f"ingesting on {cluster}"
    else:
        workers = jobs or default_jobs()
        label = "ingesting" if workers == 1 else f"ingesting with {workers} workers"
    # A total (and so an ETA) when the inputs can be counted ahead: files, not URLs.
    total = None if quiet else count_inputs(list(sources), settings=settings)
    progress = render.ingest_progress(quiet, label, total)
    with progress:
        task = progress.add_task("ingest", total=total, rate=0.0, last="")

        def on_event(event: IngestEvent) -> None:
            elapsed = max(time.perf_counter() - started, 1e-6)
            done = progress.tasks[0].completed + 1
            last = escape(render.short(event.source, 40))  # the column reads markup
            progress.update(task, advance=1, rate=done / elapsed, last=last)

        try:
            if cluster:
                summary = _ingest_on_cluster(
                    cluster, list(sources), settings, allow_private, reference_date, on_event, err
                )
            else:
                summary = _ingest_here(
                    list(sources), settings, allow_private, reference_date, jobs, on_event
                )
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
    render.ingest_summary(summary, time.perf_counter() - started)
    if summary.failed:
        sys.exit(1)


def _ingest_here(
    sources: list[str],
    settings: Any,
    allow_private: bool,
    reference_date: date | None,
    jobs: int | None,
    on_event: Callable[[Any], None],
) -> Any:
    """Parse with ``jobs`` worker processes (default: one per core), store from this one."""
    with Ledger.open(settings.db, settings=settings) as ledger:
        return run_ingest(
            ledger,
            sources,
            settings=settings,
            allow_private=allow_private,
            reference_date=reference_date,
            on_event=on_event,
            extract=partial(extract_parallel, jobs=jobs),
        )


def _ingest_on_cluster(
    spec: str,
    sources: list[str],
    settings: Any,
    allow_private: bool,
    reference_date: date | None,
    on_event: Callable[[Any], None],
    err: Console,
) -> Any:
    """Parse and store on a Dask cluster's workers; this process only hands out the work."""
    # Deferred on purpose: Dask loads only for --cluster (and is an optional dependency).
    from newsledger.cluster import connect, ingest_cluster

    options = ExtractOptions.from_settings(settings, reference_date=reference_date)
    with connect(spec) as client:
        workers = len(client.scheduler_info().get("workers", {}))
        dashboard = f", dashboard {client.dashboard_link}" if client.dashboard_link else ""
        address = client.scheduler_info().get("address", spec)
        err.print(f"[dim]cluster {address}: {workers} worker(s){dashboard}[/]")
        return ingest_cluster(
            client,
            settings.db,
            sources,
            settings=settings,
            options=options,
            allow_private=allow_private,
            on_event=on_event,
        )


# -- events ----------------------------------------------------------------------------


@click.command()
@_filters
@click.option(
    "--text", help="Only events whose trigger, actor, target, object or place contains TEXT."
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.option("--cursor", help="Continue after the page that printed this cursor.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@db_option
def events(limit: int, cursor: str | None, fmt: str, db: str | None, **filters: Any) -> None:
    """List events, newest first.

    \b
    Example:
      newsledger events --actor "Kim Jong Un" --since 2025-12-01
      newsledger events --type WEAPONS_TEST --format csv > tests.csv
    """
    with _ledger(db) as ledger:
        given = _checked(ledger, filters)
        filters = _with_confidence(ledger, dict(given))
        page = queries.events(ledger, queries.EventFilters(**filters), limit=limit, cursor=cursor)
        empty = _no_events(ledger, given, filters) if not page.rows and fmt == "table" else ""
    if fmt == "json":
        render.echo_json(page.to_dict())
    elif fmt == "csv":
        render.events_csv(page)
    else:
        render.events_table(page, empty)


def _checked(ledger: Ledger, filters: dict[str, Any]) -> dict[str, Any]:
    """The filters with ``--type`` checked: an unknown type is a usage error listing them."""
    if filters.get("type"):
        try:
            known = ontology_event_types()
            filters = {**filters, "type": lookup.check_event_type(ledger, filters["type"], known)}
        except LedgerError as e:
            raise click.BadParameter(str(e), param_hint="'--type'") from e
    return filters


def _no_events(ledger: Ledger, given: dict[str, Any], applied: dict[str, Any]) -> str:
    """Why nothing is listed: an empty ledger, or filters that match none of its events.

    ``given`` are the filters as the user gave them, ``applied`` with the defaults added.
    """
    total = lookup.event_count(ledger)
    if total == 0:
        return "the ledger has no events yet; ingest articles first: newsledger ingest examples/"
    shown = " ".join(
        f"--{name.replace('_', '-')} {value}"
        for name, value in given.items()
        if value not in (None, "")
    )
    message = f"no events match {shown} ({total} event(s) in the ledger; try fewer filters)"
    threshold = applied.get("min_confidence")
    if threshold and given.get("min_confidence") is None:
        message += (
            f"; events below confidence {threshold} are hidden (--min-confidence 0 shows all)"
        )
    if given.get("actor"):
        try:
            lookup.resolve_entity(ledger, given["actor"])
        except LedgerError as e:
            message += f"; {e}"
    return message


# -- timeline --------------------------------------------------------------------------


@click.command()
@_filters
@click.option(
    "--limit",
    default=500,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Show the most recent LIMIT events.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True
)
@db_option
def timeline(limit: int, fmt: str, db: str | None, **filters: Any) -> None:
    """The events in chronological order, grouped by day, each with its outlet and modality.

    \b
    Example:
      newsledger timeline
      newsledger timeline --actor "North Korea" --type WEAPONS_TEST
    """
    with _ledger(db) as ledger:
        given = _checked(ledger, filters)
        filters = _with_confidence(ledger, dict(given))
        days = queries.timeline(ledger, queries.EventFilters(**filters), limit=limit)
        empty = _no_events(ledger, given, filters) if not days and fmt == "pretty" else ""
        hidden = _hidden_below_floor(ledger, given, filters) if fmt == "pretty" else ""
    if fmt == "json":
        render.echo_json([d.to_dict() for d in days])
    else:
        render.timeline(days, empty, hidden)


def _hidden_below_floor(ledger: Ledger, given: dict[str, Any], applied: dict[str, Any]) -> str:
    """ "12 more below confidence 0.8 ...": what the default confidence floor leaves out."""
    threshold = applied.get("min_confidence")
    if not threshold or given.get("min_confidence") is not None:
        return ""
    everything = queries.EventFilters(**{**applied, "min_confidence": None})
    n = queries.count_events(ledger, everything) - queries.count_events(
        ledger, queries.EventFilters(**applied)
    )
    if n <= 0:
        return ""
    return f"{n} more below confidence {threshold:g} (--min-confidence 0 shows them)"


# -- claims ----------------------------------------------------------------------------


@click.command()
@click.option("--about", help="Claims that mention this entity (canonical name or alias).")
@click.option("--source", help="Claims attributed to this source, anywhere in the chain.")
@click.option("--denials", is_flag=True, help="Only denials, each with what it denies.")
@click.option("--since", callback=parse_date, help="From this publication date (YYYY-MM-DD).")
@click.option("--until", callback=parse_date, help="Up to this publication date (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True
)
@db_option
def claims(
    about: str | None,
    source: str | None,
    denials: bool,
    since: date | None,
    until: date | None,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Claims with their source chains; denials are shown with what they deny.

    \b
    Example:
      newsledger claims --about "North Korea"
      newsledger claims --source KCNA --denials
    """
    if not about and not source and not denials:
        raise click.UsageError("give --about NAME, --source NAME or --denials")
    with _ledger(db) as ledger:
        page = queries.claims(
            ledger,
            about=about,
            source=source,
            polarity="negative" if denials else None,
            since=since,
            until=until,
            limit=limit,
        )
    if fmt == "json":
        render.echo_json(page.to_dict())
    else:
        render.claims(page.rows, more=page.next_cursor is not None)


# -- entity ----------------------------------------------------------------------------


@click.command()
@click.argument("name")
@click.option(
    "--type",
    "type_",
    metavar="TYPE",
    help="Entity type, when the name is ambiguous (PERSON, GPE, ...).",
)
@click.option(
    "--latest",
    default=10,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="How many recent events and claims to show.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True
)
@db_option
def entity(name: str, type_: str | None, latest: int, fmt: str, db: str | None) -> None:
    """What the ledger knows about NAME: aliases, counts, latest events, what it said.

    \b
    Example:
      newsledger entity "Kim Jong Un"
    """
    with _ledger(db) as ledger:
        # any alias or a unique prefix finds the entity; a miss says what is near
        match = lookup.resolve_entity(ledger, name, type=type_)
        profile = queries.entity_profile(ledger, match.name, type=match.type, latest=latest)
    if profile is None:
        raise click.ClickException(
            f"no entity called {name!r} in the ledger; try `newsledger search {name!r}`"
        )
    if fmt == "json":
        render.echo_json(profile.to_dict())
    else:
        render.entity(profile)


# -- show ------------------------------------------------------------------------------


@click.command()
@click.argument("article_id")
@click.option(
    "--version",
    type=click.IntRange(1),
    help="An earlier extraction of the article (default: the current one; see `newsledger diff`).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True
)
@db_option
def show(article_id: str, version: int | None, fmt: str, db: str | None) -> None:
    """The article ARTICLE_ID (or a unique prefix of it) with its extractions highlighted.

    Entities are coloured by type, times underlined, quotes in green italics, event triggers
    in bold red on a highlighted background, claims dimmed-underlined.

    \b
    Example:
      newsledger show 5fbd16e163100449
      newsledger show 5fbd16 --version 1
    """
    import dataclasses

    from newsledger.ledger.versions import article_versions, record_at, resolve_article_id

    with _ledger(db) as ledger:
        resolved = resolve_article_id(ledger, article_id)
        view = queries.article(ledger, resolved)
        if view is None:
            raise click.ClickException(
                f"no article {article_id!r} in the ledger; list them with `newsledger events`"
            )
        versions = article_versions(ledger, resolved)
        current = next((v for v in versions if v.current), None)
        if version is not None and (current is None or version != current.version):
            view = dataclasses.replace(view, record=record_at(ledger, resolved, version))
        shown = next((v for v in versions if v.version == (version or 0)), current)
    if fmt == "json":
        data = view.to_dict()
        data["extraction"] = {
            "version": shown.version if shown else None,
            "current": shown is None or shown.current,
            "versions": [v.to_dict() for v in versions],
        }
        render.echo_json(data)
        return
    render.article(view)
    if shown is not None:
        made_by = shown.extractor_version or "an unrecorded extractor"
        note = (
            "current"
            if shown.current
            else f"not current; the current one is {current.version if current else '?'}"
        )
        render.err_console().print(
            f"[dim]extraction version {shown.version} of {len(versions)} ({note}), "
            f"made by {escape(made_by)}[/]"
        )


# -- search, failures --------------------------------------------------------------------


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@db_option
def search(text: tuple[str, ...], limit: int, fmt: str, db: str | None) -> None:
    """Full-text search over article headlines and bodies (all words must match).

    \b
    Example:
      newsledger search missile production
    """
    query = " ".join(text)
    with _ledger(db) as ledger:
        hits = queries.search(ledger, query, limit=limit)
    if fmt == "json":
        render.echo_json([h.to_dict() for h in hits])
    else:
        render.search_hits(hits, query)


@click.command()
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--warnings",
    is_flag=True,
    help="Stored articles with a problem to fix (no publication date) instead of failures.",
)
@db_option
def failures(limit: int, warnings: bool, fmt: str, db: str | None) -> None:
    """Inputs that could not be ingested, newest first, each with its reason.

    With --warnings: stored articles with a problem to fix instead (no publication date).

    \b
    Example:
      newsledger failures --limit 20
      newsledger failures --warnings
    """
    with _ledger(db) as ledger:
        rows = queries.failures(ledger, limit=limit, warnings=warnings)
    if fmt == "json":
        render.echo_json([r.to_dict() for r in rows])
    else:
        render.failures(rows, "no warnings recorded" if warnings else "no failures recorded")


# -- export ----------------------------------------------------------------------------


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet", "plover"]),
    required=True,
    help="csv/parquet: one row per event; jsonl: article records; plover: PLOVER events.",
)
@click.option("--since", callback=parse_date, help="From this date (YYYY-MM-DD).")
@click.option("--until", callback=parse_date, help="Up to this date (YYYY-MM-DD).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here instead of standard output (required for parquet).",
)
@min_confidence_option
@db_option
def export(
    fmt: str,
    since: date | None,
    until: date | None,
    output: str | None,
    db: str | None,
    min_confidence: float | None,
) -> None:
    """Export the ledger.

    \b
    Example:
      newsledger export --format csv --since 2025-12-01 > events.csv
      newsledger export --format parquet --output events.parquet
    """
    if fmt == "parquet" and not output:
        raise click.UsageError("parquet is binary: give --output PATH")
    with _ledger(db) as ledger:
        try:
            threshold = _with_confidence(ledger, {"min_confidence": min_confidence})
            n = run_export(
                ledger,
                fmt,  # type: ignore[arg-type]
                output if output else sys.stdout,
                since=since,
                until=until,
                min_confidence=threshold["min_confidence"],
            )
        except BrokenPipeError:
            raise  # the reader left (`| head`): newsledger.cli ends quietly with 0
        except OSError as e:
            raise click.ClickException(str(e)) from e
    if output:
        render.err_console().print(f"[dim]{n} row(s) written to {escape(output)}[/]")
