"""End-to-end: the seed article's record against issue 2's acceptance list and the schema."""

from __future__ import annotations

import jsonschema

from newsledger import extract
from newsledger.extract.pipeline import record_id


def test_pipeline_seed_record_validates_against_schema(seed_record, article_schema):
    jsonschema.validate(seed_record.to_dict(), article_schema)


def test_pipeline_seed_article_layer(seed_record):
    assert seed_record.headline == "Kim Jong Un Orders Expansion of Missile Production for 2026"
    assert seed_record.dateline is not None
    assert seed_record.dateline.place == "Seoul"
    assert seed_record.dateline.date == "2025-12-27"
    assert seed_record.published == "2025-12-27"
    assert seed_record.published_basis == "inferred"
    assert seed_record.source.outlet == "TNF"
    assert "en_USEnglish" not in seed_record.text
    assert seed_record.text.startswith("North Korean leader Kim Jong Un")


def test_pipeline_seed_entities(seed_record):
    text = seed_record.text
    people = [e for e in seed_record.entities if e.type == "PERSON" and "Kim" in e.name]
    assert [e.name for e in people] == ["Kim Jong Un"]
    kim_mentions = {s for s, _ in people[0].mentions}
    for i in range(len(text)):
        if text.startswith("Kim", i) and not text[i - 1].isalpha():
            assert any(s <= i < e for s, e in people[0].mentions), f"'Kim' at {i} not a mention"
    assert kim_mentions
    north = [e for e in seed_record.entities if e.name == "North Korea"]
    assert len(north) == 1 and north[0].type == "GPE"
    north_surface = {text[s:e] for s, e in north[0].mentions}
    assert "Pyongyang" in north_surface
    assert any(m.startswith("North Korea") for m in north_surface)
    assert any(
        e.name == "Korean Central News Agency" and "KCNA" in e.aliases for e in seed_record.entities
    )
    weapons = {e.name for e in seed_record.entities if e.type == "WEAPON"}
    for name in (
        "short-range ballistic missile",
        "intercontinental ballistic missile",
        "cruise missile",
    ):
        assert name in weapons


def test_pipeline_mentions_point_into_text(seed_record):
    text = seed_record.text
    for entity in seed_record.entities:
        for s, e in entity.mentions:
            assert 0 <= s < e <= len(text)
    for item in [*seed_record.times, *seed_record.quotes, *seed_record.claims]:
        s, e = item.span
        assert 0 <= s < e <= len(text)
        assert text[s:e].strip()


def test_pipeline_id_is_stable_for_the_same_text():
    a = extract("Talks resume\n\nOfficials from two states met on Monday in Vienna.")
    b = extract(
        "Talks resume\n\nOfficials from two states met on Monday in Vienna.", uri="elsewhere.txt"
    )
    assert a.id == b.id == record_id(a.text)


def test_pipeline_batch_goes_on_past_an_over_long_article(monkeypatch):
    from newsledger.extract.nlp import load_pipeline
    from newsledger.extract.pipeline import ExtractionFailure, extract_many
    from newsledger.records import RawArticle

    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 200)
    raws = [
        RawArticle(text="Talks resume\n\n" + "Envoys met again in Vienna. " * 20, uri="long.txt"),
        RawArticle(text="Talks resume\n\nEnvoys met again in Vienna.", uri="short.txt"),
    ]
    results = list(extract_many(raws))
    assert isinstance(results[0], ExtractionFailure)
    assert results[0].uri == "long.txt" and "more than the 200" in results[0].reason
    assert results[1].source.uri == "short.txt"


def test_pipeline_a_failing_stage_is_reported_not_raised(monkeypatch):
    from newsledger.extract import pipeline
    from newsledger.records import RawArticle

    calls = {"n": 0}
    real = pipeline.quotes_stage.extract_quotes

    def flaky(doc, entities, **options):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("boom")
        return real(doc, entities, **options)

    monkeypatch.setattr(pipeline.quotes_stage, "extract_quotes", flaky)
    raws = [
        RawArticle(text=f"Headline {i}\n\nEnvoys met in Vienna on Monday.", uri=f"{i}.txt")
        for i in range(2)
    ]
    results = list(pipeline.extract_many(raws))
    assert isinstance(results[0], pipeline.ExtractionFailure)
    assert "RuntimeError: boom" in results[0].reason
    assert results[1].source.uri == "1.txt"
