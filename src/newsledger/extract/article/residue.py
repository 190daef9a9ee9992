"""Page residue: language menus, share buttons, cookie banners, page date stamps, signatures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsledger.extract.article.loaders import _residue_rules, _ResidueRule
from newsledger.extract.article.normalise import canonical_outlet, month_number


@dataclass(frozen=True, slots=True)
class Residue:
    """One line removed from the page text."""

    kind: str
    line: str
    start: int  # offset of the line in the raw text
    outlet: str | None = None  # a wire signature names the outlet
    date: date | None = None  # a page date stamp carries a date


_SUBSTANTIAL_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?][\"”’')]?(?:\s|$)")
# A full stop after an initial, an initialism or a title ends no sentence: "U.S. launches",
# "Antony J. Blinken", "Gen. Smith".
_NOT_A_SENTENCE_END = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Maj|Capt|Adm"
    r"|Rep|Sen|Gov|Jr|Sr|No|Inc|Co|Corp|Ltd|vs|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)$"
)


def _has_sentence_end(text: str) -> bool:
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] != "." or not _NOT_A_SENTENCE_END.search(text[: m.start()]):
            return True
    return False


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
    _keep_last_paragraph(lines, matches)
    _caption_titles(lines, matches)
    listed = _linked_headlines(lines, matches) | _repeated_lines(lines, matches)

    # Body text comes in runs of lines (a paragraph, or a hard-wrapped wire paragraph) with a
    # sentence end; a headline has none, so toolbar lines just below it still count as the
    # top of the page.
    substantial: list[int] = []
    run: list[int] = []
    links_end_text = False  # the last run of lines ends in a block of links
    for i, (_, line) in enumerate([*lines, (0, "")]):
        if i < len(lines) and line.strip() and matches[i] is None and i not in listed:
            run.append(i)
            continue
        linked = _linked_tail(lines, run)
        if run:
            links_end_text = linked > 0
        run = run[: len(run) - linked]
        joined = " ".join(lines[j][1] for j in run)
        if (
            len(joined.split()) >= _SUBSTANTIAL_WORDS
            and _has_sentence_end(joined)
            and not _headline_list([lines[j][1] for j in run])
        ):
            substantial.extend(run)
        run = []
    first_body = substantial[0] if substantial else len(lines)
    last_body = substantial[-1] if substantial else -1

    # a page with one paragraph of text (a table under a headline) has no body to end
    runs = sum(1 for i in substantial if i == 0 or i - 1 not in substantial)
    trailing = (
        _trailing_furniture(lines, last_body, matches, listed)
        if runs >= 2 or links_end_text
        else set()
    )
    kept: list[tuple[int, str]] = []
    removed: list[Residue] = []
    for i, (start, line) in enumerate(lines):
        if i in trailing:
            removed.append(Residue("page furniture after the article", line.strip(), start))
            continue
        if i in listed:
            removed.append(Residue("linked headline", line.strip(), start))
            continue
        found = matches[i]
        if found is not None and _applies(found[0], i, first_body, last_body):
            rule, m = found
            stripped = line.strip()
            outlet = None
            if rule.names_outlet:
                named = m.groupdict().get("outlet") or stripped
                outlet = canonical_outlet(re.sub(r"^[-—–\s(]+|[).\s]+$", "", named))
            elif rule.house_outlet:
                outlet = canonical_outlet(rule.house_outlet)
            marked = _date_in(stripped) if rule.carries_date else None
            removed.append(Residue(rule.kind, stripped, start, outlet, marked))
            continue
        kept.append(_without_footnote_marks(start, line, removed))
    return kept, removed


def _applies(rule: _ResidueRule, i: int, first_body: int, last_body: int) -> bool:
    """Whether the rule matching line ``i`` removes it there: ``edge`` rules only above the
    first or below the last paragraph of body text, ``inner`` rules only below the first."""
    if rule.inner and i <= first_body:
        return False
    return not rule.edge or i < first_body or i > last_body


# "... the talks.[2] Then ...": a note's number printed after a word or a full stop
_FOOTNOTE_MARK = re.compile(r"(?<=[^\s\[\]\d(])\[\d{1,3}\](?=[\s.,;:!?\"”’)]|$)")


def _without_footnote_marks(start: int, line: str, removed: list[Residue]) -> tuple[int, str]:
    """The line without the note numbers a page prints after words ("... the talks.[2]").

    The line's offset stays that of its start, where a dateline would be."""
    marks = list(_FOOTNOTE_MARK.finditer(line))
    if not marks:
        return start, line
    for m in marks:
        removed.append(Residue("footnote mark", m.group(0), start + m.start()))
    return start, _FOOTNOTE_MARK.sub("", line)


