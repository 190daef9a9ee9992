"""Where reports of one event disagree (newsledger.fuse.contradictions)."""

from __future__ import annotations

from newsledger.fuse.contradictions import Report, counts, find_contradictions


def test_counts_reads_digits_words_and_thousands() -> None:
    assert counts("Shelling killed eleven civilians and wounded 1,300 residents on Friday.") == {
        "civilian": 11,
        "resident": 1300,
    }
    # durations and dates are not counts of the event
    assert counts("The siege lasted 40 days and ended 3 weeks ago.") == {}


def test_reports_that_agree_have_no_contradiction() -> None:
    reports = [
        Report("a", "Wire", "actual", "Artillery killed four soldiers near the pass."),
        Report("b", "Post", "actual", "Four soldiers died in the shelling, officials said."),
    ]
    assert find_contradictions(reports) == []


def test_different_counts_modalities_and_denials_are_listed() -> None:
    reports = [
        Report("a", "Wire", "actual", "Artillery killed four soldiers near the pass."),
        Report("b", "Post", "actual", "Six soldiers died in the shelling, the army said."),
        Report("c", "Daily", "negated", "The ministry said no shelling took place near the pass."),
    ]
    found = find_contradictions(
        reports, [("c", "no shelling took place", "a", "Artillery killed four soldiers")]
    )
    kinds = {c.kind: c for c in found}
    assert set(kinds) == {"modality", "denial", "count"}
    assert kinds["count"].detail == "soldier: 4 (Wire), 6 (Post)"
    assert kinds["count"].article_ids == ["a", "b"]
    assert "negated in Daily" in kinds["modality"].detail
    assert kinds["denial"].article_ids == ["c", "a"]
