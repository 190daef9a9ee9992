"""Article layer: headline, dateline, page residue and publication date.

``read_article`` turns the text an ingester hands over into the cleaned body every later
stage indexes into, plus the facts that sit around the body: the headline, the wire
dateline (place, date, outlet), the byline and the publication date with the evidence it
rests on. Page residue (language menus, share buttons, cookie banners, page date stamps)
is removed line by line and every removal is reported in ``warnings``.

The vocabulary (month names, outlets, residue patterns, year cues, place casing) lives in
``extract/data/article/``; this module holds only the logic.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Literal

from newsledger.errors import EmptyInputError
from newsledger.records import Dateline, PublishedBasis, RawArticle

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

# Read through the package root: data folders have no __init__.py, and this works for an
# editable install, a wheel and a zip alike.
_DATA = ("extract", "data", "article")


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


@dataclass(frozen=True, slots=True)
class Residue:
    """One line removed from the page text."""

    kind: str
    line: str
    start: int  # offset of the line in the raw text
    outlet: str | None = None  # a wire signature names the outlet
    date: date | None = None  # a page date stamp carries a date


@dataclass(frozen=True, slots=True)
class YearInference:
    year: int
    evidence: tuple[str, ...]


# ---------------------------------------------------------------------------------------
# Data


def _data_file(name: str) -> Traversable:
    return resources.files("newsledger").joinpath(*_DATA, name)


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    text = _data_file(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(_data_file(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _months() -> tuple[dict[str, int], dict[str, int]]:
    """(every written form -> month, full names -> month)."""
    forms: dict[str, int] = {}
    full: dict[str, int] = {}
    for entry in _read_jsonl("months.jsonl"):
        for i, name in enumerate(entry["names"]):
            forms[name] = entry["month"]
            if i == 0:
                full[name] = entry["month"]
    return forms, full


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    """Lower-cased variant -> canonical outlet name."""
    table: dict[str, str] = {}
    for entry in _read_jsonl("outlets.jsonl"):
        for variant in [entry["name"], *entry["variants"]]:
            table[variant.lower()] = entry["name"]
    return table


@lru_cache(maxsize=1)
def _casing() -> dict[str, Any]:
    return _read_toml("place_casing.toml")


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(entry["word"] for entry in _read_jsonl("not_places.jsonl"))


@dataclass(frozen=True, slots=True)
class _ResidueRule:
    kind: str
    regex: re.Pattern[str]
    edge: bool
    names_outlet: bool
    carries_date: bool


@lru_cache(maxsize=1)
def _residue_rules() -> tuple[_ResidueRule, ...]:
    languages = [n for e in _read_jsonl("languages.jsonl") for n in e["names"]]
    language_alt = "|".join(re.escape(n) for n in sorted(languages, key=len, reverse=True))
    outlet_alt = "|".join(re.escape(v) for v in sorted(_outlets(), key=len, reverse=True))
    rules = []
    for entry in _read_jsonl("residue.jsonl"):
        pattern = entry["pattern"].replace("{LANGUAGE}", language_alt)
        pattern = pattern.replace("{OUTLET}", outlet_alt)
        flags = 0 if entry.get("case") and not entry.get("outlet") else re.IGNORECASE
        rules.append(
            _ResidueRule(
                kind=entry["kind"],
                regex=re.compile(pattern, flags),
                edge=bool(entry.get("edge")),
                names_outlet=bool(entry.get("outlet")),
                carries_date=bool(entry.get("date")),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def _wire_flags() -> re.Pattern[str]:
    """Version and genre flags wires put before a headline or a body: "(LEAD)", "UPDATE 2-"."""
    alternatives = [
        e["pattern"] if e.get("case") else f"(?i:{e['pattern']})"
        for e in _read_jsonl("wire_flags.jsonl")
    ]
    return re.compile("^(?:" + "|".join(alternatives) + ")+")


def _strip_flags(text: str) -> tuple[str, str]:
    """(text without leading wire flags, the flags removed)."""
    m = _wire_flags().match(text)
    return (text[m.end() :], m.group(0).strip()) if m else (text, "")


@dataclass(frozen=True, slots=True)
class _YearCue:
    words: tuple[str, ...]
    relation: Literal["before", "just_before", "not_after", "not_before", "current", "tense"]
    weight: float
    # the cue counts only when this word is among the ``window`` words before it
    after_word: str | None = None
    window: int = 0
    # ... and none of these words lies between that word and the cue
    unless: frozenset[str] = frozenset()

    def matches(self, words: list[str]) -> bool:
        n = len(self.words)
        if not n or words[-n:] != list(self.words):
            return False
        if self.after_word is None:
            return True
        span = words[-n - self.window : -n]
        if self.after_word not in span:
            return False
        between = span[len(span) - span[::-1].index(self.after_word) :]
        return not self.unless.intersection(between)


@lru_cache(maxsize=1)
def _year_cues() -> tuple[_YearCue, ...]:
    cues = [
        _YearCue(
            tuple(e["cue"].lower().split()),
            e["relation"],
            float(e["weight"]),
            e.get("after_word"),
            int(e.get("window", 0)),
            frozenset(e.get("unless", [])),
        )
        for e in _read_jsonl("year_cues.jsonl")
    ]
    # Longest cue first, so "by the end of" wins over "by".
    return tuple(sorted(cues, key=lambda c: len(c.words), reverse=True))


@lru_cache(maxsize=1)
def _year_context() -> dict[str, Any]:
    data = _read_toml("year_context.toml")
    return {
        "past": frozenset(data["past"]),
        "past_suffix": data["past_suffix"],
        "not_past": frozenset(data["not_past"]),
        "future": frozenset(data["future"]),
        "quantity": frozenset(data["quantity_words"]) | frozenset(data["clock_words"]),
        "likelihood": data["mention_likelihood"],
        "target_likelihood": data["target_likelihood"],
    }


# ---------------------------------------------------------------------------------------
# Small normalisers


def month_number(word: str) -> int | None:
    """Month of a written month name, tolerating wire typos ("Marchg", "Jne", "Macrh")."""
    w = word.lower().rstrip(".")
    forms, full = _months()
    if w in forms:
        return forms[w]
    if len(w) < 3 or not w.isalpha():
        return None
    # A truncated name ("Marc", "Apri", "Sept") is unambiguous from three letters on.
    prefixed = {m for name, m in full.items() if name.startswith(w)}
    if len(prefixed) == 1:
        return prefixed.pop()
    close = {
        m
        for name, m in full.items()
        if len(name) >= 4 and _within_one_edit(w, name) and (len(w) >= 4 or len(w) < len(name))
    }
    return close.pop() if len(close) == 1 else None


def _within_one_edit(a: str, b: str) -> bool:
    """Damerau distance <= 1: one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# Wire copy (and OCR) sometimes prints the letter O for zero and l or I for one: "March 2O".
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})


