"""Extraction versions: reextract, diff and status.

``reextract`` calls ``newsledger.reextract``; ``diff`` and ``status`` read
``newsledger.ledger.versions``. Library errors become a one-line message and exit code 1.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsledger.cli import render
from newsledger.cli.ledger_cmd import _ledger
from newsledger.cli.options import db_option, parse_date
from newsledger.cli.terminal import inline
from newsledger.errors import NewsLedgerError
from newsledger.ledger.versions import (
    article_versions,
    diff_events,
    extractor_counts,
    record_at,
    resolve_article_id,
)
from newsledger.pipeline import ExtractOptions, extractor_version
from newsledger.records import Event

# -- reextract ---------------------------------------------------------------------------


@click.command()
@click.option(
    "--where",
    "where",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Only articles with FIELD=VALUE (id, outlet, source, format, extractor, published); "
    "repeat to narrow further.",
)
@click.option("--since", callback=parse_date, help="Only articles published on or after this day.")
@click.option(
    "--reference-date",
    callback=parse_date,
    help="Document creation date (YYYY-MM-DD) to extract with; default: each article keeps "
    "the one it was extracted with.",
)
@click.option("--model", help="spaCy pipeline to extract with (default: settings.model).")
@click.option(
    "--batch-size",
    default=64,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Articles read from the ledger at a time.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; the summary only.")
@db_option
def reextract(
    where: tuple[str, ...],
    since: date | None,
    reference_date: date | None,
    model: str | None,
    batch_size: int,
    quiet: bool,
    db: str | None,
) -> None:
    """Re-run extraction on stored articles made by another extractor version or options.

    Each article's entities, times, quotes, claims and events are replaced in one
    transaction; the previous extraction stays readable (`newsledger show ID --version N`,
    `newsledger diff ID`). Killed, it resumes where it stopped when run again.

    \b
    Example:
      newsledger reextract
      newsledger reextract --where outlet=Reuters --reference-date 1987-03-02
      newsledger reextract --where published=none --reference-date 2025-12-27
    """
    # Deferred on purpose: re-extraction loads spaCy; the other version commands do not.
    from newsledger.reextract import (
        ReextractEvent,
        count_stale,
        parse_where,
    )
    from newsledger.reextract import reextract as run_reextract

    err = render.err_console()
    with _ledger(db) as ledger:
        try:
            selection = parse_where(where, since=since)
            options = ExtractOptions(
                reference_date=reference_date, model=model or ledger.settings.model
            )
            total = count_stale(ledger, selection, options)
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
        if total == 0:
            err.print("nothing to re-extract: every selected article is current")
            return
        progress = Progress(
            TextColumn("[bold]re-extracting[/]"),
            BarColumn(bar_width=None),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=quiet,
        )
        with progress:
            task = progress.add_task("reextract", total=total)

            def on_event(_event: ReextractEvent) -> None:
                progress.advance(task)

            try:
                summary = run_reextract(
                    ledger, selection, options, batch_size=batch_size, on_event=on_event
                )
            except NewsLedgerError as e:
                raise click.ClickException(str(e)) from e
    err.print(
        f"re-extracted {summary.reextracted} article(s); "
        f"{summary.skipped} already done by another run; {summary.failed} failed"
    )
    for article_id, reason in summary.failures:
        err.print(
            Text.assemble(("  failed ", "red"), (inline(article_id), "bold"), ": ", inline(reason))
        )
    if summary.failed:
        sys.exit(1)


# -- diff --------------------------------------------------------------------------------


@click.command()
@click.argument("article_id")
@click.option("--from", "from_", type=int, help="Older version (default: the one before --to).")
@click.option("--to", type=int, help="Newer version (default: the current one).")
@click.option(
    "--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True
)
@db_option
def diff(article_id: str, from_: int | None, to: int | None, fmt: str, db: str | None) -> None:
    """Events added, removed and changed between two extractions of ARTICLE_ID.

    \b
    Example:
      newsledger diff 5fbd16e1
      newsledger diff 5fbd16e1 --from 1 --to 3 --format json
    """
    with _ledger(db) as ledger:
        try:
            resolved = resolve_article_id(ledger, article_id)
            versions = article_versions(ledger, resolved)
            numbers = [v.version for v in versions]
            current = next(v.version for v in versions if v.current)
            new = to if to is not None else current
            old = from_ if from_ is not None else max((n for n in numbers if n < new), default=None)
            if old is None:
                raise click.ClickException(
                    f"article {resolved} has only extraction version {new}; nothing to compare "
                    "(run `newsledger reextract` to make a new one)"
                )
            before = record_at(ledger, resolved, old)
            after = record_at(ledger, resolved, new)
        except NewsLedgerError as e:
            raise click.ClickException(str(e)) from e
    result = diff_events(before.events, after.events)
    if fmt == "json":
        payload = {"article_id": resolved, "from": old, "to": new, **result.to_dict()}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console = render.console()
    console.print(
        Text(
            f"{resolved}: version {old} -> {new}: {len(result.added)} added, "
            f"{len(result.removed)} removed, {len(result.changed)} changed, "
            f"{result.unchanged} unchanged",
            style="bold",
        )
    )
    for event in result.added:
        console.print(Text("+ ", style="green").append(_event_line(event)))
    for event in result.removed:
        console.print(Text("- ", style="red").append(_event_line(event)))
    for change in result.changed:
        line = Text("~ ", style="yellow").append(_event_line(change.new))
        for name in change.fields:
            change_text = inline(f"{_value(change.old, name)} -> {_value(change.new, name)}")
            line.append(f"\n    {name}: {change_text}")
        console.print(line)


def _event_line(event: object) -> str:
    assert isinstance(event, Event)
    what = f"{event.type} {event.actor or '?'}"
    if event.target:
        what += f" -> {event.target}"
    if event.object:
        what += f": {event.object}"
    when = event.time.value if event.time and event.time.value else "undated"
    line = f"{what}  [{event.modality}]  {when}  ({event.trigger!r} at {event.span[0]})"
    return inline(line)


def _value(event: object, name: str) -> str:
    value = getattr(event, name)
    if name == "time":
        return value.value if value is not None and value.value else "none"
    if name == "sources":
        return " > ".join(s.name for s in value) or "none"
    return repr(value) if value is not None else "none"


# -- status ------------------------------------------------------------------------------


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["pretty", "json"]), default="pretty", show_default=True
)
@db_option
def status(fmt: str, db: str | None) -> None:
    """Articles by the extractor version that made their current extraction.

    Articles made by another version than this one are brought up to it by
    `newsledger reextract`.

    \b
    Example:
      newsledger status
    """
    current = extractor_version()
    with _ledger(db) as ledger:
        counts = extractor_counts(ledger)
    stale = sum(n for version, n in counts if version != current)
    if fmt == "json":
        payload = {
            "extractor_version": current,
            "articles": sum(n for _, n in counts),
            "stale": stale,
            "by_extractor_version": [{"extractor_version": v, "articles": n} for v, n in counts],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console = render.console()
    console.print(f"this extractor: {current}")
    if not counts:
        console.print("the ledger is empty; ingest articles first: newsledger ingest examples/")
        return
    for version, n in counts:
        label = version or "unrecorded (stored before extractor versions were kept)"
        mark = "  (current)" if version == current else ""
        console.print(f"  {n:>7}  {label}{mark}")
    if stale:
        console.print(
            f"{stale} article(s) made by another extractor version; bring them up to date "
            "with `newsledger reextract`"
        )
    else:
        console.print("every article is current")
