"""Wire datelines: ``WASHINGTON, March 3 (Reuters) -`` and its many variants."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from newsledger.extract.article.headline import _title_like
from newsledger.extract.article.loaders import (
    _casing,
    _glued_vocabulary,
    _months,
    _not_places,
    _outlets,
)
from newsledger.extract.article.normalise import (
    _day_number,
    canonical_outlet,
    canonical_place,
    month_number,
)


@dataclass(frozen=True, slots=True)
class ParsedDateline:
    """A dateline as printed, before its year is resolved. Offsets index the parsed string."""

    text: str
    start: int
    end: int  # where the body starts (after the separator and its spaces)
    place: str | None  # canonical
    place_as_printed: str | None
    region: str | None
    month: int | None
    day: int | None
    year: int | None  # only when the dateline prints it
    outlet: str | None  # canonical
    outlet_as_printed: str | None


# A separator ends the dateline head: dashes (spaced hyphen, double hyphen, en/em dash),
# a colon, or the full stop after a TASS-style /OUTLET/.
_SEPARATOR = re.compile(
    r"[ \t]*(?:-{2,}|[—―]+|–)[ \t]*"
    r"|[ \t]+_[ \t]+"  # "BELGRADE, Yugoslavia (AP) _ ": the archive AP wire's dash
    r"|[ \t]+-(?:[ \t]+|$|(?=[^\W\d_]|[\"“'(<]))"  # "March 2 -The": the space is dropped
    r"|(?<=\d)-(?:[ \t]+|$)"  # "March 2- Net": or the space before the dash
    r"|[ \t]*:(?:[ \t]+|$)"
    r"|(?<=[/)])\.(?:[ \t]+|$)"
)
_HEAD_WINDOW = 150
_DATE_FIRST = re.compile(
    r"(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d{2})\s+"
    r"\((?P<place>[A-Z][A-Z .'’-]{1,40})\)\s*(?:-{1,2}|[–—])[ \t]*"
)
# Longest place names in datelines have four words (BANDAR SERI BEGAWAN, SAN JUAN CAPISTRANO,
# PORT OF SPAIN); a longer capitalised run is a headline.
_MAX_PLACE_WORDS = 4
# A line that goes on in capitals after the separator is a headline ("... - TRADE") unless
# it runs on like a sentence (an all-capitals telex body).
_MIN_CAPS_BODY_WORDS = 6
# Noise that wire systems put before the dateline ("****SANTO DOMINGO").
_LEADING_NOISE = re.compile(r"[ \t*#>•·]*")

_OUTLET_TAIL = re.compile(
    r"[\s,]*(?:\((?P<paren>[^()\n]{1,40})\)|/(?P<slash>[^/\n]{1,40})/)\s*\.?\s*$"
)
_DAY = r"(?:\d{1,2}|\d[OolI]|[OolI]\d|[lI])"
_YEAR = r"(?:\s*[,.]?\s*(?P<year>(?:1[89]|2[01])\d{2}))?"  # "March 22, 2023", "March 22. 2023"
_DATE_TAIL = re.compile(
    r"(?:^|(?<=[\s,]))(?:"
    rf"(?P<mon>[^\W\d_]{{3,10}})(?:\.\s*|\s+)(?P<day>{_DAY})(?:st|nd|rd|th)?"
    r"|"
    rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>[^\W\d_]{{3,10}})\.?"
    r")" + _YEAR + r"\s*[.,]?\s*$"
)
# "YEREVAN/BAKU (UrduPoint News / Sputnik - 24th February, 2020) Armenia said ...": the agencies
# and the date inside the brackets, and no separator after them
_BRACKETED_DATE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’\-]*(?:[ /][A-Z][A-Z.'’\-]*){0,3}(?:,\s*[A-Z][\w.'’\- ]{1,30})?)"
    r"\s+\((?P<outlets>[^()\n]{2,60}?)\s+[-–—]\s+(?P<date>[^()\n]{4,30})\)[ \t]+(?=[\"“‘']?[A-Z])"
)
# "Bogota, Sep 12 (IANS) At least five soldiers ...": a known agency in brackets, then the body
# with no dash between
_AGENCY_THEN_BODY = re.compile(
    r"[^()\n]{2,80}?\((?P<outlet>[^()\n]{2,40})\)(?=[ \t]+[\"“‘']?[A-Z])"
)
_MONTH_ONLY_TAIL = re.compile(r"(?<=,)\s*(?P<mon>[^\W\d_]{3,10})\.?\s*,?\s*$")


def parse_dateline(line: str, *, after_headline: bool = False) -> ParsedDateline | None:
    """Parse a wire dateline at the start of ``line``; ``None`` when the line has none.

    Reads ``SEOUL, December 27 (TNF):``, ``WASHINGTON, March 3 (Reuters) -``,
    ``LONDON (AP) —``, ``BEIJING, Jan. 5 /Xinhua/ --``, ``MOSCOW, November 1. /TASS/.``,
    Reuters-21578 ``HOUSTON, Texas, March 3 -`` and their variants (no comma, day before
    month, a year, ", Reuter" before the dash, wire typos in the month).

    ``after_headline`` says the line follows a headline, so it cannot be one: its body may
    then run on in capitals and an all-lower-case dateline ("peoria, april 7 -") is read.
    """
    first_line_end = line.find("\n", 0, _HEAD_WINDOW * 4)
    limit = min(len(line) if first_line_end < 0 else first_line_end, _HEAD_WINDOW * 4)
    offset = _LEADING_NOISE.match(line).end()  # type: ignore[union-attr]
    if offset >= limit:
        return None
    dated_first = _DATE_FIRST.match(line, offset)
    if dated_first is not None:
        found = _date_first(line, dated_first)
        if found is not None:
            return found
    bracketed = _BRACKETED_DATE.match(line, offset)
    if bracketed is not None:
        found = _bracketed_date(line, bracketed)
        if found is not None:
            return found
    agency = _AGENCY_THEN_BODY.match(line, offset)
    if agency is not None and agency["outlet"].strip().lower() in _outlets():
        found = parse_dateline(
            f"{line[offset : agency.end()]} - {line[agency.end() :].lstrip()}",
            after_headline=after_headline,
        )
        if found is not None and found.end <= agency.end() + 3:
            end = agency.end() + len(line[agency.end() :]) - len(line[agency.end() :].lstrip())
            return replace(found, text=line[offset : agency.end()].strip(), start=offset, end=end)
    undated: ParsedDateline | None = None
    for sep in _SEPARATOR.finditer(line, offset, limit):
        if sep.start() - offset > _HEAD_WINDOW:
            break
        remainder = line[sep.end() : limit]
        if (
            not after_headline
            and _all_caps(remainder, minimum=4)
            and len(remainder.split()) < _MIN_CAPS_BODY_WORDS
        ):
            # "SYRIA SEEKING SUGAR ON APRIL 8 - TRADE": a capitalised heading, not a body.
            continue
        parsed = _parse_head(line, offset, sep.start(), sep.end(), after_headline)
        if parsed is None:
            continue
        if parsed.month is not None:
            return parsed
        if undated is None:
            undated = parsed
    return undated


def _bracketed_date(line: str, m: re.Match[str]) -> ParsedDateline | None:
    """The usual reading of a dateline whose brackets hold its agencies and its date: the last
    agency the list names is the outlet ("UrduPoint News / Sputnik": the portal carries
    Sputnik's copy)."""
    agencies = [a.strip() for a in m["outlets"].split("/")]
    outlet = next((a for a in reversed(agencies) if a.lower() in _outlets()), None)
    if outlet is None:
        return None
    usual = parse_dateline(f"{m['place']}, {m['date']} ({outlet}) - x", after_headline=True)
    if usual is None or usual.month is None:
        return None
    return _as_printed(usual, line, m, outlet)


def _date_first(line: str, m: re.Match[str]) -> ParsedDateline | None:
    """The usual reading of a dateline that prints its date first and its place in brackets
    ("September 25, 2014 (JUBA) – ..."); it names no outlet."""
    usual = parse_dateline(
        f"{m['place']}, {m['mon']} {m['day']}, {m['year']} - x", after_headline=True
    )
    return None if usual is None else _as_printed(usual, line, m, None)


def _as_printed(
    usual: ParsedDateline, line: str, m: re.Match[str], outlet: str | None
) -> ParsedDateline | None:
    """A dateline read from its usual rewording, given back with the span, place and outlet the
    page printed; no reading without a place."""
    if usual.place is None:
        return None
    return replace(
        usual,
        text=line[m.start() : m.end()].rstrip(),
        start=m.start(),
        end=m.end(),
        place_as_printed=m["place"],
        outlet=usual.outlet if outlet else None,
        outlet_as_printed=outlet,
    )


def _parse_head(
    line: str, start: int, head_end: int, body_start: int, after_headline: bool
) -> ParsedDateline | None:
    head = line[start:head_end].rstrip()
    if not head or "\n" in head:
        return None
    outlet_printed: str | None = None
    outlet: str | None = None
    rest = head
    tail = _OUTLET_TAIL.search(head)
    if tail:
        candidate = (tail.group("paren") or tail.group("slash")).strip()
        if _looks_like_outlet(candidate):
            outlet_printed, outlet = candidate, canonical_outlet(candidate)
            rest = head[: tail.start()]
    if outlet is None:
        bare = re.search(r",\s*(?P<name>[^\W\d_][\w.&' -]{0,30}?)\s*,?\s*\.?$", head)
        if bare and bare.group("name").lower() in _outlets():
            outlet_printed = bare.group("name")
            outlet = canonical_outlet(outlet_printed)
            rest = head[: bare.start()]
    rest = rest.rstrip(" \t,")

    month = day = year = None
    before = rest
    date_match = _DATE_TAIL.search(rest)
    if date_match:
        mon_word = date_match.group("mon") or date_match.group("mon2")
        day_word = date_match.group("day") or date_match.group("day2")
        m, d = month_number(mon_word), _day_number(day_word)
        if m is not None and d is not None:
            month, day = m, d
            year = int(date_match.group("year")) if date_match.group("year") else None
            before = rest[: date_match.start()]
    if month is None:
        only = _MONTH_ONLY_TAIL.search(rest)
        # A bare month counts only when spelled exactly ("CHICAGO, April -"), never fuzzily.
        if only and only.group("mon").lower().rstrip(".") in _months()[0]:
            month = _months()[0][only.group("mon").lower().rstrip(".")]
            before = rest[: only.start()]
    # Some wire copy is typed in lower case ("La paz, march 4 -"); only a place set off
    # from its date by a comma may have lower-case words.
    lenient = month is not None and bool(re.search(r",\s*$", before))
    before = re.sub(r"[\s,\-–—]+$", "", before)

    place_printed: str | None = None
    region: str | None = None
    if before:
        segments = [s.strip() for s in before.split(",")]
        segments = [s for s in segments if re.search(r"[^\W\d_]", s)]
        if not segments or len(segments) > 3:
            return None
        place_printed = segments[0]
        if len(place_printed.split()) > _MAX_PLACE_WORDS:
            return None
        lower_first = lenient and after_headline
        if not all(
            _place_like(p, lenient=lenient, lower_first=lower_first)
            for p in place_printed.split("/")
        ):
            return None
        if not all(_place_like(s, lenient=True, lower_first=True) for s in segments[1:]):
            return None
        if place_printed.lower() in _not_places():
            return None
        region = ", ".join(segments[1:]) or None
    elif outlet is None:
        return None
    if (
        month is None
        and outlet is None
        and place_printed is not None
        and ":" in line[head_end:body_start]
        and place_printed.upper() in _glued_vocabulary().subjects
    ):
        return None  # "UN: Horn of Africa drought ...": an organisation's label, not a place
    if month is None and outlet is None:
        # An undated, unsourced opening is a dateline in the wire's capitals ("LONDON —"), or
        # in mixed case when the place is a known one and a dash sets it off ("Kyiv, Ukraine —").
        if place_printed is None or len(place_printed.split()) > 4:
            return None
        separator = line[head_end:body_start]
        if _all_caps(place_printed):
            if not _is_dash_or_colon(separator):
                return None
        elif not (
            (
                (after_headline and re.search(r"[-—–―]", separator))
                or (re.search(r"[-—–―:]", separator) and _runs_on_as_a_sentence(line[body_start:]))
            )
            and all(p.upper() in _glued_vocabulary().places for p in place_printed.split("/"))
            and (region is None or region.lower() in _glued_vocabulary().regions)
        ):
            # "Kyiv, Ukraine —", "New Delhi: Pakistan resorted to ...": a known place in mixed
            # case set off by a dash or a colon, before a headline or a whole sentence
            return None
    if month is not None and day is None and outlet is None and not _all_caps(place_printed or ""):
        return None

    return ParsedDateline(
        text=line[start:body_start].strip(),
        start=start,
        end=body_start,
        place=canonical_place(place_printed) if place_printed else None,
        place_as_printed=place_printed,
        region=region,
        month=month,
        day=day,
        year=year,
        outlet=outlet,
        outlet_as_printed=outlet_printed,
    )


_MIN_SENTENCE_WORDS = 8


def _runs_on_as_a_sentence(rest: str) -> bool:
    """What follows a place label is a sentence of the body ("New Delhi: Pakistan resorted to
    heavy ceasefire violations ... on Wednesday."), not the rest of a headline."""
    first = rest.split("\n", 1)[0].strip()
    sentence = re.split(r"(?<=[a-z0-9][.!?])[\"”’')]*\s", first, maxsplit=1)
    ends = len(sentence) > 1 or first.rstrip("\"”’')").endswith(".")
    return ends and len(sentence[0].split()) >= _MIN_SENTENCE_WORDS


def _looks_like_outlet(name: str) -> bool:
    if name.lower() in _outlets():
        return True
    if name.lower() in _not_places():
        return False
    words = name.split()
    if not words or len(words) > 4 or any(c.isdigit() for c in name):
        return False
    if month_number(words[0]) is not None and len(words) == 1 and name.lower() not in _outlets():
        return False
    return all(w[:1].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words)


_PLACE_WORD = re.compile(r"^[^\W\d_][\w.'’\-]*$")


def _place_like(segment: str, *, lenient: bool = False, lower_first: bool = False) -> bool:
    words = segment.split()
    if not words or len(words) > 6 or len(segment) > 45:
        return False
    particles = set(_casing().get("lowercase_particles", []))
    for i, word in enumerate(words):
        if not _PLACE_WORD.match(word) or any(c.isdigit() for c in word):
            return False
        if i == 0 and not word[0].isupper() and not lower_first:
            return False
        if not word[0].isupper() and word not in particles and not lenient:
            return False
    return not (len(words) == 1 and len(words[0]) == 1)


def _all_caps(text: str, minimum: int = 2) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= minimum and all(c.isupper() for c in letters)


def _is_dash_or_colon(separator: str) -> bool:
    return bool(re.search(r"[-—–―:]", separator))


def resolve_month_day(month: int, day: int, anchor: date) -> date | None:
    """The date with this month and day nearest to ``anchor`` (year before, same or after).

    A wire dateline is written within a day or two of its publication, so the nearest
    candidate is right across a year end as well (a "Dec 31" story read on Jan 2).
    """
    best: tuple[int, date] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        distance = abs((candidate - anchor).days)
        if best is None or distance < best[0]:
            best = (distance, candidate)
    return best[1] if best else None


# How many lines of a saved page (captions, credits, stamps, a standfirst) may come between
# the headline and a dateline that names its agency or opens the lead in capitals.
_DEEP_LINES = 10
_DEEP_MIN_LEAD_WORDS = 8


def find_dateline(
    lines: list[tuple[int, str]], *, after_headline: bool = False
) -> tuple[int, ParsedDateline] | None:
    """The dateline of ``lines``: (line index, parse). Any dateline in the first two non-blank
    lines; further down, among a page's captions and credits, only one that leaves no doubt:
    it names its agency ("SEOUL (AFP) -") or a place in capitals opens a long lead with a
    dash ("WASHINGTON — Angry at ...")."""
    seen = 0
    near = True
    for i, (_, line) in enumerate(lines):
        if not line.strip():
            continue
        parsed = parse_dateline(line, after_headline=after_headline or seen > 0)
        if parsed is not None and (near or _unmistakable(parsed, line)):
            return i, parsed
        seen += 1
        if seen >= 2 or not _title_like(line):
            near = False
        if seen >= _DEEP_LINES:
            return None
    return None


def _unmistakable(parsed: ParsedDateline, line: str) -> bool:
    if parsed.outlet is not None:
        return True
    head = parsed.text.split()[0] if parsed.text.split() else ""
    lead = line[parsed.end :].split()
    if len(lead) < _DEEP_MIN_LEAD_WORDS:
        return False
    # "WASHINGTON — ...", or "Washington — ..." with the em dash of US news sites, or "New
    # Delhi: ..." as South Asian papers print it (a known place, read only before a sentence)
    return (
        _all_caps(head.strip(","))
        or ("\u2014" in parsed.text and head[:1].isupper())
        or parsed.text.endswith(":")
    )


# A word of a dateline place in capitals: "BEIRUT", "ST.", "XI'AN", "MOSCOW/KYIV", "U.N.".
_CAPS_WORD = re.compile(r"[A-Z][A-Z.'’\-]*(?:/[A-Z][A-Z.'’\-]*)*")
# The sentence the dateline is glued to opens with a capitalised word in mixed case, or a
# quotation: "BEIRUT Syrian troops", "KHARTOUM, Sudan A convoy", "GAZA “We have ...".
_SENTENCE_START = re.compile(r"[\"“‘']?[A-Z][a-z’'][\w’'\-.]*|[\"“‘']?[AI]$")
_MAX_GLUED_WORDS = 6
_MIN_BARE_PLACE_LETTERS = 5


def parse_glued_dateline(line: str) -> ParsedDateline | None:
    """A dateline glued to the lead with no separator, as scraped wire copy prints it.

    Reads ``BEIRUT Syrian troops ...``, ``KHARTOUM, Sudan A convoy ...``, ``MOSCOW/KYIV
    Russia said ...`` and ``ABOARD THE USS RONALD REAGAN The admiral ...``: a place in
    capitals, an optional ``, Region`` and a mixed-case sentence start. An all-capitals
    sentence subject ("NATO said", "US President ...") is not a place: acronyms that open
    sentences are refused, and a single unknown word needs five letters or a region.
    """
    offset = _LEADING_NOISE.match(line).end()  # type: ignore[union-attr]
    limit = line.find("\n", offset)
    tokens = list(re.finditer(r"\S+", line[offset : limit if limit >= 0 else len(line)]))
    run: list[str] = []
    comma = False
    i = 0
    while i < len(tokens) and len(run) < _MAX_GLUED_WORDS + 2:
        word = tokens[i].group(0)
        bare = word[:-1] if word.endswith(",") else word
        if not _CAPS_WORD.fullmatch(bare) or not any(c.isalpha() for c in bare):
            break
        run.append(bare)
        i += 1
        if word.endswith(","):
            comma = True
            break
    if not comma and run and len(run[-1]) == 1 and run[-1] in "AI" and len(run) > 1:
        run.pop()  # "KHARTOUM A convoy": the article opens the sentence
        i -= 1
    if not run or i >= len(tokens):
        return None
    vocabulary = _glued_vocabulary()

    region: str | None = None
    if comma:
        region, i = _glued_region(tokens, i, vocabulary.regions)
        if region is None:
            return None
    opened_by_acronym = False
    if not comma:
        # "BRUSSELS EU ministers ...", "WASHINGTON U.S. officials ...": the sentence opens with
        # an acronym, which the run of capitals took in.
        while (
            len(run) > 1
            and not _starts_sentence(tokens, i)
            and run[-1].upper() in vocabulary.subjects
        ):
            run.pop()
            i -= 1
            opened_by_acronym = True
    if i >= len(tokens) or not (opened_by_acronym or _starts_sentence(tokens, i)):
        return None
    if (
        not comma
        and len(tokens[i].group(0)) == 1
        and (i + 1 >= len(tokens) or not tokens[i + 1].group(0)[:1].islower())
    ):
        return None

    opener = next((o for o in vocabulary.openers if " ".join(run[: len(o.split())]) == o), None)
    place_words = run[len(opener.split()) :] if opener else run
    if not place_words or len(place_words) > _MAX_GLUED_WORDS - (1 if opener else 0) + 1:
        return None
    place = " ".join(place_words)
    parts = place.split("/")
    if any(p in vocabulary.subjects for p in [place, place_words[0], *parts]):
        return None
    known = all(p in vocabulary.places for p in parts)
    # Tabloids set a lead's first word in capitals: "DONALD Trump has ...", a known name.
    following = " ".join(t.group(0).strip(",.:;") for t in tokens[i : i + 3])
    if not known and any(
        " ".join([place, *following.split()[:n]]).lower() in vocabulary.people for n in (1, 2)
    ):
        return None
    if (
        not opener
        and not known
        and (place_words[0].lower() in _not_places() or place.lower() in _not_places())
    ):
        return None
    long_enough = len(place_words) > 1 or sum(c.isalpha() for c in parts[0]) >= (
        _MIN_BARE_PLACE_LETTERS
    )
    if not (known or opener or region is not None or long_enough):
        return None

    body_start = offset + tokens[i].start()
    head_end = offset + tokens[i - 1].end()
    printed = line[offset + tokens[0].start() : offset + tokens[len(run) - 1].end()]
    canonical = canonical_place(" ".join(run))
    return ParsedDateline(
        text=line[offset:head_end].strip(),
        start=offset,
        end=body_start,
        place=canonical,
        place_as_printed=printed,
        region=region,
        month=None,
        day=None,
        year=None,
        outlet=None,
        outlet_as_printed=None,
    )


def _starts_sentence(tokens: list[re.Match[str]], i: int) -> bool:
    return i < len(tokens) and bool(_SENTENCE_START.fullmatch(tokens[i].group(0).rstrip(",.:;")))


def _glued_region(
    tokens: list[re.Match[str]], i: int, regions: frozenset[str]
) -> tuple[str | None, int]:
    """The region after "PLACE," (known names first, longest first) and where the lead starts."""
    for n in (3, 2, 1):
        words = [t.group(0) for t in tokens[i : i + n]]
        if len(words) < n or i + n >= len(tokens):
            continue
        name = " ".join(words).rstrip(",")
        if name.lower() in regions:
            return name, i + n
    # An unknown region: one capitalised word, with the lead right after it.
    if i + 1 < len(tokens) and re.fullmatch(r"[A-Z][a-z][\w.'’-]*", tokens[i].group(0)):
        return tokens[i].group(0), i + 1
    return None, i