def _day_number(token: str) -> int | None:
    digits = token.translate(_DIGIT_LOOKALIKES)
    if not digits.isdigit():
        return None
    value = int(digits)
    return value if 1 <= value <= 31 else None


def canonical_outlet(name: str | None) -> str | None:
    """Canonical outlet name ("Reuter" -> "Reuters"); an unknown name is kept as printed."""
    if name is None:
        return None
    cleaned = " ".join(name.strip().strip("/()").split())
    if not cleaned:
        return None
    return _outlets().get(cleaned.lower(), cleaned)


def canonical_place(name: str) -> str:
    """The usual spelling of a dateline place: NEW YORK -> New York, DAR ES SALAAM -> Dar es Salaam.

    A place printed in mixed case is already spelled as the writer meant and is kept.
    """
    cleaned = " ".join(name.split()).strip(" ,")
    particles = set(_casing().get("lowercase_particles", []))
    miscased = any(w[:1].islower() and w not in particles for w in cleaned.split())
    if any(c.islower() for c in cleaned) and not miscased:
        return cleaned
    casing = _casing()
    exceptions: dict[str, str] = casing.get("exceptions", {})
    if cleaned.upper() in exceptions:
        return exceptions[cleaned.upper()]
    return "/".join(_title_place(part, casing, exceptions) for part in cleaned.split("/"))


