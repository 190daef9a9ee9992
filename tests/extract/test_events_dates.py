"""Event time and voice: the lead's main event on the article's day, the narrator's 'we'."""

from __future__ import annotations

import pytest

from newsledger.extract.entities import extract_entities
from newsledger.extract.entity_index import EntityIndex
from newsledger.extract.events import extract_events
from newsledger.records import Claim, SourceRef
from tests.extract.test_events import ANCHOR, of_type, one, run, timex


def test_events_dates_lead_main_event_takes_the_article_day(nlp):
    text = "Norway is expelling two Russian diplomats. Oslo has long resisted the step."
    expel = one(run(nlp, text), "SANCTION")
    assert expel.time is not None and expel.time.value == ANCHOR.isoformat()


def test_events_dates_a_later_sentence_does_not_take_the_article_day(nlp):
    text = "The border was calm. Norway expelled two Russian diplomats."
    expel = one(run(nlp, text), "SANCTION")
    assert expel.time is None or expel.time.value != ANCHOR.isoformat()


def test_events_dates_a_named_time_beats_the_article_day(nlp):
    text = "Norway expelled two Russian diplomats on Monday."
    times = [timex(text, "Monday", "2025-12-22")]
    expel = one(run(nlp, text, times), "SANCTION")
    assert expel.time is not None and expel.time.value == "2025-12-22"


def test_events_dates_narrators_we_is_the_party_acting_most(nlp):
    text = (
        "Denmark imposed sanctions on three shipping firms. "
        "Denmark also sanctioned their owners. "
        "We will continue to cooperate with our partners."
    )
    assert one(run(nlp, text), "COOPERATION").actor == "Denmark"


def _with_source(nlp, text: str, start: int, end: int, speaker: str) -> list:
    doc = nlp(text)
    index = EntityIndex(extract_entities(doc))
    person = next(e for e in index.entities if e.name == speaker)
    claim = Claim(text=text[start:end], span=(start, end), sources=[SourceRef(speaker, person.id)])
    return extract_events(doc, index, [], [claim], ANCHOR)


def test_events_dates_an_officials_statement_we_is_their_state_but_a_quoted_we_is_them(nlp):
    text = (
        "Mary Holt issued a statement. "
        "Denmark imposed sanctions on three shipping firms. "
        "We will continue to cooperate with our partners."
    )
    events = _with_source(nlp, text, 30, len(text), "Mary Holt")
    assert one(events, "COOPERATION").actor == "Denmark"
    quoted = 'Mary Holt said: "We will cooperate with our partners."'
    start = quoted.index("We")
    events = _with_source(nlp, quoted, start, len(quoted) - 2, "Mary Holt")
    assert one(events, "COOPERATION").actor == "Mary Holt"


def test_events_dates_alleged_plans_are_hypothetical(nlp):
    text = "A magazine reported on alleged plans for a Chilean attack on Peru."
    assert one(run(nlp, text), "ATTACK").modality == "hypothetical"


def test_events_dates_the_threat_of_an_attack_is_no_attack(nlp):
    text = "Farmers near the border live with the threat of attack by Chile."
    assert all(e.modality != "actual" for e in of_type(run(nlp, text), "ATTACK"))


def test_events_dates_banning_a_named_company_is_a_sanction(nlp):
    text = "Austria banned the Syrian airline Cham Wings from its airspace."
    assert one(run(nlp, text), "SANCTION").actor == "Austria"


def test_events_dates_recent_and_ongoing_nominals(nlp):
    text = "The border was calm. Chile condemned Peru's recent missile attack on Arica."
    assert one(run(nlp, text), "ATTACK").time.value == "PAST_REF"
    text = "The border was calm. Chile condemned Peru's ongoing development of nuclear weapons."
    assert one(run(nlp, text), "WEAPONS_DEVELOPMENT").time.value == "PRESENT_REF"


def test_events_dates_a_participle_shares_its_clause_time(nlp):
    text = "The border was calm. Peruvian troops joined the fighting on Sunday, firing mortars."
    times = [timex(text, "Sunday", "2025-12-21")]
    assert one(run(nlp, text, times), "ATTACK").time.value == "2025-12-21"


