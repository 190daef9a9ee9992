"""Article layer on small layouts written for the project: tests/golden/article/layouts/."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsledger.extract.article import read_article
from newsledger.records import RawArticle
from tests.conftest import REPO

FOLDER = REPO / "tests" / "golden" / "article" / "layouts"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))["layouts"]


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["file"])
def test_article_layouts_golden(expected):
    path = FOLDER / expected["file"]
    reference = expected["reference_date"]
    result = read_article(
        RawArticle(text=path.read_text(encoding="utf-8"), uri=path.name),
        reference_date=date.fromisoformat(reference) if reference else None,
    )
    assert result.headline == expected["headline"]
    assert (result.dateline.place if result.dateline else None) == expected["dateline_place"]
    assert (result.dateline.text if result.dateline else None) == expected["dateline_text"]
    assert result.outlet == expected["outlet"]
    assert result.byline == expected["byline"]
    assert (result.published, result.published_basis) == (
        expected["published"],
        expected["published_basis"],
    )
    assert " ".join(result.text.split()).startswith(expected["text_starts"])
    # Nothing of the headline, byline or dateline is left in the body.
    for part in (expected["headline"], expected["byline"], expected["dateline_text"]):
        assert not part or part not in result.text


def test_article_layouts_cover_every_file():
    listed = {e["file"] for e in EXPECTED}
    assert listed == {p.name for p in FOLDER.glob("*.txt")}


def test_article_layouts_dateline_span_indexes_raw_text():
    for expected in EXPECTED:
        if not expected["dateline_text"]:
            continue
        raw = (FOLDER / expected["file"]).read_text(encoding="utf-8")
        result = read_article(RawArticle(text=raw, uri=expected["file"]))
        assert result.dateline is not None and result.dateline.span is not None
        start, end = result.dateline.span
        assert raw[start:end] == expected["dateline_text"]


@pytest.mark.parametrize(
    ("name", "dropped"),
    [
        ("26_caption_and_subhead.txt", "REUTERS/Ana Ruiz"),
        ("25_breadcrumb_and_trust_line.txt", "Trust Principles"),
        ("25_breadcrumb_and_trust_line.txt", "Home > World"),
        ("23_state_media_end_marker.txt", "-0-"),
        ("22_contributed_line.txt", "contributed to this report"),
        ("21_agency_site_source_line.txt", "Editor: wang"),
        ("13_page_text_with_residue.txt", "Related:"),
    ],
)
def test_article_layouts_residue_dropped(name, dropped):
    raw = (FOLDER / name).read_text(encoding="utf-8")
    assert dropped in raw
    assert dropped not in read_article(RawArticle(text=raw, uri=name)).text
