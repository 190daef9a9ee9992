"""Feeds: RSS and Atom items, hostile XML refused before feedparser, summaries followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest.feeds import check_feed_xml, fragment_text
from newsledger.ingest.sources import IngestFailure
from newsledger.records import RawArticle
from tests.ingest.conftest import Route, article_html, rss_feed, story_text

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lowland Courier</title>
  <id>urn:uuid:5a1c0c43-0000-4000-8000-000000000001</id>
  <updated>2024-04-02T12:00:00Z</updated>
  <entry>
    <title>Flood warnings lifted</title>
    <id>urn:uuid:5a1c0c43-0000-4000-8000-000000000002</id>
    <link href="https://courier.example/floods"/>
    <published>2024-04-01T18:45:00+02:00</published>
    <updated>2024-04-02T07:00:00Z</updated>
    <content type="html">{content}</content>
  </entry>
</feed>"""


def _long_html(key: str, copies: int = 4) -> str:
    return "".join(f"<p>{p}</p>" for p in [story_text(key)] * copies)


def test_feeds_atom_entry(tmp_path: Path, collect) -> None:
    from xml.sax.saxutils import escape

    path = tmp_path / "courier.atom"
    path.write_text(ATOM.format(content=escape(_long_html("flood"))), encoding="utf-8")
    [article] = collect(str(path))
    assert isinstance(article, RawArticle)
    assert article.title == "Flood warnings lifted"
    assert article.outlet == "Lowland Courier"
    assert article.published == "2024-04-01"  # the publication, not the update
    assert article.url == article.uri == "https://courier.example/floods"
    assert "<p>" not in article.text
    assert article.text.count("\n") >= 3  # paragraphs kept as lines


def test_feeds_html_entities_in_feed_are_accepted(tmp_path: Path, collect) -> None:
    path = tmp_path / "entities.rss"
    feed = rss_feed([{"title": "Tram&nbsp;line approved", "content": _long_html("vote")}])
    path.write_text(feed, encoding="utf-8")
    [article] = collect(str(path))
    assert isinstance(article, RawArticle)
    assert article.title == "Tram line approved"  # &nbsp; read, then spaces folded


def test_feeds_each_item_is_an_article(tmp_path: Path, collect) -> None:
    path = tmp_path / "world.xml"
    path.write_text(
        rss_feed([{"title": k, "content": _long_html(k)} for k in ("port", "flood", "vote")]),
        encoding="utf-8",
    )
    items = collect(str(path))
    assert [i.title for i in items] == ["port", "flood", "vote"]
    assert [i.uri for i in items] == [f"{path}#item-{n}" for n in (1, 2, 3)]


def test_feeds_item_without_text_or_link_is_a_failure(tmp_path: Path, collect) -> None:
    path = tmp_path / "world.rss"
    path.write_text(
        rss_feed([{"title": "empty item"}, {"title": "vote", "content": _long_html("vote")}]),
        encoding="utf-8",
    )
    failure, article = collect(str(path))
    assert isinstance(failure, IngestFailure) and isinstance(article, RawArticle)
    assert failure.source == f"{path}#item-1"
    assert failure.reason == "feed item has no text and no link"


def test_feeds_feed_without_items_is_a_failure(tmp_path: Path, collect) -> None:
    path = tmp_path / "none.rss"
    path.write_text(rss_feed([]), encoding="utf-8")
    [failure] = collect(str(path))
    assert failure.reason == "feed has no items"


