"""A fresh ledger per test, on SQLite and (when a server is configured) PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_factory import postgres_url  # noqa: E402

from newsledger.fuse import FUSION
from newsledger.ledger.store import Ledger  # noqa: E402
from newsledger.settings import Settings  # noqa: E402


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
    else:
        with postgres_url() as url:
            yield url


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:
    with Ledger.open(db_url, settings=Settings(db=db_url), fusion=FUSION) as led:
        yield led
