"""Ingestion: sources (text, HTML, feeds, URLs, JSON Lines, directories) -> raw articles.

The entry point is ``newsledger.ingest.sources.iter_sources``, which yields a ``RawArticle``
or an ``IngestFailure`` for every input and never raises for a bad one. One module per kind:
``textfile`` (plain text, also used by ``newsledger extract``), ``html`` (trafilatura and
htmldate), ``feeds`` (RSS/Atom, checked before feedparser), ``jsonl``, the multi-story
containers ``reuters_sgml``, ``newsml`` and ``mbox`` (one article per story, with its own
metadata), and ``fetch`` (the HTTP client that refuses private addresses). Nothing is imported here, so that
``newsledger extract`` does not pay for trafilatura and httpx.
"""
