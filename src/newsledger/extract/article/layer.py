"""The article-layer stage: raw text in, cleaned body and the facts around it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from newsledger.errors import EmptyInputError
from newsledger.extract.article.dateline import ParsedDateline, find_dateline, parse_dateline
from newsledger.extract.article.headline import _BYLINE, _fits_headline, _same_title, _title_like
from newsledger.extract.article.loaders import _strip_flags
from newsledger.extract.article.normalise import canonical_outlet
from newsledger.extract.article.published import _publication
from newsledger.extract.article.residue import remove_residue
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
    byline: str | None = None
    # the state/province/country printed after the dateline city ("Texas" in HOUSTON, Texas)
    dateline_region: str | None = None


def read_article(raw: RawArticle, *, reference_date: date | None = None) -> ArticleLayer:
    """Headline, dateline, byline, outlet and publication date, and the cleaned body."""
    warnings: list[str] = []
    source = raw.uri or "<input>"
    kept, removed = remove_residue(raw.text.replace("\r\n", "\n").replace("\r", "\n"))
    for residue in removed:
        warnings.append(f"removed page residue ({residue.kind}): {residue.line[:120]!r}")

    nonblank = [i for i, (_, line) in enumerate(kept) if line.strip()]
    if not nonblank:
        raise EmptyInputError(source, "has no article text after removing page residue")

    # Headline: metadata wins; otherwise the first line when it looks like a title and is
    # set apart from the body (a blank line, a byline or a dateline follows it).
    headline = raw.title.strip() if raw.title and raw.title.strip() else None
    cursor = nonblank[0]
    first_line = kept[cursor][1].strip()
    first_dateline = parse_dateline(kept[cursor][1])
    if headline is not None:
        if _same_title(first_line, headline):
            cursor += 1
    elif first_dateline is None and len(nonblank) > 1:
        following = kept[cursor + 1][1] if cursor + 1 < len(kept) else ""
        next_text = kept[nonblank[1]][1]
        if _fits_headline(first_line) and parse_dateline(next_text, after_headline=True):
            # A dateline right below it makes the line a headline whatever its style.
            headline = first_line
            cursor += 1
        elif _title_like(first_line) and (
            not following.strip() or _BYLINE.match(following.strip())
        ):
            headline = first_line
            cursor += 1

    byline: str | None = None
    rest = kept[cursor:]
    for j, (_, line) in enumerate(rest):
        if not line.strip():
            continue
        if _BYLINE.match(line.strip()):
            byline = line.strip()
            rest = rest[:j] + rest[j + 1 :]
        break

    dateline_parse: ParsedDateline | None = None
    found = find_dateline(rest, after_headline=headline is not None)
    body_lines = rest
    dateline_raw_start = 0
    if found is not None:
        index, dateline_parse = found
        line_start, line = rest[index]
        dateline_raw_start = line_start + dateline_parse.start
        # The body runs on from the dateline on the same line; lines above it (a deck) stay.
        body_lines = [
            *rest[:index],
            (line_start + dateline_parse.end, line[dateline_parse.end :]),
            *rest[index + 1 :],
        ]

    text = _join_body(body_lines)
    text, flag = _strip_flags(text)
    if flag:
        warnings.append(f"removed wire flag before the body: {flag!r}")
    if headline is not None:
        headline, flag = _strip_flags(headline)
        if flag:
            warnings.append(f"removed wire flag before the headline: {flag!r}")
        headline = headline or None
    if not text:
        raise EmptyInputError(
            source, "has no article text after removing the headline, dateline and page residue"
        )

    # Outlet: the dateline's, then metadata's, then a wire signature at the end.
    outlet = dateline_parse.outlet if dateline_parse and dateline_parse.outlet else None
    if outlet is None:
        outlet = canonical_outlet(raw.outlet)
    if outlet is None:
        outlet = next((r.outlet for r in removed if r.outlet), None)

    published, basis, dateline_date = _publication(
        raw, reference_date, dateline_parse, removed, headline, text, warnings
    )

    dateline: Dateline | None = None
    if dateline_parse is not None:
        dateline = Dateline(
            text=dateline_parse.text,
            place=dateline_parse.place,
            date=dateline_date.isoformat() if dateline_date else None,
            span=(dateline_raw_start, dateline_raw_start + len(dateline_parse.text)),
            outlet=dateline_parse.outlet,
        )
    return ArticleLayer(
        text=text,
        headline=headline,
        dateline=dateline,
        outlet=outlet,
        published=published,
        published_basis=basis,
        warnings=warnings,
        byline=byline,
        dateline_region=dateline_parse.region if dateline_parse else None,
    )


def _join_body(lines: list[tuple[int, str]]) -> str:
    # Lines are kept as written (wire indents, hard wraps) so quotes match verbatim; only
    # runs of blank lines left by removed residue shrink to one paragraph break.
    out: list[str] = []
    blank = False
    for _, line in lines:
        if not line.strip():
            blank = bool(out)
            continue
        if blank:
            out.append("")
            blank = False
        out.append(line.rstrip())
    return "\n".join(out).strip()
