"""Multi-story files: Reuters-21578 SGML, NewsML and mbox split into their own articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.ingest.failure import IngestFailure
from newsledger.ingest.sources import iter_sources
from newsledger.records import RawArticle
from newsledger.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _items(path: Path, settings: Settings | None = None) -> list[RawArticle | IngestFailure]:
    return list(iter_sources([str(path)], settings=settings or Settings()))


def test_reuters_sgml_splits_stories_with_a_body() -> None:
    items = _items(FIXTURES / "three_stories.sgm")
    assert all(isinstance(i, RawArticle) for i in items)
    articles = [i for i in items if isinstance(i, RawArticle)]
    # the brief (NEWID 902) has a title but no <BODY>: not an article
    assert [a.uri.rsplit("#", 1)[1] for a in articles] == ["NEWID=901", "NEWID=903"]
    first, second = articles
    assert first.title == "RURITANIA EXPECTS RECORD WHEAT HARVEST"
    assert (first.published, second.published) == ("1987-03-03", "1987-04-11")
    assert first.text.startswith("STRELSAU, March 3 - Ruritania's farm ministry")
    # SGML references: control characters dropped, &lt; &gt; decoded
    assert "<RWX>" in first.text and "\x03" not in first.text and "&#" not in first.text
    assert first.outlet == "Reuters"


def test_reuters_sgml_is_sniffed_whatever_the_suffix(tmp_path: Path) -> None:
    copy = tmp_path / "wire.dat"
    copy.write_bytes((FIXTURES / "three_stories.sgm").read_bytes())
    assert len([i for i in _items(copy) if isinstance(i, RawArticle)]) == 2


def test_reuters_sgml_without_a_complete_story_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "cut.sgm"
    broken.write_bytes(b'<REUTERS NEWID="1">\n<DATE>1-JAN-1987</DATE>\n<TEXT>cut off')
    (item,) = _items(broken)
    assert isinstance(item, IngestFailure) and "no complete <REUTERS>" in item.reason


def test_reuters_sgml_story_over_the_article_limit_fails_alone(tmp_path: Path) -> None:
    items = _items(FIXTURES / "three_stories.sgm", Settings(max_input_bytes=300))
    failed = [i for i in items if isinstance(i, IngestFailure)]
    assert failed and all("larger than the 300-byte limit" in f.reason for f in failed)
    assert all(f.source.startswith(str(FIXTURES / "three_stories.sgm#NEWID=")) for f in failed)


NEWSML_G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2024-06-02T10:00:00Z</sent></header>
  <itemSet>
    <newsItem guid="urn:example:1">
      <itemMeta><firstCreated>2024-06-01T07:30:00Z</firstCreated></itemMeta>
      <contentMeta>
        <headline>Ferry service resumes after storm</headline>
        <dateline>KESTREL BAY, June 1</dateline>
      </contentMeta>
      <contentSet><inlineXML contenttype="application/nitf+xml">
        <nitf><body><body.content>
          <p>The island ferry resumed sailings on Saturday after two days of gales.</p>
          <p>The operator said the morning crossing was full.</p>
        </body.content></body></nitf>
      </inlineXML></contentSet>
    </newsItem>
    <newsItem guid="urn:example:2">
      <contentMeta><contentCreated>2024-05-30</contentCreated>
        <headline>Library extends opening hours</headline></contentMeta>
      <contentSet><inlineData contenttype="text/plain">The town library will open until nine
on weekdays from next month, the council said on Thursday.</inlineData></contentSet>
    </newsItem>
    <newsItem guid="urn:example:3"><contentMeta><headline>Picture only</headline></contentMeta>
    </newsItem>
  </itemSet>
</newsMessage>
"""


def test_newsml_items_become_articles_with_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "bundle.xml"
    path.write_text(NEWSML_G2, encoding="utf-8")
    first, second, third = _items(path)
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.title, first.published) == ("Ferry service resumes after storm", "2024-06-01")
    assert first.text.startswith("KESTREL BAY, June 1 - The island ferry resumed")
    assert "\n\nThe operator said" in first.text
    assert (second.title, second.published) == ("Library extends opening hours", "2024-05-30")
    assert isinstance(third, IngestFailure) and "no body text" in third.reason
    assert third.source.endswith("bundle.xml#item-3")


MBOX = """From desk@wire.example Mon Jan  8 09:00:00 2024
From: desk@wire.example
Subject: Bridge closed for repairs
Date: Mon, 08 Jan 2024 09:00:00 +0000

The old river bridge will close for three weeks of repairs, the highways
agency said on Monday.
>From next week buses will run on a diversion.

From desk@wire.example Tue Jan  9 11:00:00 2024
From: desk@wire.example
Subject: Orchestra names new conductor
Date: Tue, 09 Jan 2024 11:00:00 +0000

The city orchestra named a new principal conductor on Tuesday.
"""


@pytest.mark.parametrize("name", ["desk.mbox", "desk.txt"])
def test_mbox_messages_become_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(MBOX, encoding="utf-8")
    first, second = _items(path)
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.title, first.published) == ("Bridge closed for repairs", "2024-01-08")
    assert "\nFrom next week buses" in first.text  # the >From quoting undone
    assert (second.title, second.published) == ("Orchestra names new conductor", "2024-01-09")
    assert second.uri.endswith(f"{name}#message-2")


def test_markup_that_cannot_be_split_is_refused_before_parsing(tmp_path: Path) -> None:
    lines = [
        f'<STORY ID="{i}"><HEAD>Item {i}</HEAD><BODY>Text of item {i}.</BODY></STORY>'
        for i in range(40)
    ]
    path = tmp_path / "dump.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (item,) = _items(path)
    assert isinstance(item, IngestFailure)
    assert "looks like markup (40 of 40 lines open with a tag)" in item.reason


def test_one_text_over_the_article_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 200, encoding="utf-8")
    (item,) = _items(path, Settings(max_input_bytes=500))
    assert isinstance(item, IngestFailure) and "larger than the 500-byte limit" in item.reason


def test_count_items_counts_stories_without_parsing(tmp_path: Path) -> None:
    from newsledger.ingest.sources import count_items

    (tmp_path / "desk.mbox").write_text(MBOX, encoding="utf-8")
    (tmp_path / "bundle.xml").write_text(NEWSML_G2, encoding="utf-8")
    (tmp_path / "one.txt").write_text("A short article.", encoding="utf-8")
    (tmp_path / "wire.sgm").write_bytes((FIXTURES / "three_stories.sgm").read_bytes())
    settings = Settings()
    # 2 messages + 3 news items + 1 text + 2 stories with a body
    assert count_items([str(tmp_path)], settings=settings) == 8
    assert count_items([str(tmp_path / "wire.sgm")], settings=settings) == len(
        _items(tmp_path / "wire.sgm")
    )
    assert count_items(["https://example.org/feed"], settings=settings) is None
    assert count_items([str(tmp_path / "missing.txt")], settings=settings) == 1
