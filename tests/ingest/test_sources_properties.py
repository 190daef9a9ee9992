"""Properties over generated inputs: ingestion never raises, JSON Lines round-trips."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.errors import InputError
from newsledger.ingest.feeds import check_feed_xml, fragment_text
from newsledger.ingest.jsonl import iter_jsonl
from newsledger.ingest.sources import IngestFailure, iter_sources
from newsledger.records import RawArticle
from newsledger.settings import Settings

# Bytes that look a little like each kind of input, so the parsers get past their first check.
_PREFIXES = [b"", b"<html><body><p>", b'<?xml version="1.0"?><rss><channel><item>', b"<feed>",
             b'{"text": "', b"\xef\xbb\xbf", b"<!DOCTYPE rss [", b"\x00"]  # fmt: skip
_SUFFIXES = [".txt", ".html", ".rss", ".jsonl", ".bin"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.binary(max_size=600)
    | st.text(max_size=600).map(lambda s: s.encode("utf-8", "surrogatepass")),
    suffix=st.sampled_from(_SUFFIXES),
)
def test_sources_never_raise_on_arbitrary_files(prefix: bytes, body: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(prefix + body)
        items = list(iter_sources([str(path)], settings=Settings(fetch_timeout=0.2)))
    assert items
    for item in items:
        assert isinstance(item, RawArticle | IngestFailure)
        if isinstance(item, IngestFailure):
            assert item.reason and "\n" not in item.reason


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400))
def test_feeds_check_only_raises_input_errors(data: bytes) -> None:
    # Any other exception type fails the test.
    with contextlib.suppress(InputError):
        check_feed_xml(b"<?xml version='1.0'?>" + data, "x.rss")


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_feeds_fragment_text_is_plain_text(fragment: str) -> None:
    text = fragment_text(fragment)
    assert isinstance(text, str)
    assert all(line == line.strip() and line for line in text.splitlines())


_optional = st.none() | st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=30
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=200
    ).filter(lambda s: s.strip() != ""),
    title=_optional,
    url=_optional,
    outlet=_optional,
    day=st.dates(),
)
def test_jsonl_round_trip(
    text: str, title: str | None, url: str | None, outlet: str | None, day
) -> None:
    row = {"text": text, "title": title, "url": url, "outlet": outlet, "published": day.isoformat()}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.jsonl"
        path.write_text(json.dumps(row) + "\n", encoding="utf-8")
        [article] = list(iter_jsonl(path, max_bytes=100_000))
    assert isinstance(article, RawArticle)
    assert article.text == text.replace("\r\n", "\n").replace("\r", "\n")
    for name, value in (("title", title), ("url", url), ("outlet", outlet)):
        expected = value.strip() or None if value is not None else None
        assert getattr(article, name) == expected
    assert article.published == day.isoformat()
