"""Raw article -> article record: the stages in order, each in its own module.

read_article   (article/)    headline, dateline, boilerplate, publication date
spaCy          (nlp.py)       tokens, parse, NER + the entity gazetteer components
entities       (entities.py)  canonical entities with aliases and mentions
times          (times.py)     TIMEX3 expressions anchored on the publication date
quotes         (quotes.py)    direct quotations with speakers
claims         (claims.py)    attributed statements with source chains
events         (events.py)    typed events with arguments, time and modality
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from newsledger.errors import InputError, NewsLedgerError
from newsledger.extract import article as article_stage
from newsledger.extract import claims as claims_stage
from newsledger.extract import entities as entities_stage
from newsledger.extract import events as events_stage
from newsledger.extract import quotes as quotes_stage
from newsledger.extract import times as times_stage
from newsledger.extract.batches import LONG_TEXT_CHARS, parse_long
from newsledger.extract.claims_statement import statement_scopes
from newsledger.extract.coref import doc_text
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.nlp import load_pipeline
from newsledger.records import ArticleRecord, RawArticle, Source


@dataclass(slots=True)
class ExtractionFailure:
    """An input that could not become a record, with the reason a user can act on."""

    uri: str | None
    reason: str


def record_id(text: str) -> str:
    """Stable id: the same cleaned text always gives the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def extract(
    text: str,
    *,
    uri: str | None = None,
    reference_date: date | str | None = None,
    model: str | None = None,
) -> ArticleRecord:
    """Extract the article record of one plain-text article."""
    return extract_raw(RawArticle(text=text, uri=uri), reference_date=reference_date, model=model)


def extract_raw(
    raw: RawArticle,
    *,
    reference_date: date | str | None = None,
    model: str | None = None,
) -> ArticleRecord:
    """Extract the article record of one article that came with metadata."""
    for result in extract_many([raw], reference_date=reference_date, model=model):
        if isinstance(result, ExtractionFailure):
            raise_failure(result)
        else:
            return result
    raise AssertionError("extract_many yields one result per input")


def raise_failure(failure: ExtractionFailure) -> None:
    raise InputError(failure.uri, failure.reason)


def extract_many(
    raws: Iterable[RawArticle],
    *,
    reference_date: date | str | None = None,
    model: str | None = None,
    batch_size: int = 16,
) -> Iterator[ArticleRecord | ExtractionFailure]:
    """Extract many articles, streaming; a bad article yields a failure and the rest go on."""
    nlp = load_pipeline(model)
    ref = _as_date(reference_date)

    def layers() -> Iterator[tuple[article_stage.ArticleLayer | ExtractionFailure, RawArticle]]:
        for raw in raws:
            try:
                layer = article_stage.read_article(raw, reference_date=ref)
            except NewsLedgerError as e:
                yield ExtractionFailure(raw.uri, getattr(e, "reason", str(e))), raw
                continue
            if len(layer.text) > nlp.max_length:
                reason = (
                    f"is {len(layer.text):,} characters after cleaning, more than the "
                    f"{nlp.max_length:,} the language pipeline takes; split it into articles"
                )
                yield ExtractionFailure(raw.uri, reason), raw
                continue
            yield layer, raw

    # Failures skip spaCy but keep their place in the output order; so do long texts, which
    # are parsed on their own, a batch of paragraphs at a time, when their turn comes.
    pending = layers()
    texts = ((_piped_text(layer), (layer, raw)) for layer, raw in pending)
    for doc, (layer, raw) in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
        if isinstance(layer, ExtractionFailure):
            yield layer
            continue
        if len(layer.text) > LONG_TEXT_CHARS:
            doc = parse_long(nlp, layer.text)
        try:
            yield build_record(doc, layer, raw, nlp)
        except Exception as e:  # a bug in one stage must not end a batch; report it instead
            yield ExtractionFailure(
                raw.uri, f"extraction failed ({type(e).__name__}: {e}); please report this input"
            )


def _piped_text(layer: article_stage.ArticleLayer | ExtractionFailure) -> str:
    if isinstance(layer, ExtractionFailure) or len(layer.text) > LONG_TEXT_CHARS:
        return ""
    return layer.text


def build_record(
    doc: Doc, layer: article_stage.ArticleLayer, raw: RawArticle, nlp: Language | None = None
) -> ArticleRecord:
    """Run the record stages over a parsed body."""
    anchor = _as_date(layer.published)
    entities = entities_stage.add_dateline_entities(
        entities_stage.extract_entities(doc), layer.dateline
    )
    index = EntityIndex(entities)
    times = times_stage.extract_times(doc_text(doc), anchor, doc=doc)
    quotes = quotes_stage.extract_quotes(doc, index, outlet=layer.outlet)
    # the parts of the text published under a name, read once for claims and events
    statements = statement_scopes(
        doc, index, byline=layer.byline, outlet=layer.outlet, headline=layer.headline
    )
    claims = claims_stage.extract_claims(
        doc, index, quotes, outlet=layer.outlet, headline=layer.headline, statements=statements
    )
    quotes_stage.speakers_from_claims(quotes, claims)
    events = events_stage.extract_events(
        doc, index, times, claims, anchor, headline=layer.headline, statements=statements
    )
    return ArticleRecord(
        id=record_id(layer.text),
        source=Source(uri=raw.uri, format=raw.format, outlet=layer.outlet),
        headline=layer.headline,
        dateline=layer.dateline,
        published=layer.published,
        published_basis=layer.published_basis,
        text=layer.text,
        entities=entities,
        times=times,
        quotes=quotes,
        claims=claims,
        events=events,
        warnings=[*raw.warnings, *layer.warnings],
    )


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
