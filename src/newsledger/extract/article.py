"""Article layer: headline, dateline, page boilerplate and publication date.

FIRST CUT, to be replaced by the article-layer work (issue 2, part 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from newsledger.errors import EmptyInputError
from newsledger.records import Dateline, PublishedBasis, RawArticle


@dataclass(slots=True)
class ArticleLayer:
    text: str  # the cleaned body every offset points into
    headline: str | None = None
    dateline: Dateline | None = None
    outlet: str | None = None
    published: str | None = None
    published_basis: PublishedBasis | None = None
    warnings: list[str] = field(default_factory=list)


def read_article(raw: RawArticle, *, reference_date: date | None = None) -> ArticleLayer:
    text = raw.text.strip()
    if not text:
        raise EmptyInputError(raw.uri, "the article is empty")
    lines = text.split("\n", 1)
    headline = raw.title
    if headline is None and len(lines) == 2 and len(lines[0]) < 200:
        headline, text = lines[0].strip(), lines[1].strip()
    published, basis = None, None
    if raw.published:
        published, basis = raw.published, "metadata"
    elif reference_date:
        published, basis = reference_date.isoformat(), "reference"
    return ArticleLayer(text=text, headline=headline, outlet=raw.outlet,
                        published=published, published_basis=basis)  # type: ignore[arg-type]
