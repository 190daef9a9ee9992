"""Reading gold files and predictions, and producing predictions for gold documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from newsledger.errors import InputError
from newsledger.pipeline import ExtractOptions, IngestFailure, extract_one, read_text_paths
from newsledger.records import ArticleRecord
from newsledger.settings import load_settings


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Every ``*.gold.json`` in a directory (sorted), or one gold file."""
    files = sorted(path.glob("*.gold.json")) if path.is_dir() else [path]
    if not files:
        raise InputError(str(path), "holds no *.gold.json files")
    golds = []
    for file in files:
        try:
            gold = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise InputError(str(file), f"is not a readable gold file ({e})") from e
        if not isinstance(gold, dict) or "doc" not in gold:
            raise InputError(
                str(file), "is not a gold file: a JSON object with a 'doc' key is needed"
            )
        gold["_path"] = str(file)
        golds.append(gold)
    return golds


def load_predictions(path: Path) -> Iterator[dict[str, Any]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror or e})") from e
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{number}", f"is not a JSON line ({e.msg})") from e
            if isinstance(record, list):  # a `--format json` array saved by mistake still works
                yield from record
            else:
                yield record


def find_document(gold: dict[str, Any], search_dirs: list[Path]) -> Path:
    for folder in search_dirs:
        candidate = folder / gold["doc"]
        if candidate.is_file():
            return candidate
    where = ", ".join(str(d) for d in search_dirs)
    raise InputError(
        gold["doc"], f"the gold file's document was not found in {where}; pass --docs DIR"
    )


def predict(
    golds: list[dict[str, Any]], docs_dirs: list[Path], model: str | None = None
) -> list[dict[str, Any]]:
    """Run the extractor on each gold document with the gold file's reference date."""
    settings = load_settings(model=model)
    predictions: list[dict[str, Any]] = []
    for gold in golds:
        dirs = [Path(gold["_path"]).parent, *docs_dirs]
        path = str(find_document(gold, dirs))
        for raw in read_text_paths([path], max_bytes=settings.max_input_bytes):
            if isinstance(raw, IngestFailure):
                raise InputError(raw.source, raw.reason)
            reference = gold.get("reference_date")
            options = ExtractOptions(
                reference_date=date.fromisoformat(reference) if reference else None,
                model=settings.model,
            )
            result = extract_one(raw, options)
            if not isinstance(result, ArticleRecord):
                raise InputError(result.uri, result.reason)
            predictions.append(result.to_dict())
    return predictions
