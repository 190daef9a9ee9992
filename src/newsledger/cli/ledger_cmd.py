"""The ledger commands: ingest, events, timeline, claims, entity, show, search, failures, export.

Each command opens the ledger, calls one library function (newsledger.pipeline.ingest,
newsledger.ledger.queries or .export) and renders the result; library errors become a one-line message and a
non-zero exit code.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from newsledger.errors import NewsLedgerError
from newsledger.settings import load_settings

F = TypeVar("F", bound=Callable[..., Any])

MODALITY_STYLE = {"actual": "green", "planned": "cyan", "hypothetical": "yellow", "negated": "red"}
ENTITY_STYLE = {
    "PERSON": "bold magenta",
    "ORG": "bold blue",
    "GPE": "bold green",
    "NORP": "green",
    "LOC": "green",
    "FAC": "cyan",
    "WEAPON": "bold red",
    "EVENT": "yellow",
    "LAW": "yellow",
}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        metavar="URL",
        help="Database URL (default: settings.db, NEWSLEDGER_DB, else sqlite:///newsledger.db).",
    )(func)


@contextmanager
def _ledger(db: str | None) -> Iterator[Any]:
    from newsledger.ledger.store import Ledger

    try:
        settings = load_settings(db=db)
        with Ledger.open(settings.db, settings=settings) as ledger:
            yield ledger
    except NewsLedgerError as e:
        raise click.ClickException(str(e)) from e


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from e


def _filters(func: F) -> F:
    func = click.option(
        "--until", callback=_parse_date, help="Up to this date (YYYY-MM-DD), inclusive."
    )(func)
    func = click.option(
        "--since", callback=_parse_date, help="From this date (YYYY-MM-DD), inclusive."
    )(func)
    func = click.option("--outlet", help="Only events reported by this outlet.")(func)
    func = click.option(
        "--modality",
        type=click.Choice(["actual", "planned", "hypothetical", "negated"]),
        help="Only events of this modality.",
    )(func)
    func = click.option(
        "--type", "type_", metavar="TYPE", help="Only events of this type (ONTOLOGY.md)."
    )(func)
    func = click.option("--actor", help="Only events by this entity (canonical name or alias).")(
        func
    )
    return func


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
    callback=_parse_date,
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
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from newsledger.pipeline import IngestEvent

    if jobs and cluster:
        raise click.UsageError("--jobs and --cluster exclude each other: a cluster has its workers")
    err = _err_console()
    started = time.perf_counter()
    try:
        settings = load_settings(db=db).with_overrides(model=model)
        if cluster:
            from newsledger.ledger.store import require_shared_ledger

            require_shared_ledger(settings.db)  # before connecting: no cluster for SQLite
    except NewsLedgerError as e:
        raise click.ClickException(str(e)) from e
    if cluster:
        label = f"ingesting on {cluster}"
    else:
        from newsledger.parallel import default_jobs

        workers = jobs or default_jobs()
        label = "ingesting" if workers == 1 else f"ingesting with {workers} workers"
    progress = Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{escape(label)}[/]"),
        BarColumn(bar_width=None, pulse_style="cyan"),
        TextColumn("{task.completed} article(s)"),
        TextColumn("[cyan]{task.fields[rate]:.1f} articles/s"),
        TextColumn("[dim]{task.fields[last]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    )
    with progress:
        task = progress.add_task("ingest", total=None, rate=0.0, last="")

        def on_event(event: IngestEvent) -> None:
            elapsed = max(time.perf_counter() - started, 1e-6)
            done = progress.tasks[0].completed + 1
            progress.update(task, advance=1, rate=done / elapsed, last=_short(event.source, 40))

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
    elapsed = time.perf_counter() - started
    rate = summary.total / elapsed if elapsed > 0 else 0.0
    line = Text.assemble(
        ("ingested ", "bold"),
        (f"{summary.total}", "bold"),
        " input(s) in ",
        f"{elapsed:.1f}s",
        f" ({rate:.1f}/s): ",
        (f"{summary.new} new", "green"),
        ", ",
        (f"{summary.duplicate} duplicate", "dim"),
        ", ",
        (f"{summary.near_duplicate} near-duplicate", "yellow"),
        ", ",
        (f"{summary.failed} failed", "red" if summary.failed else "dim"),
    )
    if summary.warnings:
        line.append(f", {len(summary.warnings)} warning(s)", style="yellow")
    err.print(line)
    for source, reason in summary.failures:
        err.print(Text.assemble(("  failed ", "red"), (source, "bold"), ": ", reason))
    for source, reason in summary.warnings:
        err.print(Text.assemble(("  warning ", "yellow"), (source, "bold"), ": ", reason))
    if summary.other_options:
        article_id, note = summary.other_options[0]
        err.print(
            Text.assemble(
                (f"{len(summary.other_options)} input(s) already stored", "yellow"),
                f" with other extraction options (e.g. {article_id}: {note}); ingest does not "
                "change stored articles: re-extract them with `newsledger reextract` and the "
                "options you want (--reference-date, --model; --where id=ID for one)",
            )
        )
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
    from functools import partial

    from newsledger.ledger.store import Ledger
    from newsledger.parallel import extract_parallel
    from newsledger.pipeline import ingest as run_ingest

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
    from newsledger.cluster import connect, ingest_cluster
    from newsledger.pipeline import ExtractOptions

    options = ExtractOptions.from_settings(settings, reference_date=reference_date)
    with connect(spec) as client:
        workers = len(client.scheduler_info().get("workers", {}))
        dashboard = f", dashboard {client.dashboard_link}" if client.dashboard_link else ""
        err.print(f"[dim]cluster {client.scheduler.address}: {workers} worker(s){dashboard}[/]")
        return ingest_cluster(
            client,
            settings.db,
            sources,
            settings=settings,
            options=options,
            allow_private=allow_private,
            on_event=on_event,
        )


def _short(value: str, width: int) -> str:
    return value if len(value) <= width else "…" + value[-(width - 1) :]


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
def events(
    actor: str | None,
    type_: str | None,
    modality: str | None,
    outlet: str | None,
    since: date | None,
    until: date | None,
    text: str | None,
    limit: int,
    cursor: str | None,
    fmt: str,
    db: str | None,
) -> None:
    """List events, newest first.

    \b
    Example:
      newsledger events --actor "Kim Jong Un" --since 2025-12-01
      newsledger events --type WEAPONS_TEST --format csv > tests.csv
    """
    from newsledger.ledger import queries

    with _ledger(db) as ledger:
        try:
            page = queries.events(
                ledger,
                actor=actor,
                type=type_,
                modality=modality,
                outlet=outlet,
                since=since,
                until=until,
                text=text,
                limit=limit,
                cursor=cursor,
            )
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
    if fmt == "json":
        click.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        fields = [
            "id",
            "sort_date",
            "type",
            "actor",
            "target",
            "object",
            "location",
            "date",
            "modality",
            "sources",
            "outlet",
            "article_id",
            "headline",
            "article_count",
        ]
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for row in page.rows:
            data = row.to_dict()
            data["sources"] = " > ".join(s["name"] for s in row.sources)
            writer.writerow(data)
        return
    console = _console()
    if not page.rows:
        console.print(
            "[dim]no events match; try fewer filters, or `newsledger ingest` some articles[/]"
        )
        return
    table = Table(show_edge=False, header_style="bold", pad_edge=False)
    for col in (
        "date",
        "type",
        "actor",
        "target / object",
        "modality",
        "source",
        "outlet",
        "article",
    ):
        fixed = col in ("date", "type", "modality", "article")
        table.add_column(col, overflow="fold", no_wrap=fixed, min_width=None if fixed else 6)
    for row in page.rows:
        table.add_row(
            row.sort_date,
            row.type,
            row.actor or "-",
            _what(row),
            Text(row.modality, style=MODALITY_STYLE.get(row.modality, "")),
            " > ".join(s["name"] for s in row.sources) or "-",
            row.outlet or "-",
            row.article_id,
        )
    console.print(table)
    if page.next_cursor:
        console.print(f"[dim]more: --cursor {page.next_cursor}[/]")


def _what(row: Any) -> str:
    parts = [p for p in (row.target, row.object) if p]
    return " / ".join(parts) or "-"


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
def timeline(
    actor: str | None,
    type_: str | None,
    modality: str | None,
    outlet: str | None,
    since: date | None,
    until: date | None,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """The events in chronological order, grouped by day, each with its outlet and modality.

    \b
    Example:
      newsledger timeline
      newsledger timeline --actor "North Korea" --type WEAPONS_TEST
    """
    from newsledger.ledger import queries

    with _ledger(db) as ledger:
        try:
            days = queries.timeline(
                ledger,
                actor=actor,
                type=type_,
                modality=modality,
                outlet=outlet,
                since=since,
                until=until,
                limit=limit,
            )
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
    if fmt == "json":
        click.echo(json.dumps([d.to_dict() for d in days], ensure_ascii=False, indent=2))
        return
    console = _console()
    if not days:
        console.print(
            "[dim]the timeline is empty; ingest articles first: newsledger ingest examples/[/]"
        )
        return
    type_width = max(len(ev.type) for day in days for ev in day.events)
    # One print of one Text: rich's per-call overhead would dominate a long timeline.
    lines: list[Text] = []
    heading = None
    for day in days:
        for ev in day.events:
            # an event dated only to a year, month or week is not put on that period's first day
            label = _period_heading(ev.date, ev.sort_date) or _day_heading(day.day)
            if label != heading:
                if heading is not None:
                    lines.append(Text())
                lines.append(Text(label, style="bold underline"))
                heading = label
            lines.append(_timeline_line(ev, type_width))
    lines.append(Text())
    if console.is_terminal:
        console.print(Text("\n").join(lines), soft_wrap=True)
    else:
        # Piped or captured: the same lines without colour, skipping rich's layout pass
        # (most of the command's time for a long timeline).
        click.echo("\n".join(line.plain for line in lines))
    n = sum(len(d.events) for d in days)
    console.print(f"[dim]{n} event(s) on {len(days)} day(s)[/]")


_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")


def _period_heading(value: str | None, sort_date: str) -> str | None:
    """A heading for an event whose own date is coarser than a day, else None."""
    if not value or not sort_date.startswith(value[:4]):
        return None
    if _YEAR.match(value):
        return f"{value} (no month or day given)"
    if _MONTH.match(value):
        return date.fromisoformat(value + "-01").strftime("%B %Y") + " (no day given)"
    if _WEEK.match(value):
        return f"week {value[-2:]} of {value[:4]} (no day given)"
    return None


def _day_heading(day: str) -> str:
    try:
        return date.fromisoformat(day).strftime("%a %d %b %Y")
    except ValueError:
        return day


def _clip(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


def _timeline_line(ev: Any, type_width: int = 18) -> Text:
    line = Text("  ")
    line.append(f"{ev.type:<{type_width}} ", style="bold")
    line.append(_clip(ev.actor, 40) if ev.actor else "?", style="magenta")
    if ev.target:
        line.append(" → ")
        line.append(_clip(ev.target, 40), style="magenta")
    if ev.object:
        line.append(f": {_clip(ev.object, 60)}")
    if ev.location:
        line.append(f" @ {_clip(ev.location, 30)}", style="green")
    line.append("  ")
    line.append(f"[{ev.modality}]", style=MODALITY_STYLE.get(ev.modality, ""))
    if ev.sources:
        line.append("  via " + _clip(" > ".join(s["name"] for s in ev.sources), 50), style="italic")
    line.append(f"  — {ev.outlet or 'unknown outlet'}", style="cyan")
    if ev.article_count > 1:
        line.append(f" (+{ev.article_count - 1} more report(s))", style="yellow")
    if ev.date is None:
        line.append("  (date of report)", style="dim")
    elif ev.date != ev.sort_date:
        line.append(f"  (when: {ev.date})", style="dim")
    return line


# -- claims ----------------------------------------------------------------------------


@click.command()
@click.option("--about", help="Claims that mention this entity (canonical name or alias).")
@click.option("--source", help="Claims attributed to this source, anywhere in the chain.")
@click.option("--denials", is_flag=True, help="Only denials, each with what it denies.")
@click.option("--since", callback=_parse_date, help="From this publication date (YYYY-MM-DD).")
@click.option("--until", callback=_parse_date, help="Up to this publication date (YYYY-MM-DD).")
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
    from newsledger.ledger import queries

    if not about and not source and not denials:
        raise click.UsageError("give --about NAME, --source NAME or --denials")
    with _ledger(db) as ledger:
        try:
            page = queries.claims(
                ledger,
                about=about,
                source=source,
                polarity="negative" if denials else None,
                since=since,
                until=until,
                limit=limit,
            )
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
    if fmt == "json":
        click.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
        return
    console = _console()
    if not page.rows:
        console.print("[dim]no claims match[/]")
        return
    for row in page.rows:
        console.print(_claim_text(row))
    if page.next_cursor:
        console.print(f"[dim]{len(page.rows)} shown; there are more (--limit)[/]")


def _claim_text(row: Any) -> Text:
    line = Text()
    line.append(f"{row.published or '????-??-??'} ", style="bold")
    line.append(f"{row.outlet or '-'}  ", style="cyan")
    chain = " > ".join(s["name"] for s in row.sources) or "unattributed"
    line.append(f"[{chain}] ", style="magenta")
    if row.polarity == "negative":
        line.append("DENIAL ", style="bold red")
    if row.hedged:
        line.append("hedged ", style="yellow")
    line.append(row.text)
    line.append(f"  ({row.article_id})", style="dim")
    for ref in row.denies:
        line.append("\n    ↳ denies: ", style="red")
        line.append(f"{ref.text}", style="italic")
        line.append(
            f"  ({ref.outlet or '-'}, {ref.published or '?'}, {ref.article_id})", style="dim"
        )
    for ref in row.denied_by:
        line.append("\n    ↳ denied: ", style="red")
        line.append(f"{ref.text}", style="italic")
        line.append(
            f"  ({ref.outlet or '-'}, {ref.published or '?'}, {ref.article_id})", style="dim"
        )
    return line


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
    from newsledger.ledger import queries

    with _ledger(db) as ledger:
        profile = queries.entity_profile(ledger, name, type=type_, latest=latest)
    if profile is None:
        raise click.ClickException(
            f"no entity called {name!r} in the ledger; try `newsledger search {name!r}`"
        )
    if fmt == "json":
        click.echo(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2))
        return
    console = _console()
    title = Text(profile.name, style=ENTITY_STYLE.get(profile.type, "bold"))
    title.append(f"  {profile.type}", style="dim")
    if profile.weapon_class:
        title.append(f" ({profile.weapon_class})", style="dim")
    console.print(title)
    aliases = [a for a in profile.aliases if a != profile.name]
    if aliases:
        console.print(f"  aliases: {escape(', '.join(aliases))}")
    console.print(
        f"  {profile.article_count} article(s), {profile.mention_count} mention(s), "
        f"{profile.event_count} event(s) as actor, {profile.target_count} as target"
    )
    if profile.event_types:
        console.print(
            "  event types: " + ", ".join(f"{k} {v}" for k, v in profile.event_types.items())
        )
    if profile.other_matches:
        console.print(
            "  [dim]also called that: "
            + escape(", ".join(f"{o['name']} ({o['type']})" for o in profile.other_matches))
            + " — use --type[/]"
        )
    if profile.latest_events:
        console.print("\n[bold]latest events[/]")
        for ev in profile.latest_events:
            line = Text(f"  {ev.sort_date} ")
            line.append_text(_timeline_line(ev)[2:])
            console.print(line)
    if profile.quotes:
        console.print("\n[bold]quoted[/]")
        for q in profile.quotes:
            console.print(
                Text.assemble(
                    "  ",
                    (f"{q.published or '?'} ", "bold"),
                    f"“{q.text}”",
                    (f"  {q.outlet or '-'}", "cyan"),
                )
            )
    if profile.said:
        console.print("\n[bold]what it said[/]")
        for c in profile.said:
            console.print(Text("  ").append_text(_claim_text(c)))
    if profile.said_about:
        console.print("\n[bold]what others said about it[/]")
        for c in profile.said_about:
            console.print(Text("  ").append_text(_claim_text(c)))


# -- show ------------------------------------------------------------------------------


@click.command()
@click.argument("article_id")
@click.option(
    "--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True
)
@db_option
def show(article_id: str, fmt: str, db: str | None) -> None:
    """The article ARTICLE_ID with its extractions highlighted.

    Entities are coloured by type, times underlined, quotes in green italics, event triggers
    in bold red on a highlighted background, claims dimmed-underlined.

    \b
    Example:
      newsledger show 5fbd16e163100449
    """
    from newsledger.ledger import queries

    with _ledger(db) as ledger:
        view = queries.article(ledger, article_id)
    if view is None:
        raise click.ClickException(
            f"no article {article_id!r} in the ledger; list them with `newsledger events`"
        )
    if fmt == "json":
        click.echo(json.dumps(view.to_dict(), ensure_ascii=False, indent=2))
        return
    console = _console()
    rec = view.record
    console.print(Text(rec.headline or "(no headline)", style="bold"))
    meta = Text(style="dim")
    meta.append(
        f"{rec.id}  {rec.source.outlet or '-'}  published {rec.published or '?'} "
        f"({rec.published_basis or '-'})  {rec.source.uri or ''}"
    )
    if view.near_duplicate_of:
        meta.append(
            f"\nnear-duplicate of {view.near_duplicate_of} "
            f"(similarity {view.near_duplicate_similarity:.2f})",
            style="yellow",
        )
    if view.near_duplicates:
        meta.append(f"\ncopies: {', '.join(view.near_duplicates)}", style="yellow")
    console.print(meta)
    console.print()
    console.print(highlight_record(rec))
    console.print()
    legend = Text("legend: ", style="dim")
    for label, style in (
        ("person", ENTITY_STYLE["PERSON"]),
        ("org", ENTITY_STYLE["ORG"]),
        ("place/state", ENTITY_STYLE["GPE"]),
        ("weapon", ENTITY_STYLE["WEAPON"]),
        ("time", "underline"),
        ("quote", "italic green"),
        ("event trigger", "bold red on grey23"),
        ("claim", "on grey15"),
    ):
        legend.append(label, style=style)
        legend.append("  ")
    console.print(legend)
    if rec.events:
        console.print("\n[bold]events[/]")
        for v in rec.events:
            line = Text(f"  {v.id:<4}")
            line.append(f"{v.type:<18}", style="bold")
            line.append(f"{v.actor or '?'}", style="magenta")
            if v.target:
                line.append(f" → {v.target}", style="magenta")
            if v.object:
                line.append(f": {v.object}")
            when = v.time.value if v.time and v.time.value else "-"
            line.append(f"  {when}  ")
            line.append(f"[{v.modality}]", style=MODALITY_STYLE.get(v.modality, ""))
            if v.sources:
                line.append("  via " + " > ".join(s.name for s in v.sources), style="italic")
            console.print(line)
    if rec.claims:
        console.print("\n[bold]claims[/]")
        for i, c in enumerate(rec.claims):
            line = Text(f"  {i:<3} ")
            line.append(f"[{' > '.join(s.name for s in c.sources) or '?'}] ", style="magenta")
            if c.polarity == "negative":
                line.append("DENIAL ", style="bold red")
            if c.hedged:
                line.append("hedged ", style="yellow")
            line.append(c.text)
            console.print(line)
    if rec.warnings:
        console.print("\n[bold]warnings[/]")
        for w in rec.warnings:
            console.print(f"  {escape(w)}")


def highlight_record(rec: Any) -> Text:
    """The article body with spans styled: later layers win where spans overlap."""
    body = Text(rec.text)
    n = len(rec.text)

    def stylize(span: tuple[int, int] | list[int], style: str) -> None:
        start, end = int(span[0]), int(span[1])
        if 0 <= start < end <= n:
            body.stylize(style, start, end)

    for c in rec.claims:
        stylize(c.span, "on grey15")
    for tx in rec.times:
        stylize(tx.span, "underline")
    for q in rec.quotes:
        stylize(q.span, "italic green")
    for e in rec.entities:
        for m in e.mentions:
            stylize(m, ENTITY_STYLE.get(e.type, "bold"))
    for v in rec.events:
        stylize(v.span, "bold red on grey23")
    return body


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
    from newsledger.ledger import queries

    query = " ".join(text)
    with _ledger(db) as ledger:
        hits = queries.search(ledger, query, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    console = _console()
    if not hits:
        console.print(f"[dim]no article matches {escape(query)!r}[/]")
        return
    for h in hits:
        head = Text.assemble(
            (h.article_id, "bold"),
            "  ",
            (h.published or "?", ""),
            "  ",
            (h.outlet or "-", "cyan"),
            "  ",
            (h.headline or "(no headline)", "bold"),
        )
        console.print(head)
        snippet = Text("    " + " ".join(h.snippet.split()))
        snippet.highlight_regex(r"\[[^\]]+\]", "bold yellow")
        console.print(snippet)


@click.command()
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@db_option
def failures(limit: int, fmt: str, db: str | None) -> None:
    """Inputs that could not be ingested, newest first, each with its reason.

    \b
    Example:
      newsledger failures --limit 20
    """
    from newsledger.ledger import queries

    with _ledger(db) as ledger:
        rows = queries.failures(ledger, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    console = _console()
    if not rows:
        console.print("[dim]no failures recorded[/]")
        return
    # One line per failure, never folded: paths and URLs stay whole for copying.
    for r in rows:
        line = Text.assemble(
            (r.occurred_at[:19].replace("T", " "), "dim"),
            "  ",
            (f"{r.stage:<7}", "yellow"),
            " ",
            (r.source, "bold"),
            ": ",
            r.reason,
        )
        console.print(line, soft_wrap=True)


# -- export ----------------------------------------------------------------------------


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "parquet", "plover"]),
    required=True,
    help="csv/parquet: one row per event; jsonl: article records; plover: PLOVER events.",
)
@click.option("--since", callback=_parse_date, help="From this date (YYYY-MM-DD).")
@click.option("--until", callback=_parse_date, help="Up to this date (YYYY-MM-DD).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here instead of standard output (required for parquet).",
)
@db_option
def export(
    fmt: str, since: date | None, until: date | None, output: str | None, db: str | None
) -> None:
    """Export the ledger.

    \b
    Example:
      newsledger export --format csv --since 2025-12-01 > events.csv
      newsledger export --format parquet --output events.parquet
    """
    from newsledger.ledger.export import export as run_export

    if fmt == "parquet" and not output:
        raise click.UsageError("parquet is binary: give --output PATH")
    with _ledger(db) as ledger:
        try:
            n = run_export(ledger, fmt, output if output else sys.stdout, since=since, until=until)  # type: ignore[arg-type]
        except (NewsLedgerError, OSError) as e:
            raise click.ClickException(str(e)) from e
    if output:
        _err_console().print(f"[dim]{n} row(s) written to {escape(output)}[/]")
