"""The article layer's vocabulary, read once from ``extract/data/article/``.

Month names, outlets, place casing, words that are never dateline places, page-residue
patterns, wire flags and year cues: each loader reads one data file and caches the result.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Literal

# Read through the package root: data folders have no __init__.py, and this works for an
# editable install, a wheel and a zip alike.
_DATA = ("extract", "data", "article")


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
def _outlet_domains() -> dict[str, str]:
    """Web domain (lower case, no ``www.``) -> canonical outlet name."""
    return {
        domain.lower(): entry["name"]
        for entry in _read_jsonl("outlets.jsonl")
        for domain in entry.get("domains", ())
    }


@lru_cache(maxsize=1)
def _casing() -> dict[str, Any]:
    return _read_toml("place_casing.toml")


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(entry["word"] for entry in _read_jsonl("not_places.jsonl"))


@dataclass(frozen=True, slots=True)
class _GluedVocabulary:
    """What tells a glued dateline place ("BEIRUT Syrian troops ...") from a sentence subject."""

    places: frozenset[str]  # upper-cased known places: states, capitals, short dateline cities
    regions: frozenset[str]  # lower-cased regions printed after the place: countries, states
    subjects: frozenset[str]  # upper-cased acronyms that open sentences
    openers: tuple[str, ...]  # locative words before a place: "ABOARD", "NEAR"
    people: frozenset[str]  # lower-cased names of known people: "DONALD Trump" is a subject


def _gazetteer(name: str) -> list[dict[str, Any]]:
    path = resources.files("newsledger").joinpath("extract", "data", "gazetteer", name)
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def _glued_vocabulary() -> _GluedVocabulary:
    data = _read_toml("datelines.toml")
    places = {p.upper() for p in data["short_places"]}
    regions = {r.lower() for r in data["regions"]}
    subjects = {a.upper() for a in data["sentence_acronyms"]}
    for state in _gazetteer("states.jsonl"):
        for name in [state["name"], *state.get("capitals", [])]:
            places.add(name.upper())
            regions.add(name.lower())
        for alias in state.get("aliases", []):
            # "US", "UK", "DPRK" open sentences; long aliases are the state's full names.
            if alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 5:
                subjects.add(alias.upper())
            else:
                regions.add(alias.lower())
    for org in _gazetteer("organizations.jsonl"):
        for alias in [org["name"], *org.get("aliases", [])]:
            if alias.replace(".", "").replace("-", "").isupper():
                subjects.add(alias.upper())
    openers = tuple(sorted((o.upper() for o in data["locative_openers"]), key=len, reverse=True))
    people = {
        name.lower()
        for person in _gazetteer("people.jsonl")
        for name in [person["name"], *person.get("aliases", [])]
    }
    return _GluedVocabulary(
        frozenset(places - subjects),
        frozenset(regions),
        frozenset(subjects),
        openers,
        frozenset(people),
    )


@lru_cache(maxsize=1)
def _headline_sites() -> dict[str, Any]:
    data = _read_toml("headline_sites.toml")
    return {
        "separators": tuple(data["separators"]),
        "max_words": int(data["max_words"]),
        "site_words": tuple(w.lower() for w in data["site_words"]),
        "section_labels": frozenset(w.lower() for w in data["section_labels"]),
    }


@dataclass(frozen=True, slots=True)
class _ResidueRule:
    kind: str
    regex: re.Pattern[str]
    edge: bool
    names_outlet: bool
    carries_date: bool
    house_outlet: str | None = None  # the outlet whose house style the line is
    # a caption's credit can also end a story's last paragraph: that line is the story's
    keeps_last: bool = False
    # a label over a list of links: the headline-like lines below it go with it
    opens_list: bool = False
    # only below the first paragraph of body text: above it, the headline and byline readers
    # of the layer read the line
    inner: bool = False


@lru_cache(maxsize=1)
def _residue_rules() -> tuple[_ResidueRule, ...]:
    languages = [n for e in _read_jsonl("languages.jsonl") for n in e["names"]]
    language_alt = "|".join(re.escape(n) for n in sorted(languages, key=len, reverse=True))
    outlet_alt = "|".join(re.escape(v) for v in sorted(_outlets(), key=len, reverse=True))
    month_alt = "|".join(re.escape(m) for m in sorted(_months()[0], key=len, reverse=True))
    rules = []
    for entry in _read_jsonl("residue.jsonl"):
        pattern = entry["pattern"].replace("{LANGUAGE}", language_alt)
        pattern = pattern.replace("{OUTLET}", outlet_alt)
        pattern = pattern.replace("{MONTH}", month_alt)
        flags = 0 if entry.get("case") and not entry.get("outlet") else re.IGNORECASE
        rules.append(
            _ResidueRule(
                kind=entry["kind"],
                regex=re.compile(pattern, flags),
                edge=bool(entry.get("edge")),
                names_outlet=bool(entry.get("outlet")),
                carries_date=bool(entry.get("date")),
                house_outlet=entry.get("house_outlet"),
                keeps_last=bool(entry.get("keeps_last")),
                opens_list=bool(entry.get("opens_list")),
                inner=bool(entry.get("inner")),
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
