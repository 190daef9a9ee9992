"""Reading text files loads neither trafilatura, feedparser nor the HTTP client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_READ_AND_LIST_HEAVY = """
import sys
from newsledger.ingest.sources import iter_sources
from newsledger.records import RawArticle
from newsledger.settings import Settings

items = list(iter_sources([sys.argv[1]], settings=Settings()))
assert [type(item) for item in items] == [RawArticle, RawArticle], items
print(",".join(name for name in ("trafilatura", "feedparser", "httpx", "lxml.html")
               if name in sys.modules))
"""


def _heavy_modules_loaded(folder: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _READ_AND_LIST_HEAVY, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_sources_text_files_load_no_html_feed_or_http_library(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The council met on Monday and approved the budget.\n")
    (tmp_path / "b.txt").write_text("The port reopened on Tuesday after the storm passed.\n")
    assert _heavy_modules_loaded(tmp_path) == ""


def test_sources_an_html_file_still_loads_trafilatura(tmp_path: Path) -> None:
    words = " ".join(["The council met on Monday and approved the budget for the year."] * 8)
    page = (
        f"<!doctype html><html><body><article><h1>Budget</h1><p>{words}</p></article></body></html>"
    )
    (tmp_path / "a.html").write_text(page)
    (tmp_path / "b.txt").write_text("The port reopened on Tuesday after the storm passed.\n")
    assert "trafilatura" in _heavy_modules_loaded(tmp_path).split(",")
