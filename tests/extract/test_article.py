"""Article layer: datelines, residue, headline, byline, publication date and year inference."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.errors import EmptyInputError
from newsledger.extract.article import (
    canonical_outlet,
    canonical_place,
    infer_writing_year,
    month_number,
    parse_dateline,
    read_article,
    remove_residue,
    resolve_month_day,
)
from newsledger.extract.article.loaders import _not_places
from newsledger.records import RawArticle
from tests.conftest import REPO, SHARED, require_shared

GOLDEN = REPO / "tests" / "golden" / "article" / "examples.json"
EXAMPLES = REPO / "examples"


def layer(text: str, **kwargs):
    reference = kwargs.pop("reference_date", None)
    return read_article(RawArticle(text=text, uri="test.txt", **kwargs), reference_date=reference)


# ---------------------------------------------------------------------------------------
# Dateline styles


@pytest.mark.parametrize(
    ("line", "place", "month", "day", "outlet", "region"),
    [
        ("SEOUL, December 27 (TNF): North Korean leader", "Seoul", 12, 27, "TNF", None),
        ("WASHINGTON, March 3 (Reuters) - The United States", "Washington", 3, 3, "Reuters", None),
        ("Pyongyang, November 1 (KCNA) -- Kim Jong Un", "Pyongyang", 11, 1, "KCNA", None),
        ("LONDON (AP) — Britain said", "London", None, None, "AP", None),
        ("BEIJING, Jan. 5 /Xinhua/ -- China urged", "Beijing", 1, 5, "Xinhua", None),
        ("    SALVADOR, Feb 26 - Showers continued", "Salvador", 2, 26, None, None),
        ("HOUSTON, Texas, March 3 - Oil prices", "Houston", 3, 3, None, "Texas"),
        ("NEW YORK, Sept 4 - Shares rose", "New York", 9, 4, None, None),
        ("RALEIGH, N.C., March 3 - The company", "Raleigh", 3, 3, None, "N.C."),
        ("MOSCOW, November 1. /TASS/. Russia said", "Moscow", 11, 1, "TASS", None),
        ("SEOUL, Dec. 27 (Yonhap) -- South Korea's", "Seoul", 12, 27, "Yonhap", None),
        ("Seoul (AFP) - South Korea and", "Seoul", None, None, "AFP", None),
        ("KYIV, Ukraine — Russian drones struck", "Kyiv", None, None, None, "Ukraine"),
        ("AMSTERDAM, 2 March - Dutch imports", "Amsterdam", 3, 2, None, None),
        ("OKLAHOMA CITY, Okla. March 11, Reuter - The", "Oklahoma City", 3, 11, "Reuters", "Okla."),
        ("CHEVY CHASE, Md., - March 4 - The bank", "Chevy Chase", 3, 4, None, "Md."),
        ("JOHANNESBURG March 13 - Police said", "Johannesburg", 3, 13, None, None),
        ("NEW DELHI: India said on Monday", "New Delhi", None, None, None, None),
        # the PTI/IANS house style: a known agency in brackets, then the body with no dash
        ("New Delhi, Dec 27 (PTI) India said", "New Delhi", 12, 27, "PTI", None),
        ("North Korea (DPRK) launched a missile", None, None, None, None, None),
        ("KYIV/MOSCOW, Nov 3 (Reuters) - Ukraine", "Kyiv/Moscow", 11, 3, "Reuters", None),
        ("WASHINGTON, March 3, 2025 (Reuters) - The", "Washington", 3, 3, "Reuters", None),
    ],
)
def test_article_dateline_styles(line, place, month, day, outlet, region):
    parsed = parse_dateline(line)
    if place is None and outlet is None:
        assert parsed is None  # no separator after the outlet: not a dateline
        return
    assert parsed is not None
    assert (parsed.place, parsed.month, parsed.day, parsed.outlet, parsed.region) == (
        place,
        month,
        day,
        outlet,
        region,
    )
    assert line[parsed.end :].strip()[0].isalpha()  # the body starts right after it


def test_article_dateline_text_and_year():
    parsed = parse_dateline("WASHINGTON, March 3, 2025 (Reuters) - The Treasury")
    assert parsed is not None
    assert parsed.year == 2025
    assert parsed.text == "WASHINGTON, March 3, 2025 (Reuters) -"


def test_article_dateline_cnn_style_has_outlet_only():
    parsed = parse_dateline("(CNN) — The United States said")
    assert parsed is not None
    assert parsed.place is None and parsed.outlet == "CNN"


@pytest.mark.parametrize(
    "line",
    [
        "The talks - which began in Geneva - ended without a deal.",
        "On March 3 - the day of the vote - officials said",
        "ECONOMIC SPOTLIGHT - U.S. CORPORATE FINANCE",
        "SYRIA SEEKING WHITE SUGAR ON APRIL 8 - TRADE",
        "UPDATE: The ministry said",
        "Officials - speaking anonymously - said",
        'Kim said: "We will respond."',
        "(CORRECTED) - The company said",
    ],
)
def test_article_dateline_rejects_ordinary_lines(line):
    parsed = parse_dateline(line)
    assert parsed is None or parsed.place is None and parsed.outlet is None


@pytest.mark.parametrize(
    ("word", "month"),
    [("Marchg", 3), ("Macrh", 3), ("Narch", 3), ("Jne", 6), ("Juen", 6), ("Apri", 4),
     ("Sept", 9), ("sept.", 9), ("MArch", 3), ("Oct.", 10), ("Jule", None), ("Sun", None),
     ("Texas", None), ("Ma", None)],
)  # fmt: skip
def test_article_month_typos(word, month):
    assert month_number(word) == month


def test_article_dateline_digit_lookalikes():
    parsed = parse_dateline("BELGRADE, March 2O - Yugoslavia said")
    assert parsed is not None and parsed.day == 20


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("NEW YORK", "New York"),
        ("DAR ES SALAAM", "Dar es Salaam"),
        ("RIO DE JANEIRO", "Rio de Janeiro"),
        ("PORT OF SPAIN", "Port of Spain"),
        ("MCALLEN", "McAllen"),
        ("WINSTON-SALEM", "Winston-Salem"),
        ("ST. LOUIS", "St. Louis"),
        ("EL PASO", "El Paso"),
        ("THE HAGUE", "The Hague"),
        ("O'FALLON", "O'Fallon"),
        ("N'DJAMENA", "N'Djamena"),
        ("KYIV/MOSCOW", "Kyiv/Moscow"),
        ("Pyongyang", "Pyongyang"),
        ("La paz", "La Paz"),
        ("Frankfurt am Main", "Frankfurt am Main"),
    ],
)
def test_article_canonical_place(printed, canonical):
    assert canonical_place(printed) == canonical


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [("Reuter", "Reuters"), ("Associated Press", "AP"), ("XINHUA", "Xinhua"),
     ("Korean Central News Agency", "KCNA"), ("/TASS/", "TASS"), ("TNF", "TNF"), (None, None)],
)  # fmt: skip
def test_article_canonical_outlet(printed, canonical):
    assert canonical_outlet(printed) == canonical


def test_article_resolve_month_day_crosses_year_end():
    assert resolve_month_day(12, 31, date(2026, 1, 2)) == date(2025, 12, 31)
    assert resolve_month_day(1, 2, date(2025, 12, 31)) == date(2026, 1, 2)
    assert resolve_month_day(3, 5, date(2026, 3, 4)) == date(2026, 3, 5)
    assert resolve_month_day(2, 29, date(2024, 3, 1)) == date(2024, 2, 29)
    assert resolve_month_day(2, 29, date(2025, 3, 1)) == date(2024, 2, 29)


# ---------------------------------------------------------------------------------------
# Hypothesis round trips

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]  # fmt: skip
_AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec."]  # fmt: skip
_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "di", "du", "des", "es", "of", "on",
              "upon", "am", "an", "der", "sur", "y", "al", "en", "la", "le", "the"}  # fmt: skip
_NOT_PLACE = {"on", "in", "by", "at", "from", "since", "until", "before", "after", "last",
              "next", "this", "early", "late", "mid", "updated", "published", "posted",
              "note", "update", "breaking", "exclusive", "analysis", "photo", "warning",
              "correction", "corrected", "repeat", "refiled", "amended", "urgent", "flash",
              "bulletin", "embargoed", "q", "a"}  # fmt: skip


def _usable_word(word: str) -> bool:
    lower = word.lower()
    return (
        month_number(word) is None
        and lower not in _PARTICLES
        and lower not in _NOT_PLACE
        and lower not in _not_places()  # the vocabulary the parser refuses as places
        and not lower.startswith(("mc", "o'", "d'"))
    )


place_words = st.lists(
    st.text(alphabet="ABCDEFGHIJKLMNOPRSTUVWYZ", min_size=3, max_size=9).filter(_usable_word),
    min_size=1,
    max_size=3,
)

STYLES = {
    "reuters": "{P}, {Month} {d} (Reuters) - ",
    "reuters1987": "    {P}, {Mon} {d} - ",
    "reuters1987_region": "{P}, {Region}, {Month} {d} - ",
    "ap_dated": "{P}, {Ap} {d} (AP) — ",
    "xinhua": "{P}, {Ap} {d} /Xinhua/ -- ",
    "kcna": "{Pt}, {Month} {d} (KCNA) -- ",
    "tnf": "{P}, {Month} {d} (TNF): ",
    "tass": "{P}, {Month} {d}. /TASS/. ",
    "day_first": "{P}, {d} {Month} - ",
}


@settings(max_examples=300, deadline=None)
@given(
    words=place_words,
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    style=st.sampled_from(sorted(STYLES)),
    region=st.sampled_from(["Texas", "Calif.", "N.J.", "British Columbia", "Philippines"]),
)
def test_article_dateline_round_trip(words, month, day, style, region):
    upper = " ".join(words)
    titled = " ".join(w.capitalize() for w in words)
    line = STYLES[style].format(
        P=upper,
        Pt=titled,
        Month=_MONTH_NAMES[month - 1],
        Mon=_MONTH_NAMES[month - 1][:3],
        Ap=_AP_MONTHS[month - 1],
        d=day,
        Region=region,
    )
    text = line + "Officials said the talks would resume next week."
    parsed = parse_dateline(text)
    assert parsed is not None, text
    assert parsed.place == titled
    assert (parsed.month, parsed.day) == (month, day)
    assert text[parsed.end :].startswith("Officials said")
    expected_outlet = {"reuters": "Reuters", "ap_dated": "AP", "xinhua": "Xinhua", "kcna": "KCNA",
                       "tnf": "TNF", "tass": "TASS"}.get(style)  # fmt: skip
    assert parsed.outlet == expected_outlet
    if style == "reuters1987_region":
        assert parsed.region == region


@settings(max_examples=300, deadline=None)
@given(
    anchor=st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)),
    offset=st.integers(-150, 150),
)
def test_article_resolve_month_day_round_trip(anchor, offset):
    written = anchor + timedelta(days=offset)
    resolved = resolve_month_day(written.month, written.day, anchor)
    assert resolved is not None
    assert (resolved.month, resolved.day) == (written.month, written.day)
    # Within five months of the anchor the written date is the nearest one, so it comes back.
    if not (written.month == 2 and written.day == 29):
        assert resolved == written


# ---------------------------------------------------------------------------------------
# Residue

PAGE = """\
Skip to main content
Menu
en_USEnglish
Talks on missile curbs collapse in Geneva

