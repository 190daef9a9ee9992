"""Page furniture above a headline with no dateline below it: menus in another script, the
site's and the author's names, promotions, breadcrumbs and date stamps, a scraper's
``date YYYY-MM-DD`` stamp, a headline in quotation marks and a tabloid's splash in capitals.
Every page here was written for this file."""

from __future__ import annotations

import pytest

from newsledger.extract.article import read_article
from newsledger.records import RawArticle

BODY = (
    "Border guards exchanged fire with smugglers near the river crossing on Tuesday, the "
    "interior ministry said in a statement.\n\n"
    "Two guards were wounded, the ministry said.\n"
)


def layer(text: str):
    return read_article(RawArticle(text=text, uri="page.txt"))


@pytest.mark.parametrize(
    "top",
    [
        "메뉴 바로가기\n본문 바로가기\nPress Releases\n\n",
        "Get every paper you read in one place.\nOne app.\nStart reading\nValmora Herald\nWorld\nAnna Petrik\n\n",
        "hot topics\nHome | Diplomacy\n\n",
        "Current:Home > WorldGuards clash with smugglers at river crossing -Example Blueprint\n",
        "date 2031-04-02 valmoraherald.com\n\n",
        "Заголовок Меню Eng Subscribe\nSubscribe\n\n",
    ],
)
def test_article_page_furniture_is_skipped_to_the_headline(top: str) -> None:
    got = layer(top + "Guards clash with smugglers at river crossing\n\n" + BODY)
    assert got.headline == "Guards clash with smugglers at river crossing"
    assert got.text.startswith("Border guards exchanged fire")


def test_article_page_furniture_a_stamp_before_the_title_on_one_line() -> None:
    got = layer("date 2031-04-02 Guards clash with smugglers at river crossing\n\n" + BODY)
    assert got.headline == "Guards clash with smugglers at river crossing"


def test_article_page_furniture_a_quoted_headline_loses_its_marks() -> None:
    got = layer("'GUARDS WILL NOT RETREAT FROM THE RIVER'\nValmora Sunday|April 2, 2031\n\n" + BODY)
    assert got.headline == "GUARDS WILL NOT RETREAT FROM THE RIVER"


def test_article_page_furniture_a_splash_in_capitals_is_the_headline() -> None:
    got = layer(
        "The Independent\n\nRIVER SHOOTOUT\n\nGuards and smugglers trade fire as the border "
        "crossing closes for a week\n\n- By Anna Petrik\n\n" + BODY
    )
    assert got.headline == "RIVER SHOOTOUT"


def test_article_page_furniture_a_bulleted_credit_alone_is_no_headline() -> None:
    got = layer("• Valmora Wire\n\n\n" + BODY)
    assert got.headline is None
    assert got.text.startswith("Border guards")


def test_article_page_furniture_a_plain_first_line_headline_is_kept() -> None:
    got = layer("Guards clash with smugglers\n" + BODY)
    assert got.headline == "Guards clash with smugglers"


@pytest.mark.parametrize(
    ("top", "outlet"),
    [
        ("• Kyodo\n\n\n", "Kyodo"),
        (
            "Daily Mirror\nWorld\nAnna Petrik\n\nGuards clash with smugglers at river crossing\n\n",
            "Daily Mirror",
        ),
        (
            "date 2031-04-02 Jerusalem Post\nGuards clash with smugglers at river crossing\n\n",
            "The Jerusalem Post",
        ),
        (
            "Guards clash with smugglers at river crossing\nSunday Express|April 2, 2031\n\n",
            "Sunday Express",
        ),
        (
            "Guards clash with smugglers at river crossing\n\n"
            "By Anna Petrik | China Daily | Updated: 2031-04-02 16:32\n\n",
            "China Daily",
        ),
    ],
)
def test_article_page_furniture_names_the_outlet(top: str, outlet: str) -> None:
    assert layer(top + BODY).outlet == outlet


def test_article_page_furniture_agencies_and_date_in_the_dateline_brackets() -> None:
    got = layer(
        "Guards clash with smugglers at river crossing\n\n"
        "TBILISI/YEREVAN (Valmora Portal / AFP - 2nd April, 2031) Border guards exchanged fire "
        "with smugglers near the river crossing on Tuesday, the ministry said.\n"
    )
    assert got.dateline is not None
    assert got.dateline.place == "Tbilisi/Yerevan"
    assert got.dateline.date == "2031-04-02"
    assert got.outlet == "AFP"
    assert got.text.startswith("Border guards")


@pytest.mark.parametrize(
    "title", ["VALMORA BORDER TALKS 11:20 GMT", "Valmora says 2030 border deal still holds"]
)
def test_article_page_furniture_a_headline_with_a_time_or_year_is_no_stamp(title: str) -> None:
    got = layer(f"{title}\nGuards and smugglers trade fire at the river post\n\n{BODY}")
    assert got.headline == title


