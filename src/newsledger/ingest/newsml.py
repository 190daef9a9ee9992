"""NewsML files (IPTC NewsML-G2 ``newsMessage``/``newsItem`` and NewsML 1 ``NewsML``) -> articles.

A NewsML file packs several news items, each with its own headline, dateline, creation time
and body (NITF or XHTML paragraphs, or plain ``inlineData``). Each item with a body becomes an
article with that metadata. The XML is read with defusedxml: entity declarations and external
references are refused, as for feeds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from newsledger.errors import EmptyInputError, InputError
from newsledger.ingest.failure import IngestFailure
from newsledger.ingest.feeds import root_element
from newsledger.records import RawArticle

__all__ = ["iter_newsml", "looks_like_newsml"]

_ROOTS = {"newsMessage", "newsItem", "NewsML"}
_ITEMS = {"newsItem", "NewsItem"}
_HEADLINES = ("headline", "HeadLine", "hl1")
_DATELINES = ("dateline", "DateLine")
# Creation before revision: the story's own date, not when it was last corrected.
_DATES = ("contentCreated", "firstCreated", "FirstCreated", "versionCreated", "ThisRevisionCreated")
_BODIES = ("body.content", "inlineXML", "DataContent", "body")
_PARAGRAPHS = {"p", "P"}
_ISO_DAY = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})")


def _local(tag: object) -> str:
    name = tag if isinstance(tag, str) else ""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def looks_like_newsml(head: bytes) -> bool:
    root = root_element(head)
    return root is not None and _local(root.decode("ascii", "replace")) in _ROOTS


def iter_newsml(data: bytes, source: str) -> Iterator[RawArticle | IngestFailure]:
    """Every news item with a body as an article named ``SOURCE#item-n``."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as e:
        raise InputError(source, f"NewsML declares entities or external references ({e})") from e
    except ParseError as e:
        raise InputError(source, f"is not well-formed XML ({e})") from e
    items = (
        [root]
        if _local(root.tag) in _ITEMS
        else [el for el in root.iter() if _local(el.tag) in _ITEMS]
    )
    if not items:
        raise EmptyInputError(source, "NewsML file holds no newsItem")
    for index, item in enumerate(items, start=1):
        yield _item_article(item, f"{source}#item-{index}")


def _first_text(item: Element, names: tuple[str, ...]) -> str | None:
    for name in names:
        for el in item.iter():
            if _local(el.tag) == name:
                value = " ".join("".join(el.itertext()).split())
                if value:
                    return value
    return None


def _body(item: Element) -> str:
    for name in _BODIES:
        for container in item.iter():
            if _local(container.tag) != name:
                continue
            paragraphs = [
                " ".join("".join(p.itertext()).split())
                for p in container.iter()
                if _local(p.tag) in _PARAGRAPHS
            ]
            paragraphs = [p for p in paragraphs if p]
            if paragraphs:
                return "\n\n".join(paragraphs)
    for el in item.iter():
        if _local(el.tag) == "inlineData" and (el.text or "").strip():
            return el.text.strip()  # type: ignore[union-attr]
    return ""


def _item_article(item: Element, uri: str) -> RawArticle | IngestFailure:
    body = _body(item)
    if not body:
        return IngestFailure(uri, "news item has no body text (no <p> paragraphs or inlineData)")
    dateline = _first_text(item, _DATELINES)
    if dateline:
        # Printed before the body, as in a wire story, so the article stage can read it.
        body = f"{dateline.rstrip(' -–—')} - {body}"
    warnings: list[str] = []
    stamp = _first_text(item, _DATES)
    published = _day(stamp) if stamp else None
    if stamp and published is None:
        warnings.append(f"unreadable NewsML date {stamp[:40]!r}; no publication date taken")
    return RawArticle(
        text=body,
        uri=uri,
        format="text",
        title=_first_text(item, _HEADLINES),
        published=published,
        warnings=warnings,
    )


def _day(value: str) -> str | None:
    match = _ISO_DAY.match(value.strip())
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat()
    except ValueError:
        return None
