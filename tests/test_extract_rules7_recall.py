"""Rules-7, incident recall (issue 11): constructions of news English that name an incident the rules did not read,
each a statement about the text with sentences written for the tests (and one that must not fire beside each)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract
from tests.test_extract_rules7_document import full, key  # noqa: F401  (the project's reference, a place's key)


def run_full(full, text: str, published: dt.date | None = dt.date(2024, 6, 20)):
    """Published on Thursday 20 June 2024 unless said otherwise."""
    return extract(Article(text=text, origin="test", published=published), full)


# --- dates written in an advisory's capitals ------------------------------------------------------------------------

def test_a_day_in_capitals_is_a_day(full):
    (i,) = run_full(full, "On 12 JUN 2024 a missile struck a tanker in the Red Sea.", None).incidents
    assert i.date.on == dt.date(2024, 6, 12) and i.date.precision == "day"


def test_a_day_without_its_year_takes_the_year_given_for_that_day_before(full):
    text = ("Advisory for 12-14 JUN 2024. A tanker reported an explosion on 13 JUN 2024. In 2023 the route was calm. "
            "Late on 13 JUN a drone struck a bulk carrier in the Red Sea.")
    x = run_full(full, text, None)
    assert any(i.date.on == dt.date(2024, 6, 13) and "bulk carrier" in i.span.quote for i in x.incidents), x.incidents


def test_a_bare_day_after_another_year_stays_undated(full):
    text = "In 2019 the base was quiet. In 2023 the route was calm. On 13 JUN a drone struck a bulk carrier in the Red Sea."
    (i,) = run_full(full, text, None).incidents
    assert i.date.on is None


def test_an_hour_later_is_the_same_day(full):
    text = "Rockets struck Kiryat Shmona on Tuesday. A second barrage of rockets was fired at Nahariya about an hour later."
    x = run_full(full, text)
    assert [i.date.on for i in x.incidents] == [dt.date(2024, 6, 18)] * 2, x.incidents


# --- item headings of dispatches -----------------------------------------------------------------------------------

ADVISORY = ("INCIDENTS\n"
            "3.1 14 JUN 2024, approx. 0700 UTC, Red Sea, 40NM W of Hodeidah. A bulk carrier was struck by a missile on "
            "its port side. The crew is safe.\n"
            "3.2 15 JUN 2024, 2210 UTC, Gulf of Aden, 70NM S of Aden. A tanker was hit by a drone. No one was hurt.\n")


def test_a_heading_dates_and_places_the_incident_of_its_item(full):
    x = run_full(full, ADVISORY, None)
    got = sorted((i.date.on, key(i.place)) for i in x.incidents)
    assert got == [(dt.date(2024, 6, 14), "red-sea"), (dt.date(2024, 6, 15), "gulf-of-aden")], x.incidents


def test_two_items_under_two_headings_stay_two_incidents(full):
    text = ("14 JUN 2024, Gulf of Aden. A bulk carrier was hit by a missile.\n"
            "14 JUN 2024, Gulf of Aden. A tanker reported a missile impacting the water nearby.\n")
    assert len(run_full(full, text, None).incidents) == 2


def test_a_heading_does_not_override_the_clause_s_own_day(full):
    text = "20 January, Erbil. The group said it had struck Harir air base with drones on Sunday."
    (i,) = run_full(full, text, dt.date(2024, 1, 24)).incidents
    assert i.date.on == dt.date(2024, 1, 21) and key(i.place) == "harir-air-base"


def test_a_sentence_with_a_verb_is_no_heading(full):
    text = "Officials met in Erbil on 20 January 2024. Later, a drone struck a house."
    x = run_full(full, text, None)
    assert all(i.date.on is None for i in x.incidents), x.incidents


def test_a_heading_in_another_paragraph_dates_nothing(full):
    text = "20 January 2024, Erbil.\n\nA drone struck a house, residents said."
    x = run_full(full, text, None)
    assert all(i.date.on is None for i in x.incidents), x.incidents


# --- weapons that came down, launches counted, missiles impacting ---------------------------------------------------

def test_rockets_that_fell_somewhere_are_an_attack(full):
    (i,) = run_full(full, "On June 3, two rockets fell in an empty area near Ain al-Asad air base.").incidents
    assert i.date.on == dt.date(2024, 6, 3) and key(i.place) == "ain-al-asad-air-base" and i.event_type == "attack"


def test_what_fell_after_an_interception_is_no_other_attack(full):
    text = "Rockets were fired at Kiryat Shmona on Tuesday; most were intercepted and the rest fell in open areas."
    assert len(run_full(full, text).incidents) == 1


@pytest.mark.parametrize("text", ["Markets fell sharply on Tuesday in Baghdad.", "The government fell in Beirut on Tuesday."])
def test_falling_without_a_weapon_is_no_attack(full, text):
    assert run_full(full, text).incidents == ()


def test_launches_identified_crossing_are_an_attack(full):
    text = "After sirens sounded in Metula on Tuesday, about 15 launches were identified crossing from Lebanon."
    (i,) = run_full(full, text).incidents
    assert key(i.place) == "metula" and i.date.on == dt.date(2024, 6, 18)


def test_missiles_impacting_the_water_are_an_attack(full):
    text = "On 13 June a tanker in the Gulf of Aden reported two missiles impacting the water nearby."
    (i,) = run_full(full, text).incidents
    assert key(i.place) == "gulf-of-aden"


# --- counts that are one day's events, not statistics ----------------------------------------------------------------

def test_a_count_of_attacks_on_one_day_is_no_statistic(full):
    text = "The Islamic Resistance in Iraq said it had carried out three drone attacks on Eilat on Sunday."
    x = run_full(full, text)
    assert x.statistics == () and [key(i.place) for i in x.incidents] == ["eilat"], x


def test_launches_counted_as_they_cross_are_no_statistic(full):
    x = run_full(full, "The army said about 35 launches had crossed from Lebanon toward Metula on Tuesday.")
    assert x.statistics == (), x.statistics


@pytest.mark.parametrize("text", [
    "The group has carried out 150 attacks on US forces since October 17.",
    "The Houthis have launched more than 100 attacks on merchant vessels since November 2023.",
    "Hezbollah said it had carried out 12 attacks over the weekend.",
])
def test_a_count_over_a_period_stays_a_statistic(full, text):
    assert len(run_full(full, text).statistics) == 1


# --- one more weapon of a series -----------------------------------------------------------------------------------

def test_a_third_drone_is_an_incident_of_the_series_day(full):
    text = ("Two drones struck the Conoco gas field on Tuesday, officials said. "
            "A third drone was shot down before it reached Erbil International Airport, the ministry said.")
    x = run_full(full, text)
    got = sorted((key(i.place), i.date.on) for i in x.incidents)
    assert got == [("conoco-gas-field", dt.date(2024, 6, 18)), ("erbil-international-airport", dt.date(2024, 6, 18))], x.incidents


def test_a_fourth_missile_into_the_water_is_an_incident_of_its_own(full):
    text = ("Two ships were hit by Houthi missiles in the Gulf of Aden on Monday. "
            "A fourth Houthi missile impacted the water near a tanker without causing damage, CENTCOM added.")
    x = run_full(full, text)
    assert len(x.incidents) == 2 and all(i.date.on == dt.date(2024, 6, 17) for i in x.incidents), x.incidents


def test_the_third_of_the_counted_drones_is_the_same_attack(full):
    text = ("Three drones were launched at the Green Zone on Sunday. Two were shot down; the third drone hit a house, "
            "wounding two guards.")
    assert len(run_full(full, text).incidents) == 1


def test_a_third_drone_told_alone_is_no_interception_of_an_earlier_attack(full):
    text = "A third drone was shot down near Erbil International Airport, the ministry said."
    (i,) = run_full(full, text).incidents
    assert key(i.place) == "erbil-international-airport" and i.date.on is None


# --- the scope of a plan, a wish or a hedge -------------------------------------------------------------------------

def test_a_coordinated_clause_with_its_own_time_ends_a_plan_s_scope(full):
    text = ('The group said it was pausing operations "to avoid embarrassing the government", and on Friday a US '
            'drone strike in eastern Baghdad killed a commander.')
    (i,) = run_full(full, text).incidents
    assert i.date.on == dt.date(2024, 6, 14) and key(i.place) == "baghdad"


def test_a_plan_stays_a_plan_within_its_clause(full):
    assert run_full(full, "The group said it planned to strike Erbil International Airport on Friday.").incidents == ()


def test_a_hedged_owner_of_the_drones_is_no_plan(full):
    text = ("Unidentified drones, most likely belonging to the coalition, targeted a vehicle near Abu Kamal on Friday, "
            "killing three fighters.")
    (i,) = run_full(full, text).incidents
    assert key(i.place) == "abu-kamal"


def test_a_capital_after_a_preposition_and_a_direction_is_a_place(full):
    (i,) = run_full(full, "On Friday a US drone strike in eastern Baghdad killed a commander.").incidents
    assert key(i.place) == "baghdad" and i.perpetrator.key == "united-states"


# --- an event a definite noun and its relative clause take as known -------------------------------------------------

def test_a_question_about_the_strike_that_killed_someone_keeps_the_strike(full):
    text = ("Asked whether the US had any role in the strike that killed a senior adviser near Damascus on Monday, "
            "the spokesman said it had none.")
    (i,) = run_full(full, text).incidents
    assert key(i.place) == "damascus" and i.date.on == dt.date(2024, 6, 17)


def test_a_denial_of_a_role_in_the_rocket_that_fell_keeps_the_rocket(full):
    text = "The faction denied any relation to the rocket that fell near Baghdad International Airport on Monday night."
    (i,) = run_full(full, text).incidents
    assert key(i.place) == "baghdad-international-airport"


def test_the_strikes_which_targeted_a_place_on_a_day_are_one_incident(full):
    text = ("The monitor documented more deaths among people wounded in the Israeli strikes which targeted depots near "
            "Aleppo at dawn on Friday.")
    (i,) = run_full(full, text).incidents
    assert i.date.on == dt.date(2024, 6, 14) and i.perpetrator.key == "israel"


def test_a_denial_of_the_attack_alone_names_no_incident(full):
    assert run_full(full, "The faction denied any role in the attack.").incidents == ()


def test_strikes_in_general_stay_no_incident(full):
    assert run_full(full, "The strikes that Israel carried out in Syria were condemned by Damascus.").incidents == ()


# --- two weekdays are two days, even unresolved ---------------------------------------------------------------------

def test_two_weekdays_in_an_undated_article_are_two_incidents(full):
    text = ("A drone struck a car in Baghdad on Wednesday evening. "
            "The faction denied any relation to the rocket that fell near Baghdad International Airport on Monday night.")
    assert len(run_full(full, text, None).incidents) == 2


# --- the group whose member was killed is what was attacked --------------------------------------------------------

def test_a_drone_that_killed_a_group_s_leader_struck_the_group(full):
    text = "A leader in Kataib Hezbollah was killed on Wednesday when a drone targeted his car in Baghdad."
    (i,) = run_full(full, text).incidents
    assert i.target.key == "kataib-hezbollah" and i.event_type == "airstrike"


def test_one_of_the_rockets_counted_before_is_the_same_attack(full):
    text = ("Militants fired two rockets toward Baghdad International Airport on Sunday night. One rocket fell in an "
            "empty area inside the airport perimeter, causing no losses.")
    assert len(run_full(full, text).incidents) == 1
