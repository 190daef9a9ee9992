"""The query functions behind the CLI and the web API, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from ledger_factory import article, claim, denial_story, entity, event, missile_story

from newsledger.errors import LedgerError
from newsledger.ledger import queries
from newsledger.ledger.store import Ledger

# distinct follow-up sentences, so that the reports are not near-duplicates of each other
_DETAILS = [
    "Three trucks carrying flour were burned and the drivers fled into the hills.",
    "A spokesman for the governor promised compensation to the families of the wounded.",
    "Villagers said the gunmen arrived on motorbikes shortly before dawn prayers.",
    "The road to the regional capital was closed for the rest of the week.",
    "Aid agencies suspended deliveries to two camps pending a security review.",
]


def _attack(
    day: str, actor: str = "Rebels", outlet: str = "Wire", modality: str = "actual", n: int = 0
):
    rec = article(
        f"Report {n}: {actor} attacked a convoy near the border on {day}, the army said. "
        + _DETAILS[n % len(_DETAILS)],
        outlet=outlet,
        published=day,
    )
    entity(rec, actor, "NORP")
    event(rec, "ATTACK", "attacked", actor=actor, target="convoy", when=day, modality=modality)
    return rec


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    ledger.add(missile_story())
    ledger.add(denial_story())
    for i, day in enumerate(["2025-11-01", "2025-11-02", "2025-11-02", "2025-11-10", "2025-12-01"]):
        ledger.add(
            _attack(
                day,
                outlet="Wire" if i % 2 else "Post",
                n=i,
                modality="planned" if i == 3 else "actual",
            )
        )
    return ledger


def test_queries_events_filters(filled: Ledger) -> None:
    assert {r.type for r in queries.events(filled).rows} == {"ORDER", "MISSILE_LAUNCH", "ATTACK"}
    kim = queries.events(filled, actor="kim").rows  # an alias, any case
    assert [r.type for r in kim] == ["ORDER"]
    assert all(r.type == "ATTACK" for r in queries.events(filled, type="attack").rows)
    assert len(queries.events(filled, type="ATTACK", outlet="Wire").rows) == 2
    planned = queries.events(filled, modality="planned").rows
    assert [r.sort_date for r in planned] == ["2025-11-10"]
    window = queries.events(filled, type="ATTACK", since="2025-11-02", until="2025-11-10").rows
    assert [r.sort_date for r in window] == ["2025-11-10", "2025-11-02", "2025-11-02"]
    assert [r.location for r in queries.events(filled, text="wonsan").rows] == ["Wonsan"]
    assert queries.events(filled, actor="nobody at all").rows == []


def test_queries_events_cursor_pages_through_everything(filled: Ledger) -> None:
    seen = []
    cursor = None
    while True:
        page = queries.events(filled, limit=2, cursor=cursor)
        seen.extend(r.id for r in page.rows)
        cursor = page.next_cursor
        if cursor is None:
            break
    everything = queries.events(filled, limit=100).rows
    assert seen == [r.id for r in everything]
    assert len(seen) == len(set(seen)) == 7


def test_queries_events_rejects_bad_input(filled: Ledger) -> None:
    with pytest.raises(LedgerError, match="cursor"):
        queries.events(filled, cursor="not-a-cursor")
    with pytest.raises(LedgerError, match="YYYY-MM-DD"):
        queries.events(filled, since="last tuesday")
    with pytest.raises(LedgerError, match="limit"):
        queries.events(filled, limit=0)


def test_queries_filters_are_bound_not_interpolated(filled: Ledger) -> None:
    hostile = "x' OR '1'='1"
    assert queries.events(filled, actor=hostile).rows == []
    assert queries.events(filled, outlet=hostile).rows == []
    assert queries.events(filled, text="%").rows == []
    assert queries.search(filled, 'missile" OR "x') == []


def test_queries_timeline_chronological_grouped_by_day(filled: Ledger) -> None:
    days = queries.timeline(filled, type="ATTACK")
    # the convoy attack reported on 1 and (twice) 2 November is one fused happening: one row,
    # at its first report, which counts the three
    assert [d.day for d in days] == ["2025-11-01", "2025-11-10", "2025-12-01"]
    assert [len(d.events) for d in days] == [1, 1, 1]
    assert days[0].events[0].article_count == 3
    latest_two = queries.timeline(filled, type="ATTACK", limit=2)
    assert [d.day for d in latest_two] == ["2025-11-10", "2025-12-01"]
    by_actor = queries.timeline(filled, actor="North Korea")
    assert [e.type for d in by_actor for e in d.events] == ["MISSILE_LAUNCH"]


def test_queries_timeline_keeps_distinct_happenings_of_one_day(ledger: Ledger) -> None:
    ledger.add(_attack("2025-11-02", actor="Rebels", n=0))
    ledger.add(_attack("2025-11-02", actor="Militia", outlet="Post", n=1))
    ledger.add(_attack("2025-11-02", actor="Rebels", outlet="Post", n=2))  # the first, again
    days = queries.timeline(ledger, type="ATTACK")
    assert [d.day for d in days] == ["2025-11-02"]
    assert sorted(e.actor for e in days[0].events) == ["Militia", "Rebels"]


def test_queries_timeline_buckets(filled: Ledger) -> None:
    attacks = queries.EventFilters(type="ATTACK")
    size, daily = queries.timeline_buckets(filled, attacks, "day")
    assert size == "day"
    nonempty = [(b.label, b.total) for b in daily if b.total]
    assert nonempty == [("2025-11-01", 1), ("2025-11-02", 2), ("2025-11-10", 1), ("2025-12-01", 1)]
    assert daily[0].label == "2025-11-01" and daily[-1].label == "2025-12-01"
    assert len(daily) == 31  # the empty days between are there for a chart
    _, weekly = queries.timeline_buckets(filled, attacks, "week")
    assert [(b.since, b.total) for b in weekly if b.total] == [
        ("2025-10-27", 3),
        ("2025-11-10", 1),
        ("2025-12-01", 1),
    ]
    assert weekly[0].label == "2025-W44" and weekly[0].until == "2025-11-02"
    _, monthly = queries.timeline_buckets(filled, bucket="month")
    assert [(b.label, dict(b.counts)) for b in monthly] == [
        ("2025-11", {"ATTACK": 4}),
        ("2025-12", {"ATTACK": 1, "ORDER": 1, "MISSILE_LAUNCH": 1}),
    ]
    with pytest.raises(LedgerError):
        queries.timeline_buckets(filled, bucket="hour")  # type: ignore[arg-type]


def test_queries_timeline_buckets_of_one_entity(filled: Ledger) -> None:
    with filled.connect() as conn:
        (north_korea,) = queries.entity_ids(conn, "North Korea")
    size, buckets = queries.timeline_buckets(filled, queries.EventFilters(entity_id=north_korea))
    assert sum(b.total for b in buckets) == len(queries.events(filled, entity_id=north_korea).rows)
    assert size == "day" and sum(b.total for b in buckets) >= 1


def test_queries_article_and_articles(filled: Ledger) -> None:
    story = missile_story()
    view = queries.article(filled, story.id)
    assert view is not None and view.record.headline == story.headline
    assert view.to_dict()["record"]["events"][0]["type"] == "ORDER"
    assert queries.article(filled, "no-such-id") is None
    page = queries.articles(filled, limit=3)
    assert len(page.rows) == 3 and page.next_cursor
    rest = queries.articles(filled, limit=10, cursor=page.next_cursor)
    ids = [r.id for r in page.rows + rest.rows]
    assert len(ids) == len(set(ids)) == 7


def test_queries_entity_profile(filled: Ledger) -> None:
    profile = queries.entity_profile(filled, "Pyongyang")
    assert profile is not None
    assert profile.name == "North Korea" and profile.type == "GPE"
    assert {"North Korean", "Pyongyang"} <= set(profile.aliases)
    assert profile.article_count == 2
    assert profile.event_count == 1 and profile.event_types == {"MISSILE_LAUNCH": 1}
    assert [c.polarity for c in profile.said] == ["negative"]  # its denial
    assert profile.said[0].denies  # linked to the allegation it denies
    kim = queries.entity_profile(filled, "Kim Jong Un")
    assert kim is not None and [q.text for q in kim.quotes] == ["more powerful weapons"]
    assert kim.to_dict()["latest_events"][0]["type"] == "ORDER"
    assert queries.entity_profile(filled, "Atlantis") is None


def test_queries_claims_about_and_by_source(filled: Ledger) -> None:
    about = queries.claims(filled, about="North Korea").rows
    texts = {c.text for c in about}
    assert "Pyongyang fired two ballistic missiles into the sea near Wonsan" in texts
    by_kcna = queries.claims(filled, source="KCNA").rows
    assert [c.text for c in by_kcna] == [
        "Kim Jong Un ordered factories to expand missile production"
    ]
    assert by_kcna[0].sources[0]["name"] == "KCNA"
    allegation = next(c for c in about if c.polarity == "positive" and "Wonsan" in c.text)
    assert [d.outlet for d in allegation.denied_by] == ["Daily"]


def test_queries_search(filled: Ledger) -> None:
    hits = queries.search(filled, "ballistic missiles")
    assert {h.article_id for h in hits} == {missile_story().id, denial_story().id}
    assert all("[" in h.snippet for h in hits)
    assert queries.search(filled, "submarine") == []
    assert queries.search(filled, "   ") == []


def test_queries_stats_and_entities(filled: Ledger) -> None:
    s = queries.stats(filled)
    assert (s.articles, s.events, s.near_duplicates) == (7, 7, 0)
    assert s.first_date == "2025-11-01" and s.last_date == "2025-12-26"
    top = queries.entities(filled, prefix="north")
    assert top[0]["name"] == "North Korea" and top[0]["articles"] == 2


def test_queries_claim_about_falls_back_to_text(ledger: Ledger) -> None:
    rec = article("Analysts said tariffs on steel would rise next year.")
    claim(rec, "tariffs on steel would rise next year", "Analysts")
    ledger.add(rec)
    assert [c.text for c in queries.claims(ledger, about="steel").rows] == [
        "tariffs on steel would rise next year"
    ]
