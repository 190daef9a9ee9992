"""Time expressions: TimeML TIMEX3 tagging and normalization anchored on the article's date.

The vocabulary (month and weekday names, numerals, units, modifiers, references, tense cues)
is data in ``data/times/lexicon.toml``; this module assembles it into regexes once per process,
runs every pattern over the text, keeps the longest non-overlapping matches, and normalizes each
to a TIMEX3 ``value`` with the calendar arithmetic of :mod:`newsledger.extract.timenorm`.

Direction of underspecified expressions ("Tuesday", "March", "December 27") comes from the tense
of the governing verb when a spaCy ``Doc`` is given, else from the nearest tense cue word in the
sentence; news narrates the past, so that is the default.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Literal

from spacy.tokens import Doc

from newsledger.extract import timenorm as tn
from newsledger.extract.coref import doc_text
from newsledger.records import TimeExpression

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Direction = Literal[-1, 0, 1]


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]
    month_full: frozenset[str]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, int, bool]]  # singular -> (letter, multiplier, time-of-day)
    unit_forms: dict[str, str]  # any written form -> singular
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    seasons_needing_cue: frozenset[str]
    references: dict[str, str]
    rel_offsets: dict[str, int]
    date_mods: dict[str, str]
    duration_mods: dict[str, str]
    days: dict[str, tuple[int, str]]
    overnight_nouns: frozenset[str]
    numbered_nouns: frozenset[str]
    set_adverbs: dict[str, str]
    frequency: dict[str, str]
    holidays_fixed: dict[str, tuple[int, int]]
    holidays_movable: tuple[str, ...]
    rate_words: frozenset[str]
    future_cues: frozenset[str]
    future_heads: frozenset[str]
    reporting_verbs: frozenset[str]
    past_cues: frozenset[str]


@cache
def load_lexicon() -> Lexicon:
    raw = resources.files("newsledger.extract").joinpath("data/times/lexicon.toml").read_bytes()
    d: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    months = {k: int(v) for k, v in {**d["months"]["full"], **d["months"]["abbrev"]}.items()}
    units = {k: (str(v[0]), int(v[1]), bool(v[2])) for k, v in d["units"]["table"].items()}
    unit_forms = {u: u for u in units}
    unit_forms.update(d["units"]["plurals"])
    unit_forms.update(d["units"]["abbrev"])
    refs: dict[str, str] = {}
    for kind in ("present", "past", "future"):
        for phrase in d["references"][kind]:
            refs[phrase] = f"{kind.upper()}_REF"
    return Lexicon(
        months=months,
        month_full=frozenset(d["months"]["full"]),
        ambiguous_months=frozenset(d["months"]["ambiguous"]),
        weekdays={
            k: int(v) for k, v in {**d["weekdays"]["full"], **d["weekdays"]["abbrev"]}.items()
        },
        numbers={k: float(v) for k, v in d["numbers"]["words"].items()},
        vague_numbers=frozenset(d["numbers"]["vague"]),
        ordinals={k: int(v) for k, v in d["numbers"]["ordinals"].items()},
        units=units,
        unit_forms=unit_forms,
        parts_of_day=dict(d["parts_of_day"]["table"]),
        seasons=dict(d["seasons"]["table"]),
        seasons_needing_cue=frozenset(d["seasons"]["needs_cue"]),
        references=refs,
        rel_offsets={k: int(v) for k, v in d["relative"]["offsets"].items()},
        date_mods=dict(d["modifiers"]["date"]),
        duration_mods=dict(d["modifiers"]["duration"]),
        days={k: (int(v[0]), str(v[1])) for k, v in d["days"]["table"].items()},
        overnight_nouns=frozenset(d["days"]["overnight_not_before"]),
        numbered_nouns=frozenset(d["years"]["numbered_nouns"]),
        set_adverbs=dict(d["sets"]["adverbs"]),
        frequency=dict(d["sets"]["frequency"]),
        holidays_fixed={k: (int(v[0]), int(v[1])) for k, v in d["holidays"]["fixed"].items()},
        holidays_movable=tuple(d["holidays"]["movable"]),
        rate_words=frozenset(d["sets"]["rate_words"]),
        future_cues=frozenset(d["tense"]["future"]),
        future_heads=frozenset(d["tense"]["future_heads"]),
        reporting_verbs=frozenset(d["tense"]["reporting_verbs"]),
        past_cues=frozenset(d["tense"]["past"]),
    )


# --------------------------------------------------------------------------- patterns


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored into a prefix trie ("Sep(?:t(?:ember)?)?"):
    Python's engine tries alternatives one by one, so sharing prefixes keeps the many patterns
    that start with a word list cheap. Greedy optional tails keep longest-first matching;
    a space in a word matches any run of whitespace."""
    trie: dict[str, Any] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _render_trie(trie) + ")"


