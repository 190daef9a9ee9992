"""Shared fixtures. Tests that read ../shared/ skip with a reason where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_5fbd16e163100449.txt"
SPEC = SHARED / "spec"


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder ships beside the repo in CI)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from newsledger.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return require_shared(SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record(seed_text):
    from newsledger import extract

    return extract(seed_text, uri=str(SEED))


@pytest.fixture(scope="session")
def article_schema() -> dict:
    import json

    return json.loads(require_shared(SPEC / "article.schema.json").read_text(encoding="utf-8"))
