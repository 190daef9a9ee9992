"""Direct quotes side by side: NewsLedger's extract_quotes vs textacy's direct_quotations.

    python benchmarks/quotes_textacy.py

Both run in this one process on the same cleaned article text (the record's `text`, so
headline and dateline are gone for both) and the same spaCy model, over three gold sets:
the seed (../shared/spec/examples), the Reuters-21578 dev stories
(../shared/data/reuters21578/dev) and the project's own attribution gold sets
(tests/golden/attribution and its held-out folders). Scoring is the project evaluator's: a quote matches by token F1
>= 0.5; its speaker is right when it names the gold speaker (canonical name or alias).
textacy reports the speaker as tokens without coreference; they are joined as written.

textacy is not a project dependency: `pip install textacy` (0.13 keeps spaCy 3.8). A gold
set whose folder is absent is skipped with a note.
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "seed": (SHARED / "spec" / "examples", SHARED / "seed"),
    "reuters-dev": (SHARED / "data" / "reuters21578" / "dev", None),
    "own-gold": (ROOT / "tests" / "golden" / "attribution", None),
    "own-heldout": (ROOT / "tests" / "golden" / "attribution" / "heldout", None),
    "own-heldout2": (ROOT / "tests" / "golden" / "attribution" / "heldout2", None),
}
_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a\u201e"


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    matched: int = 0
    speaker_right: int = 0
    crashes: int = 0
    seconds: float = 0.0

    def row(self, corpus: str, system: str) -> str:
        p = self.matched / self.found if self.found else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        sp = self.speaker_right / self.gold if self.gold else 0.0
        return (
            f"| {corpus} | {system} | {self.gold} | {self.found} | {self.matched} | {f1:.3f} "
            f"| {self.speaker_right} ({sp:.0%}) | {self.crashes} | {self.seconds:.2f} |"
        )


def _clean_quote(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().strip(_MARKS).strip()
    return text.rstrip(",.").strip(_MARKS).strip()


def textacy_quotes(doc: Any) -> list[dict[str, Any]]:
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        speaker = " ".join(t.text for t in triple.speaker) or None
        out.append({"text": _clean_quote(triple.content.text), "speaker": speaker})
    return out


def main() -> int:
    try:
        import textacy
    except ImportError:
        print("textacy is not installed (pip install textacy); nothing to compare.")
        return 0
    from newsledger import extract
    from newsledger.evaluation.scoring import score_document
    from newsledger.extract.claims import extract_claims
    from newsledger.extract.entities import extract_entities
    from newsledger.extract.entity_index import EntityIndex
    from newsledger.extract.nlp import load_base_pipeline, load_pipeline
    from newsledger.extract.quotes import extract_quotes

    nlp = load_pipeline()
    base = load_base_pipeline()
    cpu_parse = cpu_stages = 0.0
    print(f"textacy {textacy.__version__}, spaCy model {base.meta.get('name')}")
    print("| corpus | system | gold quotes | found | matched | F1 | speaker right | crashes | s |")
    print("|---|---|---|---|---|---|---|---|---|")
    any_set = False
    for corpus, (gold_dir, docs_dir) in SETS.items():
        if not gold_dir.is_dir():
            print(f"| {corpus} | absent: {gold_dir} | | | | | | | |")
            continue
        any_set = True
        ours, theirs = Tally(), Tally()
        for gold_path in sorted(gold_dir.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if "quotes" not in gold:
                continue
            doc_path = (docs_dir or gold_dir) / gold["doc"]
            raw = doc_path.read_text(encoding="utf-8")
            scored_gold = {
                "doc": gold["doc"],
                "quotes": gold["quotes"],
                "entities": gold.get("entities", []),
            }
            for tally in (ours, theirs):
                tally.gold += len(gold["quotes"])
            start = time.perf_counter()
            text = raw
            try:
                record = extract(raw, uri=str(doc_path), reference_date=gold.get("reference_date"))
                text = record.text
                pred = {"quotes": [{"text": q.text, "speaker": q.speaker} for q in record.quotes]}
            except Exception as e:  # count it; the comparison goes on
                ours.crashes += 1
                print(f"  ours crashed on {gold['doc']}: {e}", file=sys.stderr)
                pred = {"quotes": []}
            ours.seconds += time.perf_counter() - start
            _add(ours, score_document(scored_gold, pred), len(pred["quotes"]))
            start = time.perf_counter()
            try:
                tq = textacy_quotes(base(text))
            except Exception as e:
                theirs.crashes += 1
                print(
                    f"  textacy crashed on {gold['doc']}: {type(e).__name__}: {e}", file=sys.stderr
                )
                tq = []
            theirs.seconds += time.perf_counter() - start
            _add(theirs, score_document(scored_gold, {"quotes": tq}), len(tq))
            # cost of our two stages against the parse they sit on (CPU time)
            c0 = time.process_time()
            doc = nlp(text)
            c1 = time.process_time()
            index = EntityIndex(extract_entities(doc))
            c2 = time.process_time()
            quotes = extract_quotes(doc, index)
            extract_claims(doc, index, quotes)
            c3 = time.process_time()
            cpu_parse += c1 - c0
            cpu_stages += c3 - c2
        print(ours.row(corpus, "NewsLedger"))
        print(theirs.row(corpus, "textacy direct_quotations"))
    if not any_set:
        print("No gold set found (../shared is absent and tests/golden/attribution missing).")
    print("seconds: NewsLedger is the whole extract (parse included); textacy is parse + quotes")
    if cpu_parse:
        print(
            f"quotes+claims stages: {cpu_stages:.2f} s CPU against {cpu_parse:.2f} s CPU of parsing "
            f"the same texts ({cpu_stages / cpu_parse:.1%})"
        )
    return 0


def _add(tally: Tally, score: Any, found: int) -> None:
    tally.found += found
    tally.matched += score.parts["quotes"].tp
    tally.speaker_right += score.parts["quotes.speaker"].tp


if __name__ == "__main__":
    raise SystemExit(main())