def _render_trie(node: dict[str, Any]) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        esc = r"\s+" if ch == " " else re.escape(ch)
        branches.append(esc + _render_trie(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


# words that may follow a season or frequency adjective when it is used as a time expression
# and not as a modifier of a noun ("summer camp", "daily newspaper")
_FUNCTION_FOLLOWERS = frozenset(
    "and or but of in on at to for with when as is was were will would has had have that which "
    "while after before since until by from the a an this its their he she they it we i there "
    "than so if because".split()
)

# cue words that license an ambiguous bare month name ("in May", "last March")
_MONTH_CUES = frozenset(
    "in since until till by during from through throughout to of last next this early late mid "
    "and or between before after around on into last past previous coming end beginning start "
    "middle".split()
)

# the other end of a range ("between March and May", "from 2011 to March")
_MONTH_OR_YEAR = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\b(?:1[5-9]|20)\d\d\b"
)
# prepositions that make a following capitalised word a month even before a name
_STRONG_MONTH_CUES = _MONTH_CUES - {"and", "or", "to", "on", "of"}

_TZ = r"(?:GMT|UTC|EDT|EST|CDT|CST|MDT|MST|PDT|PST|BST|CET|CEST|IST|JST|KST|local\s+time|ET|PT)"


@dataclass(slots=True)
class Patterns:
    lex: Lexicon
    table: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    date_mod_re: re.Pattern[str] = field(init=False)
    duration_mod_re: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        lex = self.lex
        full_months = sorted(lex.month_full)
        month_names = [*full_months, *[m.upper() for m in full_months]]
        abbrevs = [m for m in lex.months if m not in full_months]
        mon_any = (
            r"(?P<mon>"
            + _alt(month_names)
            + r"\b|"
            + _alt([*abbrevs, *[a.upper() for a in abbrevs]])
            + r"\b\.?)"
        )
        mon_full = r"(?P<mon>" + _alt(month_names) + r")\b"
        wd_full = [w for w in lex.weekdays if not w.endswith(".")]
        wd_abbr = [w for w in lex.weekdays if w.endswith(".")]
        wd = (
            r"(?P<wd>"
            + _alt([*wd_full, *[w.upper() for w in wd_full]])
            + r"\b|"
            + _alt(wd_abbr)
            + r")"
        )
        wd_pl = (
            r"(?P<wd>"
            + _alt([*wd_full, *[w.upper() for w in wd_full]])
            + r"(?P<pl>s)?\b|"
            + _alt(wd_abbr)
            + r")"
        )
        num_words = [w for w in lex.numbers if w not in ("a", "an")]
        tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
        ones = "one|two|three|four|five|six|seven|eight|nine"
        num_core = (
            rf"(?:(?:{tens})[\s-](?:{ones})|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|"
            + _alt([*num_words, *lex.vague_numbers])[3:-1]
            + r"|an?)"
        )

        def num(name: str) -> str:
            return rf"(?P<{name}>{num_core})"

        unit_words = _alt(lex.unit_forms)
        unit = rf"(?P<unit>{unit_words})\b"
        pod = r"(?P<pod>" + _alt(lex.parts_of_day) + r")\b"
        season = r"(?P<season>" + _alt(lex.seasons) + r")\b"
        rel = r"(?P<rel>" + _alt(lex.rel_offsets) + r")"
        ords = r"(?P<ord>" + _alt(lex.ordinals) + r")"
        year = r"(?P<y>1[5-9]\d\d|20\d\d)"
        day = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]?\d)"
        refs = _alt(lex.references)
        hol = _alt([*lex.holidays_fixed, *lex.holidays_movable])
        set_units = (
            r"(?P<unit>"
            + _alt([*lex.units, "morning", "afternoon", "evening", "night", "weekend", "season"])
            + r"|"
            + _alt(lex.seasons)
            + r")\b"
        )

        i = "(?i:"
        t: list[tuple[str, str]] = [
            (
                "iso",
                r"\b(?P<y>\d{4})(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)"
                r"(?:T(?P<hh>[012]\d):(?P<mi>[0-5]\d))?\b(?![-/.]\d)",
            ),
            (
                "numeric",
                r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)",
            ),
            ("mdy", rf"(?:{wd},?\s+)?\b{mon_any}\s*{day}(?:,?\s+{year}\b)?"),
            # "Dec. 20-21": each day its own expression, as TimeML tags range ends
            (
                "mdrange",
                rf"\b{mon_any}\s*(?P<d>[12]\d|3[01]|0?[1-9])\s*[-–]\s*(?P<d2>[12]\d|3[01]|0?[1-9])\b"
                rf"(?![-–/.:]?\d)(?:,?\s+{year}\b)?",
            ),
            (
                "dmy",
                rf"(?:{wd},?\s+)?(?:{i}the)\s+)?\b{day}\s+(?:{i}of)\s+)?{mon_any}(?:,?\s+{year}\b)?",
            ),
            ("my", rf"\b{mon_any},?\s+(?:{i}of)\s+)?{year}\b"),
            ("month", rf"(?:\b{i}{rel})\s+)?\b{mon_full}(?![\s-]*\d)"),
            ("weekday", rf"(?:\b{i}{rel})\s+)?\b{wd_pl}(?:['’]s)?(?:\s+{i}{pod}))?"),
            ("dayword", rf"\b{i}(?P<w>{_alt(lex.days)})(?:['’]s)?(?:\s+{pod})?)\b"),
            ("dayword2", rf"\b{i}the\s+day\s+(?P<ba>before|after)\s+(?P<w>yesterday|tomorrow))\b"),
            ("thispod", rf"\b{i}(?P<rel>this|last|tomorrow|yesterday)\s+{pod})"),
            (
                "relunit",
                rf"\b{i}(?:(?P<narrow>earlier|later)\s+)?(?P<the>the\s+)?{rel}\s+(?P<unit>year|month|week|weekend|quarter|decade|century|fortnight|{_alt(lex.seasons)[3:-1]}))\b(?!-)",
            ),
            (
                "nunits",
                rf"\b{i}(?P<the>the\s+)(?P<rel>past|last|next|coming|previous|first|final|following|preceding)\s+{num('num')}(?:\s*(?:to|or|-|–)\s*{num('num2')})?\s+{unit})",
            ),
            (
                "ago",
                rf"\b{i}{num('num')}[\s-]+{unit}\s+(?P<dir>ago|from\s+now|hence|earlier))\b(?!\s+than\b)",
            ),
            ("pl_ago", rf"\b{i}(?P<unit>years|months|weeks|days|decades)\s+ago)\b"),
            (
                "duration",
                rf"\b{i}{num('num')}(?:\s+and\s+a\s+half)?(?P<hy>[\s-]+){unit}(?P<half>\s+and\s+a\s+half)?)(?![-\s]+old\b)",
            ),
            (
                "bare_pl",
                # the preposition is matched but left out of the extent (group "ext")
                r"\b(?i:(?:for|over|in|within|after|through|across|throughout)\s+(?P<ext>(?P<the>the\s+)?"
                r"(?P<unit>years|months|weeks|decades|days|hours|minutes|centuries))\b(?!\s+(?:ago|old)\b)"
                r"|(?P<unit2>years|months|weeks|decades|days|hours|minutes)(?=\s+(?:after|before|later|earlier)\b))",
            ),
            (
                "recent",
                rf"\b{i}(?P<the>the\s+)?(?:most\s+)?(?P<w>recent|coming|upcoming)\s+(?P<unit>years|months|weeks|days|decades))\b",
            ),
            ("ref", rf"\b{i}(?P<w>{refs[3:-1]}))\b(?!-)"),
            (
                "year",
                rf"(?<![\d$€£.,/#])\b{i}(?P<fy>fiscal\s+|FY\s?)?){year}(?![\d%]|,\d|\.\d|\s*[-–]\s*\d|{i}\s*(?:percent|per\s+cent)))",
            ),
            (
                "yrange",
                r"(?<![\d$€£.,/#-])(?P<y1>1[5-9]\d\d|20\d\d)\s*[-–/]\s*(?P<y2>\d{4}|\d{2})\b(?![-–/]\d)",
            ),
            (
                "decade",
                rf"{i}(?P<the>\bthe\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?)(?P<dec>\b(?:1[5-9]|20)\d0|['’]\d0|\b\d0)['’]?s\b",
            ),
            (
                "century",
                rf"\b{i}(?P<the>the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second)\s+century)\b",
            ),
            (
                "quarter",
                rf"\b{i}(?P<the>the\s+)?{ords}[\s-]+(?:fiscal\s+|calendar\s+)?(?P<qh>quarter|half)(?:\s+of\s+(?:(?:fiscal\s+)?{year}|(?P<yrel>this|last|next)\s+year|the\s+year))?)\b",
            ),
            ("quarter2", rf"\b{year}\s+{i}{ords}[\s-]+(?P<qh>quarter|half))\b"),
            ("qcode", r"\b(?:(?P<y0>\d{4})\s*)?Q(?P<q>[1-4])(?:\s*(?P<y>\d{4}))?\b"),
            ("season", rf"\b{i}(?:(?P<the>the\s+)|{rel}\s+)?{season}(?:\s+(?:of\s+)?{year})?)"),
            (
                "clock",
                rf"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*{i}(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b))(?:\s+{_TZ}\b)?",
            ),
            ("clock24", rf"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b(?!:\d)(?:\s+{_TZ}\b)?"),
            (
                "military",
                rf"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?:{_TZ}|{i}hours|hrs)(?:\s+{_TZ})?)\b",
            ),
            ("noon", rf"\b{i}(?P<w>noon|midnight|midday))\b"),
            ("oclock", rf"\b{i}(?P<h>{ones}|ten|eleven|twelve|1[0-2]|[1-9])\s+o['’]clock)"),
            (
                "every",
                rf"\b{i}(?P<q>every|each)\s+(?:(?P<other>other)\s+)?(?:{num('num')}\s+)?){set_units}",
            ),
            ("every_wd", rf"\b{i}(?:every|each)\s+){wd}"),
            (
                "freq",
                rf"\b{i}(?P<f>{_alt(lex.frequency)[3:-1]}|{num('num')}\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>year|month|week|day|hour|decade))\b",
            ),
            ("setadv", rf"\b{i}(?P<w>{_alt(lex.set_adverbs)[3:-1]}))\b"),
            ("holiday", rf"\b(?P<hol>{hol[3:-1]})\b(?:,?\s+{year}\b)?"),
            (
                "unitpart",
                rf"\b{i}(?:the\s+(?P<part>end|beginning|start|middle|rest|close|remainder|turn)\s+of"
                rf"|(?P<side>earlier|later)\s+in)\s+the\s+(?P<unit>year|month|week|quarter|decade|century))\b",
            ),
            ("weekend", rf"\b{i}the\s+weekend)\b"),
            # "on the 15th": a day of the anchor's month (the preposition stays outside)
            ("ordday", r"\b[Oo]n\s+(?P<ext>the\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"),
            (
                "theday",
                rf"\b{i}(?:the\s+(?P<w>next|following|previous|preceding|same)\s+day|the\s+day\s+(?P<ba>before|after)(?!\s+(?:yesterday|tomorrow))|that\s+day))\b",
            ),
        ]
        self.table = [(name, re.compile(rx)) for name, rx in t]
        self.date_mod_re = re.compile(
            r"(?i:(?:\b(?P<m>" + _alt(lex.date_mods)[3:-1] + r"))(?:\s*-\s*|\s+))$"
        )
        self.duration_mod_re = re.compile(
            r"(?i:\b(?P<m>" + _alt(lex.duration_mods)[3:-1] + r")\s+)$"
        )