def test_article_page_furniture_a_full_stop_between_day_and_year_in_a_dateline() -> None:
    got = layer(
        "Guards clash with smugglers at river crossing\n\n"
        "TBILISI March 22. 2031 (AFP) - Border guards exchanged fire with smugglers near the "
        "river crossing on Tuesday, the ministry said.\n"
    )
    assert got.dateline is not None and got.dateline.date == "2031-03-22"
    assert got.outlet == "AFP"


def test_article_page_furniture_a_newsletter_prompt_names_the_outlet() -> None:
    got = layer(
        "Guards clash with smugglers at river crossing\n\n"
        "Never miss a story! Sign up to the Daily Mail's newsletter\n\n" + BODY
    )
    assert got.outlet == "Daily Mail"
    assert "newsletter" not in got.text


@pytest.mark.parametrize(
    ("text", "place", "outlet"),
    [
        (
            "New Delhi: Border guards exchanged fire with smugglers near the river crossing on "
            "Tuesday, the ministry said.\n",
            "New Delhi",
            None,
        ),
        (
            "Guards clash with smugglers at river crossing\n\nGuards and smugglers traded fire "
            "for hours on Tuesday as the crossing closed.\n\nZee News Bureau\n"
            "New Delhi: Border guards exchanged fire with smugglers near the river crossing on "
            "Tuesday, the ministry said.\n",
            "New Delhi",
            "Zee News",
        ),
        (
            "Bogota, Sep 12 (IANS) Border guards exchanged fire with smugglers near the river "
            "crossing on Tuesday, the ministry said.\n",
            "Bogota",
            "IANS",
        ),
    ],
)
def test_article_page_furniture_datelines_of_south_asian_and_agency_styles(
    text: str, place: str, outlet: str | None
) -> None:
    got = layer(text)
    assert got.dateline is not None and got.dateline.place == place
    assert got.outlet == outlet
    assert "\nBorder guards" in "\n" + got.text and "Bureau" not in got.text


@pytest.mark.parametrize(
    ("top", "headline", "outlet"),
    [
        (
            "Guards Clash With Smugglers At River-Reuters\n\n",
            "Guards Clash With Smugglers At River",
            "Reuters",
        ),
        (
            "Please ensure Javascript is enabled for purposes of website accessibility\n"
            "Guards clash with smugglers at river crossing\n\n",
            "Guards clash with smugglers at river crossing",
            None,
        ),
        (
            "date 2031-04-02 (MENAFN- AzerNews) Border guards exchanged fire with smugglers near "
            "the\nriver crossing on Tuesday, the ministry said.\n\n",
            None,
            "AzerNews",
        ),
    ],
)
def test_article_page_furniture_glued_sites_notices_and_opening_credits(
    top: str, headline: str | None, outlet: str | None
) -> None:
    got = layer(top + BODY)
    assert got.headline == headline
    assert got.outlet == outlet


@pytest.mark.parametrize(
    ("top", "headline"),
    [
        ("date 2031-04-02 Photo : Valmora Wire\n\n", None),
        (
            "• Directory of Valmora\n\nGuards clash with smugglers at river crossing\n\n",
            "Guards clash with smugglers at river crossing",
        ),
        (
            "date 2031-04-02 Guards clash with smugglers at river crossing\n\n",
            "Guards clash with smugglers at river crossing",
        ),
    ],
)
def test_article_page_furniture_stamps_credits_and_list_items_leave_the_text(
    top: str, headline: str | None
) -> None:
    got = layer(top + BODY)
    assert got.headline == headline
    assert got.text.startswith("Border guards")
    assert got.published == "2031-04-02" or "date 2031" not in top


def test_article_page_furniture_a_stamp_glued_to_the_lead_leaves_the_lead() -> None:
    got = layer(
        "date 2031-04-02 According to officials, the wounded men were taken to a clinic.\n\n" + BODY
    )
    assert got.text.startswith("According to officials, the wounded men")
    assert got.published == "2031-04-02"


@pytest.mark.parametrize(
    "top",
    [
        "1. Skip to content\n  2. Skip to main menu\n\n",
        "Skip to navigationSkip to contentSkip to footerHelp using this website\n\n",
        "Your news, always by your side.\n\n",
    ],
)
def test_article_page_furniture_skip_links_and_slogans_are_no_headline(top: str) -> None:
    got = layer(top + "Guards clash with smugglers at river crossing\n\n" + BODY)
    assert got.headline == "Guards clash with smugglers at river crossing"


def test_article_page_furniture_an_introduction_ending_in_a_colon_is_no_headline() -> None:
    got = layer("The following statement was issued today by the ministry:\n\n" + BODY)
    assert got.headline is None
    assert got.text.startswith("The following statement")
