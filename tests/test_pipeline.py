"""The orchestrator: sources -> records -> ledger, one outcome per input, batches go on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from newsledger import pipeline
from newsledger.fuse import FUSION
from newsledger.ingest.failure import IngestFailure
from newsledger.ledger import schema as t
from newsledger.ledger.store import Ledger
from newsledger.records import ArticleRecord, RawArticle
from newsledger.settings import Settings

STORY = "Harbour reopens\n\nDock workers in Gdansk returned to work on Monday after a strike, the union said."
OTHER = "Bridge closed\n\nEngineers in Porto shut a river bridge on Friday, the city council said."


@pytest.fixture()
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led:
        yield led


def _stages(ledger: Ledger) -> list[tuple[str, str]]:
    f = t.ingest_failures
    with ledger.connect() as conn:
        return sorted((r.source, r.stage) for r in conn.execute(select(f.c.source, f.c.stage)))


def test_pipeline_extract_pairs_keeps_each_raw_with_its_result() -> None:
    raws = [
        RawArticle(text=STORY, uri="a.txt"),
        RawArticle(text="  \n ", uri="empty.txt"),
        RawArticle(text=OTHER, uri="b.txt"),
    ]
    pairs = list(pipeline.extract_pairs(raws, pipeline.ExtractOptions()))
    assert [raw.uri for raw, _ in pairs] == ["a.txt", "empty.txt", "b.txt"]
    assert isinstance(pairs[0][1], ArticleRecord) and pairs[0][1].source.uri == "a.txt"
    assert not isinstance(pairs[1][1], ArticleRecord) and "no article text" in pairs[1][1].reason
    assert isinstance(pairs[2][1], ArticleRecord) and pairs[2][1].source.uri == "b.txt"


def test_pipeline_ingest_raw_counts_every_input_once_and_goes_on(ledger: Ledger) -> None:
    items = [
        IngestFailure("gone.html", "cannot be read"),
        RawArticle(text=STORY, uri="a.txt"),
        RawArticle(text="", uri="blank.txt"),
        RawArticle(text=OTHER, uri="b.txt"),
    ]
    seen: list[pipeline.IngestEvent] = []
    summary = pipeline.ingest_raw(
        ledger, items, options=pipeline.ExtractOptions(), on_event=seen.append
    )
    assert (summary.new, summary.duplicate, summary.failed) == (2, 0, 2)
    assert sorted(e.source for e in seen) == ["a.txt", "b.txt", "blank.txt", "gone.html"]
    # both stories are undated (no reference date): stored undated, with a warning each
    assert _stages(ledger) == [
        ("a.txt", "warning"),
        ("b.txt", "warning"),
        ("blank.txt", "extract"),
        ("gone.html", "ingest"),
    ]
    assert [source for source, _ in summary.warnings] == ["a.txt", "b.txt"]
    # The same inputs again: stored ones are skipped before extraction, nothing is stored twice.
    again = pipeline.ingest_raw(ledger, items[1:2] + items[3:], options=pipeline.ExtractOptions())
    assert (again.new, again.duplicate, again.failed) == (0, 2, 0)


def test_pipeline_rerun_looks_stored_inputs_up_in_batches(ledger: Ledger) -> None:
    stories = [
        f"Pier {i} reopened\n\nDockers in Port {i} went back to work, a union said."
        for i in range(20)
    ]
    raws = [RawArticle(text=text, uri=f"s{i}.txt") for i, text in enumerate(stories)]
    pipeline.ingest_raw(ledger, raws[:18], options=pipeline.ExtractOptions())
    lookups: list[int] = []
    real = ledger.stored_raws
    ledger.stored_raws = lambda batch: lookups.append(len(batch)) or real(batch)  # type: ignore[method-assign]
    seen: list[pipeline.IngestEvent] = []
    again = pipeline.ingest_raw(
        ledger,
        [IngestFailure("gone.html", "cannot be read"), *raws],
        options=pipeline.ExtractOptions(reference_date=date(2025, 3, 1)),
        on_event=seen.append,
    )
    assert (again.new + again.near_duplicate, again.duplicate, again.failed) == (2, 18, 1)
    # one lookup per STORED_LOOKAHEAD inputs (failures are not looked up), not one per input
    assert lookups == [pipeline.STORED_LOOKAHEAD - 1, 20 - pipeline.STORED_LOOKAHEAD + 1]
    duplicates = [e for e in seen if e.outcome == "duplicate"]
    assert [e.source for e in duplicates] == [f"s{i}.txt" for i in range(18)]
    assert all(e.warning and "reference date none" in e.warning for e in duplicates)


def test_pipeline_store_results_takes_results_made_elsewhere(ledger: Ledger) -> None:
    # What a worker process hands back: pairs, extracted away from the ledger.
    raws = [RawArticle(text=STORY, uri="a.txt"), RawArticle(text="", uri="blank.txt")]
    pairs = list(pipeline.extract_pairs(raws, pipeline.ExtractOptions()))
    summary = pipeline.store_results(ledger, pairs)
    assert (summary.new, summary.failed) == (1, 1)
    assert summary.failures[0][0] == "blank.txt"


def test_pipeline_add_raw_uses_the_configured_model(ledger: Ledger) -> None:
    settings = Settings(db="sqlite://", model="no_such_spacy_model_xyz")
    event = pipeline.add_raw(ledger, RawArticle(text=STORY), settings=settings, source="pasted")
    assert event.outcome == "failed"
    assert "no_such_spacy_model_xyz" in (event.reason or "")
    assert _stages(ledger) == [("pasted", "extract")]


def test_pipeline_add_raw_stores_then_reports_the_duplicate(ledger: Ledger) -> None:
    settings = Settings(db="sqlite://")
    first = pipeline.add_raw(ledger, RawArticle(text=STORY), settings=settings, source="pasted")
    second = pipeline.add_raw(ledger, RawArticle(text=STORY), settings=settings, source="pasted")
    assert first.outcome == "new" and first.article_id
    assert second.outcome == "duplicate" and second.article_id == first.article_id


def test_pipeline_read_text_paths_names_each_bad_input(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty").mkdir()
    items = list(
        pipeline.read_text_paths(
            [str(tmp_path / "one.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "empty")],
            max_bytes=10_000,
        )
    )
    assert isinstance(items[0], RawArticle)
    assert [(Path(i.source).name, i.reason) for i in items[1:]] == [
        ("missing.txt", "no such file or directory"),
        ("empty", "directory holds no *.txt files"),
    ]
