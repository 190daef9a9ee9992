"""The outlet from the address an article came from: a known outlet's domain only, and last."""

from __future__ import annotations

import pytest

from newsledger.extract.article import read_article
from newsledger.extract.article.normalise import outlet_for_url
from newsledger.records import RawArticle

_BODY = (
    "Harbour pilots end strike\n\n"
    "Pilots at the container port returned to work on Tuesday after a two-day stoppage over "
    "rosters, the port authority said.\n"
)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/pilots-strike-2024-05-07/", "Reuters"),
        ("https://amp.dw.com/en/pilots/a-1234", "DW"),
        ("https://edition.cnn.com/2024/05/07/world/pilots", "CNN"),
        ("https://www.abc.net.au/news/2024-05-07/pilots/123", "ABC"),
        ("http://news.bbc.co.uk/2/hi/world/123.stm", "BBC"),
        ("https://portal.example/world/pilots", None),  # unknown host: no outlet
        ("https://co.uk/x", None),  # a bare public suffix is nobody's
        ("ftp://reuters.com/x", None),
        ("not an address", None),
        (None, None),
    ],
)
def test_outlet_for_url(url: str | None, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet


def test_article_outlet_from_known_domain() -> None:
    raw = RawArticle(text=_BODY, uri="p.txt", url="https://www.stripes.com/news/pilots")
    assert read_article(raw).outlet == "Stars and Stripes"


def test_article_credit_in_the_text_wins_over_the_address() -> None:
    # a wire story carried by a site: the dateline's agency wrote it
    body = _BODY.replace("Pilots at", "ROTTERDAM (Reuters) - Pilots at")
    raw = RawArticle(text=body, uri="p.txt", url="https://www.dw.com/en/pilots/a-1")
    assert read_article(raw).outlet == "Reuters"


def test_article_metadata_outlet_wins_over_the_address() -> None:
    raw = RawArticle(text=_BODY, uri="p.txt", outlet="Harbour Gazette", url="https://dw.com/x")
    assert read_article(raw).outlet == "Harbour Gazette"
