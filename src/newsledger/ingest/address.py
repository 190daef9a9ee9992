"""Whether an input names a URL or a path, told without loading the HTTP client."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["is_url"]


def is_url(source: str) -> bool:
    return "://" in source[:16] and urlsplit(source).scheme.isalpha()
