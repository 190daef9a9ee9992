"""Page residue inside saved page text: captions, prompts, comment blocks, end marks.

Every line here is written for the test; none comes from a gold article.
"""

from __future__ import annotations

import pytest

from newsledger.extract.article import read_article, remove_residue
from newsledger.extract.article.residue import split_trailing_residue
from newsledger.records import RawArticle

_BEFORE = "The harbour reopened on Monday after a week of repairs, the port authority said.\n\n"
_AFTER = "\n\nShips queued outside the breakwater for most of Tuesday, officials said."


def _removed_kinds(line: str) -> list[str]:
    _, removed = remove_residue(_BEFORE + line + _AFTER)
    return [r.kind for r in removed]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Media playback is unsupported on your device", "media player notice"),
        ('Media captionThe harbour master: "We worked through the night"', "photo caption"),
        ("Image source, Harbour Authority", "photo caption"),
        ("Advertising", "advertisement"),
        ("This is a developing story and will be updated.", "story status"),
        ("This story has been updated with the minister's comments.", "story status"),
        ("There are no comments yet.", "comments section"),
        ("Comments are closed for this article.", "comments section"),
        ("• Your Comment", "comments section"),
        ("Offensive comments will be removed by the moderators.", "comments section"),
        ("Please wait while comments are loading...", "comments section"),
        ("No tags for this post.", "comments section"),
        ("Download the Coastline News app", "app prompt"),
        ("2. Tap to Add to Home Screen.", "app prompt"),
        ("Sign up for Harbour Weekly", "subscribe prompt"),
        ("Subscribe to Coastline News", "subscribe prompt"),
        (
            "For more stories like this, sign up for our newsletter by clicking here.",
            "subscribe prompt",
        ),
        ("The best of the harbour news in your inbox every morning.", "subscribe prompt"),
        (
            "You may occasionally receive promotional content from Coastline News.",
            "subscribe prompt",
        ),
        ("Reporting costs money. Support Coastline News or become our patron!", "subscribe prompt"),
        ("Gift 3 articles to a friend each month when you subscribe.", "subscribe prompt"),
        ("We are now on Telegram! Follow us!", "follow prompt"),
        ("For breaking news, follow us on Twitter @coastline.", "follow prompt"),
        (
            "Follow Coastline.example on Twitter and Facebook to join the conversation.",
            "follow prompt",
        ),
        ("NOW READ: Ferry service resumes after storm", "read more link"),
        ("Read more on the harbour repairs", "related stories"),
        ("More to Read", "related stories"),
        ("Powered by automated translation", "translation notice"),
    ],
)
def test_article_residue_page_text_line_removed(line, kind):
    assert _removed_kinds(line) == [kind]


@pytest.mark.parametrize(
    "line",
    [
        # sentences of a story that use the same words
        "The council said comments from residents would be published next month.",
        "Officials urged residents to sign up for the new flood warning service.",
        "The minister said the repairs were a developing story for the region's ports.",
        "Fishermen said they would follow the coast guard's advice on Tuesday.",
        "The app the port uses to book berths crashed twice during the storm, the operator said.",
        "Advertising revenue at the port's visitor centre fell by half, the report said.",
        "Spam that lands in your inbox every day is the harbour office's main worry, he said.",
    ],
)
def test_article_residue_page_text_story_sentence_kept(line):
    assert _removed_kinds(line) == []


@pytest.mark.parametrize(
    ("text", "tail", "kind"),
    [
        ("The ferry sailed at noon. Enditem", "Enditem", "wire end marker"),
        ("The ferry sailed at noon. (end)", "(end)", "wire end marker"),
        ("The ferry sailed at noon. /end/", "/end/", "wire end marker"),
        (
            "The ferry sailed at noon. (More harbour stories.)",
            "(More harbour stories.)",
            "related link",
        ),
    ],
)
def test_article_residue_page_text_run_on_tail_cut(text, tail, kind):
    cut, removed = split_trailing_residue(text)
    assert cut == "The ferry sailed at noon."
    assert [(r.kind, r.line) for r in removed] == [(kind, tail)]


