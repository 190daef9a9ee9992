"""Headline and byline: what a title line and a byline line look like.

A scraped page or feed item opens with its headline, often with the body on the very next
line, a site name after the headline (``Talks collapse - Reuters``) and a byline or a date
line below it. These helpers judge one line each; ``layer`` puts them in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsledger.extract.article.loaders import _headline_sites, _not_places, _outlets
from newsledger.extract.article.normalise import canonical_outlet

_BYLINE = re.compile(
    r"^(?:by|BY|By)\s+[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}){0,3}"
    r"(?:\s+(?:for|FOR|in|IN)\s+[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3})?"
    r"(?:\s*[,|/]\s*[\w .'’-]{1,40})?$"
)
# "Jane Doe, Reuters", "Jane Doe and John Roe | AP", "Jane Doe / AFP": names, then an outlet.
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_AGENCY_BYLINE = re.compile(
    rf"^(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,3}})\s*(?:,|\||/|[-–—])\s*(?P<outlet>[^,|/]{{2,40}})$"
)
# "Reuters Staff", "AFP Correspondent"
_STAFF_BYLINE = re.compile(
    r"^(?P<outlet>[^\W\d_][\w .&-]{1,40}?)\s+(?:staff|correspondents?|reporters?|bureau|desk)$",
    re.I,
)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.$")
_MAX_HEADLINE_WORDS = 30
_MAX_HEADLINE_CHARS = 250


@dataclass(frozen=True, slots=True)
class Byline:
    text: str
    outlet: str | None  # the outlet the byline names ("Jane Doe, Reuters")


def _fits_headline(line: str) -> bool:
    stripped = line.strip()
    words = len(stripped.split())
    return 1 <= words <= _MAX_HEADLINE_WORDS and len(stripped) <= _MAX_HEADLINE_CHARS


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


def read_byline(line: str) -> Byline | None:
    """A byline line: ``By Jane Doe``, ``By Jane Doe, Reuters``, ``Jane Doe | AP``, also with
    the page's date stamp beside it (``May 13, 1998|By Jane Doe``, ``By AFP | 22 January 2015
    | 2:55 am``)."""
    stripped = line.strip()
    parts = re.split(r"\s*\|\s*", stripped)
    by_parts = [p for p in parts if re.match(r"(?i)by\s", p)]
    if len(parts) > 1 and len(by_parts) <= 1:
        others = [p for p in parts if not by_parts or p is not by_parts[0]]
        outlets = [o for o in map(_known_outlet, others) if o is not None]
        if all(_stamp_or_outlet(p) for p in others):
            if by_parts:
                # "May 13, 1998|By Jane Doe", "By Jane Doe | China Daily | Updated: 2020-07-10"
                found = read_byline(by_parts[0])
                if found is None:
                    return None
                return Byline(stripped, found.outlet or next(iter(outlets), None))
            if len(outlets) == 1:
                # "Sunday Express|November 24, 2024": the outlet's name beside the date stamp
                return Byline(stripped, outlets[0])
    words = stripped.split()
    if len(words) > 1 and not words[1][:1].isupper():
        return None  # "By the way, ...", "by now": a sentence, not a name
    if stripped.endswith(".") and not _ABBREVIATION_END.search(stripped):
        return None
    if _BYLINE.match(stripped):
        tail = re.split(r"\s*[,|/]\s*", stripped)[-1]
        named = re.sub(r"^(?:by|BY|By)\s+", "", tail)
        return Byline(stripped, _known_outlet(tail) or _known_outlet(named))
    m = _AGENCY_BYLINE.match(stripped)
    if m and _known_outlet(m.group("outlet")):
        return Byline(stripped, _known_outlet(m.group("outlet")))
    m = _STAFF_BYLINE.match(stripped)
    if m and _known_outlet(m.group("outlet")):
        return Byline(stripped, _known_outlet(m.group("outlet")))
    if _known_outlet(stripped):
        return Byline(stripped, _known_outlet(stripped))  # "Oman Observer" alone under the title
    return None


def _stamp_or_outlet(part: str) -> bool:
    """A part of a byline line beside the name: a short date stamp or a known outlet."""
    return (
        bool(re.search(r"\d", part) and len(part.split()) <= 5) or _known_outlet(part) is not None
    )


def _known_outlet(name: str) -> str | None:
    cleaned = " ".join(name.strip().strip("()").split())
    return canonical_outlet(cleaned) if cleaned.lower() in _outlets() else None


def split_site_suffix(headline: str) -> tuple[str, str | None, str | None]:
    """(headline without site names, the outlet they name, the tail removed).

    ``Talks collapse - Reuters`` -> (``Talks collapse``, ``Reuters``, ``Reuters``);
    ``Talks collapse | World | Example Post`` loses both tails. A tail after a dash is cut
    only when it is a known outlet, a web domain or named like a site (``site_words`` in
    headline_sites.toml); after a bar, also any short name in capitals, since headlines
    themselves do not use bars. An unknown site keeps its printed name.
    """
    outlet: str | None = None
    tails: list[str] = []
    glued = re.fullmatch(r"(?P<head>.*[^\s-])-(?P<site>[A-Z][\w.& ]{1,30})", headline)
    if glued and _known_outlet(glued["site"]) and len(glued["head"].split()) >= 2:
        # "Nigerian Forces Clash With Islamists-Reuters": the site glued on with a hyphen
        headline, outlet = glued["head"], _known_outlet(glued["site"])
        tails.append(glued["site"])
    for _ in range(3):
        cut = _cut_site_suffix(headline)
        if cut is None:
            break
        headline, named, tail = cut
        outlet = outlet or named
        tails.insert(0, tail)
    return headline, outlet, (" | ".join(tails) or None)


def _cut_site_suffix(headline: str) -> tuple[str, str | None, str] | None:
    sites = _headline_sites()
    best: tuple[int, str] | None = None
    for sep in sites["separators"]:
        at = headline.rfind(sep)
        if at > 0 and (best is None or at > best[0]):
            best = (at, sep)
    if best is None:
        return None
    at, sep = best
    head, tail = headline[:at].strip(), headline[at + len(sep) :].strip()
    if not head or len(head.split()) < 2 or not tail:
        return None
    # "Wikinews, the free news source": the site's name is before its slogan.
    name = tail.split(",")[0].strip()
    known = _known_outlet(name) or _known_outlet(tail)
    if known:
        return head, known, tail
    words = name.split()
    domain = re.fullmatch(
        r"[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|co|news|info|tv)", name, re.I
    )
    if domain and len(words) == 1:
        return head, name, tail
    bar = sep.strip() == "|"
    if bar and is_section_label(tail):
        return head, None, tail  # "Rebels seize town | World": a section, no outlet
    if len(words) > sites["max_words"] or not name[:1].isupper() or name[-1] in ".!?":
        return None
    if any(w in word.lower() for word in words for w in sites["site_words"]):
        return head, name, tail
    if bar and all(
        w[:1].isupper() or w[:1].isdigit() or w in {"of", "the", "and", "&"} for w in words
    ):
        return head, name, tail
    return None


BREADCRUMB = re.compile(r"\s*[|›»>/]\s*")  # the separator of a breadcrumb's parts


def is_section_label(line: str) -> bool:
    """A kicker above a headline: "World", "Middle East", "EXCLUSIVE", or a breadcrumb of
    them ("News | World", "Home › World › Asia")."""
    cleaned = line.strip().rstrip(":").strip().lower()
    parts = [p for p in BREADCRUMB.split(cleaned) if p]
    labels = _headline_sites()["section_labels"]
    return bool(parts) and all(p in labels or p in _not_places() or p == "home" for p in parts)


def reads_as_body(line: str) -> bool:
    """A line that is body text, not a headline: a sentence that ends, or too long for a title."""
    stripped = line.strip()
    if not _fits_headline(stripped):
        return True
    first = next((c for c in stripped if c.isalnum()), "")
    if first and first.islower():
        return True
    if stripped[-1] in ",;:":
        return True  # ("The following statement was issued today:": an introduction)
    # Headlines carry no full stop; a period after an initialism ("... in the U.S.") is not one.
    return stripped.rstrip("\"”’')")[-1:] == "." and not _ABBREVIATION_END.search(
        stripped.rstrip("\"”’')")
    )
