"""HTML pages -> raw articles: body text and metadata with trafilatura, date with htmldate.

trafilatura strips navigation, footers and other page furniture; its metadata step reads the
publication date through ``htmldate.find_date`` with the parameters in ``_DATE_PARAMS``.
"""

from __future__ import annotations

import codecs
import re
from typing import Any
from urllib.parse import urlsplit

from newsledger.errors import EmptyInputError, InputError
from newsledger.ingest.textfile import decode_text
from newsledger.records import RawArticle

# Fewer words than this after boilerplate removal is a link hub, an error page or a teaser,
# not an article the extraction stages can use.
MIN_ARTICLE_WORDS = 25

# original_date: a news page's first publication, not its last update. No extensive search:
# guessing from dates that appear in the body would stamp an article with the date of an
# event it reports.
# min_date: htmldate ignores dates before 1995 by default, which would drop the date of
# every page in a news archive.
_DATE_PARAMS: dict[str, Any] = {
    "extensive_search": False,
    "original_date": True,
    "min_date": "1900-01-01",
}

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# libxml2 reports HTML5 elements it does not know (<article>, <nav>, <figure>) as errors;
# they say nothing about whether the markup is broken.
_IGNORED_PARSER_ERRORS = {"HTML_UNKNOWN_TAG"}
# Elements whose content is code or markup for later, never text a reader sees.
_CODE_TAGS = ("script", "style", "noscript", "template")


def decode_html(data: bytes, source: str, charset: str | None = None) -> tuple[str, list[str]]:
    """Bytes -> text: a byte-order mark, else the HTTP charset, else <meta>, else UTF-8.

    The order is the one browsers use (WHATWG encoding sniffing), including their rule that
    a <meta> claiming UTF-16 is wrong: the bytes being read as ASCII prove it.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data.decode("utf-16", errors="replace"), source)
    declared = charset
    if declared is None:
        match = _META_CHARSET.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii", "ignore")
            if declared.lower().replace("_", "-").startswith(("utf-16", "utf-32")):
                declared = None
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = "utf-8"
        if name not in ("utf-8", "utf-8-sig", "ascii"):
            try:
                return _decoded(data.decode(name), source)
            except UnicodeDecodeError:
                pass  # the declaration lies; fall back to UTF-8 with repair
    return decode_text(data, source)


def _decoded(text: str, source: str) -> tuple[str, list[str]]:
    # decode_text still refuses binary data and empty pages.
    decode_text(text.encode("utf-8", errors="replace"), source)
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _parser_errors(markup: str) -> list[str]:
    from lxml import etree  # deferred on purpose, as trafilatura below

    parser = etree.HTMLParser(recover=True)
    try:
        etree.fromstring(markup.encode("utf-8"), parser)
    except etree.XMLSyntaxError as e:
        return [str(e)]
    errors = []
    for entry in parser.error_log:
        if entry.type_name in _IGNORED_PARSER_ERRORS:
            continue
        errors.append(f"line {entry.line}: {entry.message}")
    return errors


def html_to_article(
    data: bytes,
    source: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    warnings: list[str] | None = None,
) -> RawArticle:
    """One HTML page -> one article, or InputError with the reason there is none."""
    # Deferred on purpose: a run over text files never loads trafilatura (0.1 s of CPU).
    import trafilatura
    from trafilatura.utils import load_html

    markup, decode_warnings = decode_html(data, source, charset)
    try:
        tree = load_html(markup)
        if tree is None:
            raise InputError(source, "HTML could not be parsed (not an HTML document)")
        _drop_code(tree)
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            # Link lists and teaser blocks are worse for the ledger than a lost paragraph.
            favor_precision=True,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except InputError:
        raise
    except Exception as e:  # trafilatura and lxml raise a wide variety on hostile markup
        raise InputError(source, f"HTML could not be parsed ({type(e).__name__}: {e})") from e
    text = _clean(getattr(doc, "text", None) or "")
    if len(text.split()) < MIN_ARTICLE_WORDS:
        errors = _parser_errors(markup)
        count = len(text.split())
        found = (
            f"only {count} word{'' if count == 1 else 's'} of body text" if text else "no body text"
        )
        if errors:
            raise InputError(
                source,
                f"malformed HTML and no article could be recovered ({found}; "
                f"{len(errors)} parser error(s), first at {errors[0]})",
            )
        raise EmptyInputError(
            source,
            f"HTML page holds no article ({found} after removing navigation and boilerplate; "
            f"need at least {MIN_ARTICLE_WORDS})",
        )
    # Markup the parser had to repair is not worth a warning once an article came out of it:
    # nearly every real page has a stray "&" or an unclosed <p>.
    all_warnings = [*(warnings or []), *decode_warnings]
    page_url = getattr(doc, "url", None) or url
    # the page's own name for its site (trafilatura gives the host when the page names none:
    # no outlet then; extraction falls back on a known outlet's domain)
    outlet = getattr(doc, "sitename", None) or None
    if outlet is not None and _is_host_of(outlet, page_url):
        outlet = None
    return RawArticle(
        text=text,
        uri=source,
        format="html",
        title=getattr(doc, "title", None) or None,
        outlet=outlet,
        published=getattr(doc, "date", None) or None,
        url=page_url,
        warnings=all_warnings,
    )


def _drop_code(tree: Any) -> None:
    """Remove scripts, styles and templates, keeping the text that follows each.

    trafilatura drops them from the body but reads the headline as the text of the <h1>, code
    inside it included. JSON-LD blocks stay: they carry the page's metadata.
    """
    doomed = [
        el
        for el in tree.iter(*_CODE_TAGS)
        if not (el.tag == "script" and "ld+json" in (el.get("type") or "").lower())
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _clean(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _is_host_of(name: str, url: str | None) -> bool:
    host = (urlsplit(url).hostname or "") if url else ""
    name = name.strip().lower()
    return bool(host) and name in {host, host.removeprefix("www."), f"www.{host}"}


def looks_like_html(head: bytes) -> bool:
    start = head[:1024].lstrip().lower()
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:].lstrip()
    return start.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in start and b"<body" in head[:8192].lower()
    )
