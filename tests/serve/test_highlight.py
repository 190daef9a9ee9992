"""Highlight markup: every text segment escaped, spans nested or split, one tab stop each."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from newsledger.records import ArticleRecord, Entity, Quote, Source
from newsledger.serve.highlight import Annotation, card_id, highlight, record_annotations


class _Tree(HTMLParser):
    """Checks well-formedness and collects (tag, attrs) and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.opened: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.other_tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "mark":
            self.other_tags.append(tag)
        self.stack.append(tag)
        self.opened.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Tree:
    tree = _Tree()
    tree.feed(markup)
    tree.close()
    assert tree.stack == []
    return tree


def test_highlight_hostile_text_stays_text() -> None:
    text = 'He said <script>alert(1)</script> and <img src=x onerror="alert(2)"> &amp; <a href="javascript:alert(3)">x</a>'
    start = text.index("<script>")
    html = str(highlight(text, [Annotation("quote", start, start + 25, "rec-quote-0")]))
    tree = _parse(html)
    assert tree.other_tags == []  # no <script>, <img> or <a> became markup
    assert "".join(tree.text) == text  # and the reader sees exactly the article's characters
    assert "&amp;amp;" in html  # an entity in the article is shown literally, not decoded


def test_highlight_nested_spans_nest_outermost_first() -> None:
    text = "Officials said Kim ordered more missiles."
    claim = Annotation("claim", 15, 40, "rec-claim-0")
    entity = Annotation("entity", 15, 18, "rec-entity-e1")
    event = Annotation("event", 19, 26, "rec-event-v1")
    html = str(highlight(text, [entity, event, claim]))
    tree = _parse(html)
    assert "".join(tree.text) == text
    assert html.index('data-ref="rec-claim-0"') < html.index('data-ref="rec-entity-e1"')
    # the entity and event marks sit inside the claim mark
    inner = re.search(r'data-ref="rec-claim-0"[^>]*>(.*)</mark>', html)
    assert (
        inner is not None and "rec-entity-e1" in inner.group(1) and "rec-event-v1" in inner.group(1)
    )


def test_highlight_crossing_spans_split_with_one_tab_stop() -> None:
    text = "abcdefghijklmnopqrst"
    quote = Annotation("quote", 0, 10, "rec-quote-0")
    claim = Annotation("claim", 5, 15, "rec-claim-0")
    html = str(highlight(text, [quote, claim]))
    tree = _parse(html)
    assert "".join(tree.text) == text
    claim_pieces = [a for a in tree.opened if a.get("data-ref") == "rec-claim-0"]
    assert len(claim_pieces) == 2  # closed at the quote's end, reopened after it
    assert sum(1 for a in claim_pieces if a.get("tabindex") == "0") == 1
    quote_pieces = [a for a in tree.opened if a.get("data-ref") == "rec-quote-0"]
    assert [a.get("tabindex") for a in quote_pieces] == ["0"]


def test_highlight_ignores_spans_outside_the_text() -> None:
    text = "short text"
    html = str(
        highlight(
            text,
            [
                Annotation("quote", 5, 99, "q"),
                Annotation("quote", 3, 3, "z"),
                Annotation("entity", 0, 5, "rec-entity-e1"),
            ],
        )
    )
    tree = _parse(html)
    assert "".join(tree.text) == text
    assert [a.get("data-ref") for a in tree.opened] == ["rec-entity-e1"]


def test_highlight_annotations_cover_every_record_part() -> None:
    text = 'Kim said "we will build more".'
    record = ArticleRecord(
        id="a1",
        source=Source(uri=None),
        headline=None,
        dateline=None,
        published=None,
        published_basis=None,
        text=text,
        entities=[Entity(id="e1", name="Kim Jong Un", type="PERSON", mentions=[(0, 3)])],
        quotes=[
            Quote(
                text="we will build more", span=(10, 28), speaker="Kim Jong Un", speaker_entity="e1"
            )
        ],
    )
    found = record_annotations(record)
    assert {(a.kind, a.start, a.end, a.ref) for a in found} == {
        ("entity", 0, 3, "rec-entity-e1"),
        ("quote", 10, 28, "rec-quote-0"),
    }


def test_highlight_card_id_keeps_only_safe_characters() -> None:
    assert card_id("event", 'v1" onmouseover="x') == "rec-event-v1__onmouseover__x"
