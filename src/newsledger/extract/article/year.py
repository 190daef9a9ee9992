"""The year an article was written, inferred from how it talks about years."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from newsledger.extract.article.loaders import _year_context, _year_cues, _YearCue


@dataclass(frozen=True, slots=True)
class YearInference:
    year: int
    evidence: tuple[str, ...]


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
