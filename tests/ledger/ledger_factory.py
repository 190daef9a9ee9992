"""Article records written by hand for ledger tests (independent of the extractor's output)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text

from newsledger.records import (
    ArticleRecord,
    Claim,
    Dateline,
    Entity,
    Event,
    EventTime,
    Quote,
    Source,
    SourceRef,
    TimeExpression,
)

POSTGRES_ENV = "NEWSLEDGER_TEST_POSTGRES_URL"


def span_of(text: str, part: str, start: int = 0) -> tuple[int, int]:
    i = text.index(part, start)
    return (i, i + len(part))


def article(
    body: str,
    *,
    outlet: str = "Wire",
    published: str = "2025-12-27",
    uri: str | None = None,
    headline: str | None = None,
) -> ArticleRecord:
    """A record with no extractions; add them with the helpers below."""
    rid = hashlib.sha256(body.encode()).hexdigest()[:16]
    return ArticleRecord(
        id=rid,
        source=Source(uri=uri or f"{rid}.txt", format="text", outlet=outlet),
        headline=headline or body.split(".")[0][:60],
        dateline=Dateline(
            text=f"SEOUL, ({outlet}) -", place="Seoul", date=published, outlet=outlet
        ),
        published=published,
        published_basis="dateline",
        text=body,
    )


def entity(rec: ArticleRecord, name: str, type_: str, *aliases: str) -> str:
    """Add an entity with a mention at each occurrence of its name and aliases; returns its id."""
    eid = f"e{len(rec.entities) + 1}"
    mentions = []
    for form in {name, *aliases}:
        start = 0
        while (i := rec.text.find(form, start)) >= 0:
            mentions.append((i, i + len(form)))
            start = i + len(form)
    rec.entities.append(Entity(eid, name, type_, sorted({name, *aliases}), sorted(mentions)))
    return eid


def event(
    rec: ArticleRecord,
    type_: str,
    trigger: str,
    *,
    actor: str | None = None,
    target: str | None = None,
    obj: str | None = None,
    when: str | None = None,
    modality: str = "actual",
    sources: tuple[str, ...] = (),
    location: str | None = None,
) -> Event:
    by_name = {e.name: e.id for e in rec.entities}
    ev = Event(
        id=f"v{len(rec.events) + 1}",
        type=type_,
        trigger=trigger,
        span=span_of(rec.text, trigger),
        actor=actor,
        actor_entity=by_name.get(actor or ""),
        target=target,
        target_entity=by_name.get(target or ""),
        object=obj,
        location=location,
        time=EventTime(when, when, when, when) if when else None,
        modality=modality,  # type: ignore[arg-type]
        sources=[SourceRef(s, by_name.get(s), "said") for s in sources],
    )
    rec.events.append(ev)
    return ev


def claim(
    rec: ArticleRecord,
    content: str,
    *sources: str,
    polarity: str = "positive",
    hedged: bool = False,
    denies: int | None = None,
) -> int:
    by_name = {e.name: e.id for e in rec.entities}
    rec.claims.append(
        Claim(
            text=content,
            span=span_of(rec.text, content),
            sources=[SourceRef(s, by_name.get(s), "said") for s in sources],
            polarity=polarity,  # type: ignore[arg-type]
            hedged=hedged,
            denies=denies,
            cue="said",
        )
    )
    return len(rec.claims) - 1


def quote(rec: ArticleRecord, words: str, speaker: str) -> None:
    by_name = {e.name: e.id for e in rec.entities}
    rec.quotes.append(Quote(words, span_of(rec.text, words), speaker, by_name.get(speaker), "said"))


def time_(rec: ArticleRecord, words: str, value: str) -> None:
    rec.times.append(TimeExpression(words, span_of(rec.text, words), "DATE", value, value, value))


def missile_story(
    outlet: str = "Wire", published: str = "2025-12-27", extra: str = ""
) -> ArticleRecord:
    """A North Korea story with entities, a time, a quote, claims and events."""
    body = (
        "North Korean leader Kim Jong Un ordered factories to expand missile production on "
        'Friday, state media KCNA said. Kim said the army needs "more powerful weapons" to '
        "deter enemies. South Korea's military said Pyongyang fired two ballistic missiles "
        "into the sea near Wonsan. The launches were the third such test this month, and "
        "analysts in Seoul said the new production targets suggest the factories will run "
        "extra shifts through the winter. Japan's coast guard warned ships in the area to "
        "stay clear of falling debris, and the United States said it was consulting closely "
        "with its allies about the launches. " + extra
    )
    rec = article(body, outlet=outlet, published=published)
    entity(rec, "Kim Jong Un", "PERSON", "Kim")
    entity(rec, "North Korea", "GPE", "North Korean", "Pyongyang")
    entity(rec, "KCNA", "ORG")
    entity(rec, "South Korea", "GPE")
    time_(rec, "Friday", "2025-12-26")
    quote(rec, "more powerful weapons", "Kim Jong Un")
    claim(rec, "Kim Jong Un ordered factories to expand missile production", "KCNA")
    claim(rec, "Pyongyang fired two ballistic missiles into the sea near Wonsan", "South Korea")
    event(
        rec,
        "ORDER",
        "ordered",
        actor="Kim Jong Un",
        obj="missile production",
        when="2025-12-26",
        sources=("KCNA",),
    )
    event(
        rec,
        "MISSILE_LAUNCH",
        "fired",
        actor="North Korea",
        obj="two ballistic missiles",
        location="Wonsan",
        when="2025-12-26",
        sources=("South Korea",),
    )
    return rec


def denial_story(outlet: str = "Daily", published: str = "2025-12-28") -> ArticleRecord:
    body = (
        "North Korea denied that Pyongyang fired two ballistic missiles near Wonsan, calling "
        "the reports baseless. Officials in Seoul stood by their account."
    )
    rec = article(body, outlet=outlet, published=published)
    entity(rec, "North Korea", "GPE", "Pyongyang")
    entity(rec, "South Korea", "GPE", "Seoul")
    claim(
        rec,
        "Pyongyang fired two ballistic missiles near Wonsan",
        "North Korea",
        polarity="negative",
    )
    return rec


_pg_migrated = False


@contextmanager
def postgres_url() -> Iterator[str]:
    """An empty ledger database on the test server (skips when none is configured).

    The first use in a session drops and recreates the schema; later uses empty the tables,
    which is much faster than migrating again.
    """
    import pytest

    global _pg_migrated
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set (scripts/run-tests.sh starts a PostgreSQL server)")
    engine = create_engine(url)
    with engine.begin() as conn:
        if not _pg_migrated:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
            _pg_migrated = True
        else:
            tables = [
                r
                for (r,) in conn.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename <> 'alembic_version'"
                    )
                )
            ]
            if tables:
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()
    yield url
