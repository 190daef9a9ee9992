"""The extractor version: the package version plus a hash of the rule data.

Rules are data (``extract/data``): a new lexicon entry changes what is extracted without a new
release, so the version names both, as ``0.1.0+rules.1a2b3c4d5e6f``. Every stored extraction
records it; ``newsledger status`` counts articles by it and ``newsledger reextract`` brings the
older ones up to it.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.abc import Traversable

from newsledger.__about__ import __version__

__all__ = ["extractor_version", "rules_hash"]


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            if not entry.name.startswith(("_", ".")):
                found.extend(_files(entry, name + "/"))
        elif not entry.name.startswith(".") and not entry.name.endswith((".pyc", ".pyo")):
            found.append((name, entry))
    return found


def rules_hash(folder: Traversable | None = None) -> str:
    """12 hex digits of SHA-256 over every rule file's path and bytes, in path order."""
    root = (
        folder if folder is not None else resources.files("newsledger").joinpath("extract", "data")
    )
    digest = hashlib.sha256()
    for name, entry in sorted(_files(root), key=lambda item: item[0]):
        digest.update(name.encode("utf-8") + b"\0")
        data = entry.read_bytes()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:12]


@cache
def extractor_version() -> str:
    return f"{__version__}+rules.{rules_hash()}"
