"""TempEval-3 Task A (timexes) on the platinum test set: NewsLedger's tagger vs dateparser.

    python benchmarks/tempeval3.py [--no-spacy] [--no-dateparser] [--no-speed] [--errors]
                                   [--out benchmarks/results/times.md]

Reads ../shared/data/tempeval3/ (platinum-input: raw TEXT + DCT, the system input; platinum:
the gold TIMEX3 inline). Each system sees the raw TEXT with anchor = DCT. Scoring follows the
TempEval-3 README: relaxed match = at least one shared token, strict match = identical extent;
P = matched system timexes / system timexes, R = matched gold / 138 gold; type and value
accuracy over relaxed matches; value F1 = relaxed F1 x value accuracy.

The test set is for measuring only; the rules come from the project's own fixtures.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TE3 = ROOT.parent / "shared" / "data" / "tempeval3"
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r'<DCT>.*?value="([^"]+)"', re.S)
_TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
_TAG = re.compile(r"<[^>]+>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass(slots=True)
class Document:
    name: str
    dct: date
    text: str
    gold: list[Timex]


def input_name(gold_name: str) -> str:
    # the input copy spells the file name differently (inherited from the distribution)
    return gold_name.replace("sarcozy", "sarkozy") + ".TE3input"


def load_documents() -> list[Document]:
    docs: list[Document] = []
    for gold_path in sorted((TE3 / "platinum").glob("*.tml")):
        gold_raw = gold_path.read_text(encoding="utf-8")
        in_raw = (TE3 / "platinum-input" / input_name(gold_path.name)).read_text(encoding="utf-8")
        body_match = _TEXT.search(gold_raw)
        text_match = _TEXT.search(in_raw)
        dct_match = _DCT.search(in_raw)
        if not (body_match and text_match and dct_match):
            raise SystemExit(f"{gold_path.name}: no <TEXT> or <DCT> found")
        body = body_match.group(1)
        text = text_match.group(1)
        gold: list[Timex] = []
        plain: list[str] = []
        pos = 0
        length = 0
        for m in _TIMEX.finditer(body):
            before = _TAG.sub("", body[pos : m.start()])
            plain.append(before)
            length += len(before)
            inner = _TAG.sub("", m.group(2))
            attrs = dict(_ATTR.findall(m.group(1)))
            gold.append(Timex(length, length + len(inner), attrs["type"], attrs.get("value")))
            plain.append(inner)
            length += len(inner)
            pos = m.end()
        plain.append(_TAG.sub("", body[pos:]))
        stripped = "".join(plain)
        if stripped != text:
            raise SystemExit(f"{gold_path.name}: gold text differs from the system input text")
        docs.append(
            Document(gold_path.stem, date.fromisoformat(dct_match.group(1)[:10]), text, gold)
        )
    return docs


def _tokens(text: str, start: int, end: int) -> set[int]:
    """Start offsets of the word tokens inside [start, end)."""
    return {start + m.start() for m in re.finditer(r"\w+", text[start:end])}


@dataclass(slots=True)
class Score:
    gold: int = 0
    system: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    strict_gold: int = 0
    strict_system: int = 0
    type_ok: int = 0
    value_ok: int = 0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float]:
        rp = self.relaxed_system / self.system if self.system else 0.0
        rr = self.relaxed_gold / self.gold if self.gold else 0.0
        sp = self.strict_system / self.system if self.system else 0.0
        sr = self.strict_gold / self.gold if self.gold else 0.0
        rf = self._f1(rp, rr)
        type_acc = self.type_ok / self.relaxed_gold if self.relaxed_gold else 0.0
        value_acc = self.value_ok / self.relaxed_gold if self.relaxed_gold else 0.0
        return {
            "gold": self.gold,
            "system": self.system,
            "strict P": sp,
            "strict R": sr,
            "strict F1": self._f1(sp, sr),
            "relaxed P": rp,
            "relaxed R": rr,
            "relaxed F1": rf,
            "type acc": type_acc,
            "value acc": value_acc,
            "type F1": rf * type_acc,
            "value F1": rf * value_acc,
        }


def score_document(doc: Document, system: list[Timex], score: Score, errors: list[str]) -> None:
    score.gold += len(doc.gold)
    score.system += len(system)
    sys_tokens = [_tokens(doc.text, s.start, s.end) for s in system]
    gold_tokens = [_tokens(doc.text, g.start, g.end) for g in doc.gold]
    for si, s in enumerate(system):
        if any(sys_tokens[si] & gt for gt in gold_tokens):
            score.relaxed_system += 1
        if any(s.start == g.start and s.end == g.end for g in doc.gold):
            score.strict_system += 1
        elif errors is not None and not any(sys_tokens[si] & gt for gt in gold_tokens):
            errors.append(f"{doc.name}\tFP\t{doc.text[s.start : s.end]!r}\t{s.value}")
    for gi, g in enumerate(doc.gold):
        overlapping = [k for k, st in enumerate(sys_tokens) if st & gold_tokens[gi]]
        gtext = doc.text[g.start : g.end]
        if not overlapping:
            errors.append(f"{doc.name}\tFN\t{gtext!r}\t{g.type} {g.value}")
            continue
        score.relaxed_gold += 1
        if any(system[k].start == g.start and system[k].end == g.end for k in overlapping):
            score.strict_gold += 1
        best = max(overlapping, key=lambda k: len(sys_tokens[k] & gold_tokens[gi]))
        s = system[best]
        score.type_ok += s.type == g.type
        if s.value == g.value:
            score.value_ok += 1
        else:
            errors.append(
                f"{doc.name}\tVAL\t{gtext!r} gold {g.type} {g.value} | sys "
                f"{doc.text[s.start : s.end]!r} {s.type} {s.value}"
            )


def newsledger_system(nlp: object | None) -> Callable[[Document], list[Timex]]:
    from newsledger.extract.times import extract_times

    def run(doc: Document) -> list[Timex]:
        parsed = nlp(doc.text) if nlp is not None else None  # type: ignore[operator]
        return [
            Timex(t.span[0], t.span[1], t.type, t.value)
            for t in extract_times(doc.text, doc.dct, doc=parsed)
        ]

    return run


def dateparser_system() -> Callable[[Document], list[Timex]]:
    from dateparser.search import search_dates

    def run(doc: Document) -> list[Timex]:
        base = datetime(doc.dct.year, doc.dct.month, doc.dct.day)
        found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        out: list[Timex] = []
        pos = 0
        for substring, when in found:
            k = doc.text.find(substring, pos)
            if k < 0:
                k = doc.text.find(substring)
            if k < 0:
                continue
            out.append(Timex(k, k + len(substring), "DATE", when.date().isoformat()))
            pos = k + len(substring)
        return out

    return run


def evaluate(
    docs: list[Document], system: Callable[[Document], list[Timex]]
) -> tuple[dict[str, float], list[str], float]:
    score = Score()
    errors: list[str] = []
    t0 = time.perf_counter()
    for doc in docs:
        score_document(doc, system(doc), score, errors)
    return score.row(), errors, time.perf_counter() - t0


def speed(docs: list[Document]) -> dict[str, float]:
    """Sentences/s of the tagger alone and its share of the extraction pipeline's time."""
    from newsledger.extract import pipeline
    from newsledger.extract.nlp import load_pipeline
    from newsledger.extract.times import extract_times
    from newsledger.records import RawArticle

    nlp = load_pipeline()
    texts = [d.text for d in docs]
    parsed = list(nlp.pipe(texts))
    sentences = sum(len(list(p.sents)) for p in parsed)
    alone = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for d in docs:
            extract_times(d.text, d.dct)
        alone = min(alone, time.perf_counter() - t0)
    t0 = time.perf_counter()
    for d, p in zip(docs, parsed, strict=True):
        extract_times(d.text, d.dct, doc=p)
    with_doc = time.perf_counter() - t0
    t0 = time.perf_counter()
    raws = [RawArticle(text=t, uri=d.name) for t, d in zip(texts, docs, strict=True)]
    for _ in pipeline.extract_many(raws, reference_date=docs[0].dct):
        pass
    whole = time.perf_counter() - t0
    return {
        "sentences": sentences,
        "tagger sentences/s (no doc)": sentences / alone,
        "tagger sentences/s (with doc)": sentences / with_doc,
        "pipeline seconds": whole,
        "tagger share of pipeline": with_doc / whole,
    }