def _title_place(name: str, casing: dict[str, Any], exceptions: dict[str, str]) -> str:
    if name.upper() in exceptions:
        return exceptions[name.upper()]
    particles = set(casing.get("lowercase_particles", []))
    prefixes = casing.get("capital_after_prefix", [])
    words = []
    for wi, word in enumerate(name.split(" ")):
        parts = []
        for pi, part in enumerate(word.split("-")):
            lower = part.lower()
            if (wi or pi) and lower in particles:
                parts.append(lower)
                continue
            if re.fullmatch(r"(?:[^\W\d_]\.)+", part):
                parts.append(part)  # initials stay capitals: "U.S.", "D.C."
                continue
            titled = part[:1].upper() + part[1:].lower()
            for prefix in prefixes:
                n = len(prefix)
                if titled.lower().startswith(prefix.lower()) and len(titled) > n + 1:
                    titled = prefix + titled[n].upper() + titled[n + 1 :]
                    break
            parts.append(titled)
        words.append("-".join(parts))
    return " ".join(words)


# ---------------------------------------------------------------------------------------
# Dateline


# A separator ends the dateline head: dashes (spaced hyphen, double hyphen, en/em dash),
# a colon, or the full stop after a TASS-style /OUTLET/.
_SEPARATOR = re.compile(
    r"[ \t]*(?:-{2,}|[—―]+|–)[ \t]*"
    r"|[ \t]+-(?:[ \t]+|$|(?=[^\W\d_]|[\"“'(<]))"  # "March 2 -The": the space is dropped
    r"|(?<=\d)-(?:[ \t]+|$)"  # "March 2- Net": or the space before the dash
    r"|[ \t]*:(?:[ \t]+|$)"
    r"|(?<=[/)])\.(?:[ \t]+|$)"
)
_HEAD_WINDOW = 150
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
_YEAR = r"(?:\s*,?\s*(?P<year>(?:1[89]|2[01])\d{2}))?"
_DATE_TAIL = re.compile(
    r"(?:^|(?<=[\s,]))(?:"
    rf"(?P<mon>[^\W\d_]{{3,10}})(?:\.\s*|\s+)(?P<day>{_DAY})(?:st|nd|rd|th)?"
    r"|"
    rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>[^\W\d_]{{3,10}})\.?"
    r")" + _YEAR + r"\s*[.,]?\s*$"
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
    if month is None and outlet is None:
        # An undated, unsourced opening is a dateline only in the wire's capitals: "LONDON —".
        if place_printed is None or not _all_caps(place_printed) or len(place_printed.split()) > 4:
            return None
        if not _is_dash_or_colon(line[head_end:body_start]):
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


# ---------------------------------------------------------------------------------------
# Residue


_SUBSTANTIAL_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?][\"”’')]?(?:\s|$)")


def remove_residue(text: str) -> tuple[list[tuple[int, str]], list[Residue]]:
    """Split ``text`` into (offset, line) pairs without the residue lines, and the removals.

    Rules marked ``edge`` apply only before the first or after the last line of body text
    (a run of non-residue lines with six words or more and a sentence end), where page
    templates put their toolbars.
    """
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw_line in text.split("\n"):
        lines.append((pos, raw_line))
        pos += len(raw_line) + 1

    matches: list[tuple[_ResidueRule, re.Match[str]] | None] = []
    for _, line in lines:
        stripped = line.strip()
        found = None
        if stripped:
            for rule in _residue_rules():
                m = rule.regex.fullmatch(stripped)
                if m:
                    found = (rule, m)
                    break
        matches.append(found)

    # Body text comes in runs of lines (a paragraph, or a hard-wrapped wire paragraph) with a
    # sentence end; a headline has none, so toolbar lines just below it still count as the
    # top of the page.
    substantial: list[int] = []
    run: list[int] = []
    for i, (_, line) in enumerate([*lines, (0, "")]):
        if i < len(lines) and line.strip() and matches[i] is None:
            run.append(i)
            continue
        joined = " ".join(lines[j][1] for j in run)
        if len(joined.split()) >= _SUBSTANTIAL_WORDS and _SENTENCE_END.search(joined):
            substantial.extend(run)
        run = []
    first_body = substantial[0] if substantial else len(lines)
    last_body = substantial[-1] if substantial else -1

    kept: list[tuple[int, str]] = []
    removed: list[Residue] = []
    for i, (start, line) in enumerate(lines):
        found = matches[i]
        if found is not None:
            rule, m = found
            if not rule.edge or i < first_body or i > last_body:
                stripped = line.strip()
                outlet = None
                if rule.names_outlet:
                    outlet = canonical_outlet(re.sub(r"^[-—–\s(]+|[).\s]+$", "", stripped))
                marked = _date_in(stripped) if rule.carries_date else None
                removed.append(Residue(rule.kind, stripped, start, outlet, marked))
                continue
        kept.append((start, line))
    return kept, removed


