"""Dateline accuracy on Reuters-21578: place and date of every story that has a <DATELINE>.

Each story is rebuilt as the wire printed it (the way ``shared/data/reuters21578/dev/``
presents stories): the <TITLE> line, a blank line, then the <DATELINE> text followed by the
<BODY>. In the SGML the dateline is cut out of the body into its own element, so the body
alone does not start with it. ``read_article`` gets that text and, as the only source of
the year, the reference date = the day of <DATE>.

Scored per story:
- place: the parsed dateline place against the <DATELINE> city (the text before its first
  comma, or before the month when there is no comma), case and spacing normalised;
- date: the parsed dateline date against the <DATE> day, exactly and within one day;
- a second run calls the dateline parser alone on the body start (no headline step).

Usage: python benchmarks/datelines_reuters.py [--shared ../shared] [--examples 20]
"""

from __future__ import annotations

import argparse
import glob
import html
import os
import platform
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from newsledger.errors import NewsLedgerError
from newsledger.extract.article import (
    infer_writing_year,
    month_number,
    parse_dateline,
    read_article,
    remove_residue,
    resolve_month_day,
)
from newsledger.records import RawArticle

REPO = Path(__file__).resolve().parents[1]
MONTHS = {"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8,
          "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}  # fmt: skip


@dataclass(slots=True)
class Story:
    newid: str
    title: str
    dateline: str
    body: str
    day: date


def _field(pattern: str, text: str) -> str:
    m = re.search(pattern, text, re.S)
    return m.group(1) if m else ""


def _unescape(text: str) -> str:
    # SGML numeric references for control characters (&#3; end of text, &#127;) are not text.
    text = re.sub(
        r"&#(\d+);",
        lambda m: "" if int(m.group(1)) < 32 or int(m.group(1)) == 127 else chr(int(m.group(1))),
        text,
    )
    return html.unescape(text)


def load_stories(folder: Path) -> tuple[int, list[Story]]:
    total = 0
    stories: list[Story] = []
    for path in sorted(glob.glob(str(folder / "reut2-*.sgm"))):
        raw = Path(path).read_text(encoding="latin-1")
        for m in re.finditer(r"<REUTERS([^>]*)>(.*?)</REUTERS>", raw, re.S):
            total += 1
            story = m.group(2)
            dateline = _field(r"<DATELINE>(.*?)</DATELINE>", story)
            if not dateline:
                continue
            stamp = _field(r"<DATE>(.*?)</DATE>", story).strip()
            d, mon, y = stamp.split()[0].split("-")
            stories.append(
                Story(
                    newid=_field(r'NEWID="(\d+)"', m.group(1)),
                    title=_unescape(_field(r"<TITLE>(.*?)</TITLE>", story)).strip(),
                    dateline=_unescape(dateline),
                    body=_unescape(_field(r"<BODY>(.*?)</BODY>", story)),
                    day=date(int(y), MONTHS[mon.upper()], int(d)),
                )
            )
    return total, stories


def gold_city(dateline: str) -> str:
    """The city of a <DATELINE> as printed, by a rule independent of the parser."""
    # Wire systems put noise such as "****" before some datelines; it is not the city.
    text = dateline.strip().lstrip("*").strip()
    if "," in text:
        city = text.split(",", 1)[0]
    else:
        # "JOHANNESBURG March 13 -", "TOKYO -": up to a month word, a digit or a dash.
        words = []
        for word in text.split():
            if word.startswith("-") or word[0].isdigit() or month_number(word) is not None:
                break
            words.append(word)
        city = " ".join(words)
    return norm(city)


_PRINTED_DATE = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?\s+(\d{1,2})\s*(?:,\s*[A-Za-z]+\s*)?-",
    re.IGNORECASE,
)
_STRICT_MONTHS = {name: i + 1 for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")]) for name in names}  # fmt: skip


def printed_date(dateline: str, year: int) -> date | None:
    """The month and day the <DATELINE> prints (exact month spellings only), in <DATE>'s year."""
    m = _PRINTED_DATE.search(dateline)
    if not m:
        return None
    try:
        return date(year, _STRICT_MONTHS[m.group(1).lower()], int(m.group(2)))
    except ValueError:
        return None


def norm(place: str | None) -> str:
    return " ".join((place or "").replace("’", "'").lower().split()).strip(" .,-")


def tempeval_check(shared: Path) -> None:
    """Held-out check on TempEval-3 platinum: 20 news articles from 2013 with a creation date.

    None was read while writing the rules. Measured: headline = <TITLE>, residue removed
    (the texts are clean, so every removal is a false positive) and year inference.
    """
    folder = shared / "data" / "tempeval3" / "platinum-input"
    paths = sorted(folder.glob("*.TE3input")) if folder.exists() else []
    if not paths:
        print(f"{folder} is absent: TempEval-3 held-out check skipped")
        return
    headline_ok = inferred = inferred_ok = 0
    removals: list[str] = []
    for path in paths:
        doc = path.read_text(encoding="utf-8")
        dct = re.search(r'value="(\d{4})-\d\d-\d\d"[^>]*functionInDocument="CREATION_TIME"', doc)
        title = html.unescape(_field(r"<TITLE>(.*?)</TITLE>", doc)).strip()
        body = html.unescape(_field(r"<TEXT>(.*?)</TEXT>", doc)).strip()
        layer = read_article(RawArticle(text=f"{title}\n\n{body}", uri=path.name))
        headline_ok += layer.headline == title
        removals += [w for w in layer.warnings if "residue" in w]
        inference = infer_writing_year(f"{title}\n{body}")
        if inference is not None and dct is not None:
            inferred += 1
            inferred_ok += inference.year == int(dct.group(1))
    print(
        f"TempEval-3 platinum (held out, {len(paths)} articles of 2013): headline = <TITLE> "
        f"{headline_ok}/{len(paths)}; residue removals {len(removals)}"
        + (f" ({'; '.join(removals[:3])})" if removals else "")
        + f"; year pinned in {inferred} article(s), right in {inferred_ok}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--examples", type=int, default=15, help="errors to print per class")
    args = parser.parse_args()
    folder = Path(args.shared) / "data" / "reuters21578"
    if not folder.exists() or not glob.glob(str(folder / "reut2-*.sgm")):
        print(
            f"{folder} is absent: nothing to measure (the shared data folder ships beside the repo)"
        )
        return 0

    t0 = time.perf_counter()
    total, stories = load_stories(folder)
    place_ok = date_ok = date_near = 0
    printed_total = printed_ok = printed_same_day = 0
    inferred_total = inferred_year_ok = inferred_day_ok = 0
    residue_kinds: Counter[str] = Counter()
    titled = headline_ok = 0
    bare_place_ok = bare_date_ok = 0
    offsets: Counter[int] = Counter()
    errors: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}

    def note(kind: str, story: Story, detail: str) -> None:
        errors[kind] += 1
        examples.setdefault(kind, [])
        if len(examples[kind]) < args.examples:
            examples[kind].append(f"{story.newid}: {story.dateline.strip()!r} -> {detail}")

    for story in stories:
        text = (
            f"{story.title}\n\n{story.dateline.lstrip()}{story.body}"
            if story.title
            else f"{story.dateline.lstrip()}{story.body}"
        )
        try:
            layer = read_article(
                RawArticle(text=text, uri=f"reuters:{story.newid}"), reference_date=story.day
            )
        except NewsLedgerError as e:
            note("read_article error", story, str(e))
            continue
        dl = layer.dateline
        gold = gold_city(story.dateline)
        if story.title:
            titled += 1
            # Wire flags ("UPDATE 2-", "CORRECTED -") are dropped from headlines on purpose.
            headline_ok += norm(layer.headline).endswith(norm(story.title)[-20:])
        printed = printed_date(story.dateline, story.day.year)
        if printed is not None:
            printed_total += 1
            printed_same_day += printed == story.day
            if dl is not None and dl.date == printed.isoformat():
                printed_ok += 1
        if dl is None:
            note("no dateline found", story, repr(text[:80]))
        else:
            if norm(dl.place) == gold:
                place_ok += 1
            else:
                note("place differs", story, f"{dl.place!r} (gold {gold!r})")
            if dl.date is None:
                note("no date in dateline", story, f"{dl.text!r}")
            else:
                delta = (date.fromisoformat(dl.date) - story.day).days
                offsets[delta] += 1
                if delta == 0:
                    date_ok += 1
                if abs(delta) <= 1:
                    date_near += 1
                else:
                    note("date off by more than a day", story, f"{dl.date} vs {story.day}")

        # Wire copy has no page residue besides the signature: any other removal is a false
        # positive of the residue rules.
        residue_kinds.update(r.kind for r in remove_residue(text)[1])

        # No reference date: the year can only come from how the text talks about years.
        inference = infer_writing_year(f"{story.title}\n{story.body}")
        if inference is not None:
            inferred_total += 1
            if inference.year == story.day.year:
                inferred_year_ok += 1
            if dl is not None and dl.date:
                unanchored = read_article(RawArticle(text=text, uri=story.newid))
                if unanchored.published == story.day.isoformat():
                    inferred_day_ok += 1

        # The parser alone, on the body start.
        bare = parse_dateline(f"{story.dateline.lstrip()}{story.body}")
        if bare is not None:
            if norm(bare.place) == gold:
                bare_place_ok += 1
            if bare.month and bare.day:
                resolved = resolve_month_day(bare.month, bare.day, story.day)
                if resolved == story.day:
                    bare_date_ok += 1

    n = len(stories)
    elapsed = time.perf_counter() - t0
    print("command: python benchmarks/datelines_reuters.py")
    print(
        f"date: {datetime.now().isoformat(timespec='seconds')}  machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"stories: {total}, with <DATELINE>: {n}  ({elapsed:.1f}s)")
    print(f"read_article  place accuracy: {place_ok / n:.4f} ({place_ok}/{n})")
    print(f"read_article  date accuracy (exact <DATE> day): {date_ok / n:.4f} ({date_ok}/{n})")
    print(f"read_article  date accuracy (within 1 day): {date_near / n:.4f} ({date_near}/{n})")
    print(
        f"read_article  date accuracy vs the day the <DATELINE> prints "
        f"(stories whose <DATELINE> has an exactly spelled month and a day): "
        f"{printed_ok / printed_total:.4f} ({printed_ok}/{printed_total})"
    )
    print(
        f"ceiling for the exact <DATE> match: the printed dateline day equals the <DATE> day in "
        f"{printed_same_day / printed_total:.4f} ({printed_same_day}/{printed_total}) of those"
    )
    print(
        f"headline = <TITLE> (last 20 characters, normalised): "
        f"{headline_ok / max(titled, 1):.4f} ({headline_ok}/{titled})"
    )
    print(
        f"parse_dateline alone  place: {bare_place_ok / n:.4f}  date exact: {bare_date_ok / n:.4f}"
    )
    print(
        f"year inference without a reference date: the text pins a year in {inferred_total} "
        f"of {n} stories; "
        f"inferred year = <DATE> year in {inferred_year_ok / max(inferred_total, 1):.4f} "
        f"({inferred_year_ok}/{inferred_total}); published = <DATE> day in "
        f"{inferred_day_ok / max(inferred_total, 1):.4f} ({inferred_day_ok}/{inferred_total})"
    )
    print(
        "residue removed from the wire stories (only the wire signature is real residue): "
        + (", ".join(f"{k}: {v}" for k, v in residue_kinds.most_common()) or "none")
    )
    print(
        "dateline day minus <DATE> day: "
        + ", ".join(f"{k:+d}: {v}" for k, v in sorted(offsets.items()))
    )
    tempeval_check(Path(args.shared))
    print("error classes:")
    for kind, count in errors.most_common():
        print(f"  {kind}: {count}")
        for line in examples[kind]:
            print(f"      {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
