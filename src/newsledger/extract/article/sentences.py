"""Lines of the body that are not sentences: subheads, list items, paragraph ends.

Page text keeps in-text subheads ("WHAT COMES NEXT"), short list lines ("Ana Poe, 44
(nurse)") and paragraphs without a final full stop. The parser glues such a line onto the
sentence after it, so a subhead becomes part of a quote's or claim's sentence and its words
entities or speakers. The ``newsledger_layout_sentences`` component runs before the parser
and fixes sentence starts from the text's layout alone: after every blank line, around every
subhead and list line; and it marks the words of a subhead in capitals as never an entity.
The text is not changed, so every offset into it stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span

COMPONENT = "newsledger_layout_sentences"

# A subhead or list line is short; hard-wrapped wire lines run to 60 characters and more.
_MAX_LABEL_WORDS = 10
_MAX_LIST_CHARS = 60
_MAX_LIST_WORDS = 8
# A line that ends like this ends a sentence (or runs on into the next line).
_SENTENCE_TAIL = re.compile(r"[.!?…:,;\"”’'\-–—]\s*$")
_BULLET = re.compile(r"[-•*·–—]\s|\d{1,2}[.)]\s")


@dataclass(frozen=True, slots=True)
class LayoutLine:
    start: int
    end: int
    kind: Literal["subhead", "list item"]


def layout_lines(text: str) -> Iterator[LayoutLine]:
    """The lines of ``text`` that are not sentences, with their character offsets."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    mostly_caps = _caps_share(text) > 0.5  # a telex typed in capitals has no subheads
    for i, (start, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped or _SENTENCE_TAIL.search(stripped):
            continue
        first = next((c for c in stripped if c.isalnum()), "")
        if not first or first.islower():
            continue
        before = lines[i - 1][1].strip() if i > 0 else ""
        after = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
        words = len(stripped.split())
        lead = start + len(line) - len(line.lstrip())
        end = lead + len(stripped)
        if words <= _MAX_LABEL_WORDS and not mostly_caps and _all_caps(stripped):
            yield LayoutLine(lead, end, "subhead")
        elif words <= _MAX_LABEL_WORDS and not before and not after and i > 0:
            yield LayoutLine(lead, end, "subhead")  # a short paragraph of its own: "The dead"
        elif _short_unpunctuated(stripped) and (
            _short_unpunctuated(before) or _short_unpunctuated(after)
        ):
            yield LayoutLine(lead, end, "list item")


def _short_unpunctuated(line: str) -> bool:
    """A list line: short, no sentence end, and not cut mid-sentence as a wrapped line is.

    A hard-wrapped line stops on any word ("who asked not to be"); a list line ends on a
    name, a number or a bracket ("Ana Poe, 44 (nurse)") or starts with a bullet.
    """
    if not line or len(line.split()) > _MAX_LIST_WORDS or len(line) > _MAX_LIST_CHARS:
        return False
    if _SENTENCE_TAIL.search(line) or _all_caps(line):
        return False
    return bool(_BULLET.match(line)) or not line.split()[-1][:1].islower()


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _caps_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


@Language.component(COMPONENT, assigns=["token.is_sent_start", "token.ent_iob"], retokenizes=False)
def layout_sentences(doc: Doc) -> Doc:
    """Start a sentence after each blank line and around each subhead and list line."""
    starts: set[int] = set()
    # Doc.text joins every token on each access: read it once (a long text has many breaks).
    text = doc.text
    for m in re.finditer(r"\n[ \t]*\n", text):
        span = doc.char_span(m.end(), len(text), alignment_mode="expand")
        if span is not None and len(span):
            starts.add(span.start)
    blocked: list[Span] = []
    for line in layout_lines(text):
        span = doc.char_span(line.start, line.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        starts.add(span.start)
        if span.end < len(doc):
            starts.add(span.end)
        if line.kind == "subhead" and _all_caps(span.text):
            blocked.append(span)
    for i in sorted(starts):
        # The token after a subhead may be the newline itself; the sentence starts at the
        # first word after it.
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
    if blocked:
        doc.set_ents([], blocked=blocked, default="unmodified")
    return doc


def add_layout_component(nlp: Language) -> None:
    """Put the component before the parser (and so before the entity recogniser)."""
    if COMPONENT in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
    else:
        nlp.add_pipe(COMPONENT, first=True)