def test_feeds_truncated_feed_is_a_failure(tmp_path: Path, collect) -> None:
    path = tmp_path / "cut.rss"
    feed = rss_feed([{"title": k, "content": _long_html(k)} for k in ("port", "flood")])
    path.write_text(feed[: len(feed) * 2 // 3], encoding="utf-8")
    [failure] = collect(str(path))
    assert isinstance(failure, IngestFailure)
    assert failure.reason.startswith("feed XML is malformed (truncated?)")
    assert "line" in failure.reason


XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>t</title>
<item><title>&secret;</title><description>leak</description></item></channel></rss>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>laugh</title><description>&lol9;</description></item></channel></rss>"""


@pytest.mark.parametrize("payload", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_feeds_entity_payloads_are_refused(
    tmp_path: Path, collect, payload: str, monkeypatch
) -> None:
    import feedparser

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("feedparser saw a hostile feed")

    monkeypatch.setattr(feedparser, "parse", must_not_run)
    path = tmp_path / "evil.xml"
    path.write_text(payload, encoding="utf-8")
    [failure] = collect(str(path))
    assert isinstance(failure, IngestFailure)
    assert "refused" in failure.reason
    assert "passwd" not in failure.reason


def test_feeds_external_dtd_is_never_loaded(tmp_path: Path, collect, server) -> None:
    dtd = server.add("/evil.dtd", Route(body=b'<!ENTITY x "boom">', content_type="text/plain"))
    feed = rss_feed([{"title": "vote", "content": _long_html("vote")}])
    feed = feed.replace("\n", f'\n<!DOCTYPE rss SYSTEM "{dtd}">\n', 1)
    assert b"DOCTYPE" not in check_feed_xml(feed.encode(), "x.rss")[0]
    path = tmp_path / "external.rss"
    path.write_text(feed, encoding="utf-8")
    [article] = collect(str(path), allow_private=True)
    assert isinstance(article, RawArticle)
    assert server.hits == []


def test_feeds_bare_doctype_of_rss_091_is_accepted(tmp_path: Path, collect) -> None:
    feed = rss_feed([{"title": "vote", "content": _long_html("vote")}]).replace(
        "\n",
        '\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n',
        1,
    )
    path = tmp_path / "old.rss"
    path.write_text(feed, encoding="utf-8")
    [article] = collect(str(path))
    assert isinstance(article, RawArticle)


def test_feeds_xml_that_is_not_a_feed(tmp_path: Path, collect) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><a>1</a></settings>', encoding="utf-8")
    [failure] = collect(str(path))
    assert failure.reason == "XML is not an RSS or Atom feed (root element <settings>)"


def test_feeds_check_refuses_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        check_feed_xml(b"\x00\x01\x02" * 100, "x.rss")


def test_feeds_fragment_text_keeps_paragraphs() -> None:
    assert fragment_text("<p>One &amp; two.</p><p>Three<br>four</p>") == "One & two.\nThree\nfour"
    assert fragment_text("Plain &amp; simple") == "Plain & simple"


def test_feeds_summary_items_follow_their_link(tmp_path: Path, collect, server) -> None:
    link = server.add("/news/port", Route(body=article_html("port", url=None).encode()))
    path = tmp_path / "teasers.rss"
    path.write_text(
        rss_feed(
            [
                {
                    "title": "Port strike ends",
                    "link": link,
                    "summary": "Dock workers vote.",
                    "date": "Tue, 05 Mar 2024 08:00:00 GMT",
                }
            ]
        ),
        encoding="utf-8",
    )
    [article] = collect(str(path), allow_private=True)
    assert isinstance(article, RawArticle)
    assert "night shifts would resume on Wednesday" in article.text
    assert article.format == "feed"
    assert article.title == "Port strike ends"
    assert article.published == "2024-03-05"
    assert article.url == link
    assert server.hits == ["/news/port"]


def test_feeds_summary_kept_when_link_is_refused(tmp_path: Path, collect, server) -> None:
    link = server.add("/news/port", Route(body=article_html("port").encode()))
    path = tmp_path / "teasers.rss"
    path.write_text(
        rss_feed([{"title": "Port", "link": link, "summary": "Dock workers vote."}]),
        encoding="utf-8",
    )
    [article] = collect(str(path))  # loopback not allowed: the link is refused
    assert isinstance(article, RawArticle)
    assert article.text == "Dock workers vote."
    assert any("loopback" in w and "feed summary" in w for w in article.warnings)
    assert server.hits == []


def test_feeds_long_items_are_not_followed(tmp_path: Path, collect, server) -> None:
    link = server.add("/news/vote", Route(body=article_html("vote").encode()))
    path = tmp_path / "full.rss"
    path.write_text(
        rss_feed([{"title": "vote", "link": link, "content": _long_html("vote")}]), encoding="utf-8"
    )
    [article] = collect(str(path), allow_private=True)
    assert isinstance(article, RawArticle)
    assert server.hits == []


def test_feeds_feed_url(collect, server) -> None:
    link = server.add("/news/flood", Route(body=article_html("flood").encode()))
    feed = rss_feed([{"title": "Floods", "link": link, "summary": "Warnings lifted."}])
    url = server.add("/feed", Route(body=feed.encode(), content_type="application/rss+xml"))
    [article] = collect(url, allow_private=True)
    assert isinstance(article, RawArticle)
    assert "eleven" in article.text
    assert server.hits == ["/feed", "/news/flood"]


def test_feeds_feed_served_as_generic_xml(collect, server) -> None:
    feed = rss_feed([{"title": "vote", "content": _long_html("vote")}])
    url = server.add("/feed.xml", Route(body=feed.encode(), content_type="text/xml"))
    [article] = collect(url, allow_private=True)
    assert isinstance(article, RawArticle) and article.format == "feed"


def test_feeds_looks_like_feed_reads_the_root_element() -> None:
    from newsledger.ingest.feeds import looks_like_feed

    assert looks_like_feed(b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">')
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed(b"<rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed(b"<html><body><feedback>Tell us</feedback></body></html>")
    assert not looks_like_feed(b"Plain text that mentions <rss> tags later")


def test_feeds_relative_item_links_resolve_against_the_feed_url(collect, server) -> None:
    server.add("/news/flood", Route(body=article_html("flood").encode()))
    feed = rss_feed([{"title": "Floods", "link": "/news/flood", "summary": "Warnings lifted."}])
    url = server.add("/feeds/world", Route(body=feed.encode(), content_type="application/rss+xml"))
    [article] = collect(url, allow_private=True)
    assert article.url == server.url("/news/flood")
    assert "eleven" in article.text


def test_feeds_doctype_text_inside_an_item_is_not_a_dtd(tmp_path: Path, collect) -> None:
    content = "<p>Code sample: &lt;!DOCTYPE x [ ]&gt;</p>" + _long_html("vote")
    path = tmp_path / "code.rss"
    path.write_text(
        rss_feed([{"title": "vote", "content": content}]).replace(
            "<![CDATA[<p>Code sample", "<![CDATA[<!DOCTYPE x [ ]><p>Code sample"
        ),
        encoding="utf-8",
    )
    [article] = collect(str(path))
    assert isinstance(article, RawArticle)


def test_feeds_root_element_scan_on_hostile_prologs() -> None:
    from newsledger.ingest.feeds import root_element

    # Inputs that make a backtracking regular expression run for minutes.
    assert root_element(b"<!---->" * 1100 + b"x") is None
    assert root_element(b"<?a?>" * 1600) is None
    assert root_element(b"<!-- <!-- " * 800) is None
    assert (
        root_element(b'<?xml version="1.0"?><!-- c --><!DOCTYPE rss [<!ENTITY a "b">]><rss>')
        == b"rss"
    )


def test_feeds_short_item_without_link_is_kept_with_a_warning(tmp_path: Path, collect) -> None:
    path = tmp_path / "brief.rss"
    path.write_text(
        rss_feed([{"title": "Brief", "summary": "Dock workers end their strike."}]),
        encoding="utf-8",
    )
    [article] = collect(str(path))
    assert isinstance(article, RawArticle)
    assert article.text == "Dock workers end their strike."
    assert article.warnings == [
        "feed item carries only a 5-word summary and no link to the article"
    ]


def test_feeds_invalid_utf8_is_repaired_with_a_warning(tmp_path: Path, collect) -> None:
    feed = rss_feed([{"title": "Caf\udce9 reopens", "content": _long_html("flood")}])
    path = tmp_path / "broken.rss"
    path.write_bytes(feed.encode("utf-8", "surrogateescape"))
    [article] = collect(str(path))
    assert isinstance(article, RawArticle)
    assert article.title == "Caf\ufffd reopens"
    assert article.warnings[0].startswith("invalid UTF-8 in the feed repaired: 1 undecodable")


@pytest.mark.parametrize("encoding", ["utf-16", "iso-8859-1", "windows-1252"])
def test_feeds_declared_encodings(tmp_path: Path, collect, encoding: str) -> None:
    feed = rss_feed([{"title": "Café reopens", "content": _long_html("flood")}])
    feed = feed.replace('encoding="utf-8"', f'encoding="{encoding}"')
    path = tmp_path / "enc.rss"
    path.write_bytes(feed.encode(encoding))
    [article] = collect(str(path))
    assert isinstance(article, RawArticle), article
    assert article.title == "Café reopens" and article.warnings == []


def test_feeds_http_charset_overrides_the_declaration(collect, server) -> None:
    feed = rss_feed([{"title": "Café reopens", "content": _long_html("flood")}])
    body = feed.encode("iso-8859-1")  # the declaration still says utf-8: the header wins
    url = server.add("/f", Route(body=body, content_type="application/rss+xml; charset=ISO-8859-1"))
    [article] = collect(url, allow_private=True)
    assert article.title == "Café reopens" and article.warnings == []


def _teaser_feed(path: Path, links: list[str]) -> Path:
    path.write_text(
        rss_feed(
            [
                {"title": f"Story {i}", "link": link, "summary": f"Teaser number {i}."}
                for i, link in enumerate(links)
            ]
        ),
        encoding="utf-8",
    )
    return path


def test_feeds_item_links_are_followed_several_at_a_time(tmp_path: Path, collect, server) -> None:
    links = [
        server.add(f"/news/{i}", Route(body=article_html("port", url=None).encode(), delay=0.3))
        for i in range(8)
    ]
    items = collect(str(_teaser_feed(tmp_path / "f.rss", links)), allow_private=True)
    assert [i.url for i in items] == links  # feed order kept
    assert all("night shifts would resume" in i.text for i in items)
    assert server.peak_in_flight > 1


def test_feeds_hanging_item_links_share_one_time_budget(tmp_path: Path, collect, server) -> None:
    # Each link hangs past the fetch timeout (0.5 s in these tests). One at a time, 60 items
    # would take 30 s; the feed gets FOLLOW_BUDGET_TIMEOUTS timeouts in all, so items beyond
    # the budget are not fetched and keep their summaries, with a warning saying why.
    links = [server.add(f"/hang/{i}", Route(body=b"late", delay=5)) for i in range(60)]
    items = collect(str(_teaser_feed(tmp_path / "f.rss", links)), allow_private=True)
    assert len(items) == 60
    assert all(isinstance(i, RawArticle) and i.text.startswith("Teaser") for i in items)
    assert all(any("not followed" in w for w in i.warnings) for i in items)
    spent = [i for i in items if any("is spent" in w for w in i.warnings)]
    assert spent, [i.warnings for i in items]
    assert len(server.hits) < 60
