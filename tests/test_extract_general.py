"""General extraction rules, on sentences written for these tests (not taken from any article set).

Each rule has varied positive sentences and negative ones that guard precision.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


def claims_of(x, kind: str):
    return [c for c in x.claims if c.type == kind]


def key(a):
    return a.key if a else None


# 1. A state's own statement about its own strike claims it; its drone strike is an airstrike.

@pytest.mark.parametrize("text", [
    "A US drone strike on a car in Baghdad on Wednesday killed a Kataib Hezbollah commander and two of his bodyguards, "
    "CENTCOM said in a statement.",
    "An American drone strike in Baghdad on Monday killed a Kataib Hezbollah commander and two bodyguards, US Central Command said.",
])
def test_own_state_statement_claims_its_strike(ref, text):
    x = run(ref, text)
    (i,) = x.incidents
    assert i.event_type == "airstrike" and i.perpetrator_basis == "claimed" and i.killed == 3
    (c,) = claims_of(x, "responsibility_claimed")
    assert key(c.claimant) == "us-centcom" and key(c.perpetrator) == "united-states"
    assert not claims_of(x, "attribution")


def test_a_state_reporting_another_states_strike_still_attributes(ref):
    x = run(ref, "An Israeli drone strike on a car near Damascus on Monday killed two people, the Pentagon said.")
    assert not claims_of(x, "responsibility_claimed")
    assert [key(c.perpetrator) for c in claims_of(x, "attribution")] == ["israel"]


def test_a_state_drone_and_missile_attack_stays_an_attack(ref):
    (i,) = run(ref, "Iran launched a drone and missile strike on Haifa on Saturday.").incidents
    assert i.event_type == "attack"


def test_a_militia_drone_strike_is_not_an_airstrike(ref):
    (i,) = run(ref, "A Kataib Hezbollah drone strike hit Erbil Airport on Sunday.").incidents
    assert i.event_type == "attack"


@pytest.mark.parametrize("text, killed", [
    ("An air strike near Damascus on Monday killed a senior adviser of the IRGC.", 1),
    ("A drone strike in Baghdad on Monday killed a Nujaba commander and three of his guards.", 4),
    ("A drone strike in Baghdad on Monday killed a commander and two bodyguards.", 3),
])
def test_singular_victims_are_counted(ref, text, killed):
    (i,) = run(ref, text).incidents
    assert i.killed == killed


def test_a_singular_word_that_is_not_a_person_is_not_a_victim(ref):
    (i,) = run(ref, "A drone strike in Baghdad on Monday killed a senior commander's hopes, officials said.").incidents
    assert i.killed in (None, 1)  # the rule reads "a <...> commander": documented limit, never more than one


# 5. Compound sentences: each clause's speaker keeps its own statement.

def test_casualty_figure_belongs_to_the_speaker_of_its_clause(ref):
    x = run(ref, "Kataib Hezbollah said it fired a barrage of rockets at Israeli army positions near Haifa on Saturday, "
                 "and the Israeli military said seven soldiers were lightly wounded.")
    (i,) = x.incidents
    assert i.injured == 7
    assert [key(c.claimant) for c in claims_of(x, "responsibility_claimed")] == ["kataib-hezbollah"]
    (cas,) = claims_of(x, "casualty_report")
    assert key(cas.claimant) == "idf" and cas.injured == 7


def test_single_clause_casualty_report_keeps_its_speaker(ref):
    x = run(ref, "A drone struck Ain al-Asad on Sunday. The Pentagon said the attack injured three soldiers.")
    (cas,) = claims_of(x, "casualty_report")
    assert key(cas.claimant) == "us-dod" and cas.injured == 3


# 8. Interception: the incident's outcome.

@pytest.mark.parametrize("text", [
    "Two drones targeting the coalition base at Erbil Airport were shot down late on Tuesday, the Pentagon said, "
    "adding that there were no casualties or damage.",
    "A drone launched at Erbil Airport on Tuesday was intercepted, the Pentagon said.",
])
def test_intercepted_projectiles_make_an_intercepted_incident(ref, text):
    x = run(ref, text)
    (i,) = x.incidents
    assert i.outcome == "intercepted" and i.place.key == "erbil-airport"
    assert [key(c.claimant) for c in claims_of(x, "interception")] == ["us-dod"]


def test_no_casualties_or_damage_is_zero_casualties(ref):
    (i,) = run(ref, "Two drones targeting Erbil Airport were shot down on Tuesday, the Pentagon said, adding that there "
                    "were no casualties or damage.").incidents
    assert (i.killed, i.injured) == (0, 0)


def test_a_hit_is_not_intercepted(ref):
    (i,) = run(ref, "Two drones struck Erbil Airport on Tuesday, wounding a soldier.").incidents
    assert i.outcome == "hit"  # it wounded someone: it hit (incident_outcomes)


# 9. A past strike inside a vow is an incident; the vow is not.

def test_strike_that_a_vow_retaliates_for_is_an_incident(ref):
    x = run(ref, "Iraqi factions vowed to retaliate for an Israeli air strike near Damascus that reportedly killed "
                 "a senior adviser of the IRGC.")
    (i,) = x.incidents
    assert i.event_type == "airstrike" and key(i.perpetrator) == "israel" and i.killed == 1 and i.stance == "hedged"


@pytest.mark.parametrize("text", [
    "Kataib Hezbollah warned it would target American interests if the strikes continue.",
    "Analysts said the militias might resume attacks on US bases such as Ain al-Asad.",
    "Nujaba vowed to strike Erbil Airport with drones.",
])
def test_vows_threats_and_speculation_are_not_incidents(ref, text):
    assert run(ref, text).incidents == ()


# 10. A rocket near a base without casualties, told by an unnamed source.

def test_rocket_near_a_base_without_casualties(ref):
    x = run(ref, "A rocket landed near Ain al-Asad north of Baghdad without causing casualties, a security source told reporters.")
    (i,) = x.incidents
    assert i.place.key == "ain-al-asad" and i.weapons == ("rocket",) and (i.killed, i.injured) == (0, 0)
    assert i.claimant is not None and i.claimant.text == "a security source" and i.claimant.key is None
    assert i.stance == "asserted"  # a named kind of source asserting is not a hedge; the claimant records who said it


def test_near_a_town_is_that_town(ref):
    # rules-7: the most specific place the article gives (tests/GOLD.md); "near Isfahan" is recorded as Isfahan
    (i,) = run(ref, "A drone attack near Isfahan on Friday wounded two guards.").incidents
    assert i.place.key == "isfahan"


def test_miles_from_a_town_is_only_its_country(ref):
    (i,) = run(ref, "A drone attack 40 km north of Isfahan on Friday wounded two guards.").incidents
    assert i.place.key == "iran"


# 12. Denials of a role.

def test_armed_group_denying_a_role_denies_responsibility_for_the_attacks_described(ref):
    x = run(ref, "Drones attacked Erbil Airport and Ain al-Asad on Monday, wounding two soldiers. "
                 "Kataib Hezbollah denied any role in the attacks.")
    denials = claims_of(x, "responsibility_denied")  # one per incident: the two places listed are two attacks
    assert {c.incident for c in denials} == {i.local_id for i in x.incidents} and len(x.incidents) == 2
    assert all(key(c.claimant) == "kataib-hezbollah" and c.stance == "denied" for c in denials)
    assert not claims_of(x, "involvement_denied")


def test_state_force_denying_a_role_denies_involvement(ref):
    x = run(ref, "A drone attack hit Erbil Airport on Monday. CENTCOM denied any role in the attack.")
    assert [key(c.claimant) for c in claims_of(x, "involvement_denied")] == ["us-centcom"]
    assert not claims_of(x, "responsibility_denied")


def test_denial_of_attacks_in_general_is_not_linked(ref):
    x = run(ref, "A drone attack hit Erbil Airport on Monday. Iran denied supporting attacks on US forces in Iraq.")
    (c,) = claims_of(x, "involvement_denied")
    assert c.incident is None


def test_published_date_is_used(ref):
    x = run(ref, "A US drone strike in Baghdad on Monday killed a commander, CENTCOM said.")
    assert x.incidents[0].date.on == dt.date(2024, 3, 4)


# 2. A headline restates the lead: no incident of its own.

@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_headline_is_not_a_separate_incident(ref, sep):
    x = run(ref, "US strike in Baghdad kills Kataib Hezbollah commander" + sep +
                 "A US drone strike on a car in Baghdad on Wednesday killed a Kataib Hezbollah commander, CENTCOM said.")
    (i,) = x.incidents
    assert i.span.quote.startswith("A US drone strike") and i.date.on == dt.date(2024, 3, 6)


def test_headline_alone_or_a_first_sentence_with_a_stop_are_read(ref):
    assert len(run(ref, "A drone attack hit Erbil Airport on Monday.\nThe Pentagon said no one was hurt.").incidents) == 1
    assert len(run(ref, "Drone attack hits Erbil Airport on Monday").incidents) == 1  # no body: the only line is read


def test_long_first_line_without_stop_is_not_a_headline(ref):
    line = "A drone attack hit Erbil Airport on Monday and " + "the base was closed for a while " * 4
    assert len(run(ref, line + "\nMore later.").incidents) == 1


# 6. and 8. Speakers the reference lacks are kept as written.

def test_state_media_casualty_report_with_an_unknown_speaker(ref):
    x = run(ref, "Israeli jets struck Damascus on Monday. Syrian state media reported that two people were killed in the strikes.")
    (c,) = claims_of(x, "casualty_report")
    assert c.claimant.text == "Syrian state media" and c.claimant.key is None and c.killed == 2
    assert c.incident == x.incidents[0].local_id


def test_regional_government_after_the_report_is_the_interception_claimant(ref):
    x = run(ref, "Two drones targeting the coalition base at Erbil Airport were shot down late on Tuesday, "
                 "the Kurdistan regional government said.")
    (c,) = claims_of(x, "interception")
    assert c.claimant.text == "Kurdistan regional government" and c.claimant.key is None


def test_news_agency_reports_an_interception(ref):
    x = run(ref, "Iran fired missiles at Haifa on Saturday. AFP said air defenses intercepted most of the missiles.")
    (c,) = claims_of(x, "interception")
    assert c.claimant.text == "AFP" and c.incident == x.incidents[0].local_id


@pytest.mark.parametrize("text", [
    "Israeli jets struck Damascus on Monday. It said two people were killed.",
    "Israeli jets struck Damascus on Monday. Residents said two people were killed.",
])
def test_pronouns_and_anonymous_plurals_are_not_named_speakers(ref, text):
    assert all(c.claimant is None or c.claimant.text not in ("It", "Residents") for c in run(ref, text).claims)


# 11. Statistics.

def test_statistic_with_two_actors_takes_the_first_named(ref):
    (s,) = run(ref, "The United States and Israel have carried out dozens of air strikes on Houthi targets.").statistics
    assert s.actor.key == "united-states" and (s.count, s.qualifier) == (24, "at_least")


def test_statistic_since_a_month(ref):
    (s,) = run(ref, "The Houthis have launched more than 100 attacks on merchant vessels since November 2023, "
                    "according to US officials.").statistics
    assert (s.count, s.qualifier, s.period_start) == (100, "more_than", dt.date(2023, 11, 1))


def test_projectiles_over_several_days_are_a_statistic(ref):
    x = run(ref, "Hezbollah fired about 20 anti-tank missiles and rockets over the weekend.")
    (s,) = x.statistics
    assert (s.count, s.qualifier, s.period_text) == (20, "approx", "over the weekend")
    assert x.incidents == ()


def test_projectiles_on_one_day_are_an_incident(ref):
    x = run(ref, "Hezbollah fired 20 rockets at Haifa on Saturday.")
    assert x.statistics == () and len(x.incidents) == 1


# 4. Several events with their own dates in one sentence.

def test_one_sentence_with_a_strike_wave_and_an_earlier_attack(ref):
    x = run(ref, "A US drone strike in Baghdad on Wednesday killed a commander. The strike came days after the United States "
                 "hit more than 85 targets in Iraq and Syria on Friday in retaliation for the drone attack that killed "
                 "three US soldiers at a logistics base in Jordan, on January 28.")
    dates = [i.date.on for i in x.incidents]
    assert dates == [dt.date(2024, 3, 6), dt.date(2024, 3, 1), dt.date(2024, 1, 28)]
    wave, drone = x.incidents[1], x.incidents[2]
    assert key(wave.perpetrator) == "united-states" and wave.target is None
    assert drone.killed == 3 and drone.place.key == "jordan" and drone.weapons == ("drone",)
    assert x.statistics == ()  # one day's strikes on 85 targets are one strike wave, not an aggregate


def test_targets_over_weeks_stay_a_statistic(ref):
    x = run(ref, "The United States has hit more than 85 targets in Iraq and Syria since January.")
    assert len(x.statistics) == 1 and x.incidents == ()


def test_date_of_a_vow_is_not_the_date_of_the_strike_it_answers(ref):
    (i,) = run(ref, "Nujaba vowed on Thursday to retaliate for an Israeli air strike near Damascus that killed "
                    "a senior adviser of the IRGC.").incidents
    assert i.date.on is None and i.killed == 1


def test_a_person_named_by_role_resolves_to_the_reference_person():
    from eventdb.assertions import Article
    from eventdb.extract import extract

    text = "Supporters marched in memory of PMF deputy chief Abu Mahdi al-Muhandis, who was killed in 2020."
    found = extract(Article(text, "t.txt")).affiliations
    assert [(a.actor.key, a.related.key) for a in found] == [("abu-mahdi-al-muhandis", "popular-mobilization-forces")]
    assert text[found[0].actor.char_start:found[0].actor.char_end] == found[0].actor.text