@cache
def patterns() -> Patterns:
    return Patterns(load_lexicon())


# --------------------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    m: re.Match[str]


@dataclass(slots=True)
class _Timex:
    start: int
    end: int
    type: TimexType
    value: str | None
    day: date | None = None  # the day it names, for "the next day" and clock times


def _select(found: list[_Found], valid: Callable[[_Found], bool]) -> list[_Found]:
    """Longest match wins; equal lengths go to the earlier pattern in the table. A match its
    normalizer rejects ("2000 troops") leaves room for the shorter ones it overlaps."""
    order = {name: k for k, (name, _) in enumerate(patterns().table)}
    found.sort(key=lambda f: (-(f.end - f.start), f.start, order[f.kind]))
    taken: list[_Found] = []
    for f in found:
        if all(f.end <= g.start or f.start >= g.end for g in taken) and valid(f):
            taken.append(f)
    taken.sort(key=lambda f: f.start)
    return taken


# --------------------------------------------------------------------------- tense


_FINITE_PAST = frozenset({"said", "was", "were", "had", "did", "told", "ago", "last", "yesterday"})
_HAS_CLOCK = re.compile(r"[\dX]T[\dA-Z]")
# sentence ends; a single line break is not one (wire copy wraps lines mid-sentence)
_WORD_RE = re.compile(r"[A-Za-z']+|[.!?;,]|\n\s*\n")


class _Tense:
    """Direction of underspecified expressions: -1 before the anchor, +1 after, 0 unknown."""

    def __init__(self, text: str, doc: Doc | None) -> None:
        self.text = text
        self.doc = doc
        self.lex = load_lexicon()
        self.memo: dict[tuple[int, int], Direction] = {}

    def __call__(self, start: int, end: int) -> Direction:
        # the validity probe and the final pass ask about the same spans
        key = (start, end)
        if key not in self.memo:
            self.memo[key] = self._direction(start, end)
        return self.memo[key]

    def _direction(self, start: int, end: int) -> Direction:
        # the preposition stands before the modifier: "since late April", "until early May"
        window = self.text[max(0, start - 30) : start]
        modifier = patterns().date_mod_re.search(window)
        lead = start - (len(window) - modifier.start()) if modifier else start
        prep = _prev_word(self.text, lead).lower()
        if prep == "since":
            return -1  # "since March 2" counts from a day already past
        d: Direction = 0
        if self.doc is not None:
            d = self._from_doc(start, end)
        if d == 0:
            d = self._from_words(start, end)
        if prep in ("until", "till") and self._perfect_or_present(start):
            return 1  # "flights have been cancelled until April 2": the end lies ahead
        return d

    def _perfect_or_present(self, start: int) -> bool:
        left = _WORD_RE.findall(self.text[max(0, start - 80) : start])
        return any(w.lower() in ("has", "have", "is", "are", "remain", "remains") for w in left)

    def _from_doc(self, start: int, end: int) -> Direction:
        doc = self.doc
        assert doc is not None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return 0
        tok = span.root
        for _ in range(8):
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
                break
            if tok.head is tok:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return 0
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in auxes}
        if lowers & {"will", "'ll", "shall", "wo", "would"}:
            return 1
        if "to" in lowers:
            # an infinitive takes its direction from the verb it complements: "plans to visit",
            # "is to meet" look ahead, "refused to comment" does not
            head = tok.head
            if (
                head is tok
                or head.lemma_.lower() in self.lex.future_heads
                or head.lower_ in ("is", "are", "due")
            ):
                return 1
            if head.tag_ == "VBD" or any(
                c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in head.children
            ):
                return -1
            return 1
        if tok.lower_ == "going" and any(c.lower_ == "to" for c in tok.children):
            return 1
        if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return -1
        if tok.tag_ == "VBN" and lowers & {"has", "have", "had", "was", "were"}:
            return -1
        if tok.tag_ == "VBG" and lowers & {"is", "are", "am"}:
            # "is visiting Tuesday": the progressive of a scheduled act
            return 1
        if tok.tag_ in ("VBZ", "VBP") and tok.lemma_.lower() not in self.lex.reporting_verbs:
            # "voters go to the polls Sunday", "the summit opens Friday": scheduled events
            return 1
        return 0

    @staticmethod
    def _after_be(left: list[str], right: list[str], word: str) -> bool:
        seq = left if word in left else right
        k = seq.index(word)
        return any(w.lower() in ("be", "been", "being") for w in seq[max(0, k - 2) : k])

    def _from_words(self, start: int, end: int) -> Direction:
        lo = max(0, start - 240)
        hi = min(len(self.text), end + 240)
        left = [w for w in _WORD_RE.findall(self.text[lo:start]) if w != ","]
        right = _WORD_RE.findall(self.text[end:hi])
        # only the sentence holding the expression
        for k in range(len(left) - 1, -1, -1):
            if left[k][0] in ".!?;\n":
                left = left[k + 1 :]
                break
        for k, w in enumerate(right):
            # a comma after the expression usually closes its clause ("on Friday, aides said")
            if w[0] in ".!?;,\n":
                right = right[:k]
                break
        best: tuple[int, Direction] | None = None
        # the governing verb mostly precedes the time in English: the right side only counts
        # when the left has no cue (the +100 puts every right cue behind every left one)
        for dist, w in [(len(left) - k, w) for k, w in enumerate(left)] + [
            (k + 101, w) for k, w in enumerate(right)
        ]:
            lw = w.lower()
            d: Direction
            if lw in self.lex.future_cues:
                d = 1
            elif lw in self.lex.past_cues or (len(lw) > 4 and lw.endswith("ed")):
                if lw not in _FINITE_PAST and self._after_be(left, right, w):
                    continue  # "will be held": a participle; the auxiliary carries the tense
                d = -1
            else:
                continue
            if best is None or dist < best[0]:
                best = (dist, d)
        return best[1] if best else -1


