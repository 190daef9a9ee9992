"""Calendar arithmetic behind TIMEX3 normalization: properties over many dates."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from newsledger.extract import timenorm as tn

dates = st.dates(min_value=date(1600, 1, 1), max_value=date(2400, 12, 31))
weekdays = st.integers(min_value=0, max_value=6)


@given(st.integers(min_value=1583, max_value=2400))
def test_timenorm_leap_years_match_february_length(year: int) -> None:
    assert tn.is_leap(year) == (tn.days_in_month(year, 2) == 29)
    assert tn.year_bounds(year)[1] - tn.year_bounds(year)[0] == timedelta(
        days=365 if tn.is_leap(year) else 364
    )


def test_timenorm_leap_year_century_rule() -> None:
    assert tn.is_leap(2000) and tn.is_leap(2024)
    assert not tn.is_leap(1900) and not tn.is_leap(2100) and not tn.is_leap(2023)


@given(dates, st.integers(min_value=-120, max_value=120))
def test_timenorm_add_months_clamps_the_day(d: date, months: int) -> None:
    moved = tn.add_months(d, months)
    assert (moved.year * 12 + moved.month) - (d.year * 12 + d.month) == months
    assert moved.day == min(d.day, tn.days_in_month(moved.year, moved.month))


def test_timenorm_add_months_examples() -> None:
    assert tn.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert tn.add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert tn.add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)
    assert tn.add_months(date(2025, 1, 15), -1) == date(2024, 12, 15)
    assert tn.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


@given(dates)
def test_timenorm_week_bounds_are_monday_to_sunday_holding_the_date(d: date) -> None:
    monday, sunday = tn.week_bounds(d)
    assert monday.weekday() == 0 and sunday.weekday() == 6
    assert monday <= d <= sunday and (sunday - monday).days == 6
    year, week = tn.iso_week(d)
    assert tn.iso_week_bounds(year, week) == (monday, sunday)
    assert tn.value_range(tn.week_value(d)) == (monday, sunday)


@given(dates)
def test_timenorm_iso_week_year_differs_only_near_year_ends(d: date) -> None:
    year, week = tn.iso_week(d)
    assert 1 <= week <= tn.weeks_in_year(year)
    if year != d.year:
        assert (d.month == 1 and d.day <= 3) or (d.month == 12 and d.day >= 29)


def test_timenorm_iso_week_at_year_ends() -> None:
    assert tn.week_value(date(2025, 12, 27)) == "2025-W52"
    assert tn.week_value(date(2025, 12, 29)) == "2026-W01"
    assert tn.week_value(date(2021, 1, 3)) == "2020-W53"
    assert tn.weeks_in_year(2020) == 53 and tn.weeks_in_year(2025) == 52


@given(dates)
def test_timenorm_month_and_quarter_bounds_hold_the_date(d: date) -> None:
    first, last = tn.month_bounds(d.year, d.month)
    assert first.day == 1 and first <= d <= last
    assert (last + timedelta(days=1)).day == 1
    q_first, q_last = tn.quarter_bounds(d.year, tn.quarter_of(d))
    assert q_first <= d <= q_last
    assert tn.value_range(f"{d.year:04d}-Q{tn.quarter_of(d)}") == (q_first, q_last)


@given(dates)
def test_timenorm_season_of_holds_the_date(d: date) -> None:
    year, code = tn.season_of(d)
    first, last = tn.season_bounds(year, code)
    assert first <= d <= last


def test_timenorm_winter_spans_the_year_end() -> None:
    assert tn.season_bounds(2024, "WI") == (date(2024, 12, 1), date(2025, 2, 28))
    assert tn.season_bounds(2023, "WI") == (date(2023, 12, 1), date(2024, 2, 29))
    assert tn.season_of(date(2025, 1, 10)) == (2024, "WI")


@given(dates, weekdays)
def test_timenorm_weekday_before_and_after(d: date, wd: int) -> None:
    before = tn.weekday_before(d, wd)
    after = tn.weekday_after(d, wd)
    assert before.weekday() == wd and after.weekday() == wd
    assert 1 <= (d - before).days <= 7 and 1 <= (after - d).days <= 7
    on_before = tn.weekday_on_or_before(d, wd)
    assert 0 <= (d - on_before).days <= 6 and on_before.weekday() == wd
    nearest = tn.weekday_nearest(d, wd)
    assert nearest.weekday() == wd and abs((nearest - d).days) <= 3


@given(st.integers(min_value=1600, max_value=2400))
def test_timenorm_easter_is_a_spring_sunday(year: int) -> None:
    e = tn.easter(year)
    assert e.weekday() == 6
    assert date(year, 3, 22) <= e <= date(year, 4, 25)


def test_timenorm_easter_known_dates() -> None:
    assert tn.easter(2024) == date(2024, 3, 31)
    assert tn.easter(2025) == date(2025, 4, 20)
    assert tn.easter(2013) == date(2013, 3, 31)


@given(dates)
def test_timenorm_value_range_of_day_month_year(d: date) -> None:
    assert tn.value_range(d.isoformat()) == (d, d)
    assert tn.value_range(tn.month_value(d.year, d.month)) == tn.month_bounds(d.year, d.month)
    assert tn.value_range(f"{d.year:04d}") == tn.year_bounds(d.year)
    assert tn.value_range(f"{d.isoformat()}TNI") == (d, d)


def test_timenorm_value_range_other_forms() -> None:
    assert tn.value_range("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert tn.value_range("20") == (date(2000, 1, 1), date(2099, 12, 31))
    assert tn.value_range("2025-W52-WE") == (date(2025, 12, 27), date(2025, 12, 28))
    assert tn.value_range("2025-H2") == (date(2025, 7, 1), date(2025, 12, 31))
    assert tn.value_range("2025-SU") == (date(2025, 6, 1), date(2025, 8, 31))
    for no_range in ("PAST_REF", "P5Y", "XXXX-12-27", "2025-02-30", None, ""):
        assert tn.value_range(no_range) is None


def test_timenorm_nth_weekday() -> None:
    assert tn.nth_weekday(2025, 11, 3, 4) == date(2025, 11, 27)  # US Thanksgiving
    assert tn.nth_weekday(2025, 5, 0, -1) == date(2025, 5, 26)  # last Monday of May
