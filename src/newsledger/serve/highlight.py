"""Article text -> HTML with its extractions highlighted, every text segment escaped.

Article text is hostile input: it may hold ``<script>``, event handlers, ``javascript:`` links
or HTML entities. The markup here is built by escaping each text segment on its own and
wrapping the segments in tags whose attributes come only from our own identifiers, so no
byte of the article can become markup.

Spans may nest (an entity inside a quote inside a claim) or cross (a claim that starts inside
a quote). The text is cut at every span boundary; each piece is wrapped in the annotations that
cover it, outermost first, and an annotation that crosses another is closed and reopened, so
the output is always well-formed HTML. Only the first piece of an annotation takes keyboard
focus, so Tab visits each highlight once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from newsledger.records import ArticleRecord, highlights

# Nesting order for spans of equal extent: a claim holds a quote, which holds an event trigger,
# which may be an entity mention.
KINDS = ("claim", "quote", "event", "time", "entity")
_RANK = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Annotation:
    kind: str  # one of KINDS
    start: int
    end: int
    ref: str  # id of the record card describing it, unique within the page


def record_annotations(record: ArticleRecord) -> list[Annotation]:
    """Every highlightable span of a record, with the id of the card that describes it."""
    return [
        Annotation(span.kind, span.start, span.end, card_id(span.kind, span.key))
        for span in highlights(record)
    ]


def card_id(kind: str, key: str) -> str:
    """A DOM id for a record card. Keys come from the record, so keep only safe characters."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in key)
    return f"rec-{kind}-{safe}"


def highlight(text: str, spans: Iterable[Annotation]) -> Markup:
    """``text`` as HTML with each annotation wrapped in a focusable ``<mark>``."""
    valid = [a for a in spans if 0 <= a.start < a.end <= len(text) and a.kind in _RANK]
    # A fixed order per annotation keeps the open-tag stack consistent from piece to piece.
    order = sorted(
        range(len(valid)), key=lambda i: (valid[i].start, -valid[i].end, _RANK[valid[i].kind], i)
    )
    ranked = [valid[i] for i in order]
    cuts = sorted({0, len(text), *(a.start for a in ranked), *(a.end for a in ranked)})

    out: list[str] = []
    stack: list[int] = []  # indices into ranked, outermost first
    focusable_used: set[int] = set()
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [i for i, a in enumerate(ranked) if a.start <= left and a.end >= right]
        keep = _common_prefix(stack, covering)
        for _ in range(len(stack) - keep):
            out.append("</mark>")
            stack.pop()
        for i in covering[keep:]:
            out.append(_open_tag(ranked[i], first=i not in focusable_used))
            focusable_used.add(i)
            stack.append(i)
        out.append(str(escape(text[left:right])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


def highlight_record(record: ArticleRecord) -> Markup:
    return highlight(record.text, record_annotations(record))


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _open_tag(annotation: Annotation, *, first: bool) -> str:
    # Attribute values are our own ids (card_id keeps them to [A-Za-z0-9_-]); escape anyway.
    ref = escape(annotation.ref)
    focus = ' tabindex="0"' if first else ""
    return (
        f'<mark class="hl hl-{annotation.kind}" data-kind="{annotation.kind}" data-ref="{ref}"'
        f' aria-describedby="{ref}"{focus}>'
    )
