"""Every hostile input (tests/fixtures/hostile/) through ingestion: one outcome each, none raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.ingest.sources import IngestFailure, iter_sources
from newsledger.records import RawArticle
from newsledger.settings import Settings
from tests.fixtures.hostile import (
    ESC,
    FEED,
    HOSTILE_NAME,
    NUL,
    PAGE,
    case_source,
    hostile_tree,
    loop_names,
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_tree(tmp_path_factory.mktemp("ingest"))


@pytest.fixture(scope="module")
def items(tree: Path) -> dict[str, RawArticle | IngestFailure]:
    out: dict[str, RawArticle | IngestFailure] = {}
    for item in iter_sources([str(tree)], settings=Settings()):
        name = item.uri if isinstance(item, RawArticle) else item.source
        assert name is not None and name not in out
        out[name] = item
    return out


def _article(items: dict[str, RawArticle | IngestFailure], source: str) -> RawArticle:
    item = items[source]
    assert isinstance(item, RawArticle), item
    return item


@pytest.mark.parametrize("case", ["far_future", "year_one"])
def test_sources_hostile_published_outside_the_range_is_dropped_with_a_warning(
    items: dict[str, RawArticle | IngestFailure], tree: Path, case: str
) -> None:
    article = _article(items, case_source(case, tree))
    assert article.published is None
    assert any("outside 1800-01-01" in w for w in article.warnings), article.warnings


def test_sources_hostile_feed_dates_outside_the_range_are_dropped(
    items: dict[str, RawArticle | IngestFailure], tree: Path
) -> None:
    for n in (1, 2):
        article = _article(items, f"{tree / FEED.name}#item-{n}")
        assert article.published is None
        assert any("outside 1800-01-01" in w for w in article.warnings), article.warnings


def test_sources_hostile_dates_in_range_are_kept(
    items: dict[str, RawArticle | IngestFailure], tree: Path
) -> None:
    assert _article(items, case_source("nul", tree)).published == "2024-03-05"
    assert _article(items, str(tree / PAGE.name)).published == "2024-03-09"


def test_sources_hostile_nul_is_stripped_with_a_warning(
    items: dict[str, RawArticle | IngestFailure], tree: Path
) -> None:
    article = _article(items, case_source("nul", tree))
    for value in (article.text, article.title, article.outlet):
        assert value and NUL not in value
    assert article.title == "Port strike ends" and article.outlet == "Harbour Times"
    assert any("NUL" in w for w in article.warnings), article.warnings


def test_sources_hostile_lone_surrogates_become_replacement_characters(
    items: dict[str, RawArticle | IngestFailure], tree: Path
) -> None:
    article = _article(items, case_source("lone_surrogate", tree))
    assert article.title == "Dam \ufffd inspection"
    assert "Sunday \ufffd and" in article.text
    article.text.encode("utf-8")  # writable, which a lone surrogate is not
    assert any("surrogate" in w for w in article.warnings), article.warnings


def test_sources_hostile_script_inside_h1_stays_out_of_the_headline(
    items: dict[str, RawArticle | IngestFailure], tree: Path
) -> None:
    article = _article(items, str(tree / PAGE.name))
    assert article.title == "Budget approved after long debate"
    for code in ("document.title", "evil.example", "color: red", "enable scripts"):
        assert code not in (article.title or "") and code not in article.text


def test_sources_hostile_looping_links_are_failures(
    items: dict[str, RawArticle | IngestFailure], tree: Path
) -> None:
    for name in loop_names():
        failure = items[str(tree / name)]
        assert isinstance(failure, IngestFailure), failure
        assert "loops" in failure.reason


def test_sources_hostile_looping_link_given_by_name_says_it_loops(tree: Path) -> None:
    (failure,) = iter_sources([str(tree / "self.txt")], settings=Settings())
    assert isinstance(failure, IngestFailure) and "loops" in failure.reason


def test_sources_hostile_every_input_has_one_outcome(
    items: dict[str, RawArticle | IngestFailure], tree: Path
) -> None:
    # 10 JSON lines, 2 feed items, the page, the file with a hostile name, 4 looping links.
    assert len(items) == 10 + 2 + 1 + 1 + 4
    odd = _article(items, str(tree / HOSTILE_NAME))
    assert ESC in (odd.uri or "")  # kept as it is; displays escape it
