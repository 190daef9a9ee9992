"""Headline and byline: what a title line and a byline line look like."""

from __future__ import annotations

import re

_BYLINE = re.compile(
    r"^(?:by|BY|By)\s+[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}){0,3}"
    r"(?:\s*[,|]\s*[\w .'’-]{1,40})?$"
)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.$")


def _fits_headline(line: str) -> bool:
    stripped = line.strip()
    return 1 <= len(stripped.split()) <= 30 and len(stripped) <= 250


def _title_like(line: str) -> bool:
    stripped = line.strip()
    if not _fits_headline(stripped):
        return False
    first = next((c for c in stripped if c.isalnum()), "")
    if not first or first.islower():
        return False
    if stripped[-1] in ",;:":
        return False
    return stripped[-1] != "." or bool(_ABBREVIATION_END.search(stripped))


def _same_title(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\W_]+", " ", s).strip().lower()

    x, y = norm(a), norm(b)
    if x == y:
        return True
    # Page titles carry the site's name ("Talks collapse | Example News") or lose a subtitle.
    short, long_ = sorted((x, y), key=len)
    return len(short.split()) >= 4 and long_.startswith(short) and len(short) >= 0.6 * len(long_)
