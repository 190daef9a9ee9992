"""iter_sources on files and directories: every kind, every bad input, the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

from newsledger.ingest.sources import IngestFailure, iter_sources
from newsledger.records import RawArticle
from newsledger.settings import Settings
from tests.ingest.conftest import article_html, rss_feed, story_text


def _one(items: list) -> RawArticle:
    assert len(items) == 1, items
    assert isinstance(items[0], RawArticle), items[0]
    return items[0]


def _failure(items: list) -> IngestFailure:
    assert len(items) == 1, items
    assert isinstance(items[0], IngestFailure), items[0]
    assert "\n" not in items[0].reason
    return items[0]


def test_sources_text_file(tmp_path: Path, collect) -> None:
    path = tmp_path / "port.txt"
    path.write_text(story_text("port"), encoding="utf-8")
    article = _one(collect(str(path)))
    assert article.format == "text"
    assert article.uri == str(path)
    assert article.text.startswith("Dock workers at the northern port")
    assert article.warnings == []


def test_sources_text_file_without_known_suffix(tmp_path: Path, collect) -> None:
    path = tmp_path / "port.story"
    path.write_text(story_text("port"), encoding="utf-8")
    assert _one(collect(str(path))).format == "text"


def test_sources_html_file_body_and_metadata(tmp_path: Path, collect) -> None:
    path = tmp_path / "port.html"
    path.write_text(article_html("port"), encoding="utf-8")
    article = _one(collect(str(path)))
    assert article.format == "html"
    assert article.title == "Port strike ends after wage deal"
    assert article.outlet == "The Harbour Times"
    assert article.published == "2024-03-05"
    assert article.url == "https://harbour.example/news/story"
    assert "nine-day strike" in article.text
    assert "night shifts would resume on Wednesday" in article.text
    # Page furniture is stripped.
    for boilerplate in (
        "Subscribe now",
        "Cookie settings",
        "Celebrity chef",
        "All rights reserved",
    ):
        assert boilerplate not in article.text


def test_sources_html_sniffed_without_suffix(tmp_path: Path, collect) -> None:
    path = tmp_path / "saved_page"
    path.write_text(article_html("flood"), encoding="utf-8")
    article = _one(collect(str(path)))
    assert article.format == "html"
    assert "eleven towns" in " ".join(article.text.split())


def test_sources_jsonl_file(tmp_path: Path, collect) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        {
            "text": story_text("port"),
            "title": "Port strike ends",
            "url": "https://a.example/1",
            "published": "2024-03-05T10:00:00Z",
            "outlet": "Harbour Times",
        },
        {"text": story_text("flood")},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = collect(str(path))
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.format, first.title, first.url, first.published, first.outlet) == (
        "json",
        "Port strike ends",
        "https://a.example/1",
        "2024-03-05",
        "Harbour Times",
    )
    assert first.uri == f"{path}:1" and second.uri == f"{path}:2"
    assert second.title is None and second.published is None


def test_sources_feed_file(tmp_path: Path, collect) -> None:
    path = tmp_path / "world.rss"
    long_text = "\n".join(f"<p>{p}</p>" for p in [story_text("vote")] * 4)
    path.write_text(
        rss_feed(
            [
                {
                    "title": "Tram line approved",
                    "date": "Fri, 08 Mar 2024 09:30:00 GMT",
                    "content": long_text,
                    "summary": "Council votes.",
                }
            ]
        ),
        encoding="utf-8",
    )
    article = _one(collect(str(path)))
    assert article.format == "feed"
    assert article.title == "Tram line approved"
    assert article.outlet == "Harbour Times: World"
    assert article.published == "2024-03-08"
    assert "twenty-nine votes to eighteen" in article.text


def test_sources_directory_recursive_and_sorted(tmp_path: Path, collect) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "vote.txt").write_text(story_text("vote"), encoding="utf-8")
    (tmp_path / "a" / "deep" / "flood.htm").write_text(article_html("flood"), encoding="utf-8")
    (tmp_path / "a" / "port.txt").write_text(story_text("port"), encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("not an article kind we scan for", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text(story_text("port"), encoding="utf-8")
    items = collect(str(tmp_path))
    assert all(isinstance(i, RawArticle) for i in items)
    assert [Path(i.uri).name for i in items] == ["flood.htm", "port.txt", "vote.txt"]
    assert collect(str(tmp_path)) == items  # stable order


def test_sources_empty_directory_is_a_failure(tmp_path: Path, collect) -> None:
    failure = _failure(collect(str(tmp_path)))
    assert failure.source == str(tmp_path)
    assert "no article files" in failure.reason


def test_sources_missing_path(tmp_path: Path, collect) -> None:
    failure = _failure(collect(str(tmp_path / "nope.txt")))
    assert failure.reason == "no such file or directory"


def test_sources_binary_file(tmp_path: Path, collect) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert "binary" in _failure(collect(str(path))).reason


def test_sources_binary_file_with_html_suffix(tmp_path: Path, collect) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(bytes(range(256)) * 20)
    assert "binary" in _failure(collect(str(path))).reason


def test_sources_empty_file(tmp_path: Path, collect) -> None:
    for name in ("empty.txt", "empty.html", "empty.rss", "empty.jsonl"):
        path = tmp_path / name
        path.write_bytes(b"" if name != "empty.html" else b"  \n ")
        failure = _failure(collect(str(path)))
        assert failure.source == str(path)
        assert "empty" in failure.reason, failure


def test_sources_invalid_utf8_is_repaired_with_a_warning(tmp_path: Path, collect) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(story_text("port").encode("utf-8") + b"\nCaf\xe9 owners cheered.\n")
    article = _one(collect(str(path)))
    assert "Caf\ufffd owners cheered." in article.text
    assert any("invalid UTF-8" in w for w in article.warnings)


def test_sources_invalid_utf8_in_html_is_repaired(tmp_path: Path, collect) -> None:
    path = tmp_path / "page.html"
    page = article_html("port").replace("nine-day", "nine-day\xe9")
    path.write_bytes(page.encode("latin-1").replace(b'charset="utf-8"', b""))
    article = _one(collect(str(path)))
    assert "nine-day\ufffd" in article.text
    assert any("invalid UTF-8" in w for w in article.warnings)


def test_sources_declared_charset_is_honoured(tmp_path: Path, collect) -> None:
    path = tmp_path / "page.html"
    page = article_html("port", charset="iso-8859-1").replace("nine-day", "nine-day caf\xe9")
    path.write_bytes(page.encode("latin-1"))
    article = _one(collect(str(path)))
    assert "nine-day café" in article.text
    assert article.warnings == []


def test_sources_oversized_text_is_refused(tmp_path: Path, collect) -> None:
    path = tmp_path / "huge.txt"
    line = (story_text("flood") + "\n").encode("utf-8")
    with path.open("wb") as stream:
        while stream.tell() < 20 * 1024 * 1024:
            stream.write(line * 100)
    failure = _failure(collect(str(path)))
    assert "larger than the 1,000,000-byte limit" in failure.reason
    assert "max_input_bytes" in failure.reason


def test_sources_oversized_html_is_refused(tmp_path: Path, collect) -> None:
    path = tmp_path / "huge.html"
    path.write_text(article_html("port"), encoding="utf-8")
    failure = _failure(collect(str(path), max_input_bytes=1000))
    assert "1,000-byte limit" in failure.reason


def test_sources_batch_goes_on_after_failures(tmp_path: Path, collect) -> None:
    good = tmp_path / "good.txt"
    good.write_text(story_text("vote"), encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = collect(str(empty), str(tmp_path / "missing"), str(good))
    assert [type(i).__name__ for i in items] == ["IngestFailure", "IngestFailure", "RawArticle"]


def test_sources_directory_named_like_a_file_is_walked(tmp_path: Path, collect) -> None:
    folder = tmp_path / "article.txt"
    folder.mkdir()
    (folder / "inner.txt").write_text(story_text("port"), encoding="utf-8")
    items = collect(str(folder))
    assert [Path(i.uri).name for i in items] == ["inner.txt"]


def test_sources_unsupported_url_scheme(collect) -> None:
    failure = _failure(collect("ftp://files.example/story.txt"))
    assert "scheme 'ftp'" in failure.reason


def test_sources_iterator_never_raises_on_unexpected_errors(tmp_path: Path, monkeypatch) -> None:
    import newsledger.ingest.sources as sources

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(sources, "html_to_article", explode)
    page = tmp_path / "page.html"
    page.write_text(article_html("port"), encoding="utf-8")
    text = tmp_path / "z.txt"
    text.write_text(story_text("vote"), encoding="utf-8")
    items = list(iter_sources([str(page), str(text)], settings=Settings()))
    assert isinstance(items[0], IngestFailure)
    assert items[0].reason == "unexpected error (RuntimeError: parser exploded)"
    assert isinstance(items[1], RawArticle)


def test_sources_failure_reason_is_one_bounded_line() -> None:
    failure = IngestFailure("x", "first line\nsecond   line " + "y" * 1000)
    assert "\n" not in failure.reason
    assert failure.reason.startswith("first line second line y")
    assert len(failure.reason) <= 400


def test_sources_stdin(monkeypatch) -> None:
    import io
    import sys

    stream = io.TextIOWrapper(io.BytesIO(story_text("port").encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stream)
    [article] = list(iter_sources(["-"], settings=Settings()))
    assert isinstance(article, RawArticle)
    assert article.uri == "<stdin>" and article.text.startswith("Dock workers")


def _bad_files(folder: Path) -> dict[str, Path]:
    """One file for each bad input of the ingest contract."""
    from tests.ingest.test_feeds import BILLION_LAUGHS, XXE

    folder.mkdir()
    files = {
        "binary": folder / "a_binary.txt",
        "empty": folder / "b_empty.txt",
        "huge": folder / "c_huge.txt",
        "malformed html": folder / "d_malformed.html",
        "no article": folder / "e_hub.html",
        "truncated feed": folder / "f_cut.rss",
        "xxe": folder / "g_xxe.xml",
        "billion laughs": folder / "h_lol.xml",
    }
    files["binary"].write_bytes(bytes(range(256)) * 16)
    files["empty"].write_bytes(b"")
    files["huge"].write_bytes(b"word " * 2_100_000)  # over the 10 MB limit set below
    files["malformed html"].write_bytes(b'<html><<body <p =""" <div <<<>>> </p </html')
    files["no article"].write_text(
        "<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav></body></html>",
        encoding="utf-8",
    )
    feed = rss_feed([{"title": "t", "content": "<p>" + story_text("port") + "</p>"}])
    files["truncated feed"].write_text(feed[: len(feed) // 2], encoding="utf-8")
    files["xxe"].write_text(XXE, encoding="utf-8")
    files["billion laughs"].write_text(BILLION_LAUGHS, encoding="utf-8")
    return files


def test_sources_every_bad_input_is_one_failure_and_the_batch_goes_on(
    tmp_path: Path, collect, server
) -> None:
    from tests.ingest.conftest import Route

    files = _bad_files(tmp_path / "bad")
    good = tmp_path / "good.txt"
    good.write_text(story_text("vote"), encoding="utf-8")
    invalid_utf8 = tmp_path / "latin.txt"
    invalid_utf8.write_bytes(story_text("flood").encode() + b" caf\xe9")
    loopback = server.add("/story", Route(body=article_html("port").encode()))
    items = collect(
        *map(str, files.values()),
        loopback,
        str(invalid_utf8),
        str(good),
        max_input_bytes=10_000_000,
    )
    failures = [i for i in items if isinstance(i, IngestFailure)]
    articles = [i for i in items if isinstance(i, RawArticle)]
    assert [f.source for f in failures] == [*map(str, files.values()), loopback]
    assert all(f.reason and "\n" not in f.reason for f in failures)
    assert [a.uri for a in articles] == [str(invalid_utf8), str(good)]
    assert articles[0].warnings  # repaired, not refused

    server.add("/slow", Route(body=b"late", content_type="text/plain", delay=2.0))
    server.add("/loop-a", Route(status=302, headers={"Location": "/loop-b"}))
    server.add("/loop-b", Route(status=302, headers={"Location": "/loop-a"}))
    items = collect(server.url("/slow"), server.url("/loop-a"), str(good), allow_private=True)
    assert [type(i).__name__ for i in items] == ["IngestFailure", "IngestFailure", "RawArticle"]
    assert "timed out" in items[0].reason and "loop" in items[1].reason
