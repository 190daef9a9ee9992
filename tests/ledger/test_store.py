"""Ledger.open and Ledger.add: migrations, one transaction per article, dedup, entities."""

from __future__ import annotations

import json

import pytest
from ledger_factory import article, claim, denial_story, entity, event, missile_story
from sqlalchemy import func, select, text

from newsledger.errors import LedgerError
from newsledger.fuse import FUSION
from newsledger.ledger import queries
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger, content_hash
from newsledger.records import ExtractionStamp, RawArticle
from newsledger.settings import Settings


def count(ledger: Ledger, table) -> int:
    with ledger.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from newsledger.ledger.store import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None and head >= "0004"  # one line of migrations, the newest at least 0004
    return head


def test_store_open_migrates_to_head_and_reopens(db_url: str) -> None:
    with Ledger.open(db_url, fusion=FUSION) as first:
        with first.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        first.add(missile_story())
    assert version == _head_revision()
    with Ledger.open(
        db_url, fusion=FUSION
    ) as again:  # a second open is a no-op migration and keeps data
        assert count(again, t.articles) == 1


def test_store_add_new_then_duplicate(ledger: Ledger) -> None:
    rec = missile_story()
    first = ledger.add(rec, RawArticle(text="raw " + rec.text, uri="a.txt"))
    second = ledger.add(rec, RawArticle(text="raw " + rec.text, uri="b.txt"))
    assert first.status == "new" and first.article_id == rec.id
    assert second.status == "duplicate" and second.duplicate_of == rec.id
    assert count(ledger, t.articles) == 1
    assert count(ledger, t.events) == 2
    assert ledger.stored_raw(RawArticle(text="raw " + rec.text)) == rec.id
    assert ledger.stored_raw(RawArticle(text="something else")) is None


def test_store_stored_raws_answers_each_input_in_order_with_its_stamp(ledger: Ledger) -> None:
    rec, other = missile_story(), missile_story(extra="A second paragraph of its own.")
    stamp = ExtractionStamp("test-1", "2025-03-01", "a_model")
    ledger.add(rec, RawArticle(text="raw one"), stamp=stamp)
    ledger.add(other, RawArticle(text="raw two"))
    asked = [
        RawArticle(text="raw two"),
        RawArticle(text="never stored"),
        RawArticle(text="raw one"),
        RawArticle(text="raw one", identity="https://example.org/feed-item"),  # another input
    ]
    assert ledger.stored_raws(asked) == [
        (other.id, ExtractionStamp(None)),
        None,
        (rec.id, stamp),
        None,
    ]
    assert ledger.stored_raws([]) == []


def test_store_near_duplicate_linked_and_not_evidence(ledger: Ledger) -> None:
    original = missile_story(outlet="Wire")
    copy = missile_story(outlet="Mirror", extra="(c) Mirror 2025")
    assert ledger.add(original).status == "new"
    result = ledger.add(copy)
    assert result.status == "near_duplicate"
    assert result.duplicate_of == original.id
    assert result.similarity is not None and result.similarity > 0.7
    view = queries.article(ledger, copy.id)
    assert view is not None and view.near_duplicate_of == original.id
    assert queries.article(ledger, original.id).near_duplicates == [copy.id]
    # the copy's events are stored but not counted as new evidence
    page = queries.events(ledger, type="ORDER")
    assert [r.article_id for r in page.rows] == [original.id]
    assert page.rows[0].article_count == 1
    everything = queries.events(ledger, type="ORDER", include_near_duplicates=True)
    assert len(everything.rows) == 2


def test_store_distinct_story_is_new(ledger: Ledger) -> None:
    ledger.add(missile_story())
    other = article(
        "Heavy rain flooded roads in Busan on Sunday and ferries were cancelled, officials said."
    )
    assert ledger.add(other).status == "new"


def test_store_entities_merge_across_articles_with_aliases(ledger: Ledger) -> None:
    ledger.add(missile_story())
    second = article(
        "Kim Jong Un met Chinese envoys in Pyongyang, the Korean Central News Agency said.",
        outlet="Other",
    )
    entity(second, "Kim Jong Un", "PERSON", "Kim Jong Un")
    entity(second, "KCNA", "ORG", "Korean Central News Agency")
    ledger.add(second)
    with ledger.connect() as conn:
        kims = conn.execute(select(t.entities.c.id).where(t.entities.c.name == "Kim Jong Un")).all()
        kcna_aliases = {
            a
            for (a,) in conn.execute(
                select(t.entity_aliases.c.alias).join(t.entities).where(t.entities.c.name == "KCNA")
            )
        }
    assert len(kims) == 1
    assert kcna_aliases == {"KCNA", "Korean Central News Agency"}
    profile = queries.entity_profile(ledger, "korean central news agency")
    assert profile is not None and profile.name == "KCNA" and profile.article_count == 2


def test_store_same_name_different_type_stays_apart(ledger: Ledger) -> None:
    rec = article("Georgia voted on Tuesday while Georgia's president travelled to Tbilisi.")
    entity(rec, "Georgia", "GPE")
    ledger.add(rec)
    rec2 = article("Georgia, the band, released an album on Monday.")
    entity(rec2, "Georgia", "ORG")
    ledger.add(rec2)
    with ledger.connect() as conn:
        types = sorted(
            r
            for (r,) in conn.execute(
                select(t.entities.c.type).where(t.entities.c.name == "Georgia")
            )
        )
    assert types == ["GPE", "ORG"]


def test_store_article_round_trips_the_record(ledger: Ledger) -> None:
    rec = missile_story()
    ledger.add(rec)
    view = queries.article(ledger, rec.id)
    assert view is not None
    assert view.record.to_dict() == {**rec.to_dict()}
    assert view.content_hash == content_hash(rec.text)