def test_events_dates_a_reported_lead_in_the_perfect_is_today(nlp):
    text = "Norway has expelled two Russian diplomats, the foreign minister said."
    expel = one(run(nlp, text), "SANCTION")
    assert expel.time is not None and expel.time.value == ANCHOR.isoformat()


def test_events_dates_a_weekday_of_an_event_that_did_not_happen_is_the_past_one(nlp):
    text = "Officials said the army did not fire on the protesters on Monday."
    times = [timex(text, "Monday", "2025-12-22")]
    fire = one(run(nlp, text, times), "ATTACK")
    assert fire.modality == "negated"
    assert fire.time is not None and fire.time.value == "2025-12-22"


def test_events_dates_a_weekday_of_an_alleged_past_act_is_the_past_one(nlp):
    text = "Belgium was accused of shelling the convoy on Monday."
    times = [timex(text, "Monday", "2025-12-22")]
    shelling = one(run(nlp, text, times), "ATTACK")
    assert shelling.time is not None and shelling.time.value == "2025-12-22"


def test_events_dates_a_weekday_under_a_modal_is_the_coming_one(nlp):
    text = "The army will not attack the town on Monday."
    times = [timex(text, "Monday", "2025-12-22")]
    attack = one(run(nlp, text, times), "ATTACK")
    assert attack.time is not None and attack.time.value == "2025-12-29"


def test_events_dates_a_purpose_infinitive_happens_at_its_clauses_time(nlp):
    text = "In March the Chilean frigates sailed north to stage a joint drill with Peru."
    times = [timex(text, "March", "2025-03")]
    drill = one(run(nlp, text, times), "MILITARY_EXERCISE")
    assert drill.time is not None and drill.time.value == "2025-03"


def test_events_dates_a_relative_clause_keeps_its_own_time(nlp):
    text = "On Monday Chile hosted the navies that had staged a joint drill."
    times = [timex(text, "Monday", "2025-12-22")]
    drill = one(run(nlp, text, times), "MILITARY_EXERCISE")
    assert drill.time is None or drill.time.value != "2025-12-22"


def test_events_dates_a_when_clause_happens_at_its_governing_clauses_time(nlp):
    text = "Three guards were wounded on Friday when gunmen attacked a police post near Kano."
    times = [timex(text, "Friday", "2025-12-26")]
    attack = [e for e in of_type(run(nlp, text, times=times), "ATTACK") if e.trigger == "attacked"]
    assert attack and attack[0].time is not None and attack[0].time.value == "2025-12-26"


def test_events_dates_an_after_clause_keeps_its_own_time(nlp):
    text = "Three guards were wounded on Friday after gunmen attacked a police post near Kano."
    times = [timex(text, "Friday", "2025-12-26")]
    attack = [e for e in of_type(run(nlp, text, times=times), "ATTACK") if e.trigger == "attacked"]
    assert attack and (attack[0].time is None or attack[0].time.value != "2025-12-26")


def test_events_dates_a_point_of_comparison_lends_its_date_to_nothing(nlp):
    # "since ... in 2009" compares; the raids the next sentence tells are not from 2009
    text = (
        "The shelling was the heaviest since the two armies fought a short war in 2009. "
        "Chile condemned the Peruvian raids."
    )
    events = run(nlp, text, [timex(text, "2009", "2009")])
    [raids] = [e for e in events if e.trigger == "raids"]
    assert raids.time is None or raids.time.value != "2009"


def test_events_dates_an_elaboration_still_takes_the_dated_mention(nlp):
    text = "Chile shelled the border post in 2009. Peru said the raids killed three soldiers."
    events = run(nlp, text, [timex(text, "2009", "2009")])
    [killed] = [e for e in events if e.trigger == "killed"]
    assert killed.time is not None and killed.time.value == "2009"


