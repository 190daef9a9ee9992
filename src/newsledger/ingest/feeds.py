"""RSS and Atom feeds -> raw articles, one per item.

feedparser is lenient and sits on expat, so hostile XML is refused *before* it sees the
bytes: a DTD with an internal subset or any entity declaration (the carriers of XXE and
billion-laughs payloads) is refused, and the document must be well-formed XML, which also
catches a feed cut off in transfer. Items that carry only a summary are completed by
fetching their link through the same checked fetcher used for URLs.
"""

from __future__ import annotations

import calendar
import codecs
import html
import re
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from newsledger.errors import BinaryInputError, EmptyInputError, InputError
from newsledger.ingest.failure import IngestFailure
from newsledger.ingest.html import html_to_article, looks_like_html
from newsledger.records import RawArticle

if TYPE_CHECKING:
    from newsledger.ingest.fetch import FetchedPage, Fetcher

# An item whose text is shorter than this is a teaser; its link holds the article.
FOLLOW_BELOW_WORDS = 150
# Item links fetched at once, and the time for following all of a feed's links, in fetch
# timeouts: a feed of teasers whose links hang costs about this many timeouts, not one per item.
FOLLOW_WORKERS = 8
FOLLOW_BUDGET_TIMEOUTS = 4

_XML_PREDEFINED = {"lt", "gt", "amp", "quot", "apos"}
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_XML_ENCODING = re.compile(
    rb"""\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']"""
)
_XML_ENCODING_TEXT = re.compile(
    r"""\ufeff?\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']"""
)
_NAME = re.compile(rb"[A-Za-z_][\w:.-]*")
_FEED_ROOTS = {"rss", "feed", "rdf", "channel"}
_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>")


def root_element(head: bytes) -> bytes | None:
    """The name of the document's root element, skipping what may precede it.

    A BOM, white space, the XML declaration, processing instructions, comments and a DOCTYPE.
    A plain scan rather than one regular expression: nested repetition over hostile input
    backtracks for minutes.
    """
    data = head[:8192]
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while pos < len(data):
        if data[pos : pos + 1].isspace():
            pos += 1
        elif data.startswith(b"<?", pos):
            pos = _after(data, b"?>", pos + 2)
        elif data.startswith(b"<!--", pos):
            pos = _after(data, b"-->", pos + 4)
        elif data[pos : pos + 9].upper() == b"<!DOCTYPE":
            close = data.find(b">", pos)
            subset = data.find(b"[", pos, close if close != -1 else len(data))
            pos = _after(data, b"]", subset) if subset != -1 else pos
            pos = _after(data, b">", pos)
        elif data.startswith(b"<", pos):
            name = _NAME.match(data, pos + 1)
            return name.group(0) if name else None
        else:
            return None
    return None


def _after(data: bytes, token: bytes, start: int) -> int:
    found = data.find(token, start)
    return len(data) if found == -1 else found + len(token)


def looks_like_feed(head: bytes) -> bool:
    """Whether the document's root element is an RSS, Atom or RDF feed's."""
    root = root_element(head)
    return root is not None and root.lower() in (b"rss", b"feed", b"rdf:rdf")


