"""Stored text made safe for a terminal: control characters shown as escapes, never sent raw.

Article text, headlines, outlet names and file names come from the input. Sent to a terminal
as they are, an escape sequence in them can clear the screen, set the window title or rewrite
what was printed before; a carriage return or newline in a file name forges a line of output;
a bidi override reverses what follows it. Every command prints stored strings through
:func:`inline` (one-line fields: every control character escaped, newlines included) or
:func:`block` (article bodies: paragraph breaks kept), so they read as ``\\x1b``, ``\\n``,
``\\u202e``.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL; the bidi embedding, override and isolate controls; the Unicode line
# and paragraph separators (some terminals break lines at them).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(char: str) -> str:
    """One unsafe character as it is shown: ``\\n``, ``\\x1b``, ``\\u202e``."""
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escaped(match: re.Match[str]) -> str:
    return escape_char(match.group(0))


def inline(value: object) -> str:
    """A one-line field for the terminal: every control character escaped."""
    text = "" if value is None else str(value)
    return _UNSAFE.sub(_escaped, text)


def block(value: object) -> str:
    """A multi-line text for the terminal: newlines kept, every other control escaped."""
    text = "" if value is None else str(value)
    return _UNSAFE_BUT_NEWLINE.sub(_escaped, text)


def block_with_offsets(text: str) -> tuple[str, list[int]]:
    """``block(text)`` and where each offset of ``text`` lands in it (one more for the end).

    Spans into the stored text (entities, quotes, events) are mapped through the list to
    highlight the escaped text.
    """
    if _UNSAFE_BUT_NEWLINE.search(text) is None:
        return text, list(range(len(text) + 1))
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for char in text:
        offsets.append(position)
        shown = escape_char(char) if _UNSAFE_BUT_NEWLINE.match(char) else char
        pieces.append(shown)
        position += len(shown)
    offsets.append(position)
    return "".join(pieces), offsets
