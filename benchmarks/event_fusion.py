"""Cross-article event fusion: precision and recall of "same event" links on real wire stories.

The gold (``benchmarks/data/event_fusion_gold.toml``) names pairs of Reuters-21578 stories and
an event type: ``same = true`` pairs report one real-world event of that type by that actor
(the wire often tells one event in several stories on the same or next day); ``same = false``
pairs report different events of the same type by the same actor (another day, another front,
another ship), which must stay apart.

Every story named in the gold is ingested, in wire order, into one fresh SQLite ledger with the
real ``newsledger ingest`` command (its ``<DATE>`` day as publication date, the body as text),
so the ledger decides fusion exactly as it does for a user. A pair is *linked* when an event
of the gold type in one story and an event of that type in the other share a fused event.

    precision = linked same-event pairs / all linked pairs
    recall    = linked same-event pairs / all same-event pairs

Also printed: how many same-event pairs had an event of the gold type extracted in both
stories at all (the ceiling extraction leaves fusion), and why each miss or false link
happened (``-v``).

Usage: python benchmarks/event_fusion.py [--gold FILE] [--keep DB] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ledger_common import REUTERS, reuters_available, reuters_by_id  # noqa: E402

GOLD = Path(__file__).resolve().parent / "data" / "event_fusion_gold.toml"


@dataclass(frozen=True, slots=True)
class Pair:
    a: int
    b: int
    same: bool
    type: str
    actor: str
    note: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    type: str
    actor: str | None
    target: str | None
    sort_date: str
    fused_event_id: int | None


def load_gold(path: Path) -> list[Pair]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Pair(int(p["a"]), int(p["b"]), bool(p["same"]), p["type"], p["actor"], p["note"])
        for p in data["pair"]
    ]


def ingest(stories: list[dict[str, str | None]], db_url: str) -> str:
    """Ingest the stories with the real CLI; returns its summary output."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for story in stories:
            out.write(json.dumps(story) + "\n")
        path = out.name
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from newsledger.cli import main; main()",
                "ingest",
                path,
                "--db",
                db_url,
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            check=False,
        )
    finally:
        os.unlink(path)
    if done.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({done.returncode}):\n{done.stderr}")
    return (done.stdout + done.stderr).strip()


def stored_events(db_url: str, line_ids: list[int]) -> dict[int, list[StoredEvent]]:
    """Events per Reuters NEWID (``line_ids[n - 1]`` is the story on line n of the JSONL input),
    read straight from the ledger's tables."""
    engine = create_engine(db_url)
    by_story: dict[int, list[StoredEvent]] = defaultdict(list)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT a.source_uri, e.type, e.actor, e.target, e.sort_date, e.fused_event_id "
                "FROM events e JOIN articles a ON a.id = e.article_id"
            )
        )
        for uri, etype, actor, target, sort_date, fused in rows:
            newid = line_ids[int(str(uri).rsplit(":", 1)[-1]) - 1]
            by_story[newid].append(StoredEvent(etype, actor, target, str(sort_date), fused))
    engine.dispose()
    return by_story


def describe(events: list[StoredEvent], etype: str) -> str:
    chosen = [e for e in events if e.type == etype]
    if not chosen:
        return f"no {etype}"
    return "; ".join(
        f"{e.actor or '-'} -> {e.target or '-'} {e.sort_date} f{e.fused_event_id}" for e in chosen
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--keep", type=Path, help="keep the ledger in this SQLite file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every pair")
    args = parser.parse_args()
    if not reuters_available():
        print(f"Reuters-21578 not found at {REUTERS}; nothing to measure.")
        return 0
    pairs = load_gold(args.gold)
    ids = sorted({p.a for p in pairs} | {p.b for p in pairs})
    stories = reuters_by_id(ids)
    missing = [i for i in ids if i not in stories]
    if missing:
        raise SystemExit(f"stories not found in {REUTERS}: {missing}")
    ordered = sorted(stories.values(), key=lambda s: (s["stamp"], s["uri"]))
    rows = [{k: s[k] for k in ("text", "title", "published", "outlet", "url")} for s in ordered]
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.keep or Path(tmp) / "fusion.db"
        if db_path.exists():
            db_path.unlink()
        db_url = f"sqlite:///{db_path}"
        summary = ingest(rows, db_url)
        events = stored_events(db_url, [int(str(s["uri"]).split(":")[1]) for s in ordered])

    linked_same = linked_diff = extractable = 0
    lines = []
    for pair in pairs:
        ea = [e for e in events.get(pair.a, []) if e.type == pair.type]
        eb = [e for e in events.get(pair.b, []) if e.type == pair.type]
        shared = {e.fused_event_id for e in ea} & {e.fused_event_id for e in eb} - {None}
        linked = bool(shared)
        if pair.same:
            extractable += bool(ea and eb)
            linked_same += linked
            verdict = "TP" if linked else "FN"
        else:
            linked_diff += linked
            verdict = "FP" if linked else "TN"
        lines.append(
            f"{verdict} {pair.a}~{pair.b} {pair.type} {pair.actor}: "
            f"[{describe(events.get(pair.a, []), pair.type)}] vs "
            f"[{describe(events.get(pair.b, []), pair.type)}]"
        )
    n_same = sum(p.same for p in pairs)
    n_diff = len(pairs) - n_same
    predicted = linked_same + linked_diff
    precision = linked_same / predicted if predicted else 0.0
    recall = linked_same / n_same if n_same else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"gold: {n_same} same-event pairs, {n_diff} different-event pairs, {len(ids)} stories")
    print(f"ingest: {summary.splitlines()[-1] if summary else '(no output)'}")
    print(f"same-event pairs with the gold type extracted in both stories: {extractable}/{n_same}")
    print(
        f"linked: {linked_same} of {n_same} same-event pairs, {linked_diff} of {n_diff} different"
    )
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    if args.verbose:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
