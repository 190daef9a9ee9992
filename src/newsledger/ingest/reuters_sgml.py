"""Reuters-21578 SGML (``.sgm``) -> one raw article per story that has a body.

A file holds up to a thousand ``<REUTERS>`` elements and no single root, so it is not XML and
must not be read as one text. Each story carries its own wire time (``<DATE>``), headline
(``<TITLE>``) and dateline (``<DATELINE>``); they become the article's metadata. Stories
without a ``<BODY>`` (briefs that are a headline only, unprocessed wire fragments) are not
articles and are skipped. The files are Latin-1 and escape control characters as SGML numeric
references (``&#2;``, ``&#3;``), which are dropped; ``&lt;``, ``&gt;`` and ``&amp;`` are decoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from newsledger.errors import EmptyInputError
from newsledger.ingest.failure import IngestFailure
from newsledger.records import RawArticle

__all__ = ["iter_reuters_sgml", "looks_like_reuters_sgml"]

_STORY = re.compile(rb"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(rb'([A-Z]+)="([^"]*)"', re.IGNORECASE)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
        start=1,
    )
}
# "26-FEB-1987 15:01:01.79": the wire time; only the day is kept.
_WIRE_DATE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})")
_NUMERIC_REF = re.compile(r"&#(\d{1,7});")
_NAMED_REF = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
_NAMED = re.compile("|".join(map(re.escape, _NAMED_REF)))


def looks_like_reuters_sgml(head: bytes) -> bool:
    """True when the first block opens a ``<REUTERS>`` story (with or without the DOCTYPE)."""
    return re.search(rb"<REUTERS\b[^>]*\bNEWID=", head[:4096], re.IGNORECASE) is not None


def iter_reuters_sgml(data: bytes, source: str) -> Iterator[RawArticle | IngestFailure]:
    """Every story with a body as an article named ``SOURCE#NEWID=n``."""
    found = 0
    for match in _STORY.finditer(data):
        found += 1
        attributes = {
            k.decode("ascii").upper(): v.decode("latin-1")
            for k, v in _ATTRIBUTE.findall(match.group(1))
        }
        story_id = attributes.get("NEWID") or str(found)
        story = match.group(2).decode("latin-1")
        article = _story_article(story, f"{source}#NEWID={story_id}")
        if article is not None:
            yield article
    if not found:
        raise EmptyInputError(
            source, "holds no complete <REUTERS>...</REUTERS> story; is it a Reuters-21578 file?"
        )


def _story_article(story: str, uri: str) -> RawArticle | IngestFailure | None:
    body = _element(story, "BODY")
    if body is None:
        return None
    text = _clean(body)
    dateline = _element(story, "DATELINE")
    if dateline is not None and _clean(dateline).strip(" -"):
        # The dateline runs into the body in print ("BAHRAIN, Oct 19 - Huge oil ..."): put it
        # back the same way so the article stage reads place and date from it.
        text = " ".join(_clean(dateline).split()) + " " + text.lstrip()
    if not text.strip():
        return IngestFailure(uri, "story has an empty <BODY>")
    title = _element(story, "TITLE")
    warnings: list[str] = []
    wire_date = _element(story, "DATE")
    published = _wire_day(wire_date) if wire_date else None
    if wire_date and published is None:
        warnings.append(f"unreadable <DATE> {wire_date.strip()[:40]!r}; no publication date taken")
    return RawArticle(
        text=text,
        uri=uri,
        format="text",
        title=" ".join(_clean(title).split()) or None if title else None,
        outlet="Reuters",
        published=published,
        warnings=warnings,
    )


def _element(story: str, name: str) -> str | None:
    match = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", story, re.DOTALL | re.IGNORECASE)
    return match.group(1) if match else None


def _clean(value: str) -> str:
    """SGML references decoded: control characters dropped, ``&lt;`` and friends replaced."""

    def numeric(match: re.Match[str]) -> str:
        code = int(match.group(1))
        char = chr(code) if code <= 0x10FFFF else ""
        return char if char.isprintable() or char in "\n\t" else ""

    text = _NUMERIC_REF.sub(numeric, value)
    text = _NAMED.sub(lambda m: _NAMED_REF[m.group(0)], text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _wire_day(value: str) -> str | None:
    match = _WIRE_DATE.search(value)
    if match is None:
        return None
    month = _MONTHS.get(match.group(2).upper())
    if month is None:
        return None
    try:
        return date(int(match.group(3)), month, int(match.group(1))).isoformat()
    except ValueError:
        return None
