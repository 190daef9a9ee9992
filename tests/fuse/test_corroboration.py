"""Cross-article links: the same event from several outlets, denials and what they deny."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledger"))

from ledger_factory import article, claim, entity, event, missile_story  # noqa: E402

from newsledger.fuse import FUSION
from newsledger.fuse.corroboration import content_words, is_vague, overlap  # noqa: E402
from newsledger.ledger import queries  # noqa: E402
from newsledger.ledger.store import Ledger  # noqa: E402
from newsledger.settings import Settings  # noqa: E402


@pytest.fixture
def ledger(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'fuse.db'}"
    with Ledger.open(url, settings=Settings(db=url), fusion=FUSION) as led:
        yield led


def _strike(outlet: str, published: str, when: str | None, wording: str, target: str = "Kharkiv"):
    rec = article(wording, outlet=outlet, published=published)
    entity(rec, "Russia", "GPE", "Russian", "Moscow")
    entity(rec, target, "GPE")
    event(
        rec,
        "ATTACK",
        "struck" if "struck" in wording else "hit",
        actor="Russia",
        target=target,
        when=when,
    )
    return rec


def test_corroboration_same_event_from_three_outlets_fused(ledger: Ledger) -> None:
    ledger.add(
        _strike(
            "Wire",
            "2026-01-05",
            "2026-01-04",
            "Russian drones struck Kharkiv overnight, regional officials said, wounding six people.",
        )
    )
    ledger.add(
        _strike(
            "Post",
            "2026-01-05",
            None,
            "Moscow hit Kharkiv with a wave of drones, damaging a power station in the north of the city.",
        )
    )
    ledger.add(
        _strike(
            "Herald",
            "2026-01-06",
            "2026-01-05",
            "A Russian drone attack struck Kharkiv for the second night, the mayor said on television.",
        )
    )
    rows = queries.events(ledger, type="ATTACK").rows
    assert len({r.fused_event_id for r in rows}) == 1
    assert {(r.article_count, r.outlet_count) for r in rows} == {(3, 3)}


def test_corroboration_different_target_or_far_dates_not_fused(ledger: Ledger) -> None:
    ledger.add(
        _strike(
            "Wire",
            "2026-01-05",
            "2026-01-04",
            "Russian drones struck Kharkiv overnight, regional officials said, wounding six people.",
        )
    )
    ledger.add(
        _strike(
            "Post",
            "2026-01-05",
            "2026-01-04",
            "Russian drones struck Odesa overnight and set fire to a grain terminal at the port.",
            target="Odesa",
        )
    )
    ledger.add(
        _strike(
            "Herald",
            "2026-01-20",
            "2026-01-19",
            "Russian missiles struck Kharkiv again, two weeks after the last large attack on the city.",
        )
    )
    rows = queries.events(ledger, type="ATTACK").rows
    assert len({r.fused_event_id for r in rows}) == 3
    assert all(r.article_count == 1 for r in rows)


def test_corroboration_events_without_actor_or_target_never_fused(ledger: Ledger) -> None:
    for outlet, body in (
        ("A", "An explosion happened at a depot on Monday, police said."),
        ("B", "An explosion happened at a chemical plant on Monday, firefighters said."),
    ):
        rec = article(body, outlet=outlet, published="2026-02-02")
        event(rec, "EXPLOSION", "explosion", when="2026-02-02")
        ledger.add(rec)
    rows = queries.events(ledger).rows
    assert [r.fused_event_id for r in rows] == [None, None]


def test_corroboration_near_duplicate_not_counted(ledger: Ledger) -> None:
    ledger.add(missile_story(outlet="Wire"))
    ledger.add(missile_story(outlet="Mirror", extra="(c) Mirror 2025"))
    rows = queries.events(ledger, type="MISSILE_LAUNCH", include_near_duplicates=True).rows
    assert len(rows) == 2 and len({r.fused_event_id for r in rows}) == 1
    assert {(r.article_count, r.outlet_count) for r in rows} == {(1, 1)}


def test_corroboration_specific_denial_linked_to_allegation(ledger: Ledger) -> None:
    alleg = article(
        "Ukraine said Russian forces shelled a hospital in Kherson on Tuesday, killing two nurses.",
        outlet="Wire",
        published="2026-03-03",
    )
    entity(alleg, "Russia", "GPE", "Russian")
    entity(alleg, "Ukraine", "GPE")
    claim(
        alleg,
        "Russian forces shelled a hospital in Kherson on Tuesday, killing two nurses",
        "Ukraine",
    )
    unrelated = article(
        "Ukraine said Russian negotiators would meet in Istanbul next month for grain talks.",
        outlet="Wire",
        published="2026-03-02",
    )
    entity(unrelated, "Russia", "GPE", "Russian")
    entity(unrelated, "Ukraine", "GPE")
    claim(
        unrelated,
        "Russian negotiators would meet in Istanbul next month for grain talks",
        "Ukraine",
    )
    denial = article(
        "Russia denied its forces shelled a hospital in Kherson, the defence ministry said.",
        outlet="Post",
        published="2026-03-04",
    )
    entity(denial, "Russia", "GPE", "Russian")
    claim(denial, "its forces shelled a hospital in Kherson", "Russia", polarity="negative")
    for rec in (alleg, unrelated, denial):
        ledger.add(rec)
    [row] = queries.denials(ledger)
    assert [d.text for d in row.denies] == [alleg.claims[0].text]
    assert row.denies[0].basis == "cross-article"


def test_corroboration_allegation_after_denial_is_linked(ledger: Ledger) -> None:
    denial = article(
        "Russia denied its forces shelled a hospital in Kherson, the defence ministry said.",
        outlet="Post",
        published="2026-03-04",
    )
    entity(denial, "Russia", "GPE", "Russian")
    claim(denial, "its forces shelled a hospital in Kherson", "Russia", polarity="negative")
    ledger.add(denial)
    alleg = article(
        "Ukraine said Russian forces shelled a hospital in Kherson on Tuesday, killing two nurses.",
        outlet="Wire",
        published="2026-03-03",
    )
    entity(alleg, "Russia", "GPE", "Russian")
    claim(
        alleg,
        "Russian forces shelled a hospital in Kherson on Tuesday, killing two nurses",
        "Ukraine",
    )
    ledger.add(alleg)
    [row] = queries.claims(ledger, source="Ukraine").rows
    assert [d.outlet for d in row.denied_by] == ["Post"]


def test_corroboration_vague_denial_takes_latest_allegation_only(ledger: Ledger) -> None:
    for day, body, content in (
        (
            "2026-04-01",
            "Officials said Iran sent drones to the militia last year.",
            "Iran sent drones to the militia last year",
        ),
        (
            "2026-04-03",
            "Diplomats said Iran trained the militia's fighters near the border.",
            "Iran trained the militia's fighters near the border",
        ),
    ):
        rec = article(body, outlet="Wire", published=day)
        entity(rec, "Iran", "GPE")
        claim(rec, content, "Officials" if "Officials" in body else "Diplomats")
        ledger.add(rec)
    denial = article(
        "Iran rejected the allegations on Friday.", outlet="Post", published="2026-04-04"
    )
    entity(denial, "Iran", "GPE")
    claim(denial, "the allegations", "Iran", polarity="negative")
    ledger.add(denial)
    [row] = queries.denials(ledger)
    assert [d.text for d in row.denies] == ["Iran trained the militia's fighters near the border"]


def test_corroboration_word_scoring() -> None:
    assert "missiles" in content_words("It did not fire the missiles")
    assert "the" not in content_words("It did not fire the missiles")
    assert is_vague("denied the reports")
    assert not is_vague("its forces shelled a hospital in Kherson")
    assert (
        overlap(
            "forces shelled a hospital in Kherson", "Russian forces shelled a hospital in Kherson"
        )
        > 0.5
    )
    assert overlap("grain talks in Istanbul", "forces shelled a hospital") == 0.0


def test_corroboration_denial_naming_things_differently_linked(ledger: Ledger) -> None:
    alleg = article(
        "North Korea has supplied artillery shells and missiles to Russia since 2023, officials said.",
        outlet="Wire",
        published="2026-01-10",
    )
    entity(alleg, "North Korea", "GPE")
    entity(alleg, "Russia", "GPE")
    claim(
        alleg,
        "North Korea has supplied artillery shells and missiles to Russia since 2023",
        "officials",
    )
    treaty = article(
        "Officials said Russia and North Korea signed a partnership treaty in 2024.",
        outlet="Wire",
        published="2026-01-09",
    )
    entity(treaty, "North Korea", "GPE")
    entity(treaty, "Russia", "GPE")
    claim(treaty, "Russia and North Korea signed a partnership treaty in 2024", "Officials")
    denial = article(
        "A diplomat denied that Moscow had received ammunition and missiles from Pyongyang.",
        outlet="Post",
        published="2026-01-12",
    )
    entity(denial, "North Korea", "GPE", "Pyongyang")
    entity(denial, "Russia", "GPE", "Moscow")
    claim(
        denial,
        "Moscow had received ammunition and missiles from Pyongyang",
        "diplomat",
        polarity="negative",
    )
    for rec in (alleg, treaty, denial):
        ledger.add(rec)
    [row] = queries.denials(ledger)
    assert [d.text for d in row.denies] == [alleg.claims[0].text]


def _raid(outlet: str, wording: str, target: str | None) -> object:
    rec = article(wording, outlet=outlet, published="2026-03-10")
    entity(rec, "Russia", "GPE", "Russian")
    event(rec, "ATTACK", "attacked", actor="Russia", target=target, when="2026-03-09")
    return rec


def test_corroboration_report_without_target_joins_and_sharpens_the_event(ledger: Ledger) -> None:
    # First a report that names no target, then one that does: one event, now with a target.
    ledger.add(_raid("A", "Russian forces attacked overnight, the governor said.", None))
    ledger.add(_raid("B", "Russian drones attacked a fuel depot near the river.", "a fuel depot"))
    # A report of an attack on something else that night is another event, although the
    # first report alone could have been about either.
    ledger.add(
        _raid("C", "Russian artillery attacked border positions, troops said.", "border positions")
    )
    rows = {r.outlet: r.fused_event_id for r in queries.events(ledger, type="ATTACK").rows}
    assert rows["A"] == rows["B"] != rows["C"]


def test_corroboration_an_article_recap_joins_its_own_event(ledger: Ledger) -> None:
    rec = article(
        "Russian drones attacked a fuel depot near the river. The attack started a fire.",
        outlet="A",
        published="2026-03-10",
    )
    entity(rec, "Russia", "GPE", "Russian")
    event(rec, "ATTACK", "attacked", actor="Russia", target="a fuel depot", when="2026-03-09")
    event(rec, "ATTACK", "attack", actor="Russia", when="2026-03-09")
    ledger.add(rec)
    ledger.add(
        _raid("B", "Russian artillery attacked border positions, troops said.", "border positions")
    )
    rows = queries.events(ledger, type="ATTACK").rows
    by_trigger = {(r.outlet, r.trigger): r.fused_event_id for r in rows}
    assert by_trigger[("A", "attacked")] == by_trigger[("A", "attack")]
    assert by_trigger[("B", "attacked")] != by_trigger[("A", "attacked")]