# --------------------------------------------------------------------------- normalization


def _number(word: str) -> float | None:
    """A numeral's value; None for vague quantities ("several")."""
    lex = load_lexicon()
    w = re.sub(r"\s+", " ", word.lower().strip())
    if w in lex.vague_numbers:
        return None
    if w in lex.numbers:
        return lex.numbers[w]
    m = re.fullmatch(r"([a-z]+)[\s-]([a-z]+)", w)
    if m and m[1] in lex.numbers and m[2] in lex.numbers:
        return lex.numbers[m[1]] + lex.numbers[m[2]]
    try:
        return float(w.replace(",", ""))
    except ValueError:
        return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration_value(n: float | None, unit_word: str) -> str:
    lex = load_lexicon()
    unit = lex.unit_forms[unit_word.lower()]
    letter, mult, is_time = lex.units[unit]
    prefix = "PT" if is_time else "P"
    if n is None:
        if unit == "decade":
            return "PXDE"
        if unit == "century":
            return "PXCE"
        return f"{prefix}X{letter}"
    total = n * mult
    if is_time and letter == "H" and total != int(total):
        return f"PT{_fmt_num(total * 60)}M"
    if not is_time and letter == "Y" and total != int(total):
        return f"P{_fmt_num(total * 12)}M"
    return f"{prefix}{_fmt_num(total)}{letter}"


def _unit_of(word: str) -> str:
    return load_lexicon().unit_forms[word.lower()]


def _year_for_month(anchor: date, month: int, direction: Direction) -> int:
    """The year of a month named without one: before the anchor in past narration, after it in
    future narration, the anchor's own year otherwise."""
    if direction < 0 and month > anchor.month:
        return anchor.year - 1
    if direction > 0 and month < anchor.month:
        return anchor.year + 1
    return anchor.year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_without_year(anchor: date, month: int, day: int, direction: Direction) -> date | None:
    def make(y: int) -> date | None:
        try:
            return date(y, month, day)
        except ValueError:
            return None

    here = make(anchor.year)
    if here is None:
        # 29 February in a common year: the nearest leap year in the narrated direction
        for k in (1, 2, 3, 4) if direction > 0 else (-1, -2, -3, -4):
            if (d := make(anchor.year + k)) is not None:
                return d
        return None
    # a few days of slack: a story dated the 28th may say "on the 29th" for tomorrow
    if direction < 0 and here > anchor + timedelta(days=7):
        return make(anchor.year - 1)
    if direction > 0 and here < anchor - timedelta(days=7):
        return make(anchor.year + 1)
    if direction == 0:
        best = min(
            (d for d in (make(anchor.year - 1), here, make(anchor.year + 1)) if d),
            key=lambda d: abs((d - anchor).days),
        )
        return best
    return here


def _weekday_date(anchor: date, weekday: int, direction: Direction, rel: str | None) -> date:
    if rel in ("last", "past", "previous"):
        return tn.weekday_before(anchor, weekday)
    if rel in ("next", "coming", "following"):
        return tn.weekday_after(anchor, weekday)
    if rel in ("this", "current"):
        monday, _ = tn.week_bounds(anchor)
        return monday + timedelta(days=weekday)
    if direction > 0:
        return tn.weekday_on_or_after(anchor, weekday)
    if direction < 0:
        return tn.weekday_on_or_before(anchor, weekday)
    return tn.weekday_nearest(anchor, weekday)


def _season_value(year: int, code: str) -> str:
    return f"{year:04d}-{code}"


def _season_rel(anchor: date, code: str, offset: int, direction: Direction) -> str:
    """A season named without a year: ``offset`` -1/0/+1 for last/this/next, else the tense
    ``direction`` picks the latest instance begun by the anchor or the earliest not yet over."""
    years = range(anchor.year - 2, anchor.year + 2)
    spans = [(y, *tn.season_bounds(y, code)) for y in years]
    if offset < 0:
        return _season_value(max(y for y, _, e in spans if e < anchor), code)
    if offset > 0:
        return _season_value(min(y for y, s, _ in spans if s > anchor), code)
    holding = [y for y, s, e in spans if s <= anchor <= e]
    if holding:
        return _season_value(holding[0], code)
    if direction < 0:
        return _season_value(max(y for y, s, _ in spans if s <= anchor), code)
    if direction > 0:
        return _season_value(min(y for y, _, e in spans if e >= anchor), code)
    season_year = anchor.year - 1 if code == "WI" and anchor.month <= 2 else anchor.year
    return _season_value(season_year, code)


def _quarter_year(anchor: date, q: int, direction: Direction) -> int:
    cur = tn.quarter_of(anchor)
    if direction < 0 and q > cur:
        return anchor.year - 1
    if direction > 0 and q < cur:
        return anchor.year + 1
    return anchor.year


def _shift_value(anchor: date, unit: str, offset: int) -> str:
    """The TIMEX3 value of the ``unit`` holding ``anchor`` moved by ``offset`` units."""
    if unit == "day":
        return tn.date_value(anchor + timedelta(days=offset))
    if unit in ("week", "fortnight"):
        return tn.week_value(anchor + timedelta(weeks=offset))
    if unit == "weekend":
        return tn.week_value(anchor + timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        return tn.month_value(*tn.month_shift(anchor.year, anchor.month, offset))
    if unit == "quarter":
        y, m = tn.month_shift(anchor.year, anchor.month, 3 * offset)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "year":
        return f"{anchor.year + offset:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + offset:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + offset:02d}"
    raise ValueError(unit)


def _clock_value(day: date | None, h: int, mi: int) -> str:
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    return f"{prefix}T{h:02d}:{mi:02d}"


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s*([A-Za-z]+|\S)?", text[end : end + 40])
    return (m[1] or "") if m else ""


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, start - 40) : start])
    return m[1] if m else ""


def _edge_ok(text: str, end: int) -> bool:
    """True when the expression ends a phrase rather than modifying a following noun."""
    w = _next_word(text, end)
    return not w or not w.isalpha() or w.lower() in _FUNCTION_FOLLOWERS


