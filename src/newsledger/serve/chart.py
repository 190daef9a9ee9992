"""Server-side SVG chart of events over time, stacked and coloured by event type.

Drawn on the server so the page needs no chart library and no network: the SVG is plain
markup inside the page. Every label is escaped; bucket links carry only our own query strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from markupsafe import Markup, escape

from newsledger.ledger.queries.buckets import Bucket

# One colour per ontology type (shared/spec/ONTOLOGY.md), chosen to stay apart on a white
# background; types added later fall back to grey.
TYPE_COLOURS: dict[str, str] = {
    "WEAPONS_TEST": "#d62728",
    "WEAPONS_DEVELOPMENT": "#ff7f0e",
    "MILITARY_PRODUCTION": "#8c564b",
    "CONSTRUCTION": "#bcbd22",
    "DEPLOYMENT": "#9467bd",
    "MILITARY_EXERCISE": "#e377c2",
    "INSPECTION": "#17becf",
    "ORDER": "#1f77b4",
    "ARMS_TRANSFER": "#7f3c8d",
    "ATTACK": "#a50f15",
    "THREATEN": "#e6550d",
    "ACCUSE": "#637939",
    "DENY": "#393b79",
    "SANCTION": "#843c39",
    "TALKS": "#2ca02c",
    "AGREEMENT": "#31a354",
    "COOPERATION": "#6baed6",
}
FALLBACK_COLOUR = "#7f7f7f"


def colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, FALLBACK_COLOUR)


def timeline_svg(
    buckets: list[Bucket],
    *,
    link_params: Mapping[str, str] | None = None,
    width: int = 960,
    height: int = 240,
) -> Markup:
    """A stacked bar chart; each bar links to the same page narrowed to that bucket."""
    if not buckets:
        return Markup('<p class="empty">No events match these filters.</p>')
    margin_left, margin_bottom, margin_top = 44, 36, 10
    plot_w = width - margin_left - 10
    plot_h = height - margin_bottom - margin_top
    peak = max(b.total for b in buckets) or 1
    slot = plot_w / len(buckets)
    bar_w = max(1.0, slot * 0.8)
    types = sorted({t for b in buckets for t in b.counts})
    parts: list[str] = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" aria-labelledby="chart-title">',
        '<title id="chart-title">Events over time by type</title>',
    ]
    for frac in (0.0, 0.5, 1.0):
        if (peak * frac) != int(peak * frac):
            continue  # counts are whole numbers: no tick at 0.5
        y = margin_top + plot_h * (1 - frac)
        parts.append(
            f'<line class="grid" x1="{margin_left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{margin_left - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{int(peak * frac)}</text>"
        )
    label_every = max(1, len(buckets) // 12)
    base = dict(link_params or {})
    for i, bucket in enumerate(buckets):
        x = margin_left + i * slot + (slot - bar_w) / 2
        y = margin_top + plot_h
        query = urlencode({**base, "since": bucket.since, "until": bucket.until})
        parts.append(f'<a href="?{escape(query)}" class="bar">')
        parts.append(f"<title>{escape(_bar_title(bucket, types))}</title>")
        for event_type in types:
            n = bucket.counts.get(event_type, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour(event_type)}" data-type="{escape(event_type)}"/>'
            )
        parts.append("</a>")
        if i % label_every == 0:
            parts.append(
                f'<text class="axis" x="{x + bar_w / 2:.1f}" y="{height - margin_bottom + 16}" '
                f'text-anchor="middle">{escape(bucket.label)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(types: Iterable[str]) -> list[tuple[str, str]]:
    """(type, colour) pairs for the types present, in a stable order."""
    return [(t, colour(t)) for t in sorted(set(types))]


def _bar_title(bucket: Bucket, types: list[str]) -> str:
    counts = ", ".join(f"{t} {bucket.counts[t]}" for t in types if bucket.counts.get(t))
    return f"{bucket.label}: {bucket.total} events ({counts})"
