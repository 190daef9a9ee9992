"""Any source -> raw articles, with a failure record for whatever cannot be read.

A source is a file (text, HTML page, RSS/Atom feed, JSON Lines), a directory of those
(recursively, in a stable order), an http(s) URL (a page, a feed or plain text, by content
type), or ``-`` for standard input. ``iter_sources`` never raises for a bad input: each one
becomes an ``IngestFailure`` with a one-line reason and the batch goes on.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsledger.errors import InputError, InputTooLargeError
from newsledger.ingest.address import is_url
from newsledger.ingest.checks import checked
from newsledger.ingest.failure import IngestFailure
from newsledger.ingest.feeds import iter_feed, looks_like_feed
from newsledger.ingest.html import decode_html, html_to_article, looks_like_html
from newsledger.ingest.jsonl import iter_jsonl
from newsledger.ingest.mbox import iter_mbox, looks_like_mbox
from newsledger.ingest.newsml import iter_newsml, looks_like_newsml
from newsledger.ingest.reuters_sgml import iter_reuters_sgml, looks_like_reuters_sgml
from newsledger.ingest.sidecar import with_sidecars
from newsledger.ingest.textfile import decode_text, read_text_stream
from newsledger.records import RawArticle
from newsledger.settings import Settings

if TYPE_CHECKING:
    from newsledger.ingest.fetch import FetchedPage, Fetcher

__all__ = ["IngestFailure", "Item", "iter_sources", "list_article_files", "DIRECTORY_SUFFIXES"]

Item = RawArticle | IngestFailure

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_FEED_SUFFIXES = {".xml", ".rss", ".atom"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_TEXT_SUFFIXES = {".txt"}
_SGML_SUFFIXES = {".sgm", ".sgml"}
_MBOX_SUFFIXES = {".mbox"}
# Files that hold many stories get the (larger) download limit; each story still gets the
# per-article one.
_MULTI_STORY_SUFFIXES = _FEED_SUFFIXES | _SGML_SUFFIXES | _MBOX_SUFFIXES
DIRECTORY_SUFFIXES = (
    _HTML_SUFFIXES | _FEED_SUFFIXES | _JSONL_SUFFIXES | _TEXT_SUFFIXES | _SGML_SUFFIXES
) | _MBOX_SUFFIXES

# A "text" whose lines are mostly tags is a container NewsLedger could not split: parsed as
# one article it would be a huge text of markup and nonsense events, so it is refused.
_TAG_LINE = re.compile(r"^\s*</?[A-Za-z][\w.:-]*(\s[^>]*)?>", re.MULTILINE)
_MARKUP_MIN_LINES = 20
_MARKUP_SHARE = 0.3

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
_XML_TYPES = {"application/xml", "text/xml"}
# Types servers send when they do not know; the body decides (binary is still refused).
_UNTYPED = {"application/octet-stream", "binary/octet-stream", "application/unknown"}


class _Context:
    """What every source shares: settings and one lazily opened fetcher."""

    def __init__(self, settings: Settings, allow_private: bool) -> None:
        self.settings = settings
        self.allow_private = allow_private
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            # Deferred on purpose: a run over files never loads the HTTP client (0.1 s of CPU).
            from newsledger.ingest.fetch import Fetcher

            self._fetcher = Fetcher(self.settings, allow_private=self.allow_private)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()


def iter_sources(
    sources: Sequence[str], *, settings: Settings, allow_private: bool = False
) -> Iterator[RawArticle | IngestFailure]:
    """Articles and failures from every source, in the order given (directories sorted)."""
    context = _Context(settings, allow_private)
    try:
        for item in _items(sources, context):
            yield checked(item) if isinstance(item, RawArticle) else item
    finally:
        context.close()


def _items(sources: Sequence[str], context: _Context) -> Iterator[Item]:
    for source in sources:
        if source == "-":
            yield from _guarded("<stdin>", _stdin(context))
        elif is_url(source):
            yield from _guarded(source, _url(source, context))
        else:
            yield from _path(source, context)


# What opens one item in a multi-item file: a cheap count of them without parsing the file.
_ITEM_MARKERS = {
    "sgml": re.compile(rb"<BODY>", re.IGNORECASE),
    "feed": re.compile(rb"<(?:item|entry)[\s>]"),
    "newsml": re.compile(rb"<(?:\w+:)?(?:newsItem|NewsItem)[\s>]"),
    "mbox": re.compile(rb"(?:\A|\n\n)From \S"),
    "jsonl": re.compile(rb"\S[^\n]*(?:\n|\Z)"),
}


def count_items(sources: Sequence[str], *, settings: Settings) -> int | None:
    """About how many items ``iter_sources`` will yield, for a progress total.

    Counted from the files' bytes (stories with a body, feed items, messages, lines), never
    parsed. None when a source cannot be counted ahead (a URL, standard input).
    """
    total = 0
    for source in sources:
        if source == "-" or is_url(source):
            return None
        path = Path(source)
        if not path.exists():
            total += 1  # it will be one failure
            continue
        found = list(_walk(path)) if path.is_dir() else [path]
        counts = [1 if isinstance(f, IngestFailure) else _count_file(f, settings) for f in found]
        total += sum(counts) if found else 1  # an empty folder is one failure
    return total


def _count_file(path: Path, settings: Settings) -> int:
    suffix = path.suffix.lower()
    if (
        suffix in _TEXT_SUFFIXES | _HTML_SUFFIXES
        and path.stat().st_size <= settings.max_input_bytes
    ):
        try:
            with path.open("rb") as stream:
                head = stream.read(64)
        except OSError:
            return 1
        if not head.startswith(b"From "):
            return 1  # one article (an mbox in disguise is counted below)
    try:
        if path.stat().st_size > max(settings.fetch_max_bytes, settings.max_input_bytes):
            return 1  # it will be refused as too large
        data = path.read_bytes()
    except OSError:
        return 1
    if suffix in _JSONL_SUFFIXES:
        kind = "jsonl"
    elif suffix in _SGML_SUFFIXES or looks_like_reuters_sgml(data):
        kind = "sgml"
    elif looks_like_newsml(data):
        kind = "newsml"
    elif suffix in _FEED_SUFFIXES or looks_like_feed(data):
        kind = "feed"
    elif suffix in _MBOX_SUFFIXES or data.startswith(b"From "):
        kind = "mbox"
    else:
        return 1
    return max(1, len(_ITEM_MARKERS[kind].findall(data)))


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn any error out of one source into a failure for it, so the batch goes on."""
    try:
        yield from items
    except InputError as e:
        yield IngestFailure(e.source if e.source.startswith(source) else source, e.reason)
    except MemoryError:
        yield IngestFailure(source, "ran out of memory reading it; split it into smaller inputs")
    except Exception as e:  # the contract is "never an exception out of the iterator"
        yield IngestFailure(source, f"unexpected error ({type(e).__name__}: {e})")