def test_article_residue_page_text_outlet_blurb_names_outlet():
    text = (
        "Ferry service resumes\n\n"
        "The ferry sailed at noon on Monday, the operator said.\n\n"
        "Crews had worked through the weekend to clear the slipway, he added.\n\n"
        "Reuters, the news division of Example Holdings, is the world's largest wire service.\n"
    )
    layer = read_article(RawArticle(text=text, uri="t.txt"))
    assert "largest wire service" not in layer.text
    assert layer.outlet == "Reuters"


@pytest.mark.parametrize(
    "caption",
    [
        "Divers inspect the damaged pier at the northern harbour on Monday. (AFP)",
        "Crews load sandbags onto a barge near the lighthouse [EPA]",
        "The harbour master speaks to reporters on the quay (Port Authority via AP)",
        "Tugboats guide a tanker past the breakwater, May 5, 2025. [Photo/Port Authority]",
        "In this photo released by the port authority, divers inspect the pier on Monday.",
        "This undated picture provided by the navy shows the old breakwater.",
    ],
)
def test_article_residue_page_text_caption_between_paragraphs_removed(caption):
    assert _removed_kinds(caption) == ["photo caption"]


@pytest.mark.parametrize(
    "line",
    [
        # a dateline on a line of its own
        "NEW YORK, May 5 (Reuters)",
        # a story's sentences about a picture
        "The ministry said in a photo released on Monday that the pier was intact.",
        # a caption with the story glued onto it: the story must not go with the caption
        "Divers inspect the pier in this undated photo. — AgencypicLIMA, May 5 — The port reopened.",
    ],
)
def test_article_residue_page_text_caption_like_line_kept(line):
    assert _removed_kinds(line) == []


def test_article_residue_page_text_last_paragraph_keeps_its_signature_cut():
    text = (
        "Harbour reopens\n\nThe harbour reopened on Monday after a week of repairs, officials said.\n\n"
        "Ships queued outside the breakwater for most of Tuesday, the port said. (AFP)\n"
    )
    layer = read_article(RawArticle(text=text, uri="t.txt"))
    assert layer.text.endswith(
        "Ships queued outside the breakwater for most of Tuesday, the port said."
    )


def test_article_residue_page_text_links_below_a_list_label_removed():
    text = (
        "The harbour reopened on Monday after a week of repairs, officials said.\n\n"
        "Most read in World\n\n"
        "STORM WATCH\n\n"
        "Ferry 'stuck for hours' as gale hits the north coast\n\n"
        "Fishermen count losses after ‘worst winter in decades’\n\n"
        "Ships queued outside the breakwater for most of Tuesday, officials said.\n"
    )
    kept, removed = remove_residue(text)
    assert [r.kind for r in removed] == ["related stories"] + ["linked headline"] * 3
    assert "Ships queued" in "\n".join(line for _, line in kept)


def test_article_residue_page_text_block_of_headlines_at_the_end_removed():
    text = (
        "The harbour reopened on Monday after a week of repairs, officials said.\n\n"
        "Ships queued outside the breakwater for most of Tuesday, officials said.\n\n"
        "Ferry service resumes after storm\n"
        "‘We lost everything!’ fishermen tell minister, but aid is slow to come\n"
        "Lighthouse keeper retires after 40 years\n"
    )
    _, removed = remove_residue(text)
    assert [r.kind for r in removed] == ["page furniture after the article"] * 3


def test_article_residue_page_text_hard_wrapped_paragraph_is_not_a_list():
    text = (
        "The harbour reopened on Monday after a week of repairs, officials said.\n\n"
        "Ships queued outside the breakwater for most of Tuesday, officials said.\n\n"
        "The Port Authority of the northern coast\n"
        "Said It Would Publish a Report on the\n"
        "Storm damage before the end of the month.\n"
    )
    assert remove_residue(text)[1] == []


def test_article_residue_page_text_footnote_marks_removed():
    layer = read_article(
        RawArticle(
            text="Harbour reopens\n\nThe harbour reopened on Monday.[1] Ships queued outside "
            "the breakwater,[2] officials said, as table [3] of the report shows.\n",
            uri="t.txt",
        )
    )
    assert layer.text == (
        "The harbour reopened on Monday. Ships queued outside the breakwater, officials said, "
        "as table [3] of the report shows."
    )


