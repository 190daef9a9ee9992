"""Random JSON Lines records through ingestion and every API endpoint, on both backends.

Records mix sentences the extractor finds events in with random unicode, control characters,
escape sequences, NUL, lone surrogates, CSV formula starts, huge numbers and dates from year 1
to 9999. Whatever is stored: no request answers 500, every error has the one JSON shape, and
everything stored reads back through the API. The example count is bounded so the suite stays
fast; ``--hypothesis-seed`` replays a run.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger
from newsledger.pipeline import IngestEvent, ingest
from newsledger.serve.app import ServeConfig, create_app
from newsledger.settings import Settings
from tests.serve.api_walk import assert_readable, walk

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))
from ledger_factory import postgres_url  # noqa: E402

# Per backend; an ingest and a walk of every endpoint take a second or two. A longer hunt:
# NEWSLEDGER_FUZZ_EXAMPLES=500 pytest tests/serve/test_api_fuzz.py
EXAMPLES = int(os.environ.get("NEWSLEDGER_FUZZ_EXAMPLES", "12"))

# Sentences written for this test, so that events, entities, claims and times get extracted.
SENTENCES = (
    "Officials in Valmora said on Monday that the northern port would reopen next week.",
    "The army of Estra fired two rockets at a depot near Brennick on Tuesday, the ministry said.",
    "Brennick's mayor denied the report, calling it groundless.",
    "Negotiators from Estra and Valmora held talks in Lisbon on Friday.",
    '"We will not back down," the union leader told reporters.',
    "The council approved the budget on March 3, 2024, according to the minutes.",
)
HOSTILE = (
    "\x00",
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\r",
    "\n\n",
    "\u202e",
    "\u2028",
    "\ud800",
    "\udfff",
    '=HYPERLINK("http://evil.example","x")',
    "@SUM(A1)",
    "+1",
    "-1",
    "\t",
    "99999999999999999999999",
    "on December 31, 9999",
    "in the year 1",
    "0001-01-01",
    "<script>alert(1)</script>",
    "'; DROP TABLE articles; --",
    '"',
    "%00",
)
_piece = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp"]), max_size=5),
)
_value = st.one_of(
    st.none(),
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)
_published = st.one_of(
    _value,
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["9999-12-31", "0001-01-01", "1799-12-31", "2024-02-30", "Fri, 31 Dec 9999"]),
)


@st.composite
def jsonl_records(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {"text": "".join(draw(st.lists(_piece, min_size=1, max_size=8)))}
    for name in ("title", "outlet", "url"):
        if draw(st.booleans()):
            record[name] = draw(_value)
    if draw(st.booleans()):
        record["published"] = draw(_published)
    return record


_lines = st.lists(
    st.one_of(
        jsonl_records().map(json.dumps),
        st.sampled_from(['{"text": 1e999}', "[1, 2]", "{not json", '"just a string"']),
    ),
    min_size=1,
    max_size=3,
)

_serial = itertools.count()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def fuzz_target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Ledger, TestClient, Path]]:
    folder = tmp_path_factory.mktemp("fuzz")
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{folder / 'fuzz.db'}"
        else:
            url = stack.enter_context(postgres_url())
        ledger = stack.enter_context(Ledger.open(url, settings=Settings(db=url), fusion=FUSION))
        client = stack.enter_context(
            TestClient(create_app(ledger, ServeConfig()), raise_server_exceptions=False)
        )
        yield ledger, client, folder


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(lines=_lines)
def test_api_fuzz_random_records_store_and_read_back(
    fuzz_target: tuple[Ledger, TestClient, Path], lines: list[str]
) -> None:
    ledger, client, folder = fuzz_target
    path = folder / f"batch{next(_serial)}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    events: list[IngestEvent] = []
    summary = ingest(ledger, [str(path)], settings=ledger.settings, on_event=events.append)
    assert summary.total == len(lines)  # one outcome per line, whatever it held
    for event in events:
        if event.outcome == "failed":
            assert event.reason and "Traceback" not in event.reason
            assert "\n" not in event.reason
    stored_ids = {e.article_id for e in events if e.article_id and e.outcome != "failed"}
    walk(client, ledger, stored_ids)
    assert_readable(client, ledger, stored_ids)
