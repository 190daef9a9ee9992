"""Small normalisers: month names (with wire typos), day numbers, outlet and place names."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from newsledger.extract.article.loaders import _casing, _months, _outlet_domains, _outlets


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


def outlet_for_url(url: str | None) -> str | None:
    """The outlet whose site an address is on ("amp.dw.com" -> DW, "www.reuters.com" ->
    Reuters), when the domain is a known outlet's. An unknown host is no outlet: aggregators
    and portals carry other outlets' stories, and a host name is not the outlet's name."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not host:
        return None
    domains = _outlet_domains()
    labels = host.lower().rstrip(".").split(".")
    # the host itself, then each parent domain down to two labels: "edition.cnn.com", "cnn.com"
    for start in range(max(1, len(labels) - 1)):
        name = domains.get(".".join(labels[start:]))
        if name is not None:
            return name
    return None


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
