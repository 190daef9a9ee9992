"""Metadata saved beside an article file (NAME.meta.json, NAME.url) reaches the raw article."""

from __future__ import annotations

import json
from pathlib import Path

from newsledger.ingest.textfile import iter_text_inputs
from newsledger.records import RawArticle

_STORY = (
    "Ferry strike ends after two weeks\n\n"
    "Crews on the island ferries returned to work on Monday after the operator agreed to "
    "raise night-shift pay, the union said.\n"
)


def _story(folder: Path, name: str = "ferry.txt") -> Path:
    path = folder / name
    path.write_text(_STORY, encoding="utf-8")
    return path


def _one(items: list) -> RawArticle:
    assert len(items) == 1, items
    assert isinstance(items[0], RawArticle), items[0]
    return items[0]


def test_sidecar_meta_json_fills_metadata(tmp_path: Path, collect) -> None:
    path = _story(tmp_path)
    (tmp_path / "ferry.meta.json").write_text(
        json.dumps(
            {
                "title": "Ferry strike ends after two weeks",
                "outlet": "Island Courier",
                "published": "2023-06-12T08:30:00Z",
                "url": "https://courier.example/ferry-strike",
                "licence": "a key NewsLedger does not read",
            }
        ),
        encoding="utf-8",
    )
    article = _one(collect(str(path)))
    assert article.title == "Ferry strike ends after two weeks"
    assert article.outlet == "Island Courier"
    assert article.published == "2023-06-12"
    assert article.url == "https://courier.example/ferry-strike"
    assert article.warnings == []
    # the same through the text-only reader that `extract` and `eval` use
    (read,) = iter_text_inputs([str(path)], max_bytes=1 << 20)
    assert isinstance(read, RawArticle) and read.outlet == "Island Courier"


def test_sidecar_directory_reads_articles_not_sidecars(tmp_path: Path, collect) -> None:
    _story(tmp_path)
    (tmp_path / "ferry.meta.json").write_text('{"outlet": "Island Courier"}', encoding="utf-8")
    (tmp_path / "ferry.url").write_text("https://courier.example/f\n", encoding="utf-8")
    article = _one(collect(str(tmp_path)))
    assert article.uri.endswith("ferry.txt")
    assert (article.outlet, article.url) == ("Island Courier", "https://courier.example/f")


def test_sidecar_url_file_as_bare_line_or_browser_shortcut(tmp_path: Path, collect) -> None:
    bare = _story(tmp_path, "a.txt")
    (tmp_path / "a.url").write_text("  https://news.example/a  \n", encoding="utf-8")
    shortcut = _story(tmp_path, "b.txt")
    (tmp_path / "b.url").write_text(
        "[InternetShortcut]\r\nURL=https://news.example/b?id=7\r\n", encoding="utf-8"
    )
    assert _one(collect(str(bare))).url == "https://news.example/a"
    assert _one(collect(str(shortcut))).url == "https://news.example/b?id=7"


def test_sidecar_unreadable_is_a_warning_not_a_failure(tmp_path: Path, collect) -> None:
    path = _story(tmp_path)
    (tmp_path / "ferry.meta.json").write_text('{"outlet": "Island Courier",', encoding="utf-8")
    (tmp_path / "ferry.url").write_text("file:///etc/passwd\n", encoding="utf-8")
    article = _one(collect(str(path)))
    assert article.text.startswith("Ferry strike ends")
    assert article.outlet is None and article.url is None
    assert any("ferry.meta.json ignored: not valid JSON" in w for w in article.warnings)
    assert any("ferry.url ignored: it holds no http(s) address" in w for w in article.warnings)


def test_sidecar_fields_of_the_wrong_kind_are_left_out(tmp_path: Path, collect) -> None:
    path = _story(tmp_path)
    (tmp_path / "ferry.meta.json").write_text(
        json.dumps({"outlet": ["Island Courier"], "published": "last Tuesday", "title": "T"}),
        encoding="utf-8",
    )
    article = _one(collect(str(path)))
    assert (article.title, article.outlet, article.published) == ("T", None, None)
    assert any("'outlet' ignored: a list" in w for w in article.warnings)
    assert any("'published' ignored: 'last Tuesday' is not a date" in w for w in article.warnings)


def test_sidecar_array_is_ignored_with_a_warning(tmp_path: Path, collect) -> None:
    path = _story(tmp_path)
    (tmp_path / "ferry.meta.json").write_text("[1, 2]", encoding="utf-8")
    article = _one(collect(str(path)))
    assert any("a JSON list, not an object" in w for w in article.warnings)


def test_sidecar_plain_json_with_other_tools_field_names(tmp_path: Path, collect) -> None:
    path = _story(tmp_path)
    (tmp_path / "ferry.json").write_text(
        json.dumps(
            {
                "headline": "Ferry strike ends",
                "date_publish": "2023-06-12 08:30:00",
                "publisher": "Island Courier",
                "link": "https://courier.example/f",
            }
        ),
        encoding="utf-8",
    )
    article = _one(collect(str(path)))
    assert (article.title, article.published, article.outlet, article.url) == (
        "Ferry strike ends",
        "2023-06-12",
        "Island Courier",
        "https://courier.example/f",
    )


def test_sidecar_meta_json_wins_over_plain_json(tmp_path: Path, collect) -> None:
    path = _story(tmp_path)
    (tmp_path / "ferry.meta.json").write_text('{"outlet": "Island Courier"}', encoding="utf-8")
    (tmp_path / "ferry.json").write_text('{"outlet": "Other"}', encoding="utf-8")
    assert _one(collect(str(path))).outlet == "Island Courier"
