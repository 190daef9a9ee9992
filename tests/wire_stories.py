"""Short wire stories written for the parallel and cluster ingest tests (invented, not copied).

Each has a dateline, named actors and at least one event, so two ledgers built from them can
be compared on articles, entities and events. Two of them are the same story twice (an exact
duplicate must still be stored once however the work is split).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql

_TALKS = (
    "GENEVA, March 4 (Wire) - Negotiators from Norland and Sorvia met in Geneva on "
    "Wednesday to discuss a fishing dispute, officials said.\n\n"
    "Sorvia's foreign minister Anton Brandt said the talks were useful and that both sides "
    "would meet again next month."
)

STORIES: dict[str, str] = {
    "harbour.txt": (
        "PORT ALDER, March 3 (Wire) - The government of Norland closed the port of Alder on "
        "Tuesday after a fire damaged two cargo ships, the transport minister Ellen Voss said.\n\n"
        "Voss said the port would reopen on Friday once inspectors had checked the quays."
    ),
    "talks.txt": _TALKS,
    "strike.txt": (
        "KESTREL, March 5 (Wire) - Dock workers in Kestrel began a strike on Thursday over pay, "
        "the Kestrel Dockers Union said.\n\n"
        "The union's leader Mara Quint said the strike would last three days unless the port "
        "authority raised wages."
    ),
    "election.txt": (
        "VELDA, March 6 (Wire) - Voters in Velda elected Tomas Reyne as mayor on Friday, the "
        "city's election board said.\n\n"
        "Reyne promised to build two new schools and to repair the old bridge over the river."
    ),
    "sanctions.txt": (
        "BRUSSELS, March 7 (Wire) - The Northern Trade Council imposed sanctions on three "
        "Sorvian banks on Saturday, accusing them of funding arms smuggling.\n\n"
        "Sorvia denied the accusation and said it would appeal the decision."
    ),
    "rescue.txt": (
        "LINDHOLM, March 8 (Wire) - Coast guard crews rescued eleven sailors from a sinking "
        "trawler off Lindholm on Sunday, the coast guard said.\n\n"
        "Captain Ida Marsh said all eleven were taken to hospital in Lindholm."
    ),
    "talks-copy.txt": _TALKS,  # the same text again: stored once
}

# More stories in one JSON Lines shard, as a batch export would send them.
SHARD: list[dict[str, str]] = [
    {
        "text": (
            "ORREN, March 9 (Wire) - Flooding forced the evacuation of 400 families from Orren "
            "on Monday, the regional governor Paul Hendry said.\n\n"
            "Hendry said soldiers would help to build barriers along the river."
        ),
        "url": "https://wire.example/orren-floods",
    },
    {
        "text": (
            "TALMA, March 10 (Wire) - The Talma Steel Company announced on Tuesday that it would "
            "close its oldest furnace and cut 300 jobs, its chief executive Rosa Lind said.\n\n"
            "Lind said the company would invest in a new plant in Velda next year."
        ),
        "url": "https://wire.example/talma-steel",
    },
]

REFERENCE_DATE = "2025-01-01"


def write_stories(folder: Path) -> Path:
    """The stories as files of a directory tree (a subfolder holds the shard); returns it.

    One file is binary data, so the ledger also has a failure to compare.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\x03 not text" * 10)
    (folder / "shards").mkdir(exist_ok=True)
    lines = "".join(json.dumps(item) + "\n" for item in SHARD)
    (folder / "shards" / "part-0001.jsonl").write_text(lines, encoding="utf-8")
    return folder


def ledger_snapshot(ledger: Any) -> dict[str, list[tuple[Any, ...]]]:
    """What two ledgers built from the same inputs must agree on, in a stable order.

    Row ids are left out (they depend on the order articles were stored); articles are keyed
    by their content id, entities by name and type.
    """
    queries = {
        # not source_uri: of two copies of one text, the first to arrive names the article
        "articles": "SELECT id, content_hash, headline, published, near_duplicate_of FROM articles",
        "events": "SELECT article_id, local_id, type, trigger, actor, target, object, "
        "date_value, modality, span_start, span_end, is_evidence FROM events",
        "entities": "SELECT name_key, type FROM entities",
        "claims": "SELECT article_id, position, text, polarity FROM claims",
        "failures": "SELECT source, reason FROM ingest_failures",
    }
    with ledger.connect() as conn:
        return {
            name: sorted(tuple(row) for row in conn.execute(sql(query)))
            for name, query in queries.items()
        }