class _Normalizer:
    def __init__(self, text: str, anchor: date | None, tense: _Tense) -> None:
        self.text = text
        self.anchor = anchor
        self.tense = tense
        self.lex = load_lexicon()
        self.last_day: date | None = anchor
        self.handlers: dict[str, Callable[[_Found], list[_Timex]]] = {
            name: getattr(self, "_" + name) for name, _ in patterns().table
        }

    def run(self, f: _Found) -> list[_Timex]:
        try:
            out = self.handlers[f.kind](f)
        except (ValueError, OverflowError, KeyError, IndexError):
            # a number too large for the calendar ("90,000 weeks ago") or a date that does
            # not exist: no time expression rather than a crash on one odd phrase
            return []
        for t in out:
            if t.day is not None:
                self.last_day = t.day
        return out

    # -- helpers
    def _one(
        self, f: _Found, type_: TimexType, value: str | None, day: date | None = None
    ) -> list[_Timex]:
        if value is not None and _HAS_CLOCK.search(value) and type_ == "DATE":
            type_ = "TIME"
        return [_Timex(f.start, f.end, type_, value, day)]

    def _dir(self, f: _Found) -> Direction:
        return self.tense(f.start, f.end)

    def _mon(self, name: str) -> int:
        key = name.rstrip(".")
        return self.lex.months.get(key) or self.lex.months[key.title()]

    def _wd(self, name: str) -> int:
        return self.lex.weekdays.get(name) or self.lex.weekdays[name.title()]

    def _full(self, y: int, m: int, d: int) -> tuple[str | None, date | None]:
        try:
            dt = date(y, m, d)
        except ValueError:
            return None, None
        return dt.isoformat(), dt

    # -- absolute dates
    def _iso(self, f: _Found) -> list[_Timex]:
        m = f.m
        value, dt = self._full(int(m["y"]), int(m["m"]), int(m["d"]))
        if value is None:
            return []
        if m["hh"]:
            value += f"T{m['hh']}:{m['mi']}"
        return self._one(f, "DATE", value, dt)

    def _numeric(self, f: _Found) -> list[_Timex]:
        m = f.m
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if len(m["y"]) == 2:
            y += 2000 if y < 50 else 1900
        if m["sep"] == "." or a > 12:
            day, month = a, b
        else:
            month, day = a, b  # slashes: the US order, unless the first part cannot be a month
        value, dt = self._full(y, month, day)
        return self._one(f, "DATE", value, dt) if value else []

    def _md(self, f: _Found) -> list[_Timex]:
        m = f.m
        month, day = self._mon(m["mon"]), int(m["d"])
        if m["y"]:
            value, dt = self._full(int(m["y"]), month, day)
            return self._one(f, "DATE", value, dt) if value else []
        if not 1 <= day <= tn.days_in_month(2000, month):
            return []
        if self.anchor is None:
            return self._one(f, "DATE", f"XXXX-{month:02d}-{day:02d}")
        if m["wd"]:
            # "Monday 5 January": the weekday names the year, the nearest that fits
            wd = self._wd(m["wd"])
            fits = [
                d
                for y in (self.anchor.year - 1, self.anchor.year, self.anchor.year + 1)
                if (d := _safe_date(y, month, day)) is not None and d.weekday() == wd
            ]
            if fits:
                best = min(fits, key=lambda d: abs((d - self.anchor).days))  # type: ignore[operator]
                return self._one(f, "DATE", best.isoformat(), best)
        dt2 = _date_without_year(self.anchor, month, day, self._dir(f))
        return self._one(f, "DATE", dt2.isoformat() if dt2 else None, dt2)

    _mdy = _md

    def _mdrange(self, f: _Found) -> list[_Timex]:
        m = f.m
        month, d1, d2 = self._mon(m["mon"]), int(m["d"]), int(m["d2"])
        if d2 <= d1:
            return []
        out: list[_Timex] = []
        for day, start, end in ((d1, f.start, m.end("d")), (d2, m.start("d2"), m.end("d2"))):
            if m["y"]:
                value, dt = self._full(int(m["y"]), month, day)
            elif self.anchor is None:
                value, dt = f"XXXX-{month:02d}-{day:02d}", None
            else:
                dt = _date_without_year(self.anchor, month, day, self._dir(f))
                value = dt.isoformat() if dt else None
            if value is None:
                return []
            out.append(_Timex(start, end, "DATE", value, dt))
        if m["y"]:
            out[-1].end = f.end  # the year belongs with the closing day
        return out

    _dmy = _md

    def _my(self, f: _Found) -> list[_Timex]:
        return self._one(f, "DATE", tn.month_value(int(f.m["y"]), self._mon(f.m["mon"])))

    def _month(self, f: _Found) -> list[_Timex]:
        m = f.m
        name = m["mon"]
        rel = (m["rel"] or "").lower() or None
        if not rel and name.title() in self.lex.ambiguous_months:
            prev = _prev_word(self.text, f.start).lower()
            cues = _STRONG_MONTH_CUES if name.isupper() else _MONTH_CUES
            if prev not in cues:
                return []
            before = self.text[max(0, f.start - 40) : f.start]
            if (
                prev not in _STRONG_MONTH_CUES
                and not _MONTH_OR_YEAR.search(before)
                and not patterns().date_mod_re.search(before)
            ):
                return []  # "plans to March", "and May": a range needs its other end nearby
        if re.search(r"\d\s*$", self.text[max(0, f.start - 4) : f.start]):
            return []  # "32 December": not a date, and not a bare month either
        if (
            not rel
            and _next_word(self.text, f.end)[:1].isupper()
            and (_prev_word(self.text, f.start).lower() not in _STRONG_MONTH_CUES)
        ):
            # "June Carter", "August Strindberg": a given name, not a month
            nxt = _next_word(self.text, f.end)
            if nxt not in self.lex.months:
                return []
        month = self._mon(name)
        if self.anchor is None:
            return self._one(f, "DATE", None if rel else f"XXXX-{month:02d}")
        if rel:
            off = self.lex.rel_offsets[rel]
            if off < 0:
                y = self.anchor.year if month < self.anchor.month else self.anchor.year - 1
            elif off > 0:
                y = self.anchor.year if month > self.anchor.month else self.anchor.year + 1
            else:
                y = self.anchor.year
        else:
            y = _year_for_month(self.anchor, month, self._dir(f))
        return self._one(f, "DATE", tn.month_value(y, month))

    def _weekday(self, f: _Found) -> list[_Timex]:
        m = f.m
        wd = self._wd(m["wd"][:-1] if m["pl"] else m["wd"])
        rel = (m["rel"] or "").lower() or None
        if m["wd"].endswith(".") and not re.match(r",?\s+(?:\d|[A-Z][a-z]{2})", self.text[f.end :]):
            return []  # "told The Sun.": a bare abbreviation is a weekday only before a date
        if m["pl"]:
            if rel:
                return []
            return [_Timex(f.start, f.start + len(m["wd"]), "SET", f"XXXX-WXX-{wd + 1}")]
        pod = self.lex.parts_of_day.get(" ".join((m["pod"] or "").lower().split()))
        if self.anchor is None:
            return self._one(f, "DATE", f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else ""))
        dt = _weekday_date(self.anchor, wd, self._dir(f), rel)
        return self._one(f, "DATE", dt.isoformat() + (f"T{pod}" if pod else ""), dt)

    def _every_wd(self, f: _Found) -> list[_Timex]:
        return self._one(f, "SET", f"XXXX-WXX-{self._wd(f.m['wd']) + 1}")

    # -- deictic days and parts of day
    def _dayword(self, f: _Found) -> list[_Timex]:
        w = f.m["w"].lower()
        if w not in self.lex.days:
            return []
        offset, pod = self.lex.days[w]
        if f.m["pod"]:
            pod = self.lex.parts_of_day[" ".join(f.m["pod"].lower().split())]
        if w == "overnight" and _next_word(self.text, f.end).lower() in self.lex.overnight_nouns:
            return []  # "overnight rates", "overnight lending"
        if self.anchor is None:
            return self._one(f, "DATE", None)
        dt = self.anchor + timedelta(days=offset)
        return self._one(f, "DATE", dt.isoformat() + (f"T{pod}" if pod else ""), dt)

    def _dayword2(self, f: _Found) -> list[_Timex]:
        if self.anchor is None:
            return self._one(f, "DATE", None)
        offset = -2 if f.m["w"].lower() == "yesterday" else 2
        dt = self.anchor + timedelta(days=offset)
        return self._one(f, "DATE", dt.isoformat(), dt)

    def _thispod(self, f: _Found) -> list[_Timex]:
        rel = f.m["rel"].lower()
        pod = self.lex.parts_of_day[" ".join(f.m["pod"].lower().split())]
        offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
        if rel == "last" and pod != "NI":
            offset = -1
        if self.anchor is None:
            return self._one(f, "TIME", None)
        dt = self.anchor + timedelta(days=offset)
        return self._one(f, "TIME", f"{dt.isoformat()}T{pod}", dt)

    def _theday(self, f: _Found) -> list[_Timex]:
        base = self.last_day
        w = (f.m["w"] or f.m["ba"] or "same").lower()
        offset = {
            "next": 1,
            "following": 1,
            "after": 1,
            "previous": -1,
            "preceding": -1,
            "before": -1,
            "same": 0,
        }[w]
        if base is None:
            return self._one(f, "DATE", None)
        dt = base + timedelta(days=offset)
        return self._one(f, "DATE", dt.isoformat(), dt)

    # -- calendar units relative to the anchor
    def _relunit(self, f: _Found) -> list[_Timex]:
        m = f.m
        rel = m["rel"].lower()
        unit_word = m["unit"].lower()
        offset = self.lex.rel_offsets[rel]
        if m["the"] and rel in ("past", "last", "next") and unit_word in self.lex.units:
            # "the past month", "the next year": a stretch of time, not a calendar unit
            return self._one(f, "DURATION", _duration_value(1, unit_word))
        if unit_word in self.lex.seasons:
            code = self.lex.seasons[unit_word]
            if self.anchor is None:
                return self._one(f, "DATE", None)
            return self._one(f, "DATE", _season_rel(self.anchor, code, offset, self._dir(f)))
        if unit_word == "season":
            return []
        if self.anchor is None:
            return self._one(f, "DATE", None)
        if unit_word == "weekend" and offset == 0 and self.anchor.weekday() < 5:
            d = self._dir(f)
            if d < 0:
                offset = -1
        return self._one(f, "DATE", _shift_value(self.anchor, unit_word, offset))

    def _nunits(self, f: _Found) -> list[_Timex]:
        m = f.m
        if m["num2"]:
            return self._one(f, "DURATION", _duration_value(None, m["unit"]))
        return self._one(f, "DURATION", _duration_value(_number(m["num"]), m["unit"]))

    def _unitpart(self, f: _Found) -> list[_Timex]:
        # "the end of the year", "earlier in the year": the anchor's own unit, TimeML keeping
        # the part in ``mod``; only "the year" is tagged after "earlier in"
        value = None if self.anchor is None else _shift_value(self.anchor, f.m["unit"].lower(), 0)
        if f.m["side"]:
            return [_Timex(f.m.start("unit") - 4, f.end, "DATE", value)]
        return self._one(f, "DATE", value)

    def _ordday(self, f: _Found) -> list[_Timex]:
        if not _edge_ok(self.text, f.end):
            return []  # "on the 5th floor", "on the 3rd Division"
        day = int(f.m["d"])
        if self.anchor is None:
            return self._one(f, "DATE", f"XXXX-XX-{day:02d}")
        d = self._dir(f)
        y, mo = self.anchor.year, self.anchor.month
        if d < 0 and day > self.anchor.day + 1:
            y, mo = tn.month_shift(y, mo, -1)
        elif d > 0 and day < self.anchor.day:
            y, mo = tn.month_shift(y, mo, 1)
        value, dt = self._full(y, mo, day)
        return self._one(f, "DATE", value, dt) if value else []

    def _weekend(self, f: _Found) -> list[_Timex]:
        if self.anchor is None:
            return self._one(f, "DATE", None)
        d = self._dir(f)
        offset = 0
        if d < 0 and self.anchor.weekday() < 5:
            offset = -1  # "over the weekend" told on a weekday: the one just gone
        return self._one(f, "DATE", _shift_value(self.anchor, "weekend", offset))

    def _ago(self, f: _Found) -> list[_Timex]:
        m = f.m
        n = _number(m["num"])
        unit = _unit_of(m["unit"])
        ahead = m["dir"].lower() in ("from now", "hence")
        if n is None:
            return self._one(f, "DATE", "FUTURE_REF" if ahead else "PAST_REF")
        if self.anchor is None or n != int(n):
            return self._one(f, "DATE", None)
        k = int(n) * (1 if ahead else -1)
        letter, mult, is_time = self.lex.units[unit]
        if is_time:
            return self._one(f, "DATE", self.anchor.isoformat(), self.anchor)
        if unit == "day":
            dt = self.anchor + timedelta(days=k)
            return self._one(f, "DATE", dt.isoformat(), dt)
        if unit in ("week", "fortnight"):
            return self._one(f, "DATE", _shift_value(self.anchor, "week", k * mult))
        if unit in ("month", "quarter"):
            return self._one(f, "DATE", _shift_value(self.anchor, "month", k * mult))
        return self._one(f, "DATE", _shift_value(self.anchor, "year", k * mult))

    def _pl_ago(self, f: _Found) -> list[_Timex]:
        return self._one(f, "DATE", "PAST_REF")

    def _duration(self, f: _Found) -> list[_Timex]:
        m = f.m
        num_word = m["num"].lower()
        unit = _unit_of(m["unit"])
        if num_word in ("a", "an") and unit == "second":
            return []
        if num_word in ("a", "an") and unit == "quarter":
            return []
        n = _number(num_word)
        if (m["half"] or " and a half" in m[0].lower()) and n is not None:
            n += 0.5
        if num_word in ("a", "an"):
            prev = _prev_word(self.text, f.start).lower()
            before = self.text[max(0, f.start - 3) : f.start]
            if prev in self.lex.rate_words or re.search(r"[\d%]\s*$", before):
                return self._one(f, "SET", _duration_value(1, unit))
        if unit == "second" and n is None:
            return []
        digits = num_word.replace(",", "")
        if digits.isdigit() and len(digits) == 4 and (unit != "hour" or m["unit"].lower() == "hrs"):
            return []  # "the 1986 quarter", "1100 hrs": a year or a clock time, not a count
        if self.text[max(0, f.start - 1) : f.start] in ("/", "-", ".") and digits.isdigit():
            return []  # "8-1/4 year": the tail of a fraction
        if unit == "quarter" and re.match(r"\s+of\b", self.text[f.end : f.end + 4]):
            return []  # "one quarter of the population": a fraction
        return self._one(f, "DURATION", _duration_value(n, unit))

    def _bare_pl(self, f: _Found) -> list[_Timex]:
        if f.m["the"] and _next_word(self.text, f.end).lower() in ("of", "that", "when", "to"):
            return []  # "the years of war", "the days when": a noun phrase, not a stretch of time
        return self._one(f, "DURATION", _duration_value(None, f.m["unit"] or f.m["unit2"]))

    def _recent(self, f: _Found) -> list[_Timex]:
        w = f.m["w"].lower()
        return self._one(f, "DATE", "PAST_REF" if w == "recent" else "FUTURE_REF")

    def _ref(self, f: _Found) -> list[_Timex]:
        w = re.sub(r"\s+", " ", f.m["w"].lower())
        if w == "soon" and _prev_word(self.text, f.start).lower() == "as":
            return []
        if w in ("the past", "the future", "the present") and not _edge_ok(self.text, f.end):
            return []
        if w == "now" and self.text[f.end : f.end + 1] == "-":
            return []
        return self._one(f, "DATE", self.lex.references[w])

    # -- years, decades, centuries, quarters, seasons
    def _year(self, f: _Found) -> list[_Timex]:
        y = f.m["y"]
        if _prev_word(self.text, f.start).lower() in self.lex.numbered_nouns and not re.search(
            r"[,;:]\s*$", self.text[max(0, f.start - 3) : f.start]
        ):
            return []  # "Room 1999", "Flight 2012": a label, not a year
        if not f.m["fy"]:
            nxt = _next_word(self.text, f.end)
            # "2000 troops", "1500 tonnes": a quantity counting a plural noun
            if (
                nxt.islower()
                and nxt.endswith("s")
                and nxt not in ("is", "was", "has", "as", "its", "this", "his", "us")
            ):
                return []
            if nxt in (
                "people",
                "men",
                "women",
                "children",
                "feet",
                "metres",
                "meters",
                "miles",
                "kilometres",
                "kilometers",
            ):
                return []
        return self._one(f, "DATE", y)

    def _yrange(self, f: _Found) -> list[_Timex]:
        y1 = f.m["y1"]
        y2 = f.m["y2"]
        full2 = y2 if len(y2) == 4 else y1[:2] + y2
        if int(full2) <= int(y1) or int(full2) - int(y1) > 50:
            return []
        s2 = f.m.start("y2")
        return [
            _Timex(f.start, f.m.end("y1"), "DATE", y1),
            _Timex(s2, f.end, "DATE", full2),
        ]

    def _decade(self, f: _Found) -> list[_Timex]:
        m = f.m
        dec = m["dec"].lstrip("'’")
        prev = _prev_word(self.text, f.start).lower()
        if prev in ("his", "her", "their", "its", "my", "your", "our", "whose"):
            return []  # an age: "in his 70s"
        if len(dec) == 2:
            if not (m["the"] or m["dec"][0] in "'’"):
                return []  # "90s" alone is a temperature or a score as often as a decade
            century = 19
            if self.anchor is not None and int(dec) <= self.anchor.year % 100 - 10:
                century = 20
            return self._one(f, "DATE", f"{century}{dec[0]}")
        return self._one(f, "DATE", dec[:3])

    def _century(self, f: _Found) -> list[_Timex]:
        o = f.m["ord"].lower()
        words = [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "twenty-first",
            "twenty-second",
        ]
        n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else words.index(o) + 1
        return self._one(f, "DATE", f"{n - 1:02d}")

    def _quarter(self, f: _Found) -> list[_Timex]:
        m = f.m
        o = self.lex.ordinals[m["ord"].lower()]
        qh = m["qh"].lower()
        top = 4 if qh == "quarter" else 2
        if o == -1:
            o = top
        if not 1 <= o <= top:
            return []
        code = f"Q{o}" if qh == "quarter" else f"H{o}"
        if m["y"]:
            return self._one(f, "DATE", f"{m['y']}-{code}")
        if self.anchor is None:
            return self._one(f, "DATE", f"XXXX-{code}")
        yrel = (m.groupdict().get("yrel") or "").lower()
        if yrel:
            y = self.anchor.year + {"this": 0, "last": -1, "next": 1}[yrel]
        elif qh == "quarter":
            y = _quarter_year(self.anchor, o, self._dir(f))
        else:
            y = self.anchor.year
            if self._dir(f) < 0 and o == 2 and self.anchor.month <= 6:
                y -= 1
        return self._one(f, "DATE", f"{y:04d}-{code}")

    _quarter2 = _quarter

    def _qcode(self, f: _Found) -> list[_Timex]:
        y = f.m["y"] or f.m["y0"]
        if y:
            return self._one(f, "DATE", f"{y}-Q{f.m['q']}")
        if self.anchor is None:
            return self._one(f, "DATE", f"XXXX-Q{f.m['q']}")
        return self._one(
            f, "DATE", f"{_quarter_year(self.anchor, int(f.m['q']), self._dir(f)):04d}-Q{f.m['q']}"
        )

    def _season(self, f: _Found) -> list[_Timex]:
        m = f.m
        word = m["season"].lower()
        code = self.lex.seasons[word]
        rel = (m["rel"] or "").lower()
        prev = _prev_word(self.text, f.start)
        if (
            word in self.lex.seasons_needing_cue
            and not (rel or m["y"])
            and (
                prev.lower()
                not in (
                    "in",
                    "this",
                    "last",
                    "next",
                    "early",
                    "late",
                    "mid",
                    "until",
                    "since",
                    "by",
                    "during",
                    "through",
                )
            )
        ):
            return []
        if m["season"][0].isupper() and prev[:1].isupper() and f.start > 0 and not m["the"]:
            return []  # "Arab Spring", "Prague Spring": a name
        if not m["y"] and not _edge_ok(self.text, f.end):
            return []  # "summer camp", "winter storm"
        if m["y"]:
            return self._one(f, "DATE", _season_value(int(m["y"]), code))
        if self.anchor is None:
            return self._one(f, "DATE", None if rel else f"XXXX-{code}")
        if rel:
            return self._one(
                f, "DATE", _season_rel(self.anchor, code, self.lex.rel_offsets[rel], 0)
            )
        return self._one(f, "DATE", _season_rel(self.anchor, code, 0, self._dir(f)))

    # -- clock times
    def _clock(self, f: _Found) -> list[_Timex]:
        h = int(f.m["h"])
        mi = int(f.m["mi"] or 0)
        pm = f.m["ap"].lower().startswith("p")
        if pm and h != 12:
            h += 12
        if not pm and h == 12:
            h = 0
        return self._one(f, "TIME", _clock_value(self.anchor, h, mi), self.anchor)

    def _clock24(self, f: _Found) -> list[_Timex]:
        prev = self.text[max(0, f.start - 1) : f.start]
        if prev in ("$", ".") or re.match(r"\s*\d", self.text[f.end : f.end + 2]):
            return []
        return self._one(
            f, "TIME", _clock_value(self.anchor, int(f.m["h"]), int(f.m["mi"])), self.anchor
        )

    _military = _clock24

    def _noon(self, f: _Found) -> list[_Timex]:
        hm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[f.m["w"].lower()]
        return self._one(f, "TIME", _clock_value(self.anchor, *hm), self.anchor)

    def _oclock(self, f: _Found) -> list[_Timex]:
        w = f.m["h"].lower()
        h = int(w) if w.isdigit() else int(self.lex.numbers[w])
        return self._one(f, "TIME", _clock_value(self.anchor, h, 0), self.anchor)

    # -- sets
    def _every(self, f: _Found) -> list[_Timex]:
        m = f.m
        unit = m["unit"].lower()
        n = _number(m["num"]) if m["num"] else 1.0
        if n is None:
            return []
        if m["other"]:
            n *= 2
        if unit in self.lex.unit_forms:
            return self._one(f, "SET", _duration_value(n, unit))
        if unit in self.lex.parts_of_day:
            return self._one(f, "SET", f"XXXX-XX-XXT{self.lex.parts_of_day[unit]}")
        if unit == "weekend":
            return self._one(f, "SET", "XXXX-WXX-WE")
        if unit in self.lex.seasons:
            return self._one(f, "SET", f"XXXX-{self.lex.seasons[unit]}")
        return self._one(f, "SET", "P1Y")  # "every season": a yearly recurrence

    def _freq(self, f: _Found) -> list[_Timex]:
        return self._one(f, "SET", _duration_value(1, f.m["unit"]))

    def _setadv(self, f: _Found) -> list[_Timex]:
        w = f.m["w"].lower()
        if not w.endswith("ally") and not _edge_ok(self.text, f.end):
            return []  # "daily newspaper", "weekly magazine"
        return self._one(f, "SET", self.lex.set_adverbs[w])

    # -- holidays
    def _holiday(self, f: _Found) -> list[_Timex]:
        name = re.sub(r"\s+", " ", f.m["hol"])
        y_given = f.m["y"]
        if self.anchor is None and not y_given:
            return self._one(f, "DATE", None)

        def on(y: int) -> date:
            if name in self.lex.holidays_fixed:
                mo, d = self.lex.holidays_fixed[name]
                return date(y, mo, d)
            if name.startswith("Easter"):
                return tn.easter(y)
            if name == "Good Friday":
                return tn.easter(y) - timedelta(days=2)
            return tn.nth_weekday(y, 11, 3, 4)  # US Thanksgiving: fourth Thursday of November

        if y_given:
            dt = on(int(y_given))
        else:
            assert self.anchor is not None
            direction = self._dir(f)
            cands = [on(self.anchor.year + k) for k in (-1, 0, 1)]
            if direction < 0:
                dt = max(d for d in cands if d <= self.anchor + timedelta(days=1))
            elif direction > 0:
                dt = min(d for d in cands if d >= self.anchor - timedelta(days=1))
            else:
                dt = min(cands, key=lambda d: abs((d - self.anchor).days))  # type: ignore[operator]
        return self._one(f, "DATE", dt.isoformat(), dt)