def test_store_failed_article_leaves_nothing(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after most rows are written rolls the whole article back."""
    from newsledger.ledger import linking

    def boom(*args, **kwargs):
        raise RuntimeError("simulated crash after the article's rows were written")

    monkeypatch.setattr(linking, "link_article", boom)
    rec = missile_story()
    with pytest.raises(RuntimeError):
        ledger.add(rec)
    for table in (
        t.articles,
        t.events,
        t.claims,
        t.mentions,
        t.quotes,
        t.times,
        t.article_entities,
    ):
        assert count(ledger, table) == 0, table.name
    if ledger.dialect == "sqlite":
        with ledger.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles_fts")).scalar_one() == 0
    monkeypatch.undo()
    assert ledger.add(rec).status == "new"


def test_store_failures_recorded_once_per_source_and_reason(ledger: Ledger) -> None:
    ledger.add_failure("bad.bin", "looks like binary data,\n not text")
    ledger.add_failure("bad.bin", "looks like binary data, not text")
    ledger.add_failure("empty.txt", "is empty")
    rows = queries.failures(ledger)
    assert sorted((r.source, r.reason) for r in rows) == [
        ("bad.bin", "looks like binary data, not text"),
        ("empty.txt", "is empty"),
    ]


def test_store_in_article_denial_linked(ledger: Ledger) -> None:
    rec = article(
        "Officials said the plant was closed. The company said the plant was never closed."
    )
    entity(rec, "Officials", "ORG")
    first = claim(rec, "the plant was closed", "Officials")
    claim(rec, "the plant was never closed", "company", polarity="negative", denies=first)
    ledger.add(rec)
    page = queries.claims(ledger, polarity="negative", about=None, source="company")
    assert [r.text for r in page.rows] == ["the plant was never closed"]
    assert [d.text for d in page.rows[0].denies] == ["the plant was closed"]
    assert page.rows[0].denies[0].basis == "article"


def test_store_record_json_has_no_duplicate_text(ledger: Ledger) -> None:
    rec = missile_story()
    ledger.add(rec)
    with ledger.connect() as conn:
        stored = conn.execute(
            select(t.articles.c.record).where(t.articles.c.id == rec.id)
        ).scalar_one()
    assert "text" not in json.loads(stored)


def test_store_event_without_date_sorts_on_publication(ledger: Ledger) -> None:
    rec = article(
        "Rebels attacked a convoy near the border, the army said.", published="2025-11-03"
    )
    entity(rec, "Rebels", "NORP")
    event(rec, "ATTACK", "attacked", actor="Rebels", target="convoy")
    ledger.add(rec)
    rows = queries.events(ledger).rows
    assert rows[0].sort_date == "2025-11-03" and rows[0].date is None


def test_store_bad_url_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(LedgerError, match="not a database URL"):
        Ledger.open("not a url", settings=Settings(), fusion=FUSION)
    with pytest.raises(LedgerError, match="does not exist"):
        Ledger.open(f"sqlite:///{tmp_path}/missing/dir/x.db", settings=Settings(), fusion=FUSION)
    with pytest.raises(LedgerError, match="psycopg 3"):
        Ledger.open("postgresql+psycopg2://u@localhost/x", settings=Settings(), fusion=FUSION)


def test_store_sqlite_uses_wal_and_foreign_keys(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led, led.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_store_denial_story_links_across_articles(ledger: Ledger) -> None:
    ledger.add(missile_story())
    ledger.add(denial_story())
    rows = queries.denials(ledger)
    assert len(rows) == 1
    assert [d.text for d in rows[0].denies] == [
        "Pyongyang fired two ballistic missiles into the sea near Wonsan"
    ]


def test_store_migrates_an_older_ledger_forward(tmp_path) -> None:
    """A ledger made by an earlier version (revision 0001) is upgraded on open, data kept."""
    from alembic import command
    from alembic.config import Config

    from newsledger.ledger.store import MIGRATIONS, create_ledger_engine

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_ledger_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led:
        with led.connect() as conn:
            assert (
                conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
                == _head_revision()
            )
            indexes = {r[1] for r in conn.exec_driver_sql("PRAGMA index_list(claims)")}
        assert "ix_claims_polarity_published" in indexes
        assert led.add(missile_story()).status == "new"


def test_store_band_backfill_finds_near_duplicates_of_older_articles(tmp_path) -> None:
    """Articles stored before migration 0003 get their LSH bands, so copies still link to them."""
    from alembic import command
    from alembic.config import Config

    from newsledger.ledger.store import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'bands.db'}"
    original = missile_story(outlet="Wire")
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led:
        led.add(original)
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with led.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led:
        assert count(led, t.minhash_bands) > 0
        result = led.add(missile_story(outlet="Mirror", extra="(c) Mirror 2025"))
    assert result.status == "near_duplicate" and result.duplicate_of == original.id


def test_store_near_duplicates_seen_across_ledger_handles(db_url: str) -> None:
    """Two handles (as two processes would have) share the near-duplicate buckets."""
    settings = Settings(db=db_url)
    with (
        Ledger.open(db_url, settings=settings, fusion=FUSION) as first,
        Ledger.open(db_url, settings=settings, fusion=FUSION) as second,
    ):
        first.add(missile_story(outlet="Wire"))
        result = second.add(missile_story(outlet="Mirror", extra="(c) Mirror 2025"))
    assert result.status == "near_duplicate"


def test_store_record_json_matches_to_dict() -> None:
    from newsledger.ledger.store import _record_json

    rec = missile_story()
    rec.dateline.span = (0, 5)  # offsets into the raw text: to_dict leaves them out
    expected = {k: v for k, v in rec.to_dict().items() if k != "text"}
    assert json.loads(_record_json(rec)) == expected
