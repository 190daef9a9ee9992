"""Time buckets: days, ISO weeks (from Monday) and months, and the coarse dates events carry.

Counts are grouped per day in SQL and folded into buckets here, with the empty buckets between
the first and the last filled in, so a chart has a bar per period (up to MAX_FILLED_BUCKETS).
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

BucketSize = Literal["day", "week", "month"]
BUCKET_SIZES: tuple[BucketSize, ...] = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class Bucket:
    label: str  # "2025-12-27", "2025-W52", "2025-12"
    since: str  # first day of the bucket, ISO
    until: str  # last day of the bucket, ISO
    counts: Mapping[str, int]  # event type -> number of events

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "bucket": self.label,
            "since": self.since,
            "until": self.until,
            "total": self.total,
            "counts": dict(self.counts),
        }


def auto_bucket(per_day: Iterable[date]) -> BucketSize:
    """Days for a couple of months of events, weeks up to about a year, months beyond."""
    days = list(per_day)
    if not days:
        return "day"
    span = (max(days) - min(days)).days
    if span <= 62:
        return "day"
    if span <= 420:
        return "week"
    return "month"


# Empty buckets are filled in between the first and the last only up to this many buckets in
# all (ten years of days); a wider range (a ledger holding year 1 and year 9999) gets only the
# buckets that hold events, so no stored date can make a chart slow or its answer huge.
MAX_FILLED_BUCKETS = 5000


def fold(per_day: Mapping[date, Mapping[str, int]], size: BucketSize) -> list[Bucket]:
    """Per-day counts -> buckets from the first to the last, empty ones included when the range
    spans at most ``MAX_FILLED_BUCKETS`` buckets (else only the buckets holding events)."""
    if not per_day:
        return []
    counts: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for day, by_type in per_day.items():
        first = bucket_start(day, size)
        for event_type, n in by_type.items():
            counts[first][event_type] += n
    firsts = sorted(counts)
    if buckets_between(firsts[0], firsts[-1], size) <= MAX_FILLED_BUCKETS:
        firsts = list(_consecutive(firsts[0], firsts[-1], size))
    return [
        Bucket(
            bucket_label(first, size),
            first.isoformat(),
            bucket_end(first, size).isoformat(),
            dict(counts.get(first, {})),
        )
        for first in firsts
    ]


def buckets_between(first: date, last: date, size: BucketSize) -> int:
    """How many buckets from the one starting ``first`` to the one starting ``last``."""
    if size == "week":
        return (last - first).days // 7 + 1
    if size == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return (last - first).days + 1


def _consecutive(first: date, last: date, size: BucketSize) -> Iterator[date]:
    current = first
    while True:
        yield current
        if current >= last:
            return
        current = next_bucket(current, size)


def bucket_start(day: date, size: BucketSize) -> date:
    if size == "week":
        return day - timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    return day


def bucket_end(first: date, size: BucketSize) -> date:
    """The last day of the bucket starting ``first`` (the calendar's last day at most)."""
    if size == "week":
        return first + timedelta(days=6) if (date.max - first).days >= 6 else date.max
    if size == "month":
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first


def next_bucket(first: date, size: BucketSize) -> date:
    if size == "week":
        return first + timedelta(days=7)
    if size == "month":
        return date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first + timedelta(days=1)


def bucket_label(first: date, size: BucketSize) -> str:
    if size == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}"
    if size == "month":
        return first.strftime("%Y-%m")
    return first.isoformat()


Period = Literal["year", "month", "week"]
_PERIODS: tuple[tuple[Period, re.Pattern[str]], ...] = (
    ("year", re.compile(r"^\d{4}$")),
    ("month", re.compile(r"^\d{4}-\d{2}$")),
    ("week", re.compile(r"^\d{4}-W\d{2}$")),
)


def coarse_period(value: str | None) -> Period | None:
    """The period a TimeML date names when it is coarser than a day ("2025", "2025-12",
    "2025-W52"), else None."""
    if not value:
        return None
    for period, pattern in _PERIODS:
        if pattern.match(value):
            return period
    return None
