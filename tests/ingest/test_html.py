"""HTML pages: article body and metadata, malformed markup, pages without an article."""

from __future__ import annotations

import pytest

from newsledger.errors import BinaryInputError, EmptyInputError, InputError
from newsledger.ingest.html import decode_html, html_to_article, looks_like_html
from tests.ingest.conftest import STORIES, article_html


def test_html_article_metadata() -> None:
    article = html_to_article(article_html("vote", site="Brennick Post").encode(), "vote.html")
    assert article.title == "Council approves new tram line after long debate"
    assert article.outlet == "Brennick Post"
    assert article.published == "2024-03-05"
    assert article.uri == "vote.html"
    assert "twenty-nine votes to eighteen" in article.text
    assert "Most read" not in article.text and "Ten tips" not in article.text


def test_html_outlet_is_not_the_host_of_the_address() -> None:
    # an aggregator's host is not the outlet that wrote the story; extraction names the
    # outlet of a known outlet's domain (tests/extract/test_article_outlet_from_address.py)
    page = article_html("port").replace(
        '<meta property="og:site_name" content="The Harbour Times">', ""
    )
    page = page.replace("| The Harbour Times", "")
    article = html_to_article(page.encode(), "p.html", url="https://www.harbour.example/x")
    assert article.outlet is None
    assert article.url == "https://harbour.example/news/story"  # the page's canonical address


def test_html_date_from_time_element_without_metadata() -> None:
    page = article_html("flood", published=None).replace(
        '<div class="byline">By Staff Reporter</div>',
        '<div class="byline">By Staff Reporter, <time datetime="2023-11-19">19 November 2023</time></div>',
    )
    article = html_to_article(page.encode(), "flood.html")
    assert article.published == "2023-11-19"


def test_html_no_date_is_none_not_a_guess_from_the_body() -> None:
    page = article_html("flood", published=None).replace("on Sunday", "on Sunday, 2 April 2023,")
    article = html_to_article(page.encode(), "flood.html")
    assert article.published is None


def test_html_malformed_but_recoverable_markup() -> None:
    title, paragraphs = STORIES["port"]
    # Unclosed paragraphs, mis-nested inline tags, a stray closing tag, no </body></html>.
    body = "".join(f"<p><b>{p[:20]}<i>{p[20:]}</b></i>" for p in paragraphs)
    page = f"<html><head><title>{title}</title></head><body></span><div>{body}"
    article = html_to_article(page.encode(), "broken.html")
    assert "nine-day strike" in article.text
    assert "night shifts would resume" in article.text


def test_html_malformed_beyond_repair_is_a_failure() -> None:
    page = b'<html><<body <p =""" <div <<<>>> </p </html <script>var x = \'<p>'
    with pytest.raises(InputError, match=r"^garbage.html: malformed HTML and no article") as caught:
        html_to_article(page, "garbage.html")
    assert "parser error(s), first at line 1" in caught.value.reason


def test_html_page_without_article() -> None:
    hub = """<!DOCTYPE html><html><head><title>Harbour Times: Sections</title></head><body>
    <nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/weather">Weather</a></li></ul></nav>
    <ul class="teasers"><li><a href="/1">Port strike ends</a></li><li><a href="/2">Floods recede</a></li></ul>
    <footer>Copyright 2024 The Harbour Times</footer></body></html>"""
    with pytest.raises(EmptyInputError, match="holds no article"):
        html_to_article(hub.encode(), "hub.html")


def test_html_binary_is_refused() -> None:
    with pytest.raises(BinaryInputError):
        html_to_article(bytes(range(256)) * 4, "x.html")


def test_html_decode_prefers_http_charset_then_meta() -> None:
    text, warnings = decode_html("<p>caf\xe9</p>".encode("cp1252"), "x", "windows-1252")
    assert text == "<p>café</p>" and warnings == []
    meta = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><p>caf\xe9</p>'
    text, warnings = decode_html(meta.encode("latin-1"), "x")
    assert "café" in text and warnings == []


def test_html_decode_unknown_charset_falls_back_to_utf8() -> None:
    text, warnings = decode_html("<p>café</p>".encode(), "x", "no-such-charset")
    assert text == "<p>café</p>" and warnings == []


def test_html_looks_like_html() -> None:
    assert looks_like_html(b"  <!DOCTYPE html><html>")
    assert looks_like_html(b"<HTML><head></head><body>")
    assert not looks_like_html(b"Dock workers at the port voted <b>today</b>.")


def test_html_archive_dates_before_1995_are_kept() -> None:
    article = html_to_article(
        article_html("port", published="1987-03-05T08:00:00Z").encode(), "a.html"
    )
    assert article.published == "1987-03-05"


def test_html_decode_byte_order_mark_and_false_utf16_meta() -> None:
    page = article_html("port").replace("nine-day", "nine-day café")
    text, warnings = decode_html(page.encode("utf-16"), "x")
    assert "nine-day café" in text and warnings == []
    # A page that says UTF-16 in <meta> but is plainly ASCII-compatible is read as UTF-8.
    lying = page.replace('charset="utf-8"', 'charset="utf-16"').encode("utf-8")
    text, warnings = decode_html(lying, "x")
    assert "nine-day café" in text and warnings == []


def test_html_link_list_page_is_not_an_article() -> None:
    links = "".join(
        f'<li><a href="/news/{n}">Council budget vote story number {n} draws a crowd</a>'
        "<span>2 hours ago</span></li>"
        for n in range(20)
    )
    page = (
        "<html><head><title>Latest | Harbour Times</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><h1>Latest news</h1><ul>{links}</ul><footer>Copyright</footer></body></html>"
    )
    with pytest.raises(EmptyInputError, match="holds no article"):
        html_to_article(page.encode(), "latest.html")