def _keep_last_paragraph(
    lines: list[tuple[int, str]], matches: list[tuple[_ResidueRule, re.Match[str]] | None]
) -> None:
    """Give back to the story a line a ``keeps_last`` rule read as a caption when no paragraph
    of body text follows it: "... in Seoul on Monday. (Yonhap)" there is the story's last
    paragraph with the agency's signature, which the trailing cut removes alone."""
    body_after = False
    for i in range(len(lines) - 1, -1, -1):
        found = matches[i]
        line = lines[i][1].strip()
        if found is None:
            if len(line.split()) >= _SUBSTANTIAL_WORDS and _has_sentence_end(line):
                body_after = True
        elif found[0].keeps_last and not body_after:
            matches[i] = None


_MAX_LINKED_WORDS = 25
_LINE_END = re.compile(r"[.!?…:;,][\"”’')\]]*$")


def _headline_like(line: str) -> bool:
    """A line as pages print a link to a story: capitalised, no sentence end, mostly words
    (a wire table's row "Net profit 12.1 mln vs 10.3 mln" is numbers)."""
    words = line.split()
    first = next((c for c in line if c.isalnum()), "")
    if not words or len(words) > _MAX_LINKED_WORDS or not (first.isupper() or first.isdigit()):
        return False
    if _LINE_END.search(line):
        return False
    return sum(any(c.isdigit() for c in w) for w in words) * 3 < len(words)


_LIST_LINES = 3  # a run of link lines, not a paragraph hard-wrapped over lines


def _headline_list(run: list[str]) -> bool:
    """Lines with no blank between them, each a link's headline: a block of related stories
    ("Ferry sinks off coast" / "‘Vote!’ rapper tells voters" / ...), whose sentence ends sit
    inside quoted words; a hard-wrapped paragraph ends at least one line with its full stop."""
    return len(run) >= _LIST_LINES and all(_headline_like(line.strip()) for line in run)


def _caption_titles(
    lines: list[tuple[int, str]], matches: list[tuple[_ResidueRule, re.Match[str]] | None]
) -> None:
    """A picture's title printed straight above its caption, a paragraph of its own that
    is no sentence ("Soldiers patrol the border near the river" over "... [EPA]"), goes
    with the caption."""
    # the page's first line is its headline, even straight above a caption
    first = next((i for i, (_, line) in enumerate(lines) if line.strip()), len(lines))
    for i in range(first + 2, len(lines)):
        found = matches[i]
        if found is None or found[0].kind != "photo caption" or matches[i - 1] is not None:
            continue
        title = lines[i - 1][1].strip()
        if title and not lines[i - 2][1].strip() and _headline_like(title):
            matches[i - 1] = found


def _repeated_lines(
    lines: list[tuple[int, str]], matches: list[tuple[_ResidueRule, re.Match[str]] | None]
) -> set[int]:
    """A headline-like line printed twice or more in a row: a picture's alt text and title
    ("Ana Ruiz" / "Ana Ruiz" / "Ana Ruiz"), never a line of the story."""
    repeated: set[int] = set()
    for i in range(1, len(lines)):
        line = lines[i][1].strip()
        if line and matches[i] is None and line == lines[i - 1][1].strip() and _headline_like(line):
            repeated.update((i - 1, i))
    return repeated


def _linked_tail(lines: list[tuple[int, str]], run: list[int]) -> int:
    """How many lines at the end of a run of lines are a block of links printed straight
    below the last paragraph, with no blank line between: three or more headline-like lines
    after a line that ends a sentence (a paragraph's last line ends with its full stop)."""
    tail = 0
    while tail < len(run) and _headline_like(lines[run[-1 - tail]][1].strip()):
        tail += 1
    if tail < _LIST_LINES or tail == len(run):
        return 0
    return tail if _has_sentence_end(lines[run[-1 - tail]][1].strip()) else 0


def _linked_headlines(
    lines: list[tuple[int, str]], matches: list[tuple[_ResidueRule, re.Match[str]] | None]
) -> set[int]:
    """The lines below a list label ("Most read", "Read more on the talks") that are links:
    headline-like lines (and section kickers in capitals) down to the next sentence."""
    listed: set[int] = set()
    for i, found in enumerate(matches):
        if found is None or not found[0].opens_list:
            continue
        for j in range(i + 1, len(lines)):
            line = lines[j][1].strip()
            if not line or matches[j] is not None:
                continue
            if not _headline_like(line) or _SAYS_WORD.search(line):
                break
            listed.add(j)
    return listed


