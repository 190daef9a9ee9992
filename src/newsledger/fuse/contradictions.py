"""Where reports of one fused event disagree: pure functions over what each report says.

Three kinds of disagreement stay visible on a fused event:

* **modality**: one report tells the event as having happened, another as planned, only
  possible, or denied;
* **denial**: a claim in one reporting article denies a claim in another (the ledger's
  denial links);
* **count**: the reports give different numbers of the same thing ("six people" / "eight
  people") in the sentences that tell the event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

# English number words up to twenty, and the round ones news uses for counts.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
# Units whose numbers differ between honest reports of one event (dates, durations, shares).
NOT_COUNTS = {
    "day", "week", "month", "year", "hour", "minute", "second", "am", "pm", "pct", "percent",
    "per", "of", "and", "or", "to", "times", "th", "st", "nd", "rd",
}  # fmt: skip
_COUNT = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")\s+([A-Za-z][a-z-]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Report:
    """One report of the event: its article, outlet, how it tells it, and the telling sentence."""

    article_id: str
    outlet: str | None
    modality: str
    evidence: str


@dataclass(slots=True)
class Contradiction:
    kind: str  # modality | denial | count
    detail: str
    article_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def counts(sentence: str) -> dict[str, float]:
    """Numbers of things in a sentence: {"people": 6, "soldier": 18}; a unit's plural -s dropped."""
    found: dict[str, float] = {}
    for number, unit in _COUNT.findall(sentence):
        unit = unit.lower()
        unit = (
            unit[:-1] if len(unit) > 3 and unit.endswith("s") and not unit.endswith("ss") else unit
        )
        if unit in NOT_COUNTS:
            continue
        word = number.lower()
        value = float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else float(word.replace(",", ""))
        found.setdefault(unit, value)
    return found


def _who(report: Report) -> str:
    return report.outlet or report.article_id


def find_contradictions(
    reports: Sequence[Report], denials: Sequence[tuple[str, str, str, str]] = ()
) -> list[Contradiction]:
    """Disagreements among ``reports``. ``denials`` are (denying article, its claim, denied
    article, the denied claim) links between reporting articles."""
    out: list[Contradiction] = []
    modalities: dict[str, list[Report]] = {}
    for report in reports:
        modalities.setdefault(report.modality, []).append(report)
    if len(modalities) > 1:
        parts = [
            f"{modality} in {', '.join(sorted({_who(r) for r in rs}))}"
            for modality, rs in sorted(modalities.items())
        ]
        out.append(
            Contradiction(
                "modality",
                "told as " + "; ".join(parts),
                sorted({r.article_id for r in reports}),
            )
        )
    for denying, denial_text, denied, denied_text in denials:
        out.append(
            Contradiction("denial", f"“{denial_text}” denies “{denied_text}”", [denying, denied])
        )
    by_unit: dict[str, dict[float, list[Report]]] = {}
    for report in reports:
        for unit, value in counts(report.evidence).items():
            by_unit.setdefault(unit, {}).setdefault(value, []).append(report)
    for unit, values in sorted(by_unit.items()):
        if len(values) < 2:
            continue
        detail = ", ".join(
            f"{value:g} ({', '.join(sorted({_who(r) for r in rs}))})"
            for value, rs in sorted(values.items())
        )
        out.append(
            Contradiction(
                "count",
                f"{unit}: {detail}",
                sorted({r.article_id for rs in values.values() for r in rs}),
            )
        )
    return out
