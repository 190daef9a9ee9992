"""How the ledger compares names: one function every table that keys on names uses."""

from __future__ import annotations


def name_key(name: str) -> str:
    """The comparison form of a name: casefolded, inner whitespace collapsed."""
    return " ".join(name.casefold().split())