@pytest.mark.parametrize(
    "line", ["- By Ana Ruiz", "By Ana Ruiz and Tom Baird", "By Ana Ruiz,  Example Staff"]
)
def test_article_residue_page_text_byline_inside_page_removed(line):
    assert _removed_kinds(line) == ["byline"]


def test_article_residue_page_text_byline_below_the_deck_read():
    text = (
        "Harbour reopens\n\n"
        "Crews worked through the weekend to clear the slipway before the ferries returned\n\n"
        "- By Ana Ruiz\n\n"
        "The harbour reopened on Monday after a week of repairs, the port authority said.\n"
    )
    layer = read_article(RawArticle(text=text, uri="t.txt"))
    assert layer.byline == "By Ana Ruiz"
    assert "Ana Ruiz" not in layer.text
    assert layer.text.endswith("the port authority said.")


@pytest.mark.parametrize(
    "caption",
    [
        "Divers inspect the damaged pier at the northern harbour on Monday. EPA",
        "Crews load sandbags near the lighthouse on May 5, 2025.Ana Ruiz/AFP/Getty Images",
    ],
)
def test_article_residue_page_text_caption_with_bare_credit_removed(caption):
    assert _removed_kinds(caption) == ["photo caption"]


def test_article_residue_page_text_agency_initials_run_on_at_the_end_cut():
    cut, removed = split_trailing_residue("The ferry sailed at noon. UNI")
    assert cut == "The ferry sailed at noon."
    assert [(r.kind, r.outlet) for r in removed] == [("wire signature", "UNI")]
    # a last sentence that ends on a name keeps it
    assert split_trailing_residue("The ferry sailed at noon, said Ana Ruiz.")[1] == []


def test_article_residue_page_text_editors_sign_off_removed():
    text = _BEFORE + "Ships queued outside the breakwater, officials said.\n\nab/cd (AP, dpa)\n"
    assert [r.kind for r in remove_residue(text)[1]] == ["wire signature"]


def test_article_residue_page_text_links_glued_below_the_last_paragraph_removed():
    text = (
        "The harbour reopened on Monday after a week of repairs, officials said.\n"
        "Ships queued outside the breakwater for most of Tuesday, officials said.\n"
        "Ferry service resumes after storm\n"
        "‘We lost everything!’ fishermen tell minister, but aid is slow to come\n"
        "Lighthouse keeper retires after 40 years\n"
    )
    kept, removed = remove_residue(text)
    assert [r.kind for r in removed] == ["page furniture after the article"] * 3
    assert [line for _, line in kept if line][-1].startswith("Ships queued")


def test_article_residue_page_text_picture_title_above_its_caption_removed():
    title = "Divers inspect the damaged pier at the northern harbour"
    kinds = _removed_kinds(title + "\nThe pier was hit by a storm on Sunday [EPA]")
    assert kinds == ["photo caption", "photo caption"]


def test_article_residue_page_text_headline_above_a_caption_kept():
    text = (
        "Harbour reopens after storm\n"
        "The pier was hit by a storm on Sunday [EPA]\n\n"
        "The harbour reopened on Monday after a week of repairs, officials said.\n"
    )
    layer = read_article(RawArticle(text=text, uri="t.txt"))
    assert layer.headline == "Harbour reopens after storm"
    assert "EPA" not in layer.text


def test_article_residue_page_text_line_printed_again_and_again_removed():
    kinds = _removed_kinds("Ana Ruiz\nAna Ruiz\nAna Ruiz")
    assert kinds == ["linked headline"] * 3


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Story highlights", "page navigation"),
        ("Ana RuizMonday, 5 May 2025, 16:24", "page date marker"),
        ("Ana RuizForeign affairs correspondent", "byline"),
    ],
)
def test_article_residue_page_text_flattened_page_boxes_removed(line, kind):
    text = "Harbour reopens\n\n" + line + "\n\n" + _BEFORE + _AFTER.strip() + "\n"
    assert [r.kind for r in remove_residue(text)[1]] == [kind]


def test_article_residue_page_text_syndication_tag_removed():
    layer = read_article(
        RawArticle(
            text="Harbour reopens\n\n(MENAFN- Coastline News) The harbour reopened on Monday.\n",
            uri="t.txt",
        )
    )
    assert layer.text == "The harbour reopened on Monday."
