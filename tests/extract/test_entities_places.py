"""Places with a government beyond states and capitals: major cities, first-level divisions and
de facto states from ``places.jsonl``."""

from __future__ import annotations

import json

from newsledger.extract.entities import extract_entities
from newsledger.extract.entities_gazetteer import DATA_PATH, load_gazetteer


def places() -> list[dict]:
    text = (DATA_PATH / "places.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def entities(nlp, text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract_entities(nlp(text))}


def test_entities_places_are_governed_places_with_a_kind_and_no_duplicate_name():
    rows = places()
    assert {r["type"] for r in rows} == {"GPE"}
    assert {r["kind"] for r in rows} <= {"city", "region", "de_facto_state"}
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))


def test_entities_places_never_rename_a_state_or_capital():
    gaz = load_gazetteer()
    capitals = set(gaz.capital_of)
    for row in places():
        for form in [row["name"], *row.get("aliases", ())]:
            assert form not in capitals, form
            refs = gaz.exact.get(form, [])
            assert all(key == f"GPE/{row['name']}" for _, key in refs), (form, refs)


def test_entities_a_major_city_is_a_place_whatever_the_ner_says(nlp):
    found = entities(
        nlp, "Shops reopened in Mashhad and Erbil on Monday, while Kharkiv stayed under curfew."
    )
    assert found.get("Mashhad") == "GPE"
    assert found.get("Erbil") == "GPE"
    assert found.get("Kharkiv") == "GPE"


def test_entities_spelling_variants_of_a_city_are_one_entity(nlp):
    found = extract_entities(nlp("Odessa's port was quiet. Ships left Odesa at dawn on Friday."))
    ports = [e for e in found if e.name == "Odesa"]
    assert len(ports) == 1 and ports[0].type == "GPE"
    assert "Odessa's" in ports[0].aliases or "Odessa" in ports[0].aliases


def test_entities_a_province_is_a_place(nlp):
    found = entities(nlp, "Floods hit Sindh and Balochistan, officials in Karachi said.")
    assert found.get("Sindh") == "GPE" and found.get("Balochistan") == "GPE"


def test_entities_a_de_facto_state_takes_its_adjective(nlp):
    found = extract_entities(
        nlp("Abkhaz officials met envoys from Abkhazia's neighbours on Tuesday.")
    )
    abkhazia = [e for e in found if e.name == "Abkhazia"]
    assert len(abkhazia) == 1 and abkhazia[0].type == "GPE"
    assert not any(e.type == "NORP" for e in found)


def test_entities_a_city_does_not_qualify_an_organisation_as_a_state_does():
    gaz = load_gazetteer()
    assert "iran" in gaz.state_forms and "iranian" in gaz.state_forms
    assert "mashhad" not in gaz.state_forms and "sindh" not in gaz.state_forms


def test_entities_a_city_that_is_also_a_given_name_is_marked_so():
    # the NER's PERSON reading of exactly that word wins (merge_with_ner, as for "Chad")
    given = load_gazetteer().given_names
    assert {"Sydney", "Dallas", "Virginia"} <= given
    assert "Karachi" not in given