Share
Updated December 3, 2025 10:42 GMT

GENEVA, December 3 (Reuters) - Talks between the two delegations broke off on Wednesday, officials said.

Advertisement

We use cookies to personalise content and ads. By continuing you agree to our cookie policy.
Accept all cookies

"We are not leaving the process," the chief negotiator said. Read more below.

Read more: Earlier rounds of talks ended in deadlock
Related stories
Subscribe to our daily newsletter
© 2025 Example News. All rights reserved.
ko_KR한국어
"""


def test_article_residue_removed_and_reported():
    result = layer(PAGE)
    assert result.headline == "Talks on missile curbs collapse in Geneva"
    assert result.dateline is not None and result.dateline.place == "Geneva"
    for residue in ["en_USEnglish", "Share", "Advertisement", "cookies", "Read more:",
                    "Related stories", "Subscribe", "©", "한국어", "Skip to", "Menu",
                    "Updated December"]:  # fmt: skip
        assert residue not in result.text, residue
    assert "Read more below." in result.text  # a sentence is not a link line
    kinds = " ".join(result.warnings)
    for kind in ["language switcher", "share prompt", "advertisement", "cookie notice",
                 "read more link", "related stories", "subscribe prompt", "copyright line",
                 "page navigation", "page date marker"]:  # fmt: skip
        assert f"({kind})" in kinds, kind
    assert result.published == "2025-12-03"  # from the page date marker
    assert result.dateline.date == "2025-12-03"


def test_article_residue_page_date_marker_bracketed():
    kept, removed = remove_residue("Body line one is here and it is long enough.\n[2024.11.01.]\n")
    assert [line for _, line in kept] == ["Body line one is here and it is long enough.", ""]
    assert removed[0].kind == "page date marker"
    assert removed[0].date == date(2024, 11, 1)


def test_article_residue_keeps_wrapped_wire_lines():
    # Hard-wrapped wire copy can leave one word on a line; edge-only rules must not eat it.
    text = (
        "LONDON, March 3 - The company said profit rose to 1.50 dlrs a\n"
        "share.\n"
        "    It said the board would meet to discuss copyright\n"
        "issues and the sale of its\n"
        "home\n"
        "appliance unit, which employs 2,000 people.\n"
    )
    result = layer(text, reference_date=date(1987, 3, 3))
    assert "share." in result.text
    assert "\nhome\n" in result.text
    assert result.warnings == []


def test_article_wire_signature_names_outlet():
    text = "TOKYO, March 3 - Japan said it would protest the launch.\n Reuter\n"
    result = layer(text, reference_date=date(1987, 3, 3))
    assert result.outlet == "Reuters"
    assert "Reuter" not in result.text
    assert any("wire signature" in w for w in result.warnings)


def test_article_empty_after_cleaning_names_input():
    with pytest.raises(EmptyInputError) as err:
        read_article(RawArticle(text="Share\nAdvertisement\nen_USEnglish\n", uri="page.txt"))
    assert "page.txt" in str(err.value)


def test_article_text_is_faithful():
    text = (
        "MINISTER SAYS TALKS WILL GO ON\n\n"
        "OTTAWA, March 3 - The trade minister said the talks\n"
        "would go on.\n"
        '    "We will not walk away," he told\n'
        "reporters.\n"
    )
    result = layer(text, reference_date=date(1987, 3, 3))
    assert result.text == (
        "The trade minister said the talks\nwould go on.\n"
        '    "We will not walk away," he told\nreporters.'
    )


# ---------------------------------------------------------------------------------------
# Headline and byline


def test_article_title_metadata_wins_and_duplicate_line_dropped():
    text = "Kim visits factory\n\nPYONGYANG, May 2 (KCNA) -- Kim Jong Un visited a factory.\n"
    result = layer(text, title="Kim Visits Factory", reference_date=date(2025, 5, 2))
    assert result.headline == "Kim Visits Factory"
    assert result.text == "Kim Jong Un visited a factory."


def test_article_no_headline_when_text_opens_with_dateline():
    result = layer("SEOUL, May 2 (Yonhap) -- South Korea said.\n\nMore text follows here.")
    assert result.headline is None
    assert result.dateline is not None and result.dateline.place == "Seoul"


def test_article_byline_removed_from_text():
    text = "Sanctions bite\n\nBy Jane Doe and John Roe\n\nLONDON (Reuters) - Britain said so.\n"
    result = layer(text)
    assert result.byline == "By Jane Doe and John Roe"
    assert result.text == "Britain said so."


def test_article_paragraph_text_without_headline():
    text = "North Korea fired a missile on Tuesday, officials said.\nIt landed in the sea.\n"
    result = layer(text)
    assert result.headline is None
    assert result.text.startswith("North Korea fired")


# ---------------------------------------------------------------------------------------
# Publication date and year inference


DATED = (
    "Missile test\n\nSEOUL, December 27 (TNF): The plan reaches beyond 2025 and ahead of 2026.\n"
)


def test_article_published_metadata_first():
    result = layer(DATED, published="2025-12-28T09:00:00+09:00", reference_date=date(2030, 1, 1))
    assert (result.published, result.published_basis) == ("2025-12-28", "metadata")
    assert result.dateline is not None and result.dateline.date == "2025-12-27"


def test_article_published_reference_before_inference():
    undated = "Missile test\n\nSEOUL (TNF) - The plan reaches beyond 2025 and ahead of 2026.\n"
    result = layer(undated, reference_date=date(2019, 1, 2))
    assert (result.published, result.published_basis) == ("2019-01-02", "reference")


def test_article_published_dateline_day_overrides_reference_day():
    # The reference date gives the year; the dateline's day is the day the article speaks from.
    result = layer(DATED, reference_date=date(2019, 1, 2))
    assert (result.published, result.published_basis) == ("2018-12-27", "dateline")
    assert result.dateline is not None and result.dateline.date == "2018-12-27"
    assert any("not the reference date 2019-01-02" in w for w in result.warnings)


def test_article_published_dateline_year_before_reference():
    text = "Missile test\n\nSEOUL, Dec. 27, 2024 (Yonhap) -- The test failed.\n"
    result = layer(text, reference_date=date(2026, 1, 1))
    assert (result.published, result.published_basis) == ("2024-12-27", "dateline")


def test_article_published_inferred_from_text():
    result = layer(DATED)
    assert (result.published, result.published_basis) == ("2025-12-27", "inferred")
    assert any("inferred from the text" in w for w in result.warnings)


def test_article_published_unknown_is_null_with_warning():
    result = layer("Missile test\n\nSEOUL, December 27 (TNF): The test failed.\n")
    assert result.published is None and result.published_basis is None
    assert result.dateline is not None and result.dateline.date is None
    assert any("no publication date" in w for w in result.warnings)


def test_article_unreadable_metadata_date_falls_back():
    result = layer(DATED, published="yesterday")
    assert result.published_basis == "inferred"
    assert any("unreadable metadata date" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Production targets for 2026 were set, ahead of 2026.", 2025),
        ("The treaty signed in 2024 holds. Talks stalled since 2019.", None),
        ("The plan runs through 2030 and was drafted after the crisis of 2027.", None),
        ("Heading into 2031, the navy will commission two ships.", 2030),
        ("It was the first launch of 2026, after tests in November 2025.", 2026),
        ("Kim vowed to boost strategic power in the new year 2026.", 2026),
        ("In 2017, the North tested its largest bomb.", None),
        ("Sales will double in fiscal 2027, the company said.", None),
        ("Exports so far in 2026 rose, officials said.", 2026),
        ("Sales in the first three months of 2024 were weak.", None),
        ("It redeemed its first mortgage bonds of 2030.", None),
        ("Arms sales, which began in 2023, will grow heading into 2027.", 2026),
        ("Officials said 2000 troops and 1500 km of road were involved.", None),
        ("No years here at all.", None),
        ("The launch was conducted back in 2017. Tests resumed in 2022.", None),
    ],
)
def test_article_infer_writing_year(text, year):
    inference = infer_writing_year(text)
    assert (inference.year if inference else None) == year


# ---------------------------------------------------------------------------------------
# Real and bundled articles


def test_article_seed(seed_text):
    result = read_article(RawArticle(text=seed_text, uri="000_5fbd16e163100449.txt"))
    assert result.headline == "Kim Jong Un Orders Expansion of Missile Production for 2026"
    assert result.dateline is not None
    assert (result.dateline.place, result.dateline.date) == ("Seoul", "2025-12-27")
    assert result.dateline.text == "SEOUL, December 27 (TNF):"
    assert result.outlet == "TNF"
    assert (result.published, result.published_basis) == ("2025-12-27", "inferred")
    assert "en_USEnglish" not in result.text
    assert result.text.startswith("North Korean leader Kim Jong Un has ordered")
    assert result.text.endswith("heading into 2026.")
    assert "\n\n" in result.text  # paragraphs kept


def test_article_seed_matches_reference_annotation(seed_text):
    gold_path = require_shared(SHARED / "spec" / "examples" / "000_5fbd16e163100449.gold.json")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = read_article(RawArticle(text=seed_text, uri=gold["doc"]))
    assert result.headline == gold["headline"]
    assert result.outlet == gold["outlet"]
    assert result.published == gold["published"]
    assert result.dateline is not None
    assert {"place": result.dateline.place, "date": result.dateline.date} == gold["dateline"]
    for boilerplate in gold.get("boilerplate", []):
        assert boilerplate not in result.text


def _dev_gold() -> list[Path]:
    folder = SHARED / "data" / "reuters21578" / "dev"
    return sorted(folder.glob("*.gold.json")) if folder.exists() else []


@pytest.mark.parametrize("gold_path", _dev_gold(), ids=lambda p: p.name)
def test_article_reuters_dev_stories(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = require_shared(gold_path.parent / gold["doc"]).read_text(encoding="utf-8")
    result = read_article(
        RawArticle(text=text, uri=gold["doc"]),
        reference_date=date.fromisoformat(gold["reference_date"]),
    )
    assert result.headline == gold["headline"]
    assert result.dateline is not None
    assert {"place": result.dateline.place, "date": result.dateline.date} == gold["dateline"]
    assert result.published == gold["published"]


def test_article_reuters_dev_gold_is_there_to_test():
    folder = require_shared(SHARED / "data" / "reuters21578" / "dev")
    golds = _dev_gold()
    assert len(golds) >= 10, f"{folder} holds {len(golds)} gold stories; the test above reads them"
    for path in golds:
        assert (folder / json.loads(path.read_text(encoding="utf-8"))["doc"]).is_file(), path.name


def _golden_examples() -> list[dict]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))["examples"]


@pytest.mark.parametrize("expected", _golden_examples(), ids=lambda e: e["file"])
def test_article_golden_examples(expected):
    path = EXAMPLES / expected["file"]
    if expected.get("via") == "html":
        html = pytest.importorskip("newsledger.ingest.html")
        raw = html.html_to_article(path.read_bytes(), str(path))
    else:
        raw = RawArticle(text=path.read_text(encoding="utf-8"), uri=str(path))
    result = read_article(raw)
    assert result.headline == expected["headline"]
    if expected["dateline"] is None:
        assert result.dateline is None
    else:
        assert result.dateline is not None
        assert result.dateline.place == expected["dateline"]["place"]
        assert result.dateline.date == expected["dateline"]["date"]
        assert result.dateline.text == expected["dateline"]["text"]
    assert result.outlet == expected["outlet"]
    assert result.published == expected["published"]
    assert result.published_basis == expected["published_basis"]
    if "byline" in expected:
        assert result.byline == expected["byline"]
    for dropped in expected["must_drop"]:
        assert dropped not in result.text, dropped
    for kept in expected["must_keep"]:
        assert kept in result.text, kept


def test_article_golden_covers_every_text_example():
    covered = {e["file"] for e in _golden_examples()}
    assert {p.name for p in [*EXAMPLES.glob("*.txt"), *EXAMPLES.glob("*.html")]} == covered


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,.-—:()/\n\t'\"")
            + ["March", "SEOUL", " (Reuters) ", " - ", "2025", "Share", "\n\n", "é", "한"]
        ),
        max_size=200,
    ).map("".join)
)
def test_article_never_crashes_on_arbitrary_text(text):
    try:
        result = read_article(RawArticle(text=text, uri="fuzz.txt"))
    except EmptyInputError as e:
        assert "fuzz.txt" in str(e)
        return
    assert result.text.strip()
    assert result.published_basis in (None, "metadata", "dateline", "reference", "inferred")


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Published : Dec. 27, 2025 - 15:31", date(2025, 12, 27)),
        ("December 27, 2025 3:04 AM GMT+9 Updated 2 hours ago", date(2025, 12, 27)),
        ("2025-12-27 14:03", date(2025, 12, 27)),
        ("Saturday, 27 December 2025", date(2025, 12, 27)),
        ("Updated 2 hours ago", None),
    ],
)
def test_article_residue_page_date_marker_forms(line, day):
    kept, removed = remove_residue(f"{line}\nThe ministry said the talks would resume.\n")
    assert [r.line for r in removed] == [line]
    assert removed[0].kind == "page date marker"
    assert removed[0].date == day


def test_article_byline_with_agency_line():
    text = (
        "Drills go ahead\n\nBy JANE ROE and JOHN DOE\nAssociated Press\n\n"
        "SEOUL, South Korea (AP) — The allies began drills on Monday.\n"
    )
    result = layer(text)
    # The agency line at the top of the page is a signature: residue naming the outlet.
    assert result.byline == "By JANE ROE and JOHN DOE"
    assert result.text == "The allies began drills on Monday."
    assert result.outlet == "AP"
    assert result.dateline is not None and result.dateline.place == "Seoul"


def test_article_metadata_title_with_site_name_drops_first_line():
    text = "Talks on missile curbs collapse in Geneva\nDiplomats left without a deal, officials said.\n"
    result = layer(text, title="Talks on missile curbs collapse in Geneva | Example News")
    assert result.text == "Diplomats left without a deal, officials said."


def test_article_wire_flags_removed_from_headline_and_body():
    text = (
        "(LEAD) N. Korea fires missile: JCS\n\n"
        "SEOUL, Dec. 27 (Yonhap) -- (LEAD) North Korea fired a missile on Saturday.\n"
    )
    result = layer(text)
    assert result.headline == "N. Korea fires missile: JCS"
    assert result.text == "North Korea fired a missile on Saturday."
    assert sum("wire flag" in w for w in result.warnings) == 2


def test_article_wire_flag_reuters_prefix():
    result = layer("UPDATE 2-U.S. imposes sanctions\n\nWASHINGTON (Reuters) - The U.S. acted.\n")
    assert result.headline == "U.S. imposes sanctions"


@pytest.mark.parametrize("label", ["BREAKING: ", "BREAKING NEWS: ", "WATCH: ", "LIVE | "])
def test_article_site_label_before_the_headline(label):
    result = layer(f"{label}Ferry crews end strike\n\nFerry crews returned to work on Monday.\n")
    assert result.headline == "Ferry crews end strike"


def test_article_label_word_in_a_headline_stays():
    result = layer("Watch: the ferry race in full\n\nThe ferries raced on Monday.\n")
    assert result.headline == "Watch: the ferry race in full"


def test_article_data_entries_have_notes():
    folder = REPO / "src" / "newsledger" / "extract" / "data" / "article"
    for path in folder.glob("*.jsonl"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                assert json.loads(line).get("note"), f"{path.name}:{n} has no note"
