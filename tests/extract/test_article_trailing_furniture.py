"""Lines below the last paragraph: a page's list of related links goes, the article's own stays."""

from __future__ import annotations

from newsledger.extract.article import read_article
from newsledger.records import RawArticle

BODY = (
    "Border guards close crossing\n\n"
    "LIMA - Peru closed its southern border crossing on Tuesday after a clash between border "
    "guards and smugglers, the interior ministry said.\n\n"
    "The crossing will stay shut until further notice, the ministry added in a statement.\n"
)


def _text(raw: str) -> str:
    return read_article(RawArticle(text=raw, uri="mem://a.txt")).text


def test_article_trailing_list_of_related_headlines_is_page_furniture():
    related = (
        "\nFarmers in the highlands brace for a second dry winter\n"
        "Copper prices climb as the port strike enters its third week\n"
        "Lima marathon draws record crowd despite the heat\n"
    )
    text = _text(BODY + related)
    assert "the ministry added in a statement." in text
    assert "Copper prices" not in text and "Lima marathon" not in text


def test_article_lone_short_label_after_the_article_is_page_furniture():
    assert "Shopping" not in _text(BODY + "\nShopping\n")


def test_article_footer_row_of_site_links_is_page_furniture():
    text = _text(BODY + "\nPrivacy Policy | Terms of Use\n")
    assert "Privacy" not in text
    assert text.endswith("the ministry added in a statement.")


def test_article_sentence_about_privacy_and_terms_is_kept():
    line = "\nThe senate will debate privacy policy and terms of use rules next week.\n"
    assert "privacy policy and terms of use rules" in _text(BODY + line)


def test_article_list_the_article_gives_is_kept():
    dead = "\nThe dead\nAna Ruiz, 56 (driver)\nTomas Vega, 31 (guard)\n"
    text = _text(BODY + dead)
    assert "Ana Ruiz, 56 (driver)" in text and "Tomas Vega" in text


def test_article_last_paragraph_cut_off_mid_sentence_is_kept():
    cut = "\nThe interior minister later travelled to the crossing to meet the guards who\n"
    assert "travelled to the crossing to meet the guards who" in _text(BODY + cut)


def test_article_last_quoted_line_without_a_full_stop_is_kept():
    last = '\n"We will reopen it soon," she said\n'
    assert "We will reopen it soon" in _text(BODY + last)


def test_article_table_under_a_headline_with_full_stops_is_no_trailing_furniture():
    raw = "<A.B. ROPE AND CO> SETS DIVIDEND\n\nDAYTON, Ohio, March 3 -\n    Qtly div 15 cts\n    Pay May 15\n"
    layer = read_article(RawArticle(text=raw, uri="mem://t.txt"))
    assert layer.dateline is not None and layer.dateline.place == "Dayton"
    assert "Pay May 15" in layer.text