def check_feed_xml(data: bytes, source: str, charset: str | None = None) -> tuple[bytes, list[str]]:
    """Refuse unsafe or broken feed XML; return UTF-8 bytes safe to hand to feedparser.

    Also returns warnings (invalid UTF-8 that was repaired).
    """
    if b"\x00" in data[:8192] and not data.startswith(_UTF16_BOMS):
        raise BinaryInputError(source, "looks like binary data, not a feed")
    if not data.strip():
        raise EmptyInputError(source, "is empty (no feed XML)")
    data, warnings = _as_utf8(data, charset)
    data = _numeric_entities(data)
    # A DOCTYPE only counts in the prolog; the same letters inside an item's CDATA are text.
    first = _FIRST_ELEMENT.search(data)
    doctype = _DOCTYPE.search(data, 0, first.start() if first else len(data))
    if doctype is not None:
        # Everything up to the first ">" after <!DOCTYPE; an internal subset opens with "[".
        end = data.find(b">", doctype.start())
        declaration = data[doctype.start() : end if end != -1 else len(data)]
        if b"[" in declaration:
            raise InputError(
                source,
                "feed declares a DTD with entities (an XXE or billion-laughs payload); refused",
            )
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise InputError(
            source, f"feed uses XML entities or external references ({type(e).__name__}); refused"
        ) from e
    except ParseError as e:
        line, column = getattr(e, "position", (0, 0))
        message = str(e).split(":", 1)[0]
        hint = " (truncated?)" if _cut_off(data, message, line, column) else ""
        raise InputError(
            source, f"feed XML is malformed{hint}: {message} at line {line}, column {column}"
        ) from e
    tag = root.tag.rsplit("}", 1)[-1].lower()
    if tag not in _FEED_ROOTS:
        raise InputError(source, f"XML is not an RSS or Atom feed (root element <{tag}>)")
    if doctype is not None:
        # A bare DOCTYPE (RSS 0.91 has one) passed the checks; feedparser need not see it.
        end = data.find(b">", doctype.start())
        data = data[: doctype.start()] + data[end + 1 :]
    return data, warnings


def _as_utf8(data: bytes, charset: str | None) -> tuple[bytes, list[str]]:
    """The feed re-encoded as UTF-8 (declaration updated), invalid UTF-8 repaired."""
    warnings: list[str] = []
    if data.startswith((b"\xef\xbb\xbf", *_UTF16_BOMS)):
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-16"
    else:
        declared = _XML_ENCODING.match(data)
        encoding = charset or (declared.group(1).decode("ascii") if declared else "utf-8")
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            encoding = "utf-8"  # unknown name: read it as UTF-8 and say so if that fails
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        text = data.decode(encoding, errors="replace")
        warnings.append(
            f"invalid {encoding.upper()} in the feed repaired: {text.count(chr(0xFFFD))} "
            f"undecodable byte sequence(s) replaced, first at byte {e.start}"
        )
    declared_text = _XML_ENCODING_TEXT.match(text)
    if declared_text:
        text = text[: declared_text.start(1)] + "utf-8" + text[declared_text.end(1) :]
    return text.encode("utf-8"), warnings


def _cut_off(data: bytes, message: str, line: int, column: int) -> bool:
    """Whether expat's error reads as a document that stops early rather than bad markup."""
    if message.startswith("unclosed") or message == "no element found":
        return True
    lines = data.rstrip().split(b"\n")
    return line >= len(lines) and column >= len(lines[-1]) - 1


def _numeric_entities(data: bytes) -> bytes:
    """Feeds often use HTML entities (&nbsp;) that XML does not define; write them as numbers."""

    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(1).decode("ascii")
        if name in _XML_PREDEFINED or name not in html.entities.name2codepoint:
            return match.group(0)
        return f"&#{html.entities.name2codepoint[name]};".encode("ascii")

    return _NAMED_ENTITY.sub(replace, data)


def fragment_text(fragment: str) -> str:
    """HTML from a feed item -> plain text with one paragraph per line."""
    if "<" not in fragment:
        return " ".join(html.unescape(fragment).split())
    # Deferred on purpose, as feedparser and the HTTP client: a run over text files loads none.
    from lxml import html as lxml_html

    marked = _BLOCK_END.sub("\n", fragment)
    try:
        text = lxml_html.fromstring(f"<div>{marked}</div>").text_content()
    except Exception:  # lxml refuses some fragments outright; tags are then dropped by hand
        text = html.unescape(re.sub(r"<[^>]*>", " ", marked))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _iso_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            stamp = calendar.timegm(parsed)
            return datetime.fromtimestamp(stamp, tz=UTC).date().isoformat()
    return None


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return fragment_text(best if len(best) > len(summary) else summary)


