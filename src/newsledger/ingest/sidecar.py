"""What was saved beside an article file: ``NAME.meta.json`` and ``NAME.url``.

Scrapers and datasets often keep an article's text in ``NAME.txt`` (or its page in
``NAME.html``) and what they know about it in a file beside it:

- ``NAME.meta.json`` (or ``NAME.json``): a JSON object with the metadata fields of JSON Lines
  input (``title``, ``outlet``, ``published``, ``url``, or the other names
  ``ingest.jsonl.FIELD_NAMES`` lists, such as ``headline`` or ``date_publish``); other keys are
  ignored;
- ``NAME.url``: the address the article came from, as a bare line or as the
  ``[InternetShortcut]`` file browsers save (``URL=...``).

What a sidecar gives takes the place of what the article file alone would give (its first
line still reads as the headline when it repeats the title). A sidecar that cannot be read or
parsed is a warning on the article, never a failure: the text is still the article.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from newsledger.ingest.jsonl import metadata_fields
from newsledger.records import RawArticle

# the first of these beside the article is read
META_SUFFIXES = (".meta.json", ".json")
URL_SUFFIX = ".url"
# a sidecar is a few hundred bytes; anything far larger is not one
_MAX_SIDECAR_BYTES = 1 << 20


def with_sidecars(raw: RawArticle, path: Path) -> RawArticle:
    """``raw`` with the metadata of the sidecar files beside ``path``, if there are any."""
    fields: dict[str, str | None] = {}
    warnings: list[str] = []
    url_file = path.with_name(path.stem + URL_SUFFIX)
    if url_file != path and url_file.is_file():
        text = _read(url_file, warnings)
        if text is not None:
            url = _address(text)
            if url is None:
                warnings.append(f"sidecar {url_file.name} ignored: it holds no http(s) address")
            fields["url"] = url
    meta_file = next(
        (
            candidate
            for candidate in (path.with_name(path.stem + s) for s in META_SUFFIXES)
            if candidate != path and candidate.is_file()
        ),
        None,
    )
    if meta_file is not None:
        text = _read(meta_file, warnings)
        if text is not None:
            meta = _meta(text, meta_file.name, warnings)
            fields.update({k: v for k, v in meta.items() if v is not None})
    if not any(fields.values()) and not warnings:
        return raw
    return dataclasses.replace(
        raw,
        title=fields.get("title") or raw.title,
        outlet=fields.get("outlet") or raw.outlet,
        published=fields.get("published") or raw.published,
        url=fields.get("url") or raw.url,
        warnings=[*raw.warnings, *warnings],
    )


def _read(path: Path, warnings: list[str]) -> str | None:
    try:
        size = path.stat().st_size
        if size > _MAX_SIDECAR_BYTES:
            warnings.append(f"sidecar {path.name} ignored: {size:,} bytes is too large for one")
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        warnings.append(f"sidecar {path.name} ignored: cannot be read ({e.strerror or e})")
        return None


def _meta(text: str, name: str, warnings: list[str]) -> dict[str, str | None]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        warnings.append(f"sidecar {name} ignored: not valid JSON ({e.msg} at line {e.lineno})")
        return {}
    if not isinstance(obj, dict):
        warnings.append(f"sidecar {name} ignored: a JSON {type(obj).__name__}, not an object")
        return {}
    found: list[str] = []
    meta = metadata_fields(obj, found)
    warnings.extend(f"sidecar {name}: {w}" for w in found)
    return meta


def _address(text: str) -> str | None:
    """The http(s) address of a ``.url`` file: its ``URL=`` line, else its first line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.lower().startswith("url="):
            candidate = line[4:].strip()
            break
    else:
        candidate = lines[0] if lines else ""
    scheme = candidate.split(":", 1)[0].lower()
    return candidate if scheme in {"http", "https"} and " " not in candidate else None