def _stdin(context: _Context) -> Iterator[Item]:
    yield read_text_stream(sys.stdin.buffer, "<stdin>", max_bytes=context.settings.max_input_bytes)


def _path(source: str, context: _Context) -> Iterator[Item]:
    path = Path(source)
    if not path.exists():
        yield IngestFailure(source, _missing(path))
        return
    if not path.is_dir():
        yield from _guarded(source, _file(path, context))
        return
    found = False
    for file in _walk(path):
        found = True
        if isinstance(file, IngestFailure):
            yield file
        elif not file.exists():
            yield IngestFailure(str(file), _missing(file))
        else:
            yield from _guarded(str(file), _file(file, context))
    if not found:
        suffixes = ", ".join(f"*{s}" for s in sorted(DIRECTORY_SUFFIXES))
        yield IngestFailure(source, f"directory holds no article files ({suffixes})")


def list_article_files(root: Path) -> Iterator[Path]:
    """Matching files under ``root``, sorted; hidden entries and symlinked folders skipped.

    A link with a matching name that cannot be followed (it loops, or points nowhere) is listed
    too, so that reading it reports why instead of it vanishing from the batch.
    """
    for item in _walk(root):
        if isinstance(item, Path):
            yield item


def _walk(root: Path) -> Iterator[Path | IngestFailure]:
    """``list_article_files``, and a failure for each symlinked folder that loops back up.

    (A link to a folder that contains it would walk the tree again, so it is never followed.)
    """
    found: list[tuple[str, Path | IngestFailure]] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        kept = []
        for name in dirs:
            if name.startswith("."):
                continue
            link = here / name
            if link.is_symlink() and _loops_back(link):
                found.append((_rel(link, root), IngestFailure(str(link), _LOOP)))
            kept.append(name)
        dirs[:] = kept
        for name in files:
            if name.startswith("."):
                continue
            path = here / name
            if path.suffix.lower() not in DIRECTORY_SUFFIXES:
                continue
            if path.is_file() or path.is_symlink():
                found.append((_rel(path, root), path))
    found.sort(key=lambda pair: pair[0])
    yield from (item for _key, item in found)


_SELF_LOOP = "symbolic link loops (following it never reaches a file); not followed"
_LOOP = "symbolic link loops back to a folder that contains it; not followed"


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _loops_back(link: Path) -> bool:
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return False  # cannot be followed at all; os.walk lists it with the files
    return target == link.parent.resolve() or target in link.parent.resolve().parents


def _missing(path: Path) -> str:
    """Why a path that does not exist as a file or folder cannot be read."""
    if not path.is_symlink():
        return "no such file or directory"
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return _SELF_LOOP
    except OSError as e:
        if e.errno == errno.ELOOP:
            return _SELF_LOOP
        return f"symbolic link points to {os.readlink(path)!r}, which does not exist"
    return "symbolic link cannot be followed"


def _read_limited(path: Path, limit: int) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputTooLargeError(
                source,
                f"is {size:,} bytes, larger than the {limit:,}-byte limit; split it or raise "
                "max_input_bytes (NEWSLEDGER_MAX_INPUT_BYTES)",
            )
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as e:
        raise InputError(source, f"cannot be read ({e.strerror or e})") from e
    if len(data) > limit:  # the file grew after stat, or it is a device
        raise InputTooLargeError(source, f"is larger than the {limit:,}-byte limit")
    return data


