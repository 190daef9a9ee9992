"""Article layer: headline, dateline, page residue and publication date.

``read_article`` turns the text an ingester hands over into the cleaned body every later
stage indexes into, plus the facts that sit around the body: the headline, the wire
dateline (place, date, outlet), the byline and the publication date with the evidence it
rests on. Page residue (language menus, share buttons, cookie banners, page date stamps)
is removed line by line and every removal is reported in ``warnings``.

One module per seam: ``loaders`` (the vocabulary in ``extract/data/article/``),
``normalise`` (month, outlet and place names), ``residue``, ``dateline``, ``headline``
(headline and byline), ``year`` (year inference), ``published`` (publication date) and
``layer`` (the stage that puts them together).
"""

from __future__ import annotations

from newsledger.extract.article.dateline import (
    ParsedDateline,
    find_dateline,
    parse_dateline,
    resolve_month_day,
)
from newsledger.extract.article.layer import ArticleLayer, read_article
from newsledger.extract.article.normalise import canonical_outlet, canonical_place, month_number
from newsledger.extract.article.residue import Residue, remove_residue
from newsledger.extract.article.year import YearInference, infer_writing_year

__all__ = [
    "ArticleLayer",
    "ParsedDateline",
    "Residue",
    "YearInference",
    "canonical_outlet",
    "canonical_place",
    "find_dateline",
    "infer_writing_year",
    "month_number",
    "parse_dateline",
    "read_article",
    "remove_residue",
    "resolve_month_day",
]
