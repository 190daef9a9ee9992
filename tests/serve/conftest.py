"""A ledger seeded with article records built here (not by the extractor), and clients on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.records import (
    ArticleRecord,
    Claim,
    Entity,
    Event,
    EventTime,
    Quote,
    RawArticle,
    Source,
    SourceRef,
    TimeExpression,
)

HOSTILE_HEADLINE = "<script>window.__pwned_headline = 1</script> Ministry statement"
HOSTILE_TEXT = (
    "The ministry said <script>window.__pwned = 1; alert('pwned')</script> nothing.\n\n"
    'A spokesman added "<img src=x onerror="window.__pwned_img = 1">" and '
    '<a href="javascript:window.__pwned_link = 1">click here</a> for details.\n\n'
    'Entities like &lt;b&gt; and &amp; stay literal; so does "<b onmouseover=alert(1)>bold</b>".\n'
)


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return (start, start + len(phrase))


def mentions(text: str, *phrases: str) -> list[tuple[int, int]]:
    out = []
    for phrase in phrases:
        start = text.find(phrase)
        while start != -1:
            out.append((start, start + len(phrase)))
            start = text.find(phrase, start + len(phrase))
    return sorted(set(out))


def _article_kim() -> ArticleRecord:
    text = (
        "North Korean leader Kim Jong Un ordered an expansion of missile production on Friday, "
        "state media said.\n\n"
        "The Korean Central News Agency said Kim instructed factories to prepare for "
        '"prospective requirements" of the missile units.\n\n'
        '"The missile sector is of paramount importance," Kim said.\n\n'
        "North Korea test-fired a cruise missile over the Yellow Sea on Thursday."
    )
    ents = [
        Entity(
            "e1",
            "Kim Jong Un",
            "PERSON",
            ["Kim", "Kim Jong Un"],
            mentions(text, "Kim Jong Un", "Kim said", "Kim instructed"),
        ),
        Entity(
            "e2",
            "North Korea",
            "GPE",
            ["North Korea", "North Korean"],
            mentions(text, "North Korea"),
        ),
        Entity(
            "e3",
            "Korean Central News Agency",
            "ORG",
            ["KCNA"],
            mentions(text, "Korean Central News Agency"),
        ),
    ]
    # trim "Kim said"/"Kim instructed" mentions to the name
    ents[0].mentions = sorted(
        {
            (s, s + 3) if text[s:e].startswith("Kim ") and e - s != 11 else (s, e)
            for s, e in ents[0].mentions
        }
    )
    quote = Quote(
        "The missile sector is of paramount importance,",
        span(text, "The missile sector is of paramount importance,"),
        "Kim Jong Un",
        "e1",
        "said",
    )
    claim_text = (
        'Kim instructed factories to prepare for "prospective requirements" of the missile units'
    )
    claims = [
        Claim(
            claim_text,
            span(text, claim_text),
            [SourceRef("Korean Central News Agency", "e3", "said")],
        )
    ]
    events = [
        Event(
            "v1",
            "ORDER",
            "ordered",
            span(text, "ordered"),
            actor="Kim Jong Un",
            actor_entity="e1",
            object="missile production",
            time=EventTime("2025-12-26", "2025-12-26", "2025-12-26", "on Friday"),
            modality="actual",
            sources=[SourceRef("state media", None, "said")],
        ),
        Event(
            "v2",
            "WEAPONS_TEST",
            "test-fired",
            span(text, "test-fired"),
            actor="North Korea",
            actor_entity="e2",
            object="cruise missile",
            time=EventTime("2025-12-25", "2025-12-25", "2025-12-25", "on Thursday"),
        ),
    ]
    times = [
        TimeExpression(
            "on Friday", span(text, "on Friday"), "DATE", "2025-12-26", "2025-12-26", "2025-12-26"
        )
    ]
    return ArticleRecord(
        id="kim0000000000001",
        source=Source("https://news.example/kim", "html", "TNF"),
        headline="Kim orders more missiles",
        dateline=None,
        published="2025-12-27",
        published_basis="metadata",
        text=text,
        entities=ents,
        times=times,
        quotes=[quote],
        claims=claims,
        events=events,
    )


def _article_talks() -> ArticleRecord:
    text = (
        "United States officials accused North Korea of supplying artillery shells to Russia.\n\n"
        "North Korea denied the allegations on Monday, calling them groundless.\n\n"
        "Separately, the United States and South Korea held talks in Seoul on Tuesday."
    )
    ents = [
        Entity("e1", "United States", "GPE", ["United States"], mentions(text, "United States")),
        Entity("e2", "North Korea", "GPE", ["North Korea"], mentions(text, "North Korea")),
        Entity("e3", "Russia", "GPE", [], mentions(text, "Russia")),
        Entity("e4", "South Korea", "GPE", [], mentions(text, "South Korea")),
    ]
    alleged = "North Korea of supplying artillery shells to Russia"
    denial = "the allegations"
    claims = [
        Claim(
            alleged, span(text, alleged), [SourceRef("United States officials", "e1", "accused")]
        ),
        Claim(
            denial,
            span(text, denial),
            [SourceRef("North Korea", "e2", "denied")],
            polarity="negative",
            denies=0,
        ),
    ]
    events = [
        Event(
            "v1",
            "ARMS_TRANSFER",
            "supplying",
            span(text, "supplying"),
            actor="North Korea",
            actor_entity="e2",
            target="Russia",
            target_entity="e3",
            object="artillery shells",
            modality="hypothetical",
            sources=[SourceRef("United States officials", "e1", "accused")],
            claim=0,
        ),
        Event(
            "v2",
            "DENY",
            "denied",
            span(text, "denied"),
            actor="North Korea",
            actor_entity="e2",
            object="the allegations",
            time=EventTime("2025-12-29", "2025-12-29", "2025-12-29", "on Monday"),
        ),
        Event(
            "v3",
            "TALKS",
            "held talks",
            span(text, "held talks"),
            actor="United States",
            actor_entity="e1",
            target="South Korea",
            target_entity="e4",
            location="Seoul",
            time=EventTime("2025-12-30", "2025-12-30", "2025-12-30", "on Tuesday"),
        ),
    ]
    return ArticleRecord(
        id="talks00000000002",
        source=Source(None, "text", "Wire Daily"),
        headline="Allegations and talks",
        dateline=None,
        published="2025-12-31",
        published_basis="metadata",
        text=text,
        entities=ents,
        claims=claims,
        events=events,
    )


def _article_hostile() -> ArticleRecord:
    text = HOSTILE_TEXT
    ents = [Entity("e1", "Ministry <b>", "ORG", ["ministry"], mentions(text, "ministry"))]
    quoted = '<img src=x onerror="window.__pwned_img = 1">'
    quote = Quote(quoted, span(text, quoted), "Ministry <b>", "e1", "added")
    claims = [
        Claim(
            "<script>window.__pwned = 1; alert('pwned')</script> nothing",
            span(text, "<script>window.__pwned = 1; alert('pwned')</script> nothing"),
            [SourceRef("<i>spokesman</i>", None, "said")],
        )
    ]
    events = [
        Event(
            "v1",
            "ACCUSE",
            "said",
            span(text, "said"),
            actor="Ministry <b>",
            actor_entity="e1",
            object="<script>alert(9)</script>",
        )
    ]
    return ArticleRecord(
        id="hostile000000003",
        source=Source("javascript:window.__pwned_src = 1", "html", "Evil <Outlet>"),
        headline=HOSTILE_HEADLINE,
        dateline=None,
        published="2025-11-02",
        published_basis="metadata",
        text=text,
        entities=ents,
        quotes=[quote],
        claims=claims,
        events=events,
    )


def _article_many(i: int) -> ArticleRecord:
    """Small routine articles over several weeks, for the chart and pagination."""
    day = f"2025-12-{1 + i:02d}"
    # Distinct wording per article, so near-duplicate detection keeps them apart.
    places = [
        "Sinpo",
        "Hamhung",
        "Nampo",
        "Wonsan",
        "Kanggye",
        "Chongjin",
        "Sariwon",
        "Haeju",
        "Kaesong",
        "Rason",
        "Tanchon",
        "Kusong",
    ]
    details = [
        "new lathes",
        "a rebuilt foundry",
        "night shifts",
        "quality inspectors",
        "storage bunkers",
        "rail sidings",
        "a power plant",
        "training halls",
        "cooling towers",
        "test stands",
        "loading cranes",
        "worker dormitories",
    ]
    text = (
        f"Kim Jong Un inspected munitions factory number {i} near {places[i]} this week. "
        f"Reports mentioned {details[i]} and {details[(i + 5) % 12]} at the {places[(i + 3) % 12]} site, "
        f"with output figures of {1000 + 37 * i} units ahead of plan {i * 7}."
    )
    ents = [Entity("e1", "Kim Jong Un", "PERSON", ["Kim Jong Un"], [span(text, "Kim Jong Un")])]
    events = [
        Event(
            "v1",
            "INSPECTION",
            "inspected",
            span(text, "inspected"),
            actor="Kim Jong Un",
            actor_entity="e1",
            object=f"munitions factory number {i}",
            time=EventTime(day, day, day),
        )
    ]
    return ArticleRecord(
        id=f"many{i:012d}",
        source=Source(None, "text", "KCNA Watch" if i % 2 else "TNF"),
        headline=f"Inspection {i}",
        dateline=None,
        published=day,
        published_basis="metadata",
        text=text,
        entities=ents,
        events=events,
    )


def seed_records() -> list[ArticleRecord]:
    return [
        _article_kim(),
        _article_talks(),
        _article_hostile(),
        *(_article_many(i) for i in range(12)),
    ]


SEED_ALERTS = {"nk-watch": {"actor": "North Korea"}, "kim-said": {"about": "Kim Jong Un"}}


def seed(url: str) -> Ledger:
    from newsledger.ledger.alerts import add_alert

    ledger = Ledger.open(url, fusion=FUSION)
    for name, query in SEED_ALERTS.items():  # saved before the articles, so they match them
        add_alert(ledger, name, **query)
    for record in seed_records():
        ledger.add(record, RawArticle(text=record.text, uri=record.source.uri))
    return ledger


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("serve") / "ledger.db"
    url = f"sqlite:///{path}"
    seed(url).close()
    return url


@pytest.fixture(scope="session")
def ledger(seeded_db: str) -> Iterator[Ledger]:
    led = Ledger.open(seeded_db, fusion=FUSION)
    yield led
    led.close()


@pytest.fixture(scope="session")
def client(ledger: Ledger) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from newsledger.serve.app import ServeConfig, create_app

    app = create_app(ledger, ServeConfig())
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
