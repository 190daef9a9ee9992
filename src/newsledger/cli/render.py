"""Terminal rendering of what the ledger commands print: rich text when the output is a
terminal, the same lines without colour when it is piped.

Every stored string goes through ``terminal.inline`` (or ``block`` for an article body) so a
control character in it is shown escaped (\\x1b, \\n), never sent to the terminal; CSV cells go
through ``export.spreadsheet_row`` so none is a formula.

The commands in ``ledger_cmd`` fetch; everything here only formats rows it is given.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from newsledger.cli.consoles import make_console, piped, write_tsv
from newsledger.cli.terminal import block_with_offsets, inline
from newsledger.ledger.export import spreadsheet_row
from newsledger.ledger.queries import (
    ArticleView,
    ClaimRow,
    EntityProfile,
    EventPage,
    EventRow,
    FailureRow,
    SearchHit,
    TimelineDay,
)
from newsledger.ledger.queries.buckets import coarse_period
from newsledger.records import ArticleRecord, highlights

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
# How each kind of highlight looks; later kinds win where spans overlap.
HIGHLIGHT_STYLE = {
    "claim": "on grey15",
    "time": "underline",
    "quote": "italic green",
    "entity": "bold",  # by the entity's type, ENTITY_STYLE
    "event": "bold red on grey23",
}
# The columns of `newsledger events --format csv`: the list's own view of an event row.
EVENT_CSV_FIELDS = (
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
)


def console() -> Console:
    return make_console()


def err_console() -> Console:
    return make_console(stderr=True, soft_wrap=True)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def chain(sources: list[dict[str, Any]]) -> str:
    return " > ".join(s["name"] for s in sources)


def short(value: str, width: int) -> str:
    """The end of ``value`` (escaped for the terminal) in at most ``width`` characters."""
    value = inline(value)
    return value if len(value) <= width else "…" + value[-(width - 1) :]


def clip(value: str, width: int) -> str:
    """The start of ``value`` (escaped for the terminal) in at most ``width`` characters."""
    value = inline(" ".join(value.split()))
    return value if len(value) <= width else value[: width - 1] + "…"


def cell(value: str | None) -> Text:
    """A table cell: escaped, and a Text so that rich reads no markup in stored data."""
    return Text(inline(value))


# -- ingest ----------------------------------------------------------------------------


def ingest_progress(quiet: bool, label: str = "ingesting", total: int | None = None) -> Progress:
    """The ingest bar: done/total and the time left when the inputs could be counted ahead."""
    counted = (
        [MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn()]
        if total
        else [TextColumn("{task.completed} article(s)"), TimeElapsedColumn()]
    )
    return Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{escape(label)}[/]"),
        BarColumn(bar_width=None, pulse_style="cyan"),
        *counted,
        TextColumn("[cyan]{task.fields[rate]:.1f} articles/s"),
        TextColumn("[dim]{task.fields[last]}"),
        console=err_console(),
        transient=True,
        disable=quiet,
    )


def ingest_summary(summary: Any, elapsed: float) -> None:
    err = err_console()
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
        err.print(
            Text.assemble(("  failed ", "red"), (inline(source), "bold"), ": ", inline(reason))
        )
    for source, reason in summary.warnings:
        err.print(
            Text.assemble(("  warning ", "yellow"), (inline(source), "bold"), ": ", inline(reason))
        )
    if summary.other_options:
        article_id, note = summary.other_options[0]
        err.print(
            Text.assemble(
                (f"{len(summary.other_options)} input(s) already stored", "yellow"),
                f" with other extraction options (e.g. {article_id}: {inline(note)}); ingest "
                "does not "
                "change stored articles: re-extract them with `newsledger reextract` and the "
                "options you want (--reference-date, --model; --where id=ID for one)",
            )
        )


# -- events ----------------------------------------------------------------------------


def events_csv(page: EventPage) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=EVENT_CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in page.rows:
        data = row.to_dict()
        data["sources"] = chain(row.sources)
        writer.writerow(spreadsheet_row(data))


EVENT_TABLE_COLUMNS = (
    "date",
    "type",
    "actor",
    "target / object",
    "modality",
    "conf",
    "source",
    "outlet",
    "article",
)


def events_table(page: EventPage, empty: str) -> None:
    """Events as a table on a terminal, as TSV when piped; ``empty`` says why there are none."""
    out = console()
    if not page.rows:
        err_console().print(Text(inline(empty), style="dim"))
        return
    if piped():
        write_tsv(
            EVENT_TABLE_COLUMNS,
            (
                [
                    inline(v)
                    for v in (
                        r.sort_date or "undated",
                        r.type,
                        r.actor,
                        " / ".join(p for p in (r.target, r.object) if p),
                        r.modality,
                        "" if r.confidence is None else f"{r.confidence:.2f}",
                        chain(r.sources),
                        r.outlet,
                        r.article_id,
                    )
                ]
                for r in page.rows
            ),
        )
        if page.next_cursor:
            err_console().print(f"more: --cursor {page.next_cursor}")
        return
    table = Table(show_edge=False, header_style="bold", pad_edge=False)
    for col in EVENT_TABLE_COLUMNS:
        fixed = col in ("date", "type", "modality", "article")
        table.add_column(col, overflow="fold", no_wrap=fixed, min_width=None if fixed else 6)
    for row in page.rows:
        table.add_row(
            cell(row.sort_date or "undated"),
            cell(row.type),
            cell(row.actor or "-"),
            cell(" / ".join(p for p in (row.target, row.object) if p) or "-"),
            Text(inline(row.modality), style=MODALITY_STYLE.get(row.modality, "")),
            "-" if row.confidence is None else f"{row.confidence:.2f}",
            cell(chain(row.sources) or "-"),
            cell(row.outlet or "-"),
            cell(row.article_id),
        )
    out.print(table)
    if page.next_cursor:
        out.print(f"[dim]more: --cursor {page.next_cursor}[/]")


# -- timeline --------------------------------------------------------------------------


def timeline(days: list[TimelineDay], empty: str, hidden: str = "") -> None:
    """Events by day; ``empty`` says why there are none (an empty ledger or the filters),
    ``hidden`` how many the default confidence floor leaves out."""
    out = console()
    if not days:
        err_console().print(Text(inline(empty), style="dim"))
        return
    type_width = max(len(ev.type) for day in days for ev in day.events)
    # One print of one Text: rich's per-call overhead would dominate a long timeline.
    lines: list[Text] = []
    heading = None
    for day in days:
        for ev in day.events:
            # an event dated only to a year, month or week is not put on that period's first day
            label = period_heading(ev.date, ev.sort_date) or day_heading(day.day)
            if label != heading:
                if heading is not None:
                    lines.append(Text())
                lines.append(Text(label, style="bold underline"))
                heading = label
            lines.append(timeline_line(ev, type_width))
    lines.append(Text())
    if out.is_terminal:
        out.print(Text("\n").join(lines), soft_wrap=True)
    else:
        # Piped or captured: the same lines without colour, skipping rich's layout pass
        # (most of the command's time for a long timeline).
        click.echo("\n".join(line.plain for line in lines))
    n = sum(len(d.events) for d in days)
    out.print(f"[dim]{n} event(s) on {len(days)} day(s)[/]")
    if hidden:
        out.print(Text(inline(hidden), style="dim"))


def period_heading(value: str | None, sort_date: str) -> str | None:
    """A heading for an event whose own date is coarser than a day, else None."""
    period = coarse_period(value)
    if value is None or period is None or not sort_date.startswith(value[:4]):
        return None
    if period == "year":
        return f"{value} (no month or day given)"
    if period == "month":
        return date.fromisoformat(value + "-01").strftime("%B %Y") + " (no day given)"
    return f"week {value[-2:]} of {value[:4]} (no day given)"


def day_heading(day: str) -> str:
    if not day:
        return "undated (the article gives no date; see `newsledger failures --warnings`)"
    try:
        return date.fromisoformat(day).strftime("%a %d %b %Y")
    except ValueError:
        return day


def timeline_line(ev: EventRow, type_width: int = 18) -> Text:
    line = Text("  ")
    line.append(f"{inline(ev.type):<{type_width}} ", style="bold")
    line.append(clip(ev.actor, 40) if ev.actor else "?", style="magenta")
    if ev.target:
        line.append(" → ")
        line.append(clip(ev.target, 40), style="magenta")
    if ev.object:
        line.append(f": {clip(ev.object, 60)}")
    if ev.location:
        line.append(f" @ {clip(ev.location, 30)}", style="green")
    line.append("  ")
    line.append(f"[{inline(ev.modality)}]", style=MODALITY_STYLE.get(ev.modality, ""))
    if ev.sources:
        line.append("  via " + clip(chain(ev.sources), 50), style="italic")
    line.append(f"  — {inline(ev.outlet or 'unknown outlet')}", style="cyan")
    if ev.article_count > 1:
        line.append(f" (+{ev.article_count - 1} more report(s))", style="yellow")
    if ev.date is None:
        line.append("  (date of report)", style="dim")
    elif ev.date != ev.sort_date:
        line.append(f"  (when: {inline(ev.date)})", style="dim")
    return line


# -- claims ----------------------------------------------------------------------------


def claims(rows: list[ClaimRow], more: bool) -> None:
    out = console()
    if not rows:
        out.print("[dim]no claims match[/]")
        return
    for row in rows:
        out.print(claim_text(row))
    if more:
        out.print(f"[dim]{len(rows)} shown; there are more (--limit)[/]")


def claim_text(row: ClaimRow) -> Text:
    line = Text()
    line.append(f"{inline(row.published or '????-??-??')} ", style="bold")
    line.append(f"{inline(row.outlet or '-')}  ", style="cyan")
    line.append(f"[{inline(chain(row.sources) or 'unattributed')}] ", style="magenta")
    if row.polarity == "negative":
        line.append("DENIAL ", style="bold red")
    if row.hedged:
        line.append("hedged ", style="yellow")
    line.append(inline(row.text))
    line.append(f"  ({inline(row.article_id)})", style="dim")
    for label, refs in (("denies", row.denies), ("denied", row.denied_by)):
        for ref in refs:
            line.append(f"\n    ↳ {label}: ", style="red")
            line.append(inline(ref.text), style="italic")
            where = f"{ref.outlet or '-'}, {ref.published or '?'}, {ref.article_id}"
            line.append(f"  ({inline(where)})", style="dim")
    return line


# -- entity ----------------------------------------------------------------------------


def entity(profile: EntityProfile) -> None:
    out = console()
    title = Text(inline(profile.name), style=ENTITY_STYLE.get(profile.type, "bold"))
    title.append(f"  {inline(profile.type)}", style="dim")
    if profile.weapon_class:
        title.append(f" ({inline(profile.weapon_class)})", style="dim")
    out.print(title)
    aliases = [a for a in profile.aliases if a != profile.name]
    if aliases:
        out.print(f"  aliases: {escape(inline(', '.join(aliases)))}")
    out.print(
        f"  {profile.article_count} article(s), {profile.mention_count} mention(s), "
        f"{profile.event_count} event(s) as actor, {profile.target_count} as target"
    )
    if profile.event_types:
        types = ", ".join(f"{k} {v}" for k, v in profile.event_types.items())
        out.print(Text("  event types: " + inline(types)))
    if profile.other_matches:
        out.print(
            "  [dim]also called that: "
            + escape(inline(", ".join(f"{o['name']} ({o['type']})" for o in profile.other_matches)))
            + " — use --type[/]"
        )
    if profile.latest_events:
        out.print("\n[bold]latest events[/]")
        for ev in profile.latest_events:
            line = Text(f"  {inline(ev.sort_date)} ")
            line.append_text(timeline_line(ev)[2:])
            out.print(line)
    if profile.quotes:
        out.print("\n[bold]quoted[/]")
        for q in profile.quotes:
            out.print(
                Text.assemble(
                    "  ",
                    (f"{inline(q.published or '?')} ", "bold"),
                    f"“{inline(q.text)}”",
                    (f"  {inline(q.outlet or '-')}", "cyan"),
                )
            )
    for heading, rows in (
        ("what it said", profile.said),
        ("what others said about it", profile.said_about),
    ):
        if rows:
            out.print(f"\n[bold]{heading}[/]")
            for c in rows:
                out.print(Text("  ").append_text(claim_text(c)))


# -- show ------------------------------------------------------------------------------


def article(view: ArticleView) -> None:
    out = console()
    rec = view.record
    out.print(Text(inline(rec.headline or "(no headline)"), style="bold"))
    meta = Text(style="dim")
    meta.append(
        inline(
            f"{rec.id}  {rec.source.outlet or '-'}  published {rec.published or '?'} "
            f"({rec.published_basis or '-'})  {rec.source.uri or ''}"
        )
    )
    if view.near_duplicate_of:
        meta.append(
            f"\nnear-duplicate of {view.near_duplicate_of} "
            f"(similarity {view.near_duplicate_similarity:.2f})",
            style="yellow",
        )
    if view.near_duplicates:
        meta.append(f"\ncopies: {', '.join(view.near_duplicates)}", style="yellow")
    out.print(meta)
    out.print()
    out.print(highlight_record(rec))
    out.print()
    legend = Text("legend: ", style="dim")
    for label, style in (
        ("person", ENTITY_STYLE["PERSON"]),
        ("org", ENTITY_STYLE["ORG"]),
        ("place/state", ENTITY_STYLE["GPE"]),
        ("weapon", ENTITY_STYLE["WEAPON"]),
        ("time", HIGHLIGHT_STYLE["time"]),
        ("quote", HIGHLIGHT_STYLE["quote"]),
        ("event trigger", HIGHLIGHT_STYLE["event"]),
        ("claim", HIGHLIGHT_STYLE["claim"]),
    ):
        legend.append(label, style=style)
        legend.append("  ")
    out.print(legend)
    if rec.events:
        out.print("\n[bold]events[/]")
        for v in rec.events:
            line = Text(f"  {inline(v.id):<4}")
            line.append(f"{inline(v.type):<18}", style="bold")
            line.append(inline(v.actor or "?"), style="magenta")
            if v.target:
                line.append(f" → {inline(v.target)}", style="magenta")
            if v.object:
                line.append(f": {inline(v.object)}")
            when = v.time.value if v.time and v.time.value else "-"
            line.append(f"  {inline(when)}  ")
            line.append(f"[{inline(v.modality)}]", style=MODALITY_STYLE.get(v.modality, ""))
            if v.sources:
                via = inline(" > ".join(s.name for s in v.sources))
                line.append(f"  via {via}", style="italic")
            out.print(line)
    if rec.claims:
        out.print("\n[bold]claims[/]")
        for i, c in enumerate(rec.claims):
            line = Text(f"  {i:<3} ")
            sources = inline(" > ".join(s.name for s in c.sources) or "?")
            line.append(f"[{sources}] ", style="magenta")
            if c.polarity == "negative":
                line.append("DENIAL ", style="bold red")
            if c.hedged:
                line.append("hedged ", style="yellow")
            line.append(inline(c.text))
            out.print(line)
    if rec.warnings:
        out.print("\n[bold]warnings[/]")
        for w in rec.warnings:
            out.print(Text(f"  {inline(w)}"))


def highlight_record(rec: ArticleRecord) -> Text:
    """The article body with spans styled: later kinds win where spans overlap.

    Control characters in the body are shown escaped; spans are mapped onto the escaped text.
    """
    shown, offsets = block_with_offsets(rec.text)
    body = Text(shown)
    n = len(rec.text)
    order = list(HIGHLIGHT_STYLE)
    for span in sorted(highlights(rec), key=lambda s: order.index(s.kind)):
        if 0 <= span.start < span.end <= n:
            style = HIGHLIGHT_STYLE[span.kind]
            if span.kind == "entity":
                style = ENTITY_STYLE.get(span.label or "", style)
            body.stylize(style, offsets[span.start], offsets[span.end])
    return body


# -- search, failures ------------------------------------------------------------------


def search_hits(hits: list[SearchHit], query: str) -> None:
    out = console()
    if not hits:
        out.print(f"[dim]no article matches {escape(query)!r}[/]")
        return
    for h in hits:
        head = Text.assemble(
            (inline(h.article_id), "bold"),
            "  ",
            (inline(h.published or "?"), ""),
            "  ",
            (inline(h.outlet or "-"), "cyan"),
            "  ",
            (inline(h.headline or "(no headline)"), "bold"),
        )
        out.print(head)
        snippet = Text("    " + inline(" ".join(h.snippet.split())))
        snippet.highlight_regex(r"\[[^\]]+\]", "bold yellow")
        out.print(snippet)


def failures(rows: list[FailureRow], empty: str = "no failures recorded") -> None:
    out = console()
    if not rows:
        out.print(Text(empty, style="dim"))
        return
    # One line per failure, never folded: paths and URLs stay whole for copying.
    for r in rows:
        line = Text.assemble(
            (inline(r.occurred_at[:19].replace("T", " ")), "dim"),
            "  ",
            (f"{inline(r.stage):<7}", "yellow"),
            " ",
            (inline(r.source), "bold"),
            ": ",
            inline(r.reason),
        )
        out.print(line, soft_wrap=True)
