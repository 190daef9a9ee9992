"""Peak memory while ingesting many articles into SQLite: reported at checkpoints, should stay flat.

    python benchmarks/ledger_memory.py [--checkpoints 1000,5000,10000] [--extract]

Articles are Reuters-21578 stories (../shared/data/reuters21578), all distinct texts. By
default each story gets a synthetic record made from its own text (capitalised phrases as
entities with their mentions, one event per sentence, each "said" sentence a claim), so the
run measures the ledger itself: transactions, entity merging, the near-duplicate index and
corroboration, at a realistic record size. ``--extract`` runs the real extractor instead (the
whole ``newsledger ingest`` path; much slower). Prints resident and peak memory (MiB) at each
checkpoint and the articles/s between checkpoints.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_common import REUTERS, iter_reuters, reuters_available, rss_mb  # noqa: E402
from newsledger.fuse import FUSION

_PHRASE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\b")
_SENTENCE = re.compile(r"[^.]+\.")
_WORD = re.compile(r"\b[a-z]{4,}\b")


def synthetic_record(raw: object) -> object:
    """A record with plausible extractions, derived only from the story's own text."""
    from newsledger.extract.pipeline import record_id
    from newsledger.records import ArticleRecord, Claim, Entity, Event, Source, SourceRef

    text: str = raw.text  # type: ignore[attr-defined]
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _PHRASE.finditer(text):
        spans.setdefault(m.group(0), []).append((m.start(), m.end()))
    entities = [
        Entity(f"e{i + 1}", name, "ORG" if i % 3 else "GPE", [name], mentions)
        for i, (name, mentions) in enumerate(list(spans.items())[:25])
    ]
    events, claims = [], []
    for s in list(_SENTENCE.finditer(text))[:12]:
        inside = [e for e in entities if any(s.start() <= a < s.end() for a, _ in e.mentions)]
        verb = _WORD.search(text, s.start(), s.end())
        if verb is None:
            continue
        actor = inside[0] if inside else None
        events.append(
            Event(
                f"v{len(events) + 1}",
                "STATEMENT" if "said" in s.group(0) else "ECONOMIC_ACTION",
                verb.group(0),
                (verb.start(), verb.end()),
                actor=actor.name if actor else None,
                actor_entity=actor.id if actor else None,
                target=inside[1].name if len(inside) > 1 else None,
                target_entity=inside[1].id if len(inside) > 1 else None,
            )
        )
        if " said" in s.group(0):
            claims.append(
                Claim(
                    s.group(0).strip()[:300],
                    (s.start(), s.end()),
                    [
                        SourceRef(
                            actor.name if actor else "Reuters", actor.id if actor else None, "said"
                        )
                    ],
                )
            )
    return ArticleRecord(
        id=record_id(text),
        source=Source(raw.uri, "text", "Reuters"),  # type: ignore[attr-defined]
        headline=raw.title,
        dateline=None,
        published=raw.published,  # type: ignore[attr-defined]
        published_basis="metadata",
        text=text,
        entities=entities,
        claims=claims,
        events=events,
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--checkpoints", default="1000,5000,10000")
    parser.add_argument("--extract", action="store_true", help="Run the real extractor (slow).")
    args = parser.parse_args()
    if not reuters_available():
        print(f"Reuters-21578 is absent ({REUTERS}); nothing to measure.")
        return 0
    checkpoints = sorted(int(c) for c in args.checkpoints.split(","))

    from newsledger.ledger.store import Ledger
    from newsledger.pipeline import ExtractOptions, IngestEvent, ingest_raw
    from newsledger.settings import Settings

    def raws() -> Iterator[object]:
        return itertools.islice(iter_reuters(), checkpoints[-1])

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/memory.db"
        with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as ledger:
            if args.extract:
                from newsledger.extract.pipeline import extract_many

                list(
                    extract_many(list(itertools.islice(iter_reuters(), 2)))
                )  # load the model first
            gc.collect()
            base_rss, _ = rss_mb()
            print(
                f"mode: {'real extraction' if args.extract else 'synthetic records from the story texts'}"
            )
            print(f"baseline after start-up: RSS {base_rss:.0f} MiB")
            print("articles | RSS MiB | peak MiB | articles/s since last")
            done = 0
            last_t = time.perf_counter()
            last_n = 0

            def checkpoint() -> None:
                nonlocal last_t, last_n
                now = time.perf_counter()
                rss, peak = rss_mb()
                rate = (done - last_n) / (now - last_t)
                print(f"{done:>8} | {rss:7.0f} | {peak:8.0f} | {rate:.1f}", flush=True)
                last_t, last_n = now, done

            if args.extract:

                def on_event(_event: IngestEvent) -> None:
                    nonlocal done
                    done += 1
                    if done in checkpoints:
                        checkpoint()

                ingest_raw(ledger, raws(), options=ExtractOptions(), on_event=on_event)
            else:
                for raw in raws():
                    ledger.add(synthetic_record(raw), raw)  # type: ignore[arg-type]
                    done += 1
                    if done in checkpoints:
                        checkpoint()
            if done < checkpoints[-1]:
                print(f"only {done} stories available; stopped there")
                checkpoint()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