def reuters_dev(nlp: object | None) -> dict[str, float] | None:
    """The project's Reuters dev gold (54+ times): text-overlap matching as in OUTPUT.md."""
    import json

    from newsledger.extract.times import extract_times

    dev = ROOT.parent / "shared" / "data" / "reuters21578" / "dev"
    if not dev.is_dir():
        return None
    gold_n = sys_n = found = right = 0
    for gold_path in sorted(dev.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (dev / gold["doc"]).read_text(encoding="utf-8")
        parsed = nlp(text) if nlp is not None else None  # type: ignore[operator]
        got = extract_times(text, date.fromisoformat(gold["reference_date"]), doc=parsed)
        sys_n += len(got)
        used: set[int] = set()
        pos = 0
        for g in gold["times"]:
            gold_n += 1
            rx = re.compile(r"\s+".join(map(re.escape, g["text"].split())))
            m = rx.search(text, pos) or rx.search(text)
            if m is None:
                continue
            pos = m.start() + 1
            hits = [
                k
                for k, t in enumerate(got)
                if k not in used and t.span[0] < m.end() and t.span[1] > m.start()
            ]
            if hits:
                used.add(hits[0])
                found += 1
                right += got[hits[0]].value == g["value"]
    p = found / sys_n if sys_n else 0.0
    r = found / gold_n if gold_n else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    acc = right / found if found else 0.0
    return {
        "gold": gold_n,
        "system": sys_n,
        "P": p,
        "R": r,
        "F1": f1,
        "value acc": acc,
        "value F1": f1 * acc,
    }


def _fmt(row: dict[str, float]) -> str:
    keys = [
        "strict P",
        "strict R",
        "strict F1",
        "relaxed P",
        "relaxed R",
        "relaxed F1",
        "type acc",
        "value acc",
        "value F1",
    ]
    return " | ".join(f"{100 * row[k]:.2f}" for k in keys)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-spacy", action="store_true", help="skip the run with spaCy tense")
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--errors", action="store_true", help="print every miss (for diagnosis)")
    ap.add_argument("--out", type=Path, default=None, help="write a Markdown results file")
    args = ap.parse_args(argv)
    if not (TE3 / "platinum").is_dir() or not (TE3 / "platinum-input").is_dir():
        print(f"{TE3} is absent: nothing to measure (the shared data folder ships beside the repo)")
        return 0
    docs = load_documents()
    n_gold = sum(len(d.gold) for d in docs)
    print(f"{len(docs)} documents, {n_gold} gold TIMEX3")
    if n_gold != 138:
        print(f"error: expected 138 gold TIMEX3, counted {n_gold}", file=sys.stderr)
        return 1

    header = (
        "| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 "
        "| type acc | value acc | value F1 | seconds |\n|---" + "|---" * 10 + "|"
    )
    rows: list[str] = []
    runs: list[tuple[str, Callable[[Document], list[Timex]]]] = [
        ("NewsLedger times (no parse: cue-word tense)", newsledger_system(None))
    ]
    from newsledger.extract.nlp import load_pipeline

    if not args.no_spacy:
        runs.append(("NewsLedger times (spaCy tense)", newsledger_system(load_pipeline())))
    if not args.no_dateparser:
        runs.append(("dateparser search_dates (RELATIVE_BASE = DCT)", dateparser_system()))
    for name, system in runs:
        row, errors, secs = evaluate(docs, system)
        line = f"| {name} | {_fmt(row)} | {secs:.2f} |"
        rows.append(line)
        print(
            f"{name}: system {row['system']:.0f}, relaxed F1 {100 * row['relaxed F1']:.2f}, "
            f"strict F1 {100 * row['strict F1']:.2f}, value F1 {100 * row['value F1']:.2f}, "
            f"type acc {100 * row['type acc']:.2f}"
        )
        if args.errors:
            for e in errors:
                print("   ", e)
    dev_rows: list[str] = []
    for label, parser in [("no parse", None)] + (
        [] if args.no_spacy else [("spaCy tense", load_pipeline())]
    ):
        dev = reuters_dev(parser)
        if dev is not None:
            print(f"Reuters dev ({label}): " + ", ".join(f"{k} {v:.3f}" for k, v in dev.items()))
            dev_rows.append(
                f"| {label} | {dev['gold']:.0f} | {dev['system']:.0f} | {100 * dev['P']:.2f} | "
                f"{100 * dev['R']:.2f} | {100 * dev['F1']:.2f} | {100 * dev['value acc']:.2f} | "
                f"{100 * dev['value F1']:.2f} |"
            )
    speed_rows: dict[str, float] = {} if args.no_speed else speed(docs)
    for k, v in speed_rows.items():
        print(f"{k}: {v:.3f}")
    if args.out:
        lines = [
            "# Time expressions: TempEval-3 platinum (Task A) and speed",
            "",
            f"Command: `.venv/bin/python benchmarks/tempeval3.py --out {args.out}`  ",
            f"Date: {datetime.now().strftime('%Y-%m-%d %H:%M')} UTC; machine: 2 cores / 24 GiB "
            f"(shared), Python {platform.python_version()}.  ",
            f"Data: ../shared/data/tempeval3 ({len(docs)} documents, {n_gold} gold TIMEX3), "
            "anchor = DCT. Scoring as the TempEval-3 README defines it (relaxed = one shared "
            "token; value F1 = relaxed F1 x value accuracy). Numbers in %.",
            "",
            header,
            *rows,
            "",
            "Published best on this set: relaxed F1 90.32 (SUTime, NavyTime), strict F1 82.71 "
            "(ClearTK), value F1 77.61 (HeidelTime-t). Goal: value F1 >= 80, relaxed F1 >= 90.",
            "",
            "Notes: the rules were written from the project's own fixture sentences, the Reuters "
            "dev set and unlabelled Reuters-21578 text; this test set was only scored. The "
            "spaCy row's seconds include parsing the 20 texts (the tense of the governing verb "
            "decides the direction of underspecified dates); without a parse the tagger falls "
            "back on the nearest tense cue word in the sentence. dateparser is scored on the "
            "substrings `search_dates` returns, located in the text in order, typed DATE, "
            "valued as the day it returns.",
        ]
        if dev_rows:
            lines += [
                "",
                "## Reuters-21578 dev gold (the project's own annotation, used for tuning)",
                "",
                "Times matched by overlapping text in order, as `OUTPUT.md` describes.",
                "",
                "| run | gold | system | P | R | F1 | value acc | value F1 |",
                "|---|---|---|---|---|---|---|---|",
                *dev_rows,
            ]
        if speed_rows:
            lines += [
                "",
                "## Speed (same texts; single run on a shared machine, indicative only)",
                "",
                "Tagger alone: `extract_times` over the 20 TEXT bodies (best of 5 runs without a "
                "parse; one run with the parse given). Pipeline: `pipeline.extract_many` on the "
                "same texts (article layer, spaCy with NewsLedger's components, every stage); "
                "share = tagger-with-parse seconds / pipeline seconds.",
                "",
                "| measure | value |",
                "|---|---|",
                *[f"| {k} | {v:.3f} |" for k, v in speed_rows.items()],
            ]
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
