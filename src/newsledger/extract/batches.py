"""Long texts parsed in paragraph batches, so that parsing memory follows the batch, not the text.

spaCy's statistical components hold per-token working arrays for the whole text they are
given; for a 1 MB article that is gigabytes. Cutting the text at paragraph breaks into batches
of about ``BATCH_CHARS`` characters, parsing each, and joining the parsed pieces with
``Doc.from_docs`` gives one Doc over exactly the same text (every offset unchanged) whose
memory is the tokens, not the parser's scratch space. Sentences never span a paragraph
break in news copy, so the cut changes no sentence; a paragraph longer than a batch is cut
after a sentence-final stop, else at a line break, else at a space.
"""

from __future__ import annotations

import re

import numpy
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["BATCH_CHARS", "LONG_TEXT_CHARS", "paragraph_batches", "parse_long"]

# Texts up to this length are parsed whole (every article of the test sets is far shorter).
LONG_TEXT_CHARS = 100_000
BATCH_CHARS = 20_000

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_CUTS = (re.compile(r"[.!?][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])"), re.compile(r"\n"), re.compile(r" "))


def paragraph_batches(text: str, max_chars: int = BATCH_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``max_chars`` (joined, they are ``text``).

    Pieces end after a paragraph break where possible; a paragraph longer than ``max_chars``
    is cut after a sentence, else a line, else a space, and only as a last resort anywhere.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        end = _cut(text, start, start + max_chars)
        pieces.append(text[start:end])
        start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    """The end of the piece starting at ``start``: the last good cut in ``(start, limit]``."""
    window = text[start:limit]
    for pattern in (_PARAGRAPH_BREAK, *_CUTS):
        ends = [m.end() for m in pattern.finditer(window)]
        # a cut in the first half would make many small batches; look for a cruder one later
        good = [e for e in ends if e > len(window) // 2]
        if good:
            return start + good[-1]
    return limit


def parse_long(nlp: Language, text: str, max_chars: int = BATCH_CHARS) -> Doc:
    """One Doc over ``text``, parsed a batch of paragraphs at a time."""
    docs = []
    for doc in nlp.pipe(paragraph_batches(text, max_chars), batch_size=1):
        # The record stages read tokens, parses and entities, never the tok2vec tensor: drop
        # it (96 floats a token) before it accumulates over the whole text.
        doc.tensor = numpy.zeros((0,), dtype="float32")
        docs.append(doc)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # from_docs keeps every character; anything else is a bug here
        raise AssertionError("parsing in batches changed the text")
    return joined
