"""A human-readable rendering of an article record for the terminal."""

from __future__ import annotations

from newsledger.cli.terminal import inline
from newsledger.records import ArticleRecord


def pretty_record(record: ArticleRecord) -> str:
    lines = [f"# {record.headline or '(no headline)'}"]
    if record.dateline:
        lines.append(
            f"dateline: {record.dateline.text!r} -> {record.dateline.place}, {record.dateline.date}"
        )
    lines.append(
        f"published: {record.published} ({record.published_basis}); outlet: {record.source.outlet}"
    )
    lines.append(f"source: {record.source.uri}  id: {record.id}")
    if record.entities:
        lines.append("\nentities:")
        for e in record.entities:
            aliases = ", ".join(a for a in e.aliases if a != e.name)
            lines.append(
                f"  {e.id:<4} {e.type:<7} {e.name}"
                + (f"  [{aliases}]" if aliases else "")
                + f"  x{len(e.mentions)}"
            )
    if record.times:
        lines.append("\ntimes:")
        for t in record.times:
            lines.append(f"  {t.text!r:<30} {t.type:<8} {t.value}  {t.start}..{t.end}")
    if record.quotes:
        lines.append("\nquotes:")
        for q in record.quotes:
            lines.append(f"  {q.speaker or '?'}: \u201c{q.text}\u201d")
    if record.claims:
        lines.append("\nclaims:")
        for c in record.claims:
            chain = " > ".join(s.name for s in c.sources) or "?"
            flags = ("DENIED " if c.polarity == "negative" else "") + (
                "hedged " if c.hedged else ""
            )
            lines.append(f"  [{chain}] {flags}{c.text}")
    if record.events:
        lines.append("\nevents:")
        for v in record.events:
            when = v.time.value if v.time else "-"
            lines.append(
                f"  {v.type:<20} {v.actor or '?'} -> {v.target or '-'} | {v.object or '-'} "
                f"| {when} | {v.modality}"
            )
    if record.warnings:
        lines.append("\nwarnings:")
        lines.extend(f"  {w}" for w in record.warnings)
    # Each line escaped for the terminal; a leading newline is the layout's, not the data's.
    shown = ("\n" + inline(line[1:]) if line.startswith("\n") else inline(line) for line in lines)
    return "\n".join(shown) + "\n"