def iter_feed(
    data: bytes,
    source: str,
    *,
    fetcher: Fetcher | None,
    feed_url: str | None = None,
    charset: str | None = None,
) -> Iterator[RawArticle | IngestFailure]:
    """Every item of a feed as an article; an item that cannot be read is a failure.

    ``charset`` is the one an HTTP header declared; it overrides the XML declaration.
    Item links are fetched a few at a time, within one time budget for the whole feed (see
    ``_Follower``), so items whose servers hang cannot hold the feed for a timeout each.
    """
    outlet, entries, feed_warnings = parse_feed(data, source, feed_url=feed_url, charset=charset)
    if not entries:
        raise EmptyInputError(source, "feed has no items")
    to_follow = [
        entry_link(entry, feed_url)
        if len(_entry_text(entry).split()) < FOLLOW_BELOW_WORDS
        else None
        for entry in entries
    ]
    with _Follower(fetcher, to_follow) as follower:
        for index, entry in enumerate(entries, start=1):
            item_source = f"{source}#item-{index}"
            try:
                article = _entry_article(
                    entry,
                    item_source,
                    outlet=outlet,
                    followed=follower.result(index - 1),
                    base_url=feed_url,
                )
            except InputError as e:
                yield IngestFailure(item_source, e.reason)
                continue
            article.warnings[:0] = feed_warnings
            yield article


def parse_feed(
    data: bytes, source: str, *, feed_url: str | None = None, charset: str | None = None
) -> tuple[str | None, list[Any], list[str]]:
    """(the feed's title, its items as feedparser entries, warnings), after the XML checks."""
    safe, feed_warnings = check_feed_xml(data, source, charset)
    # The feed's own URL is the base for relative item links, as a browser would use it.
    headers = {"content-location": feed_url} if feed_url else None
    import feedparser  # deferred on purpose (fragment_text says why)

    parsed = feedparser.parse(safe, sanitize_html=True, response_headers=headers)
    outlet = (parsed.get("feed") or {}).get("title") or None
    return outlet, list(parsed.get("entries") or []), feed_warnings


def entry_identity(entry: Any, base_url: str | None = None) -> str:
    """What makes a feed item itself: its id (guid), else its link, else title and date.

    Two items with different ids or links are different items even when their summaries are
    the same text.
    """
    ident = entry.get("id") or entry.get("guid")
    if ident:
        return f"id:{ident}"
    link = entry.get("link")
    if link:
        return f"link:{urljoin(base_url, link) if base_url else link}"
    title = fragment_text(entry.get("title", "") or "")
    return f"title:{title}|{_iso_date(entry) or ''}|{_entry_text(entry)[:200]}"


def entry_link(entry: Any, base_url: str | None = None) -> str | None:
    link = entry.get("link") or None
    return urljoin(base_url, link) if link and base_url else link


def entry_article(
    entry: Any, source: str, *, outlet: str | None, base_url: str | None
) -> RawArticle:
    """The item's own text (title, summary or content) as an article, without following links."""
    return _entry_article(
        entry, source, outlet=outlet, followed=None, base_url=base_url, follow=False
    )