def _file(path: Path, context: _Context) -> Iterator[Item]:
    source = str(path)
    settings = context.settings
    suffix = path.suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        yield from iter_jsonl(path, max_bytes=settings.max_input_bytes)
        return
    if suffix in _HTML_SUFFIXES:
        data = _read_limited(path, settings.max_input_bytes)
        yield with_sidecars(html_to_article(data, source), path)
        return
    # Anything else may hold many stories: read it up to the larger limit and let its content
    # decide; a single text is held to the per-article limit afterwards.
    data = _read_limited(path, max(settings.fetch_max_bytes, settings.max_input_bytes))
    if suffix in _SGML_SUFFIXES or looks_like_reuters_sgml(data):
        yield from _stories(iter_reuters_sgml(data, source), settings.max_input_bytes)
    elif looks_like_newsml(data):
        yield from _stories(iter_newsml(data, source), settings.max_input_bytes)
    elif suffix in _FEED_SUFFIXES or (suffix not in _TEXT_SUFFIXES and looks_like_feed(data)):
        yield from iter_feed(data, source, fetcher=context.fetcher)
    elif suffix not in _TEXT_SUFFIXES and suffix not in _MBOX_SUFFIXES and looks_like_html(data):
        _check_single(data, source, settings.max_input_bytes)
        yield with_sidecars(html_to_article(data, source), path)
    else:
        text, warnings = decode_text(data, source)
        if suffix in _MBOX_SUFFIXES or looks_like_mbox(text):
            yield from _stories(iter_mbox(text, source), settings.max_input_bytes)
            return
        _check_single(data, source, settings.max_input_bytes)
        _refuse_markup(text, source)
        yield with_sidecars(
            RawArticle(text=text, uri=source, format="text", warnings=warnings), path
        )


def _check_single(data: bytes, source: str, limit: int) -> None:
    if len(data) > limit:
        raise InputTooLargeError(
            source,
            f"is {len(data):,} bytes of one text, larger than the {limit:,}-byte limit for an "
            "article; split it into articles or raise max_input_bytes "
            "(NEWSLEDGER_MAX_INPUT_BYTES)",
        )


def _refuse_markup(text: str, source: str) -> None:
    """Refuse, before any parsing, a tag soup that would be read as one huge article."""
    lines = sum(1 for line in text.splitlines() if line.strip())
    tagged = sum(1 for _ in _TAG_LINE.finditer(text))
    if tagged >= _MARKUP_MIN_LINES and tagged >= _MARKUP_SHARE * lines:
        raise InputError(
            source,
            f"looks like markup ({tagged} of {lines} lines open with a tag), not article text; "
            "NewsLedger splits Reuters-21578 .sgm, NewsML, RSS/Atom and mbox files into "
            "stories: convert it to one of those or to one text file per article",
        )


def _stories(items: Iterator[Item], limit: int) -> Iterator[Item]:
    """The stories of a multi-story file, each held to the per-article size limit."""
    for item in items:
        if isinstance(item, RawArticle) and len(item.text.encode("utf-8")) > limit:
            yield IngestFailure(
                item.uri or "<story>",
                f"story is {len(item.text):,} characters, larger than the {limit:,}-byte limit "
                "for an article; raise max_input_bytes (NEWSLEDGER_MAX_INPUT_BYTES)",
            )
        else:
            yield item


def _url(url: str, context: _Context) -> Iterator[Item]:
    page = context.fetcher.fetch(url)
    yield from _page_items(url, page, context)


def _page_items(url: str, page: FetchedPage, context: _Context) -> Iterator[Item]:
    kind = page.content_type
    data = page.content
    if kind in _UNTYPED:
        kind = ""  # say nothing about the body: sniff it like an untyped response
    warnings = [f"redirected to {page.url}"] if page.redirects else []
    if kind in _FEED_TYPES or (
        (kind in _XML_TYPES or kind in _HTML_TYPES or not kind) and looks_like_feed(data)
    ):
        yield from iter_feed(
            data, url, fetcher=context.fetcher, feed_url=page.url, charset=page.charset
        )
    elif kind in _HTML_TYPES or (not kind and looks_like_html(data)):
        yield html_to_article(data, url, url=page.url, charset=page.charset, warnings=warnings)
    elif kind in _XML_TYPES:
        raise InputError(url, f"is XML ({kind}) but not an RSS or Atom feed")
    elif kind == "text/plain" or not kind:
        if len(data) > context.settings.max_input_bytes:
            raise InputTooLargeError(
                url, f"is larger than the {context.settings.max_input_bytes:,}-byte limit"
            )
        text, decode_warnings = decode_html(data, url, page.charset)
        yield RawArticle(
            text=text, uri=url, format="text", url=page.url, warnings=[*warnings, *decode_warnings]
        )
    else:
        raise InputError(
            url, f"content type {kind!r} is not an article (want HTML, a feed or text)"
        )