# --------------------------------------------------------------------------- entry point

_DATE_MOD_KINDS = frozenset(
    {
        "mdy",
        "dmy",
        "my",
        "month",
        "year",
        "decade",
        "relunit",
        "season",
        "quarter",
        "qcode",
        "weekday",
        "century",
    }
)
_DURATION_MOD_KINDS = frozenset({"duration", "nunits", "bare_pl"})


def _extend_left(text: str, t: _Timex, kind: str, floor: int) -> int:
    """Start of the TimeML extent: modifiers ("early", "the end of", "about") are inside."""
    p = patterns()
    window = text[max(floor, t.start - 30) : t.start]
    if kind in _DATE_MOD_KINDS and t.type == "DATE":
        m = p.date_mod_re.search(window)
        if m:
            return t.start - (len(window) - m.start())
    if kind in _DURATION_MOD_KINDS and t.type == "DURATION":
        m = p.duration_mod_re.search(window)
        if m:
            return t.start - (len(window) - m.start())
    return t.start


def extract_times(text: str, anchor: date | None, doc: Doc | None = None) -> list[TimeExpression]:
    """Every time expression in ``text`` with its TIMEX3 type, value and calendar range.

    ``anchor`` is the document creation time (the article's publication date); without it,
    deictic expressions ("yesterday", "last year") are tagged with no value. ``doc``, when
    given, is the spaCy parse of the same text; its verb tenses decide whether an
    underspecified date ("Tuesday") lies before or after the anchor.
    """
    if not text:
        return []
    if doc is not None and doc_text(doc) != text:
        doc = None  # offsets would not line up
    found: list[_Found] = []
    lowered = text.lower()
    for name, rx in patterns().table:
        needs = _NEEDS.get(name)
        if needs is not None and not any(n in lowered for n in needs):
            continue  # the pattern's key word is nowhere in the text: skip the scan
        for m in rx.finditer(text):
            start, end = m.span("ext") if "ext" in rx.groupindex and m["ext"] else m.span()
            if end > start:
                found.append(_Found(start, end, name, m))
    norm = _Normalizer(text, anchor, _Tense(text, doc))
    # the validity probe runs out of text order, so it must not move the narrative day
    probe = _Normalizer(text, anchor, norm.tense)
    chosen = _select(found, lambda f: bool(probe.run(f)))
    timexes: list[tuple[str, _Timex]] = [(f.kind, t) for f in chosen for t in norm.run(f)]
    _clock_days(text, timexes)
    out: list[TimeExpression] = []
    prev_end = 0
    for kind, t in timexes:
        start = _extend_left(text, t, kind, prev_end)
        # a trailing possessive is not part of the extent
        surface = re.sub(r"['’]s$", "", text[start : t.end]).rstrip()
        end = start + len(surface)
        rng = tn.value_range(t.value) if t.type in ("DATE", "TIME") else None
        out.append(
            TimeExpression(
                text=surface,
                span=(start, end),
                type=t.type,
                value=t.value,
                start=rng[0].isoformat() if rng else None,
                end=rng[1].isoformat() if rng else None,
            )
        )
        prev_end = end
    return out