def _entry_article(
    entry: Any,
    source: str,
    *,
    outlet: str | None,
    followed: _Followed,
    base_url: str | None,
    follow: bool = True,
) -> RawArticle:
    """The item as an article: the page its link led to, when ``followed`` holds one."""
    text = _entry_text(entry)
    title = fragment_text(entry.get("title", "") or "") or None
    link = entry_link(entry, base_url)
    published = _iso_date(entry)
    words = len(text.split())
    warnings: list[str] = []
    from newsledger.ingest.fetch import FetchedPage  # deferred on purpose (fragment_text)

    if isinstance(followed, FetchedPage):
        page = followed
        try:
            if page.content_type in ("text/html", "application/xhtml+xml") or looks_like_html(
                page.content
            ):
                article = html_to_article(
                    page.content, link or page.url, url=page.url, charset=page.charset
                )
                return RawArticle(
                    text=article.text,
                    uri=link,
                    format="feed",
                    title=title or article.title,
                    outlet=article.outlet or outlet,
                    published=published or article.published,
                    url=page.url,
                    warnings=article.warnings,
                    identity=_identity(link, title),
                )
            warnings.append(
                f"item link {link} is {page.content_type or 'untyped'}, not a page; "
                "text is the feed summary"
            )
        except InputError as e:
            warnings.append(f"item link not followed ({e.reason}); text is the feed summary")
    elif isinstance(followed, str):
        warnings.append(f"{followed}; text is the feed summary")
    if not text:
        reason = "feed item has no text" + ("" if link else " and no link")
        if warnings:
            reason += f"; {warnings[-1]}"
        raise EmptyInputError(source, reason)
    if words < FOLLOW_BELOW_WORDS and not follow:
        warnings.append(f"feed item carries a {words}-word summary; its page was not fetched")
    elif words < FOLLOW_BELOW_WORDS and not link:
        warnings.append(f"feed item carries only a {words}-word summary and no link to the article")
    return RawArticle(
        text=text,
        uri=link or source,
        format="feed",
        title=title,
        outlet=outlet,
        published=published,
        url=link,
        warnings=warnings,
        identity=_identity(link, title),
    )


def _identity(link: str | None, title: str | None) -> str:
    """A feed item is its link and its title: the same summary under two of them is two items."""
    return f"{link or ''}\n{title or ''}"


# What following an item's link gave: the page, a reason it was not followed, or None (the
# item needed no following).
_Followed: TypeAlias = "FetchedPage | str | None"


class _Follower:
    """Fetches feed items' links a few at a time, within one time budget for the feed.

    At most ``FOLLOW_WORKERS`` fetches run at once and at most ``2 * FOLLOW_WORKERS`` pages
    wait to be used (a feed of thousands of teasers holds a bounded number in memory). The
    budget is ``FOLLOW_BUDGET_TIMEOUTS`` fetch timeouts for the whole feed: once spent, the
    remaining items keep their summaries, with a warning.
    """

    def __init__(self, fetcher: Fetcher | None, links: list[str | None]) -> None:
        self._fetcher = fetcher
        self._links = links
        self._futures: dict[int, Future[FetchedPage]] = {}
        self._next = 0
        self._pool: ThreadPoolExecutor | None = None
        self._deadline = 0.0
        self._budget = 0.0
        if fetcher is not None and any(links):
            self._pool = ThreadPoolExecutor(FOLLOW_WORKERS, thread_name_prefix="newsledger-feed")
            self._budget = fetcher.settings.fetch_timeout * FOLLOW_BUDGET_TIMEOUTS
            self._deadline = time.monotonic() + self._budget

    def __enter__(self) -> _Follower:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            # Fetches still running end at their own timeout; nobody waits for them.
            self._pool.shutdown(wait=False, cancel_futures=True)

    def result(self, index: int) -> _Followed:
        link = self._links[index]
        if link is None:
            return None
        if self._fetcher is None or self._pool is None:
            return f"item link {link} not followed (no fetcher)"
        self._submit_up_to(index + 2 * FOLLOW_WORKERS)
        future = self._futures.pop(index, None)
        remaining = self._deadline - time.monotonic()
        if future is None or remaining <= 0:
            if future is not None:
                future.cancel()
            return f"item link not followed (the feed's {self._budget:g} s for following links is spent)"
        try:
            return future.result(timeout=remaining)
        except FutureTimeout:
            future.cancel()
            return f"item link not followed (the feed's {self._budget:g} s for following links is spent)"
        except InputError as e:
            return f"item link not followed ({e.reason})"

    def _submit_up_to(self, end: int) -> None:
        assert self._pool is not None and self._fetcher is not None
        while self._next < min(end, len(self._links)):
            link = self._links[self._next]
            if link is not None and time.monotonic() < self._deadline:
                self._futures[self._next] = self._pool.submit(self._fetcher.fetch, link)
            self._next += 1