_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})(?!\d)")
_WORDY_DATE = re.compile(
    r"(?:(?P<mon>[^\W\d_]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})\s+(?P<mon2>[^\W\d_]{3,9})\.?,?\s+(?P<year2>\d{4}))"
)


def _date_in(text: str) -> date | None:
    m = _NUMERIC_DATE.search(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    w = _WORDY_DATE.search(text)
    if w:
        month = month_number(w.group("mon") or w.group("mon2"))
        if month is None:
            return None
        try:
            return date(
                int(w.group("year") or w.group("year2")),
                month,
                int(w.group("day") or w.group("day2")),
            )
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------------------------------
# Year inference


# Cues that tie the writing year to a mentioned year ("heading into 2026", "the first launch
# of 2026"); without one the year is not inferred.
_PINNING = frozenset({"just_before", "current"})
# An article names a few dozen years at most; beyond this the text is a table or a list and
# more mentions add time, not evidence.
_MAX_YEAR_MENTIONS = 300
_YEAR_MENTION = re.compile(r"(?<![\d,.$€£¥₩/-])((?:19|20|21)\d{2})(?!\d|,\d|s\b|-\d|%)")
_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n\s*\n")
_WORD = re.compile(r"[\w'’-]+|,")


def infer_writing_year(text: str) -> YearInference | None:
    """The year a text was most likely written, from how it talks about years.

    Each year mention with a cue constrains the writing year W: "ahead of 2026" gives
    W = 2025, "the first launch of 2026" W = 2026, "beyond 2025" W <= 2025, "since 2019"
    W >= 2019, and "in 2023" looks back or ahead by the tense around it. ``None`` unless
    some cue pins W to a year (``_PINNING``). The W that violates the least cue weight wins;
    among those, the W under which the bare year mentions and the years looked ahead to are
    most likely (``mention_likelihood`` and ``target_likelihood`` in year_context.toml), and
    then the earlier year.
    """
    context = _year_context()
    constraints: list[tuple[str, int, float, str]] = []
    mentioned: list[int] = []
    bare: set[int] = set()
    for count, m in enumerate(_YEAR_MENTION.finditer(text)):
        if count >= _MAX_YEAR_MENTIONS:
            break
        year = int(m.group(1))
        after = text[m.end() : m.end() + 20].lower().split()
        if after and after[0].strip(".,;:") in context["quantity"]:
            continue
        mentioned.append(year)
        sentence_start = max(0, m.start() - 200)
        for brk in _SENTENCE_BREAK.finditer(text, sentence_start, m.start()):
            sentence_start = brk.end()
        before_words = [w.lower() for w in _WORD.findall(text[sentence_start : m.start()])]
        # "In 2017, North Korea tested ...": the verb follows the year.
        end = _SENTENCE_BREAK.search(text, m.end(), m.end() + 200)
        after_words = [
            w.lower() for w in _WORD.findall(text[m.end() : end.start() if end else m.end() + 200])
        ][:10]
        found = _match_cue(before_words)
        if found is None:
            bare.add(year)
            # A bare year still leans with its sentence: "sales will double in fiscal 2026",
            # "prices rose from the February 2025 level". Half weight: no cue backs it.
            leaning = _tense(before_words, context) or _tense(after_words[::-1], context)
            if leaning:
                constraints.append((leaning, year, 0.5, f"{' '.join(before_words[-4:])} {year}"))
            continue
        cue, used = found
        relation: str = cue.relation
        if relation == "tense":
            relation = (
                _tense(before_words[: len(before_words) - used], context)
                or _tense(after_words[::-1], context)
                or ""
            )
            if not relation:
                continue
            if relation == "not_before" and used == 1 and cue.words == ("in",):
                # "profit rose in 1986", "tested an ICBM in 2017": a whole year told in the
                # past tense is over; the current year would be "this year" or "in March".
                relation = "after"
        phrase = " ".join(before_words[len(before_words) - used :])
        constraints.append((relation, year, cue.weight, f"{phrase} {year}".strip()))
    if not mentioned or not any(rel in _PINNING for rel, _, _, _ in constraints):
        # Years told in the past only bound the writing year from below, and texts recall
        # years long gone: guessing from them was right for 0 of 14 TempEval-3 articles and
        # 42 % of Reuters stories (benchmarks/results/datelines.md). Without a phrase that
        # pins the year, say nothing.
        return None
    # A year with a cue has said what it can; the bare mentions say how near the writing
    # year is, and the years it looks ahead to how far before them.
    ahead = {
        y
        for rel, y, _, _ in constraints
        if rel in ("before", "just_before", "not_after") and y not in bare
    }
    near = set(bare)
    if not near and not ahead:
        near = set(mentioned)
    lo, hi = min(mentioned) - 1, max(mentioned) + 1
    best: tuple[float, float, int] | None = None
    for w in range(lo, hi + 1):
        violated = sum(weight for rel, y, weight, _ in constraints if not _holds(rel, w, y))
        fit = sum(math.log(_mention_likelihood(w - y, context)) for y in near) + sum(
            math.log(_target_likelihood(w - y, context)) for y in ahead
        )
        key = (-violated, fit, -w)  # a tie goes to the earlier year
        if best is None or key > best:
            best = key
    assert best is not None
    year = -best[2]
    evidence = [text_ for rel, y, _, text_ in constraints if _holds(rel, year, y)]
    evidence.append("years mentioned: " + ", ".join(str(y) for y in sorted(set(mentioned))))
    return YearInference(year, tuple(evidence))


def _mention_likelihood(distance: int, context: dict[str, Any]) -> float:
    table = context["likelihood"]
    if str(distance) in table:
        return float(table[str(distance)])
    if distance > 0:
        return float(table["far_past"]) / distance
    return float(table["far_future"])


def _target_likelihood(distance: int, context: dict[str, Any]) -> float:
    table = context["target_likelihood"]
    if str(distance) in table:
        return float(table[str(distance)])
    if distance < 0:
        return float(table["far_future"]) / -distance
    return float(table["past"])


def _match_cue(before_words: list[str]) -> tuple[_YearCue, int] | None:
    # Time-of-year modifiers sit between the cue and the year: "in late 2025", "by mid-2026".
    words = list(before_words)
    skipped = 0
    modifiers = {"late", "early", "mid", "mid-", "the", "start", "beginning", "end", "middle", "of"}
    for cue in _year_cues():
        if cue.matches(words):
            return cue, len(cue.words)
    while words and words[-1] in modifiers and skipped < 4:
        words.pop()
        skipped += 1
        for cue in _year_cues():
            if cue.matches(words):
                return cue, len(cue.words) + skipped
    return None


def _tense(words: list[str], context: dict[str, Any]) -> str | None:
    for word in reversed(words[-12:]):
        if word in context["future"]:
            return "not_after"
        if word in context["past"] or (
            word.endswith(context["past_suffix"])
            and len(word) > 4
            and word not in context["not_past"]
        ):
            return "not_before"
    return None


def _holds(relation: str, writing_year: int, year: int) -> bool:
    if relation == "before":
        return writing_year < year
    if relation == "just_before":
        return writing_year == year - 1
    if relation == "not_after":
        return writing_year <= year
    if relation == "not_before":
        return writing_year >= year
    if relation == "after":
        return writing_year > year
    if relation == "current":
        return writing_year == year
    return True


# ---------------------------------------------------------------------------------------
# Headline, byline, dateline placement


_BYLINE = re.compile(
    r"^(?:by|BY|By)\s+[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}){0,3}"
    r"(?:\s*[,|]\s*[\w .'’-]{1,40})?$"
)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.$")


def _fits_headline(line: str) -> bool:
    stripped = line.strip()
    return 1 <= len(stripped.split()) <= 30 and len(stripped) <= 250


def _title_like(line: str) -> bool:
    stripped = line.strip()
    if not _fits_headline(stripped):
        return False
    first = next((c for c in stripped if c.isalnum()), "")
    if not first or first.islower():
        return False
    if stripped[-1] in ",;:":
        return False
    return stripped[-1] != "." or bool(_ABBREVIATION_END.search(stripped))


def _same_title(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\W_]+", " ", s).strip().lower()

    x, y = norm(a), norm(b)
    if x == y:
        return True
    # Page titles carry the site's name ("Talks collapse | Example News") or lose a subtitle.
    short, long_ = sorted((x, y), key=len)
    return len(short.split()) >= 4 and long_.startswith(short) and len(short) >= 0.6 * len(long_)


def find_dateline(
    lines: list[tuple[int, str]], *, after_headline: bool = False
) -> tuple[int, ParsedDateline] | None:
    """The dateline in the first two non-blank lines of ``lines``: (line index, parse)."""
    seen = 0
    for i, (_, line) in enumerate(lines):
        if not line.strip():
            continue
        parsed = parse_dateline(line, after_headline=after_headline or seen > 0)
        if parsed is not None:
            return i, parsed
        seen += 1
        if seen >= 2 or not _title_like(line):
            return None
    return None


# ---------------------------------------------------------------------------------------
# The stage


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


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _publication(
    raw: RawArticle,
    reference_date: date | None,
    dateline: ParsedDateline | None,
    removed: list[Residue],
    headline: str | None,
    text: str,
    warnings: list[str],
) -> tuple[str | None, PublishedBasis | None, date | None]:
    """(published, basis, dateline date) from the best evidence, in the documented order."""
    metadata = _parse_iso(raw.published)
    if raw.published and metadata is None:
        warnings.append(f"ignored unreadable metadata date {raw.published!r}")
    marker_dates = sorted({r.date for r in removed if r.date is not None})
    marker = marker_dates[0] if len(marker_dates) == 1 else None
    if len(marker_dates) > 1:
        warnings.append(
            "page date markers disagree ("
            + ", ".join(d.isoformat() for d in marker_dates)
            + "); none used as the publication date"
        )

    has_day = dateline is not None and dateline.month is not None and dateline.day is not None
    dateline_date: date | None = None
    if has_day and dateline is not None and dateline.month and dateline.day:
        if dateline.year is not None:
            try:
                dateline_date = date(dateline.year, dateline.month, dateline.day)
            except ValueError:
                warnings.append(f"dateline date {dateline.text!r} is not a calendar date")
        else:
            anchor = metadata or reference_date or marker
            if anchor is not None:
                dateline_date = resolve_month_day(dateline.month, dateline.day, anchor)

    if metadata is not None:
        return metadata.isoformat(), "metadata", dateline_date
    if dateline_date is not None and dateline is not None and dateline.year is not None:
        return dateline_date.isoformat(), "dateline", dateline_date
    if reference_date is not None:
        return reference_date.isoformat(), "reference", dateline_date
    if marker is not None:
        warnings.append(f"publication date {marker.isoformat()} read from the page date marker")
        return marker.isoformat(), "inferred", dateline_date

    inference = infer_writing_year("\n".join(filter(None, [headline, text])))
    if has_day and dateline is not None and dateline.month and dateline.day:
        if inference is not None:
            try:
                dateline_date = date(inference.year, dateline.month, dateline.day)
            except ValueError:
                dateline_date = None
            if dateline_date is not None:
                warnings.append(
                    f"year {inference.year} of the dateline inferred from the text: "
                    + "; ".join(inference.evidence[:5])
                )
                return dateline_date.isoformat(), "inferred", dateline_date
        warnings.append(
            "no publication date: the dateline prints no year and nothing in the text dates it"
        )
        return None, None, None
    if inference is not None:
        warnings.append(
            f"no publication date: no dateline date; the text suggests it was written in {inference.year}"
        )
    else:
        warnings.append("no publication date: no metadata, reference date or dateline date")
    return None, None, None
