"""Shared fixtures. Tests that read ../shared/ skip with a reason where it is absent, except in
CI (CI=true), where a missing shared folder fails the run: a green CI run has read it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_5fbd16e163100449.txt"
SPEC = SHARED / "spec"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


def pytest_sessionstart(session: pytest.Session) -> None:
    if in_ci() and not SHARED.is_dir():
        raise pytest.UsageError(
            f"{SHARED} is absent: CI runs the tests that read the shared data folder; "
            "put it beside the repository"
        )


def require_shared(path: Path) -> Path:
    if not path.exists():
        if in_ci():
            pytest.fail(f"{path} is absent; in CI the shared data folder must be beside the repo")
        pytest.skip(f"{path} is absent (the shared data folder ships beside the repo in CI)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from newsledger.extract.nlp import load_pipeline

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
