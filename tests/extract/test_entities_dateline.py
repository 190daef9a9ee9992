"""A wire dateline names the agency that filed the story and the city it came from."""

from __future__ import annotations

from newsledger import extract


def _entities(text: str) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    record = extract(text, reference_date="2026-03-02")
    return {e.name: (e.type, e.mentions) for e in record.entities}


def test_entities_dateline_agency_and_city_are_entities_without_mentions():
    found = _entities(
        "HANOI, March 2 (Xinhua) -- Vietnam and Laos signed a border accord on Monday.\n"
    )
    assert found["Xinhua News Agency"] == ("ORG", [])
    assert found["Hanoi"] == ("GPE", [])


def test_entities_dateline_city_named_in_the_body_is_not_added_twice():
    found = _entities(
        "HANOI, March 2 (Xinhua) -- Officials in Hanoi said Vietnam and Laos signed an accord.\n"
    )
    assert [name for name in found if name == "Hanoi"] == ["Hanoi"]
    assert found["Hanoi"][1]  # the body's mention, not an empty one


def test_entities_dateline_without_a_known_agency_adds_nothing():
    bare = _entities("HANOI, March 2 - Vietnam and Laos signed a border accord on Monday.\n")
    coded = _entities("HANOI, March 2 (QRX) - Vietnam and Laos signed a border accord.\n")
    assert "Hanoi" not in bare and "Hanoi" not in coded
    assert "QRX" not in coded
