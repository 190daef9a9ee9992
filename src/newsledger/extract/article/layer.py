"""The article-layer stage: raw text in, cleaned body and the facts around it out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsledger.errors import EmptyInputError
from newsledger.extract.article.dateline import (
    ParsedDateline,
    find_dateline,
    parse_dateline,
    parse_glued_dateline,
)
from newsledger.extract.article.headline import (
    BREADCRUMB,
    Byline,
    _fits_headline,
    _known_outlet,
    _same_title,
    _title_like,
    is_section_label,
    read_byline,
    reads_as_body,
    split_site_suffix,
)
from newsledger.extract.article.loaders import _strip_flags
from newsledger.extract.article.normalise import canonical_outlet, month_number, outlet_for_url
from newsledger.extract.article.published import _publication
from newsledger.extract.article.residue import Residue, remove_residue, split_trailing_residue
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
    first_start, first = kept[nonblank[0]]
    stamp = _STAMP_PREFIX.match(first.lstrip())
    if stamp is not None:
        # "date 2021-09-12 According to officials, ...": a scraper's date stamp glued to the
        # first line is residue, the rest of the line stays
        cut = len(first) - len(first.lstrip()) + stamp.end()
        kept[nonblank[0]] = (first_start + cut, first[cut:])
        day = date.fromisoformat(stamp.group(0).split()[1])
        removed.append(Residue("date stamp", first[:cut].strip(), first_start, None, day))
        warnings.append(f"removed a scraper's date stamp: {first[:cut].strip()!r}")

    headline, cursor = _find_headline(raw, kept, nonblank, warnings, stamped=stamp is not None)

    # Below the headline, or below its deck: a byline ("By Jane Doe", "- By Jane Doe",
    # "Jane Doe, Reuters") before the body.
    byline: Byline | None = None
    rest = kept[cursor:]
    below = 0
    for j, (_, line) in enumerate(rest):
        if not line.strip():
            continue
        byline = read_byline(_BULLET.sub("", line))
        below += 1
        if byline is not None:
            rest = rest[:j] + rest[j + 1 :]
        if byline is not None or below == _BYLINE_DEPTH or reads_as_body(line):
            break

    if headline is not None and _doubtful_headline(headline):
        # "Home / World / Afghan air strikes kill 31 militants" over the headline itself
        tail = BREADCRUMB.split(headline)[-1].strip()
        nxt = next((i for i, (_, line) in enumerate(rest) if line.strip()), None)
        if tail and nxt is not None and " ".join(rest[nxt][1].split()) == " ".join(tail.split()):
            warnings.append(f"skipped a breadcrumb above the headline: {headline!r}")
            headline = rest[nxt][1].strip()
            rest = rest[:nxt] + rest[nxt + 1 :]

    dateline_parse: ParsedDateline | None = None
    credited: str | None = None
    found = find_dateline(rest, after_headline=headline is not None)
    if found is None:
        found = _glued_dateline(rest, warnings)
    body_lines = rest
    dateline_raw_start = 0
    if found is not None:
        index, dateline_parse = found
        line_start, line = rest[index]
        dateline_raw_start = line_start + dateline_parse.start
        # The body runs on from the dateline on the same line; lines above it (a deck, a
        # standfirst) stay, but a saved page's captions and credits above a dateline found
        # further down do not.
        above = rest[:index]
        # "Zeenews Bureau" between a deck and a deep dateline: a byline out of its usual place
        credited = next(
            (b.outlet for _, text_line in above if (b := read_byline(text_line)) and b.outlet),
            None,
        )
        lines_above = sum(1 for _, text_line in above if text_line.strip())
        if lines_above >= 2:
            titled = _headline_above(above, headline) if _doubtful_headline(headline) else None
            if titled is not None:
                warnings.append(
                    f"headline taken from the line above the dateline: {titled!r}"
                    + (f" ({headline!r} above it is page furniture)" if headline else "")
                )
                headline = titled
            above = _without_furniture(above, headline, warnings)
        elif lines_above == 1 and headline is None:
            # "World" and a byline removed, "Navy ships collide off Crete" is all that is left
            # above the dateline: a title-like line there is the headline; anything else stays
            titled = _headline_above(above, None)
            if titled is not None:
                warnings.append(f"headline taken from the line above the dateline: {titled!r}")
                headline = titled
                above = [(start, text_line) for start, text_line in above if not text_line.strip()]
        body_lines = [
            *above,
            (line_start + dateline_parse.end, line[dateline_parse.end :]),
            *rest[index + 1 :],
        ]

    text = _join_body(body_lines)
    text, trailing = split_trailing_residue(text)
    for residue in trailing:
        removed.append(residue)
        warnings.append(f"removed page residue ({residue.kind}): {residue.line[:120]!r}")
    opening_credit = _opening_credit(text)  # read before a syndication tag is stripped
    text, flag = _strip_flags(text)
    if flag:
        warnings.append(f"removed wire flag before the body: {flag!r}")
    site_outlet: str | None = None
    if headline is not None:
        headline, flag = _strip_flags(headline)
        if flag:
            warnings.append(f"removed wire flag before the headline: {flag!r}")
        headline, site_outlet, tail = split_site_suffix(_unquoted(headline))
        if tail:
            warnings.append(f"removed site name after the headline: {tail!r}")
        headline = headline or None
    if not text:
        raise EmptyInputError(
            source, "has no article text after removing the headline, dateline and page residue"
        )

    # Outlet, from what the page prints, never from a guess: the dateline's, metadata's, the
    # byline's, a wire signature or house-style credit line, then the site after the headline.
    outlet = dateline_parse.outlet if dateline_parse and dateline_parse.outlet else None
    if outlet is None:
        outlet = canonical_outlet(raw.outlet)
    if outlet is None and byline is not None:
        outlet = byline.outlet
    if outlet is None:
        outlet = next((r.outlet for r in removed if r.outlet), None)
    if outlet is None:
        outlet = site_outlet
    if outlet is None:
        outlet = _outlet_above(kept[:cursor], headline)
    if outlet is None:
        outlet = credited or opening_credit
    if outlet is None:
        # last, the site the page came from: an aggregator's host is not the story's author
        outlet = outlet_for_url(raw.url)

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
        byline=byline.text if byline else None,
        dateline_region=dateline_parse.region if dateline_parse else None,
    )


# A byline sits on the line below the headline or on the line below the deck under it.
_BYLINE_DEPTH = 2
_BULLET = re.compile(r"^\s*[-–—•·*]\s+")

# Photo credits and captions a saved page prints between its headline and the story.
_CREDIT = re.compile(
    r"©|\bcopyright\b|\bphoto(?:graph)?\s*:|\bfile photo\b|\b(?:reuters|afp|ap|epa|getty(?: images)?)"
    r"\s*/|/\s*pool\b|\bap photo\b|\bgetty images\b|\(from l-r\)|\bpictured\b",
    re.IGNORECASE,
)
_STANDFIRST_MIN_WORDS = 12


def _printed_twice(line: str, lines: list[str]) -> bool:
    """A caption a page prints twice, once with its credit: another line holds it or it holds
    another line."""
    return any(other != line and (other in line or line in other) for other in lines)


def _without_furniture(
    lines: list[tuple[int, str]], headline: str | None, warnings: list[str]
) -> list[tuple[int, str]]:
    """The lines above a dateline found below a page's furniture, without that furniture:
    photo credits and captions (a line printed twice, or with a credit), a repeated headline,
    and short lines that end no sentence ("By Reuters", stamps). A standfirst (a long line
    that ends a sentence) stays."""
    texts = [" ".join(text.split()) for _, text in lines if text.strip()]
    kept: list[tuple[int, str]] = []
    for start, text in lines:
        words = " ".join(text.split())
        if not words:
            kept.append((start, text))
            continue
        repeated = _printed_twice(words, texts)
        short = len(words.split()) < _STANDFIRST_MIN_WORDS or words[-1:] not in ".!?\"”'’)"
        if (
            repeated
            or _CREDIT.search(words)
            or (headline is not None and words == " ".join(headline.split()))
            or short
        ):
            warnings.append(f"removed a caption or credit above the dateline: {words[:120]!r}")
            continue
        kept.append((start, text))
    return kept


_MIN_HEADLINE_ABOVE_WORDS = 4
# A page's own calls to action open with these verbs ("Watch CBS News", "Get the latest
# updates ...", "Subscribe to ..."): imperatives, which headlines in news style are not.
_PROMPT_VERBS = frozenset(
    {
        "watch",
        "get",
        "subscribe",
        "sign",
        "follow",
        "download",
        "listen",
        "read",
        "join",
        "support",
        "donate",
        "click",
        "register",
        "log",
        "tap",
        "try",
        "discover",
        "explore",
    }
)


def _doubtful_headline(headline: str | None) -> bool:
    """Whether the line taken as the headline may be page furniture: none at all, no letters
    ("×"), a call to action, a breadcrumb ("Home / World / ..."), or under three words."""
    if headline is None:
        return True
    words = headline.split()
    if len(words) < 3 or not any(c.isalpha() for c in headline):
        return True
    first = words[0].lower().strip(".,:;!")
    return (
        first in _PROMPT_VERBS
        or (first == "home" and len(BREADCRUMB.split(headline)) > 1)
        or _page_furniture(headline)
    )


def _headline_above(lines: list[tuple[int, str]], headline: str | None) -> str | None:
    """On a saved page whose dateline sits below captions and credits, the story's headline is
    the last title-like line above them that is no byline, credit, stamp or label ("Watch CBS
    News" or a promotion line may come first); None when there is none or it is the headline
    already found."""
    texts = [" ".join(text.split()) for _, text in lines if text.strip()]
    for words in reversed(texts):
        if (
            len(words.split()) < _MIN_HEADLINE_ABOVE_WORDS
            or words[:1] in "([{"  # "(Adds quotes and details)": a wire's version note
            or not _title_like(words)
            or reads_as_body(words)
            or read_byline(words) is not None
            or is_section_label(words)
            or parse_dateline(words) is not None
            or _CREDIT.search(words)
            or _printed_twice(words, texts)
            or re.search(r"\d{1,2}:\d{2}\s*$|\b(?:19|20)\d{2}\b", words)
        ):
            continue
        if headline is not None and " ".join(headline.split()) == words:
            return None
        return words
    return None


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


def _find_headline(
    raw: RawArticle,
    kept: list[tuple[int, str]],
    nonblank: list[int],
    warnings: list[str],
    *,
    stamped: bool = False,
) -> tuple[str | None, int]:
    """(headline, index of the first line after it).

    Metadata wins. Otherwise the first line is the headline, whether a blank line, a byline,
    a dateline or the body itself follows it, unless it reads as body text (a sentence that
    ends, a line too long for a title) or opens with a dateline. A section label above it
    ("World", "EXCLUSIVE") is skipped.
    """
    cursor = nonblank[0]
    first_line = kept[cursor][1].strip()
    if raw.title and raw.title.strip():
        title = raw.title.strip()
        return title, cursor + 1 if _same_title(first_line, title) else cursor
    if len(nonblank) < 2:
        warnings.append("no headline: the text is a single line")
        return None, cursor
    dateline_below = any(
        parse_dateline(kept[i][1], after_headline=True) is not None
        for i in nonblank[1:_MAX_FURNITURE_LINES]
    )
    # with a dateline below, the line above it is found once the dateline is (read_article)
    below = None if dateline_below else _below_furniture(kept, nonblank)
    if first_line.startswith("(") and _opening_credit(first_line) is not None:
        return None, cursor  # "(MENAFN- AzerNews) Turkish forces ...": the lead, credited
    if below is None and (
        _plain_furniture(first_line) or (stamped and _page_furniture(first_line))
    ):
        # "• Kyodo", "Photo : YONHAP News" alone over the body, or "Fast News" in the title
        # field after a scraper's stamp: no headline there
        warnings.append(f"no headline: the text opens with page furniture ({first_line!r})")
        return None, cursor + 1
    if below is not None:
        skipped = [kept[i][1].strip() for i in nonblank if i < below]
        warnings.append(f"skipped page furniture above the headline: {skipped!r}")
        cursor = below
        first_line = _unquoted(kept[cursor][1].strip())
    if is_section_label(first_line) and _fits_headline(kept[nonblank[1]][1]):
        warnings.append(f"skipped a section label above the headline: {first_line!r}")
        cursor = nonblank[1]
        first_line = kept[cursor][1].strip()
        if nonblank.index(cursor) + 1 >= len(nonblank):
            warnings.append("no headline: nothing follows the section label")
            return None, nonblank[0]
    opening = parse_dateline(first_line)
    if opening is not None:
        rest_of_line = first_line[opening.end :].strip()
        labelled = opening.month is None and opening.outlet is None
        if not (rest_of_line and labelled and _title_like(rest_of_line)):
            return None, cursor  # the text opens with its dateline: no headline was kept
        # "GAZA: Strikes hit camp" over a body: a headline with a place label, not a lead.
    if read_byline(first_line) is not None:
        warnings.append("no headline: the text opens with a byline")
        return None, cursor
    later = [i for i in nonblank if i > cursor]
    below_is_dateline = bool(later) and (
        parse_dateline(kept[later[0]][1], after_headline=True) is not None
    )
    if below_is_dateline and _fits_headline(first_line):
        # A dateline right below it makes the line a headline whatever its style.
        return first_line, cursor + 1
    if reads_as_body(first_line):
        warnings.append(
            f"no headline: the first line reads as body text ({_snippet(first_line)!r})"
        )
        return None, cursor
    if parse_glued_dateline(first_line) is not None and not _title_like(first_line):
        return None, cursor
    return first_line, cursor + 1


# "date 2025-01-02 Jerusalem Post", "date 2017-02-12 North Korea fires ...": a scraper's stamp
# glued to the first line
_STAMP_PREFIX = re.compile(r"^date\s+(?:19|20)\d{2}-\d{2}-\d{2}\s+", re.IGNORECASE)
# a page's date stamp: "Updated: JANUARY 2, 2025 19:48", "4 minutes ago Mon 24th February 2020"
_STAMP = re.compile(
    r"\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b|\b(?:minutes?|hours?|days?) ago\b", re.IGNORECASE
)
_MAX_FURNITURE_LINES = 12
_MAX_SLOGAN_WORDS = 6
# a photo credit on a line of its own ("Photo : YONHAP News", "© AFP"); "copyright" alone is
# a word headlines use ("WINS COPYRIGHT INJUNCTION")
_PHOTO_CREDIT = re.compile(r"©|\bphoto(?:graph)?\s*:|\bfile photo\b", re.IGNORECASE)
_BULLETS = "•·*"
_MAX_STAMP_NAME_WORDS = 2
# words that go with a date in a stamp ("Updated: Mon 24th February", "Date:", "am", "GMT")
_STAMP_WORDS = frozenset(
    "updated published posted last date time am pm gmt utc edt est bst cet ist kst jst "
    "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday "
    "1st 2nd 3rd th st nd rd".split()
)


def _below_furniture(kept: list[tuple[int, str]], nonblank: list[int]) -> int | None:
    """The index of the headline under a saved page's top furniture (menus in another script,
    breadcrumbs, the site's or an author's name, date stamps, promotions: "Get all your news in
    one place.", "Daily Mirror", "Chris Hughes"), or None when the first line is no furniture
    or no headline follows it before the body."""
    for n, i in enumerate(nonblank[:_MAX_FURNITURE_LINES]):
        line = kept[i][1].strip()
        if _page_furniture(line):
            continue
        if n == 0:
            return None
        title = _unquoted(line)
        if (
            (len(title.split()) >= 3 or title.isupper())
            and _title_like(title)
            and not reads_as_body(title)
        ):
            return i
        return None
    return None


def _page_furniture(line: str) -> bool:
    """Furniture above a headline: what ``_plain_furniture`` names, and lines a title could
    only rarely be (two words, a breadcrumb, a date stamp, a call to action, a slogan)."""
    if _plain_furniture(line):
        return True  # "바로가기 메뉴", "• Directory of Taiwan", "Photo : YONHAP News", "×"
    bare = line.strip(" •·*|-–—>»›")
    words = bare.split()
    if len(words) <= 2 and not (len(words) == 2 and bare.isupper()):
        # "Start reading", "Chris Hughes": too short for a headline ("KYIV POUNDED", a
        # tabloid's splash in capitals, is not)
        return True
    if read_byline(line) is not None:
        return True
    if BREADCRUMB.search(line) and bare.split(":")[-1].lower().startswith("home"):
        return True  # "Current:Home > My...", "Home | Diplomacy"
    if _date_stamp(line) or words[0].lower().strip(".,:;!") in _PROMPT_VERBS:
        return True
    if len(words) <= _MAX_SLOGAN_WORDS and bare.endswith((".", "!")) and not bare.endswith(".."):
        return True  # "One app.", "The news is by your side.": a slogan or a promotion
    return len(words) <= 4 and bare[:1].islower()  # "xi's moments"


def _outlet_above(lines: list[tuple[int, str]], headline: str | None) -> str | None:
    """An outlet a saved page prints above its headline, alone or beside a date stamp ("Daily
    Mirror", "• Kyodo", "Sunday Express|November 24, 2024", "Jerusalem Post" after a scraper's
    date stamp)."""
    for _, line in lines:
        bare = line.strip(" •·*|-–—")
        if not bare or (headline is not None and headline in bare):
            continue
        for part in re.split(r"\s*\|\s*", bare):
            found = _known_outlet(part)
            if found is not None:
                return found
    return None


def _date_stamp(line: str) -> bool:
    """A page's date stamp, with at most a name or a label beside the date ("Updated: JANUARY 2,
    2025 19:48", "Sunday Express|November 24, 2024", "Anna Petrik 4 minutes ago Mon 24th
    February 2020"); a headline with a year or a time in it ("GRAIN FUTURES 10:50 EDT", "BASF
    SAYS 1986 RESULTS ...") has more words of its own."""
    if not _STAMP.search(line):
        return False
    rest = [
        w
        for w in re.split(r"[\s|,]+", _STAMP.sub(" ", line))
        if w
        and not w.strip(".:-").isdigit()
        and w.lower().strip(".:") not in _STAMP_WORDS
        and month_number(w.strip(".,")) is None
    ]
    return len(rest) <= _MAX_STAMP_NAME_WORDS


def _opening_credit(text: str) -> str | None:
    """An agency credit in brackets opening the body ("(MENAFN- AzerNews) Turkish forces ...",
    "(AFP) - ..."): the last outlet it names wrote the story."""
    m = re.match(r"\s*\((?P<credit>[^()\n]{2,60})\)", text)
    if m is None:
        return None
    parts = [p.strip() for p in re.split(r"[-–—/,]", m["credit"])]
    named = [found for p in parts if (found := _known_outlet(p)) is not None]
    return named[-1] if named else None


def _plain_furniture(line: str) -> bool:
    """Furniture that no headline could be: an empty or bulleted item, a photo credit, a
    site's name, a section label or a line in another script (a short title like "Kim dies"
    could be)."""
    bare = line.strip(" •·*|-–—>»›")
    letters = [c for c in bare if c.isalpha()]
    latin = sum(1 for c in letters if "a" <= c.lower() <= "z")
    return (
        not bare.split()
        or latin * 4 < len(letters) * 3
        or line.lstrip()[:1] in _BULLETS
        or bool(_PHOTO_CREDIT.search(line))
        or _names_a_site(bare)
        or is_section_label(bare)
    )


def _names_a_site(line: str) -> bool:
    """The line is only a site's or outlet's name ("Daily Mirror", "UrduPoint.com", "Kyodo")."""
    cleaned = line.strip(" •·*|-–—")
    return _known_outlet(cleaned) is not None or bool(
        re.fullmatch(r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|co|news|info|tv)", cleaned, re.I)
    )


def _unquoted(line: str) -> str:
    """A headline printed inside quotation marks ("'STAND STRONG ...'") without them."""
    if len(line) > 2 and line[0] in "'\"‘“" and line[-1] in "'\"’”":
        return line[1:-1].strip()
    return line


def _glued_dateline(
    rest: list[tuple[int, str]], warnings: list[str]
) -> tuple[int, ParsedDateline] | None:
    """A dateline glued to the lead ("BEIRUT Syrian troops ...") on the first body line,
    or on the line after a deck (a title-like line under the headline)."""
    seen = 0
    for i, (_, line) in enumerate(rest):
        if not line.strip():
            continue
        parsed = parse_glued_dateline(line)
        if parsed is not None:
            return i, parsed
        caps = re.match(r"\s*([A-Z][A-Z.'’/-]+(?:\s+[A-Z][A-Z.'’/-]+)*)\s+[A-Z][a-z]", line)
        if caps:
            warnings.append(
                f"no dateline: the lead opens with {caps.group(1)!r} in capitals, read as "
                "part of the sentence"
            )
        seen += 1
        if seen >= 2 or not _title_like(line):
            return None
    return None


def _snippet(line: str, words: int = 12) -> str:
    split = line.split()
    return " ".join(split[:words]) + (" ..." if len(split) > words else "")
