"""Time-expression tagging and normalization on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.times import extract_times, load_lexicon

SAT = date(2025, 12, 27)  # a Saturday, ISO week 2025-W52
FRI = date(2013, 3, 22)  # a Friday, ISO week 2013-W12


def tags(text: str, anchor: date | None = SAT) -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in extract_times(text, anchor)]


CASES: list[tuple[str, date | None, list[tuple[str, str, str | None]]]] = [
    # absolute dates in the written forms newswire uses
    (
        "The ceasefire began on March 3, 2024, at dawn.",
        SAT,
        [("March 3, 2024", "DATE", "2024-03-03")],
    ),
    (
        "Talks resumed 14 February 2023 in Geneva.",
        SAT,
        [("14 February 2023", "DATE", "2023-02-14")],
    ),
    ("The ruling came on Sept. 9, 2019.", SAT, [("Sept. 9, 2019", "DATE", "2019-09-09")]),
    ("Filed on 2024-11-05 with the court.", SAT, [("2024-11-05", "DATE", "2024-11-05")]),
    ("The memo is dated 11/05/2024.", SAT, [("11/05/2024", "DATE", "2024-11-05")]),
    ("The memo is dated 25/05/2024.", SAT, [("25/05/2024", "DATE", "2024-05-25")]),
    (
        "It was signed on the 4th of July, 1990.",
        SAT,
        [("the 4th of July, 1990", "DATE", "1990-07-04")],
    ),
    ("Monday, June 2, 2025 was hot.", SAT, [("Monday, June 2, 2025", "DATE", "2025-06-02")]),
    # month-day and month-year without a year
    ("Troops crossed the river on December 20.", SAT, [("December 20", "DATE", "2025-12-20")]),
    ("The envoy arrived in Seoul on December 27.", SAT, [("December 27", "DATE", "2025-12-27")]),
    ("The summit will be held on January 8.", SAT, [("January 8", "DATE", "2026-01-08")]),
    ("Prices fell in November 2024.", SAT, [("November 2024", "DATE", "2024-11")]),
    ("The vote was held in October.", SAT, [("October", "DATE", "2025-10")]),
    # weekdays and parts of day, direction from tense
    ("The minister resigned on Tuesday.", SAT, [("Tuesday", "DATE", "2025-12-23")]),
    ("The minister will resign on Tuesday.", SAT, [("Tuesday", "DATE", "2025-12-30")]),
    ("Rebels attacked the base Tuesday night.", SAT, [("Tuesday night", "TIME", "2025-12-23TNI")]),
    ("He spoke this morning.", SAT, [("this morning", "TIME", "2025-12-27TMO")]),
    ("Shelling continued last night.", SAT, [("last night", "TIME", "2025-12-26TNI")]),
    # deictic days
    ("The talks ended today.", SAT, [("today", "DATE", "2025-12-27")]),
    ("The talks resume tomorrow.", SAT, [("tomorrow", "DATE", "2025-12-28")]),
    ("The talks stalled yesterday.", SAT, [("yesterday", "DATE", "2025-12-26")]),
    ("He will speak tonight.", SAT, [("tonight", "TIME", "2025-12-27TNI")]),
    # relative calendar units
    ("He visited a plant earlier this week.", SAT, [("earlier this week", "DATE", "2025-W52")]),
    ("A report is due later this week.", FRI, [("later this week", "DATE", "2013-W12")]),
    ("Talks begin next week.", SAT, [("next week", "DATE", "2026-W01")]),
    ("Exports rose last month.", SAT, [("last month", "DATE", "2025-11")]),
    ("Elections are planned next month.", SAT, [("next month", "DATE", "2026-01")]),
    ("Output grew this year.", SAT, [("this year", "DATE", "2025")]),
    ("The deal collapsed late last year.", SAT, [("late last year", "DATE", "2024")]),
    ("He met the envoy last October.", FRI, [("last October", "DATE", "2012-10")]),
    ("He met the envoy last Tuesday.", SAT, [("last Tuesday", "DATE", "2025-12-23")]),
    ("The strike ended three days ago.", SAT, [("three days ago", "DATE", "2025-12-24")]),
    ("The law passed two years ago.", SAT, [("two years ago", "DATE", "2023")]),
    # references
    ("Tests have increased in recent years.", SAT, [("recent years", "DATE", "PAST_REF")]),
    ("The pact was recently renewed.", SAT, [("recently", "DATE", "PAST_REF")]),
    ("The plant is closed now.", SAT, [("now", "DATE", "PRESENT_REF")]),
    ("Relations may improve in the future.", SAT, [("the future", "DATE", "FUTURE_REF")]),
    ("Such raids happened in the past.", SAT, [("the past", "DATE", "PAST_REF")]),
    (
        "Sales should pick up in the coming months.",
        SAT,
        [("the coming months", "DATE", "FUTURE_REF")],
    ),
    # years around the seed's phrasing
    ("Production will expand ahead of 2026.", SAT, [("2026", "DATE", "2026")]),
    ("Demand is expected beyond 2025.", SAT, [("2025", "DATE", "2025")]),
    # quarters, halves, seasons, decades, centuries
    (
        "Profit rose in the third quarter of 2024.",
        SAT,
        [("the third quarter of 2024", "DATE", "2024-Q3")],
    ),
    ("Profit rose in the third quarter.", SAT, [("the third quarter", "DATE", "2025-Q3")]),
    ("Revenue grew in Q2 2023.", SAT, [("Q2 2023", "DATE", "2023-Q2")]),
    (
        "Growth slowed in the first half of 2024.",
        SAT,
        [("the first half of 2024", "DATE", "2024-H1")],
    ),
    (
        "The offensive began in the summer of 2022.",
        SAT,
        [("the summer of 2022", "DATE", "2022-SU")],
    ),
    ("The offensive began last summer.", SAT, [("last summer", "DATE", "2025-SU")]),
    ("Arms flowed in the 1980s.", SAT, [("the 1980s", "DATE", "198")]),
    ("The treaty dates from the 19th century.", SAT, [("the 19th century", "DATE", "18")]),
    ("Prices peaked in mid-2022.", SAT, [("mid-2022", "DATE", "2022")]),
    # ranges: each end is its own expression
    (
        "Fighting raged between March and May.",
        SAT,
        [("March", "DATE", "2025-03"), ("May", "DATE", "2025-05")],
    ),
    ("He served from 2009 to 2012.", SAT, [("2009", "DATE", "2009"), ("2012", "DATE", "2012")]),
    # durations
    ("He led the army for five years.", SAT, [("five years", "DURATION", "P5Y")]),
    ("The raid lasted three hours.", SAT, [("three hours", "DURATION", "PT3H")]),
    ("It was a 20-minute speech.", SAT, [("20-minute", "DURATION", "PT20M")]),
    (
        "Inflation doubled over the past three years.",
        SAT,
        [("the past three years", "DURATION", "P3Y")],
    ),
    ("Growth stalled over the past decade.", SAT, [("the past decade", "DURATION", "P10Y")]),
    ("He was jailed for nearly a decade.", SAT, [("nearly a decade", "DURATION", "P10Y")]),
    ("Talks lasted two and a half hours.", SAT, [("two and a half hours", "DURATION", "PT150M")]),
    ("Rains fell over the past few days.", SAT, [("the past few days", "DURATION", "PXD")]),
    (
        "Shortages will last the next six to 12 months.",
        SAT,
        [("the next six to 12 months", "DURATION", "PXM")],
    ),
    ("The siege went on for months.", SAT, [("months", "DURATION", "PXM")]),
    # sets
    ("Inspectors visit every week.", SAT, [("every week", "SET", "P1W")]),
    ("The council meets twice a year.", SAT, [("twice a year", "SET", "P1Y")]),
    ("The figures are published weekly.", SAT, [("weekly", "SET", "P1W")]),
    ("The market is closed on Mondays.", SAT, [("Mondays", "SET", "XXXX-WXX-1")]),
    ("The plant earns $5 million a year.", SAT, [("a year", "SET", "P1Y")]),
    # clock times
    (
        "The blast came at 3 p.m. local time.",
        SAT,
        [("3 p.m. local time", "TIME", "2025-12-27T15:00")],
    ),
    ("Ships sailed at 0700 EDT.", SAT, [("0700 EDT", "TIME", "2025-12-27T07:00")]),
    ("The vote closed at noon.", SAT, [("noon", "TIME", "2025-12-27T12:00")]),
    # holidays
    ("Shops closed on Christmas Day.", SAT, [("Christmas Day", "DATE", "2025-12-25")]),
    ("The ceasefire held over Easter 2024.", SAT, [("Easter 2024", "DATE", "2024-03-31")]),
    # no anchor: tagged, value only where absolute or underspecified
    (
        "Troops left on March 3, 2024 and returned yesterday.",
        None,
        [("March 3, 2024", "DATE", "2024-03-03"), ("yesterday", "DATE", None)],
    ),
    (
        "The raid came on Tuesday, December 20.",
        None,
        [("Tuesday, December 20", "DATE", "XXXX-12-20")],
    ),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_times_tags_and_normalizes(text: str, anchor: date | None, expected: list) -> None:
    assert tags(text, anchor) == expected


NEGATIVES = [
    "The government may march on the capital.",
    "May I ask a question? March on, they said.",
    "Officials may decide to march to the border.",
    "The army sent 2000 troops and 1500 tanks to the front.",
    "The score was 3 to 2 and the price was $2012.",
    "He won 55 percent of the vote in 12 districts.",
    "The plan is to move 250 people.",
    "June Carter and April Ryan spoke to reporters.",
    "Prices fall when supply rises.",
    "The overnight rate was cut.",
    "A 40-year-old man was detained.",
    "He is in his 70s.",
    "The daily newspaper printed a correction.",
    "The Arab Spring changed the region.",
    "Room 1999 was searched.",
    "PROTESTERS PLAN TO MARCH ON THE CAPITAL",
    "U.S. MAY IMPOSE SANCTIONS",
    "Veterans and May Ryan spoke.",
    "The story ran in The Sun.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_times_no_false_dates(text: str) -> None:
    assert tags(text) == []


def test_times_ranges_cover_the_calendar() -> None:
    by_text = {
        t.text: t
        for t in extract_times(
            "Earlier this week, in December 2025 and in 2024-Q1 terms, the first quarter of 2024 "
            "saw losses; last summer was dry.",
            SAT,
        )
    }
    week = by_text["Earlier this week"]
    assert (week.start, week.end) == ("2025-12-22", "2025-12-28")
    month = by_text["December 2025"]
    assert (month.start, month.end) == ("2025-12-01", "2025-12-31")
    quarter = by_text["the first quarter of 2024"]
    assert (quarter.start, quarter.end) == ("2024-01-01", "2024-03-31")
    summer = by_text["last summer"]
    assert (summer.start, summer.end) == ("2025-06-01", "2025-08-31")


def test_times_durations_and_references_have_no_range() -> None:
    for t in extract_times("For five years, and in recent years, soon.", SAT):
        assert t.start is None and t.end is None


def test_times_spans_point_into_the_text() -> None:
    text = "On Friday, Dec. 26, the envoy said talks would resume next month."
    for t in extract_times(text, SAT):
        assert text[t.span[0] : t.span[1]] == t.text


def test_times_iso_week_at_year_end() -> None:
    # 29 December 2025 is a Monday in ISO week 2026-W01
    (t,) = extract_times("The mission ended earlier this week.", date(2025, 12, 31))
    assert t.value == "2026-W01"
    assert (t.start, t.end) == ("2025-12-29", "2026-01-04")


def test_times_weekday_on_the_anchor_day_is_the_anchor() -> None:
    (t,) = extract_times("The president said Friday that aid would follow.", FRI)
    assert t.value == "2013-03-22"


def test_times_month_without_year_follows_future_tense() -> None:
    (t,) = extract_times(
        "The government will not renew the accord when it expires in March.", date(1987, 10, 19)
    )
    assert t.value == "1988-03"


def test_times_leap_day_without_year() -> None:
    (t,) = extract_times("The deadline passed on February 29.", date(2025, 3, 10))
    assert t.value == "2024-02-29"


def test_times_the_next_day_follows_the_narrated_day() -> None:
    got = tags("The rebels struck on December 20. The next day they withdrew.")
    assert got == [("December 20", "DATE", "2025-12-20"), ("The next day", "DATE", "2025-12-21")]


def test_times_empty_and_odd_input_do_not_crash() -> None:
    assert extract_times("", SAT) == []
    assert extract_times("\x00\ufffd 99/99/9999 32 December", SAT) == []


def test_times_lexicon_entries_have_notes() -> None:
    import tomllib
    from importlib import resources

    raw = resources.files("newsledger.extract").joinpath("data/times/lexicon.toml").read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    for name, table in data.items():
        assert table.get("note"), f"lexicon table [{name}] has no note on where it comes from"
    assert load_lexicon().months["May"] == 5


@pytest.fixture(scope="module")
def parsed():
    # the bare model is enough for verb tenses and keeps this test apart from other stages
    from newsledger.extract.nlp import load_base_pipeline

    return load_base_pipeline()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The minister said on Tuesday that he had resigned.", "2025-12-23"),
        ("The minister will fly to Paris on Tuesday.", "2025-12-30"),
        ("The council is to meet on Monday.", "2025-12-29"),
        ("Rebels attacked the town on Monday and fled.", "2025-12-22"),
        # the preposition before a modifier still counts: an infinitive does not look ahead
        ("The shells were the first to reach the port since early October.", "2025-10"),
    ],
)
def test_times_direction_from_spacy_tense(parsed, text: str, value: str) -> None:
    doc = parsed(text)
    (t,) = extract_times(text, SAT, doc=doc)
    assert t.value == value


def test_times_clock_time_takes_the_adjacent_day() -> None:
    got = tags("The vote closes at 8 p.m. Tuesday, officials said.", date(2025, 12, 25))
    assert got == [("8 p.m.", "TIME", "2025-12-23T20:00"), ("Tuesday", "DATE", "2025-12-23")]


def test_times_comparative_earlier_than_is_a_duration() -> None:
    assert tags("The season started a month earlier than usual.") == [
        ("a month", "DURATION", "P1M")
    ]


def test_times_part_of_the_year() -> None:
    assert tags("The bill should pass by the end of the year.") == [
        ("the end of the year", "DATE", "2025")
    ]


def test_times_the_weekend_by_tense() -> None:
    monday = date(2025, 12, 22)
    assert tags("Protesters gathered over the weekend.", monday) == [
        ("the weekend", "DATE", "2025-W51-WE")
    ]
    assert tags("Protesters will gather over the weekend.", monday) == [
        ("the weekend", "DATE", "2025-W52-WE")
    ]


def test_times_plural_units_after_a_preposition() -> None:
    assert tags("It was the worst storm in decades.") == [("decades", "DURATION", "PXDE")]
    assert tags("Talks have dragged on for years.") == [("years", "DURATION", "PXY")]
    assert tags("Within days of the vote he resigned.") == [("days", "DURATION", "PXD")]


def test_times_earlier_in_the_year() -> None:
    assert tags("Exports fell earlier in the year.") == [("the year", "DATE", "2025")]


def test_times_since_and_until_set_the_direction() -> None:
    assert tags("The office has been closed since March 12.", FRI) == [
        ("March 12", "DATE", "2013-03-12")
    ]
    assert tags("The airline has cancelled flights until April 2.", FRI) == [
        ("April 2", "DATE", "2013-04-02")
    ]


def test_times_plural_units_before_after() -> None:
    assert tags("Days after the vote, he resigned.") == [("Days", "DURATION", "PXD")]


def test_times_huge_numbers_do_not_crash() -> None:
    assert tags("The fossil formed 900,000 weeks ago, 5,000,000 years ago.")[-1][2] is not None
    # the date is out of the calendar's range: the duration inside it is still tagged
    assert tags("It ran 99999999 weeks ago.") == [("99999999 weeks", "DURATION", "P99999999W")]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "May",
                "March",
                "Friday",
                "last",
                "next",
                "week",
                "2013",
                "3",
                "years",
                "ago",
                "the",
                "past",
                "on",
                ",",
                ".",
                "12/31/1999",
                "early",
                "mid-",
                "9999",
                "0",
                "a",
                "every",
                "Q4",
                "summer",
                "noon",
                "13:99",
                "Feb.",
                "29",
                "the 1990s",
                "'s",
            ]
        ),
        max_size=14,
    ),
    st.one_of(st.none(), st.dates(min_value=date(1, 1, 8), max_value=date(9998, 12, 20))),
)
def test_times_never_crash_and_spans_line_up(words: list[str], anchor: date | None) -> None:
    text = " ".join(words)
    for t in extract_times(text, anchor):
        assert text[t.span[0] : t.span[1]] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_times_fractions_and_clock_hours_are_no_durations() -> None:
    assert tags("Costs are recovered over an 8-1/4 year period.") == []
    assert tags("China feeds one quarter of the world's people.") == []
    assert tags("Sales topped those of the 1986 quarter.") == [("1986", "DATE", "1986")]
    assert tags("Bids are due by 1100 hrs EDT.") == [("1100 hrs EDT", "TIME", "2025-12-27T11:00")]


def test_times_fall_as_a_noun_is_no_season() -> None:
    assert tags("There was no sign the fall in share prices hurt banks.") == []
    assert tags("Talks resume in the fall.") == [("the fall", "DATE", "2026-FA")]


def test_times_this_past_and_ordinal_days() -> None:
    assert tags("Prices rose this past week.") == [("this past week", "DATE", "2025-W51")]
    assert tags("The deal was signed on the 5th.") == [("the 5th", "DATE", "2025-12-05")]
    assert tags("Payment falls due on the 3rd, he will say.", date(2025, 12, 20)) == [
        ("the 3rd", "DATE", "2026-01-03")
    ]
    assert tags("He lives on the 5th floor.") == []


def test_times_over_the_years_and_short_year_ranges() -> None:
    assert tags("Over the years, the company grew.") == [("the years", "DURATION", "PXY")]
    assert tags("He recalled the days when it was safe.") == []
    assert tags("The 2012/13 season ended.") == [("2012", "DATE", "2012"), ("13", "DATE", "2013")]


def test_times_rates_per_unit_are_sets() -> None:
    assert tags("Workers get a 40 ct an hour increase.") == [("an hour", "SET", "PT1H")]
    assert tags("Plants run 24 hours a day.") == [
        ("24 hours", "DURATION", "PT24H"),
        ("a day", "SET", "P1D"),
    ]


def test_times_year_first_numeric_dates_and_day_ranges() -> None:
    assert tags("Seoul said on 2025/12/20 it would respond.") == [
        ("2025/12/20", "DATE", "2025-12-20")
    ]
    assert tags("The talks ran Dec. 20-21 in Geneva.") == [
        ("Dec. 20", "DATE", "2025-12-20"),
        ("21", "DATE", "2025-12-21"),
    ]
    assert tags("The fair runs March 3-5, 2026.") == [
        ("March 3", "DATE", "2026-03-03"),
        ("5, 2026", "DATE", "2026-03-05"),
    ]


def test_times_weekday_picks_the_year_of_a_month_day() -> None:
    assert tags("Budget talks begin on Monday 5 January.") == [
        ("Monday 5 January", "DATE", "2026-01-05")
    ]
