"""Bodies every state has ("Defence Ministry", "Coast Guard") named for two states in one
article stay two bodies, and a description naming its own state is not the other state's body.
The passages are the team's own."""

from __future__ import annotations

from newsledger import extract

CLASH = (
    "The Georgian Defence Ministry said Russian troops had opened fire on Sunday. "
    "Russia's Defence Ministry denied the report and said Georgian forces fired first. "
    "China's Coast Guard said it had expelled the boats from the shoal. "
    "The Philippine coast guard said its vessels were rammed."
)


def _sources(text: str) -> dict[str, str]:
    record = extract(text, reference_date="2031-04-02")
    return {c.text: c.sources[-1].name for c in record.claims if c.sources}


def test_entities_owned_bodies_each_state_keeps_its_ministry() -> None:
    record = extract(CLASH, reference_date="2031-04-02")
    ministries = sorted(e.name for e in record.entities if "Defence Ministry" in e.name)
    assert len(ministries) == 2, ministries
    said = _sources(CLASH)
    assert "Russia" in said["Georgian forces fired first"]


def test_entities_owned_bodies_a_description_with_its_own_state_is_not_the_other() -> None:
    said = _sources(CLASH)
    assert said["its vessels were rammed"] == "the Philippine coast guard"
    assert said["it had expelled the boats from the shoal"] == "China's Coast Guard"


def test_entities_owned_bodies_glued_brackets_and_hyphens_split_names() -> None:
    record = extract(
        "The Democratic People’s Republic of Korea(DPRK) fired a missile, and the "
        "U.S.-South Korea drills went ahead.",
        reference_date="2031-04-02",
    )
    names = {e.name for e in record.entities}
    assert {"North Korea", "United States", "South Korea"} <= names, names


def test_entities_owned_bodies_a_title_hyphened_after_its_full_stop_stays_whole() -> None:
    record = extract(
        "The U.S.-South Korea drills went ahead, said the army chief, Lt.-Gen Tukur Buratai.",
        reference_date="2031-04-02",
    )
    names = {e.name for e in record.entities}
    assert {"United States", "South Korea", "Tukur Buratai"} <= names, names


def test_entities_owned_bodies_a_lower_case_ministry_after_its_state_is_an_organisation() -> None:
    record = extract(
        "The Chilean foreign ministry said the talks had stalled. A Peruvian defence ministry "
        "spokesman said troops were ready.",
        reference_date="2031-04-02",
    )
    organisations = [e.name for e in record.entities if e.type == "ORG"]
    assert organisations == ["Chilean foreign ministry"]  # the second modifies "spokesman"
