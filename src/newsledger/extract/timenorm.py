"""Calendar arithmetic for TIMEX3 normalization: pure functions, no text.

Kept apart from the tagger (times.py) so the date maths can be property-tested on its own.
Weeks are ISO 8601 weeks (Monday first, week 1 holds the year's first Thursday); seasons are
meteorological seasons of the northern hemisphere (see data/times/lexicon.toml for the note).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    # code -> (first month, last month); WI runs into the next calendar year
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, days_in_month(year, month)))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def month_shift(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by whole months."""
    year2, month0 = divmod(year * 12 + (month - 1) + months, 12)
    return year2, month0 + 1


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, days_in_month(year, month))


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def iso_week(d: date) -> tuple[int, int]:
    """(ISO year, ISO week number) of a date; the ISO year differs near year ends."""
    iso = d.isocalendar()
    return iso[0], iso[1]


def week_value(d: date) -> str:
    year, week = iso_week(d)
    return f"{year:04d}-W{week:02d}"


def week_bounds(d: date) -> tuple[date, date]:
    """Monday..Sunday of the ISO week holding ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def iso_week_bounds(year: int, week: int) -> tuple[date, date]:
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last."""
    return date(year, 12, 28).isocalendar()[1]


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_bounds(year, first + 2)[1]


def half_bounds(year: int, half: int) -> tuple[date, date]:
    first = 6 * (half - 1) + 1
    return date(year, first, 1), month_bounds(year, first + 5)[1]


def season_bounds(year: int, season: str) -> tuple[date, date]:
    """Meteorological season; ``WI`` of a year is December of it to February of the next."""
    first, last = SEASON_MONTHS[season]
    end_year = year + 1 if last < first else year
    return date(year, first, 1), month_bounds(end_year, last)[1]


def season_of(d: date) -> tuple[int, str]:
    """(season year, season code) holding ``d``; January and February belong to the winter
    that began in the previous December."""
    if d.month in (1, 2):
        return d.year - 1, "WI"
    for code, (first, last) in SEASON_MONTHS.items():
        if code != "WI" and first <= d.month <= last:
            return d.year, code
    return d.year, "WI"


def decade_bounds(decade: int) -> tuple[date, date]:
    """``decade`` as TIMEX3 writes it: 199 is 1990..1999."""
    return date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31)


def century_bounds(century: int) -> tuple[date, date]:
    """``century`` as TIMEX3 writes it: 19 is 1900..1999 (the twentieth century)."""
    return date(max(century * 100, 1), 1, 1), date(century * 100 + 99, 12, 31)


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """The latest date not after ``anchor`` falling on ``weekday`` (0 = Monday)."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_on_or_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def weekday_before(anchor: date, weekday: int) -> date:
    """The latest date strictly before ``anchor`` falling on ``weekday``."""
    return weekday_on_or_before(anchor - timedelta(days=1), weekday)


def weekday_after(anchor: date, weekday: int) -> date:
    """The earliest date strictly after ``anchor`` falling on ``weekday``."""
    return weekday_on_or_after(anchor + timedelta(days=1), weekday)


def weekday_nearest(anchor: date, weekday: int) -> date:
    """The date falling on ``weekday`` nearest ``anchor`` (ties go to the past)."""
    back = weekday_on_or_before(anchor, weekday)
    ahead = weekday_on_or_after(anchor, weekday)
    return back if (anchor - back) <= (ahead - anchor) else ahead


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` of a month; ``n = -1`` is the last one."""
    if n > 0:
        first = weekday_on_or_after(date(year, month, 1), weekday)
        return first + timedelta(weeks=n - 1)
    return weekday_on_or_before(month_bounds(year, month)[1], weekday)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous computus of 1876)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


_VALUE_RE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?"
    r"|W(?P<week>\d{2})(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T.*)?$"
)
_DECADE_RE = re.compile(r"^(\d{3})$")
_CENTURY_RE = re.compile(r"^(\d{2})$")


def value_range(value: str | None) -> tuple[date, date] | None:
    """The inclusive calendar range a TIMEX3 DATE/TIME value covers, or None when it has none
    (references, durations, underspecified ``XXXX`` values)."""
    if not value:
        return None
    m = _VALUE_RE.match(value)
    try:
        if m:
            year = int(m["year"])
            if m["day"]:
                d = date(year, int(m["month"]), int(m["day"]))
                return d, d
            if m["month"]:
                return month_bounds(year, int(m["month"]))
            if m["week"]:
                monday, sunday = iso_week_bounds(year, int(m["week"]))
                if m["we"]:
                    return monday + timedelta(days=5), sunday
                return monday, sunday
            if m["q"]:
                return quarter_bounds(year, int(m["q"]))
            if m["h"]:
                return half_bounds(year, int(m["h"]))
            if m["season"]:
                return season_bounds(year, m["season"])
            return year_bounds(year)
        if _DECADE_RE.match(value):
            return decade_bounds(int(value))
        if _CENTURY_RE.match(value):
            return century_bounds(int(value))
    except ValueError:
        return None
    return None


def date_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"
