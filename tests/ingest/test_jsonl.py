"""JSON Lines: one article per line; a bad line is a failure naming file:line, the rest go on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.errors import InputError
from newsledger.ingest.jsonl import iter_jsonl, normalize_date
from newsledger.ingest.sources import IngestFailure
from newsledger.records import RawArticle
from tests.ingest.conftest import story_text


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_jsonl_bad_lines_are_failures_and_the_rest_go_on(tmp_path: Path) -> None:
    good = json.dumps({"text": story_text("port")}).encode()
    path = _write(
        tmp_path / "batch.jsonl",
        [
            good,
            b"{not json",
            b"",  # blank lines are skipped, not failures
            b'["a", "list"]',
            b'{"title": "no text"}',
            b'{"text": 42}',
            b'{"text": "   "}',
            json.dumps({"text": story_text("vote"), "outlet": "Brennick Post"}).encode(),
        ],
    )
    items = list(iter_jsonl(path, max_bytes=100_000))
    kinds = [(type(i).__name__, i.uri if isinstance(i, RawArticle) else i.source) for i in items]
    assert kinds == [
        ("RawArticle", f"{path}:1"),
        ("IngestFailure", f"{path}:2"),
        ("IngestFailure", f"{path}:4"),
        ("IngestFailure", f"{path}:5"),
        ("IngestFailure", f"{path}:6"),
        ("IngestFailure", f"{path}:7"),
        ("RawArticle", f"{path}:8"),
    ]
    reasons = [i.reason for i in items if isinstance(i, IngestFailure)]
    assert reasons == [
        "not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "line is a JSON list, not an object with a 'text' field",
        "'text' is missing; each line needs a 'text' string",
        "'text' is an int; each line needs a 'text' string",
        "'text' is empty",
    ]


def test_jsonl_oversized_line_is_a_failure(tmp_path: Path) -> None:
    big = json.dumps({"text": "word " * 5000}).encode()
    small = json.dumps({"text": story_text("flood")}).encode()
    path = _write(tmp_path / "big.jsonl", [small, big, small])
    items = list(iter_jsonl(path, max_bytes=2_000))
    assert [type(i).__name__ for i in items] == ["RawArticle", "IngestFailure", "RawArticle"]
    assert items[1].source == f"{path}:2"
    assert items[1].reason == "line is larger than the 2,000-byte limit"
    assert items[2].uri == f"{path}:3"


def test_jsonl_invalid_utf8_is_repaired(tmp_path: Path) -> None:
    line = b'{"text": "Caf\xe9 owners in the square cheered the decision."}'
    [article] = list(iter_jsonl(_write(tmp_path / "l.jsonl", [line]), max_bytes=10_000))
    assert isinstance(article, RawArticle)
    assert article.text.startswith("Caf\ufffd owners")
    assert article.warnings == ["invalid UTF-8 repaired at byte 13 of the line"]


def test_jsonl_bad_metadata_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    line = json.dumps({"text": "Enough text.", "title": ["x"], "published": "last Tuesday"})
    [article] = list(iter_jsonl(_write(tmp_path / "l.jsonl", [line.encode()]), max_bytes=10_000))
    assert isinstance(article, RawArticle)
    assert article.title is None and article.published is None
    assert article.warnings == [
        "'title' ignored: a list, not a string",
        "'published' ignored: 'last Tuesday' is not a date",
    ]


def test_jsonl_empty_file_is_a_failure(tmp_path: Path) -> None:
    path = _write(tmp_path / "e.jsonl", [b"", b"  "])
    with pytest.raises(InputError, match="is empty"):
        list(iter_jsonl(path, max_bytes=10_000))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:10:00Z", "2024-03-05"),
        ("2024-03-05T23:10:00+05:00", "2024-03-05"),
        ("2024-03-05 08:00", "2024-03-05"),
        ("Tue, 05 Mar 2024 08:00:00 GMT", "2024-03-05"),
        ("yesterday", None),
        ("", None),
        ("2024-13-45", None),
    ],
)
def test_jsonl_normalize_date(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_jsonl_fields_under_other_tools_names(tmp_path: Path) -> None:
    path = tmp_path / "scraped.jsonl"
    rows = [
        {
            "text": story_text("port"),
            "headline": "Port reopens",
            "published_at": "2024-05-02T10:00Z",
            "site_name": "Harbour Times",
            "canonical_url": "https://harbour.example/p",
        },
        # the first name present wins; a value of the wrong kind is named by the key it came under
        {"text": story_text("port"), "title": "Port", "headline": "ignored", "date": 20240502},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = list(iter_jsonl(path, max_bytes=1 << 20))
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.title, first.published, first.outlet, first.url) == (
        "Port reopens",
        "2024-05-02",
        "Harbour Times",
        "https://harbour.example/p",
    )
    assert second.title == "Port" and second.published is None
    assert any("'date' ignored: an int, not a string" in w for w in second.warnings)