# words without one of which a pattern cannot match (lower case); a cheap test before a scan
_NEEDS: dict[str, tuple[str, ...]] = {
    "century": ("century",),
    "quarter": ("quarter", "half"),
    "quarter2": ("quarter", "half"),
    "qcode": ("q1", "q2", "q3", "q4"),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "noon": ("noon", "midnight", "midday"),
    "oclock": ("clock",),
    "every": ("every", "each"),
    "every_wd": ("every", "each"),
    "freq": ("once", "twice", "thrice", "times"),
    "setadv": ("ly",),
    "theday": ("day",),
    "weekend": ("weekend",),
    "unitpart": (" of the ", " in the "),
    "decade": ("0s", "0's", "0’s"),
    "recent": ("recent", "coming"),
    "ago": ("ago", "now", "hence", "earlier"),
    "pl_ago": ("ago",),
    "clock": ("am", "pm", "a.m", "p.m"),
    "ordday": ("on the",),
    "dayword2": ("the day",),
    "nunits": ("the ",),
}

_CLOCK_KINDS = frozenset({"clock", "clock24", "military", "noon", "oclock"})
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SENTENCE_END = re.compile(r"[.!?][\"'’”]?\s+[A-Z\"“]|\n\s*\n")
_JOINER = re.compile(r"^\s*,?\s*(?:on|at|of)?\s*$", re.I)


def _clock_days(text: str, timexes: list[tuple[str, _Timex]]) -> None:
    """A clock time happens on the day next to it ("3 p.m. Friday", "Tuesday at 9:30"), else on
    the last day named earlier in its sentence ("on Tuesday ... took effect at 9 p.m.")."""
    for k, (kind, t) in enumerate(timexes):
        if kind not in _CLOCK_KINDS or t.value is None:
            continue
        day: str | None = None
        for j in (k - 1, k + 1):
            if not 0 <= j < len(timexes):
                continue
            other = timexes[j][1]
            gap = text[other.end : t.start] if j < k else text[t.end : other.start]
            if other.value and _DAY_VALUE.match(other.value[:10]) and _JOINER.match(gap):
                day = other.value[:10]
                break
        if day is None:
            for j in range(k - 1, -1, -1):
                other = timexes[j][1]
                if _SENTENCE_END.search(text[other.end : t.start]):
                    break
                if other.value and _DAY_VALUE.match(other.value[:10]):
                    day = other.value[:10]
                    break
        if day is not None:
            t.value = day + t.value[t.value.index("T") :]