def test_events_dates_a_ranked_event_is_not_dated_by_what_it_is_ranked_against(nlp):
    # "the heaviest shelling since 2015": 2015 is the point of comparison, not the shelling
    text = "Peru launched the heaviest shelling since 2015 on the border post."
    times = [timex(text, "2015", "2015")]
    shelling = one(run(nlp, text, times), "ATTACK")
    assert shelling.time is None or shelling.time.value != "2015"
    text = "Peru launched the shelling in 2015."
    shelling = one(run(nlp, text, [timex(text, "2015", "2015")]), "ATTACK")
    assert shelling.time is not None and shelling.time.value == "2015"


def test_events_dates_a_relative_clause_telling_the_event_dates_it(nlp):
    text = "These measures build on the sanctions Canada imposed last month on Iranian firms."
    times = [timex(text, "last month", "2025-11")]
    sanctions = one(run(nlp, text, times), "SANCTION")
    assert sanctions.time is not None and sanctions.time.value == "2025-11"


def test_events_dates_a_participle_going_on_with_the_act_dates_it(nlp):
    # "saying on Thursday": the condemnation and what it said were one act, on Thursday
    text = "Chile condemned the raids, saying on Thursday that the attackers would be caught."
    times = [timex(text, "Thursday", "2025-12-25")]
    condemned = one(run(nlp, text, times), "ACCUSE")
    assert condemned.time is not None and condemned.time.value == "2025-12-25"


def test_events_dates_a_participle_dates_the_act_only_by_a_date(nlp):
    # "now belonging to ...": a vague "now" in the participle is no date of the meeting
    text = (
        "The guards fired. Chile met Peru at a guest house, now belonging to the Foreign Ministry."
    )
    times = [timex(text, "now", "PRESENT_REF")]
    met = one(run(nlp, text, times), "TALKS")
    assert met.time is None or met.time.value != "PRESENT_REF"


@pytest.mark.parametrize(
    ("text", "etype", "phrase", "value"),
    [
        (
            "The navy held drills that began on Monday off the northern coast.",
            "MILITARY_EXERCISE",
            "Monday",
            "2025-12-22",
        ),
        (
            "Villagers described the army's shelling, which took place on Thursday, as the worst in years.",
            "ATTACK",
            "Thursday",
            "2025-12-25",
        ),
    ],
)
def test_events_dates_a_relative_clause_of_occurrence_dates_its_noun(
    nlp, text, etype, phrase, value
):
    event = one(run(nlp, text, [timex(text, phrase, value)]), etype)
    assert event.time is not None and event.time.value == value


def test_events_dates_a_relative_clause_of_another_act_does_not(nlp):
    text = "Villagers described the army's shelling, which drew protests on Thursday, as the worst."
    event = one(run(nlp, text, [timex(text, "Thursday", "2025-12-25")]), "ATTACK")
    assert event.time is None or event.time.value != "2025-12-25"


def test_events_dates_an_act_reacted_to_does_not_take_the_reactions_day(nlp):
    text = "Pyongyang on Thursday condemned a US-South Korea military drill as war preparedness."
    drill = one(run(nlp, text, [timex(text, "Thursday", "2025-12-25")]), "MILITARY_EXERCISE")
    assert drill.time is None or drill.time.value not in {"2025-12-25", ANCHOR.isoformat()}
    condemn = one(run(nlp, text, [timex(text, "Thursday", "2025-12-25")]), "ACCUSE")
    assert condemn.time is not None and condemn.time.value == "2025-12-25"


def test_events_dates_a_reacted_to_act_keeps_a_date_of_its_own_phrase(nlp):
    text = "Seoul on Monday condemned Pyongyang's Sunday missile test."
    times = [timex(text, "Monday", "2025-12-22"), timex(text, "Sunday", "2025-12-21")]
    test = one(run(nlp, text, times), "WEAPONS_TEST")
    assert test.time is not None and test.time.value == "2025-12-21"


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        (
            "The border was quiet. Peru has reinforced its frontier, deploying two more brigades.",
            "DEPLOYMENT",
        ),
    ],
)
def test_events_dates_the_perfect_reaches_a_participle_going_on_with_it(nlp, text, etype):
    event = one(run(nlp, text), etype)
    assert event.time is not None and event.time.value == "PAST_REF"