# A line after the article that still says something: a quotation, a reporting clause.
_SAYS_WORD = re.compile(r"\b(?:said|says|told|added|according)\b", re.IGNORECASE)
_SAYS = re.compile(r"[\"“”‘’]|" + _SAYS_WORD.pattern, re.IGNORECASE)
_LIST_ITEMS = 2  # lines after the body that make a list of links, not a closing remark
_LONE_LINE_WORDS = 5  # a lone line longer than this may be a last paragraph cut off mid-way
# "Michel Bahus, 56 (bus driver)": a list the article itself gives (the dead, the candidates)
_ARTICLE_LIST_ITEM = re.compile(r",\s*\d{1,3}\b|\([^)]*\)")


def _trailing_furniture(
    lines: list[tuple[int, str]],
    last_body: int,
    matches: Sequence[tuple[_ResidueRule, re.Match[str]] | None],
    listed: set[int],
) -> set[int]:
    """Lines after the last paragraph of body text that are page furniture: a list of related
    headlines ("Fuel-laden ship sinks off Tunisia's southeast coast"), "NOW READ: ...",
    "There are no comments.". Below the last paragraph with a sentence end, two or more
    lines are a list, unless something is said in them or they list people or things the
    article gives ("Ana Ruiz, 56 (driver)"); one alone goes only when it is a few words with
    no sentence end (a last paragraph cut off mid-sentence, or '"We go on," she said', stays)."""
    if last_body < 0:
        return set()
    # lines a residue rule reads (a wire signature, a credit) are left to that rule
    after = [
        i
        for i in range(last_body + 1, len(lines))
        if lines[i][1].strip() and matches[i] is None and i not in listed
    ]
    contiguous = bool(after) and after[-1] - after[0] == len(after) - 1
    if (
        contiguous
        and _headline_list([lines[i][1].strip() for i in after])
        and not any(_ARTICLE_LIST_ITEM.search(lines[i][1]) for i in after)
    ):
        return set(after)  # a block of links to other stories, some with quoted words
    if len(after) >= _LIST_ITEMS:
        if any(_SAYS.search(lines[i][1]) or _ARTICLE_LIST_ITEM.search(lines[i][1]) for i in after):
            return set()
        return set(after)
    if len(after) == 1:
        line = lines[after[0]][1].strip()
        if len(line.split()) <= _LONE_LINE_WORDS and not _has_sentence_end(line):
            return set(after) if not _SAYS.search(line) else set()
    return set()


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


# Residue that wire copy runs on at the end of its last paragraph.
_TRAILING_KINDS = ("wire credits", "wire end marker", "wire signature", "related link")
# A run-on tail starts after a sentence end: "... he said. (Reporting by ...) -0-".
_TAIL_START = re.compile(r"(?<=[.!?\"”’')])[ \t]+(?=\S)")
_MAX_TAIL_CHARS = 400
# A signature run on after the last sentence stands in dashes, brackets or slashes ("— AFP",
# "(Yonhap)") or is an agency's initials alone ("... by 2045. UNI"); "... told Reuters." is
# the sentence's own last word.
_BARE_SIGNATURE = re.compile(r".*[-—–()/].*|[A-Z]{2,6}")


def split_trailing_residue(text: str) -> tuple[str, list[Residue]]:
    """Cut credit lines, end markers and signatures run on at the end of the last paragraph.

    "... he said. (Reporting by Ana Ruiz; Editing by Tom Baird)", "... of the DPRK. -0-",
    "... on Monday. — AFP". A signature counts only with its dash, brackets or slashes, so a
    sentence ending "... told Reuters." keeps its last word. Only the end of the text is
    cut, so every offset into the text before it stays valid.
    """
    removed: list[Residue] = []
    while True:
        stripped = text.rstrip()
        window = max(0, len(stripped) - _MAX_TAIL_CHARS, stripped.rfind("\n") + 1)
        cut = None
        for m in _TAIL_START.finditer(stripped, window):
            tail = stripped[m.end() :]
            for rule in _residue_rules():
                if rule.kind not in _TRAILING_KINDS or not rule.regex.fullmatch(tail):
                    continue
                if rule.kind == "wire signature" and not _BARE_SIGNATURE.fullmatch(tail):
                    continue
                outlet = None
                if rule.names_outlet:
                    outlet = canonical_outlet(re.sub(r"^[-—–\s(/]+|[)/.\s]+$", "", tail))
                elif rule.house_outlet:
                    outlet = canonical_outlet(rule.house_outlet)
                cut = (m.start(), Residue(rule.kind, tail, m.end(), outlet))
                break
            if cut:
                break
        if cut is None:
            return text, removed
        text = stripped[: cut[0]].rstrip()
        removed.insert(0, cut[1])
