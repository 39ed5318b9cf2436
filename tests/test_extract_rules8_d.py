"""Rules-8, area d: casualty reports, tolls and statistics.

Sentences written for these tests (not taken from any article set); the default reference is used, as the
extractor does on real articles. Each test states one behaviour."""

from __future__ import annotations

import datetime as dt

from eventdb.assertions import Article
from eventdb.extract import extract
from eventdb.extract.layout import article_sentences, headline_end
from eventdb.extract.lexicon import default_lexicon
from tests.test_extract_incidents5 import reference, run  # noqa: F401  (the module's fixture and helper)

PUB = dt.date(2024, 3, 5)  # a Tuesday


def stats(reference, text: str):
    return {(s.count, s.actor.key if s.actor else None) for s in run(reference, text, PUB).statistics}


# --- casualty tallies over a period are statistics -----------------------------------------------------------------

def test_a_running_toll_and_its_included_part_are_statistics_of_the_attackers(reference):
    got = stats(reference, "Since mid-October, Israeli strikes in Syria have killed about 120 people, including about 35 civilians.")
    assert {(120, "israel"), (35, "israel")} <= got


def test_a_listed_running_toll_gives_each_count(reference):
    got = stats(reference, "Across the border, Hezbollah attacks have killed 14 soldiers and nine civilians since January.")
    assert {(14, "hezbollah"), (9, "hezbollah")} <= got


def test_a_passive_running_toll_names_no_actor(reference):
    x = run(reference, "Since the war began, Israeli strikes in Lebanon have killed 90 people. On the Israeli side, "
                       "seven soldiers and three civilians have been killed, according to the army.", PUB)
    got = {(s.count, s.actor.key if s.actor else None) for s in x.statistics}
    assert {(7, None), (3, None)} <= got
    assert not [c for c in x.claims if c.type == "casualty_report"]  # a tally is no one's toll of an incident


def test_a_past_tense_toll_between_two_bounds_is_a_statistic_not_a_toll(reference):
    x = run(reference, "The ministry says more than 2,500 people were killed in Gaza between October 2023 and the truce.", PUB)
    assert [(s.count, s.qualifier) for s in x.statistics] == [(2500, "more_than")]
    assert not [c for c in x.claims if c.type == "casualty_report"]
    assert all(i.killed is None for i in x.incidents)


def test_the_toll_of_a_campaign_statistic_is_the_campaigns(reference):
    got = stats(reference, "The Houthis attacked more than 60 merchant vessels between March 2024 and June 2024, killing three sailors.")
    assert (3, "houthis") in got and (60, "houthis") in got


def test_a_wounded_count_after_a_killed_count_is_wounded(reference):
    x = run(reference, "Since January, 40 people have been killed and 75 wounded in the shelling of the camp.", PUB)
    assert {(s.count, s.what.split()[-1]) for s in x.statistics} == {(40, "killed"), (75, "wounded")}


def test_an_incident_toll_is_no_statistic(reference):
    x = run(reference, "A drone strike on a car near Tyre on Sunday killed three people, the ministry said.", PUB)
    assert not x.statistics
    assert x.incidents[0].killed == 3


def test_a_launch_count_over_a_period_is_no_casualty_tally(reference):
    x = run(reference, "Since October, the group has launched 300 rockets at the north, the army said.", PUB)
    assert all("killed" not in s.what and "wounded" not in s.what for s in x.statistics)


# --- layout: a caption or link line run on into the story ----------------------------------------------------------

def test_a_story_line_after_an_unstopped_caption_is_kept():
    text = ("Strikes hit Hodeidah port\nA strike hit the port on Monday.\nPhoto: Smoke over the port (AFP)\n"
            "The Houthis said two workers were killed.\nRelated: Houthis vow more attacks\nThe navy said it downed a drone.")
    starts = [s.text for s in article_sentences(text, headline_end(text), default_lexicon())]
    assert "The Houthis said two workers were killed." in starts
    assert "The navy said it downed a drone." in starts
    assert not any(s.startswith(("Photo:", "Related:")) for s in starts)


# --- a casualty report needs a claimant the text names -------------------------------------------------------------

def test_the_outlet_telling_a_toll_makes_no_casualty_report_but_gives_the_toll(reference):
    x = run(reference, "Israeli jets struck a house near Nabatieh on Monday. Three civilians were killed.", PUB)
    assert [i.killed for i in x.incidents] == [3]
    assert not [c for c in x.claims if c.type == "casualty_report"]


def test_the_outlet_reporting_no_casualties_is_a_casualty_report(reference):
    x = run(reference, "A rocket hit the Victory base near Baghdad airport on Monday. No injuries were reported.", PUB)
    reports = [c for c in x.claims if c.type == "casualty_report"]
    assert [(c.claimant, c.killed, c.injured) for c in reports] == [(None, None, 0)]


# --- zeros said of other people ------------------------------------------------------------------------------------

def test_a_zero_beside_a_death_in_the_next_sentence_is_not_the_toll(reference):
    x = run(reference, "Hezbollah rockets killed a farmer in Metula on Tuesday. The army said some 20 rockets had been "
                       "fired from Lebanon and that no soldiers were hurt.", PUB)
    assert [(i.killed, i.injured) for i in x.incidents] == [(1, None)]


def test_a_zero_beside_a_death_in_the_same_sentence_is_not_the_toll(reference):
    x = run(reference, "A drone strike killed two militants near Qaim on Monday, and no soldiers were hurt.", PUB)
    assert [(i.killed, i.injured) for i in x.incidents] == [(2, None)]


def test_a_zero_alone_is_the_toll(reference):
    x = run(reference, "A rocket struck the base near Erbil on Monday, the army said. No soldiers were hurt.", PUB)
    assert [(i.killed, i.injured) for i in x.incidents] == [(0, 0)]


def test_the_announced_deaths_continuing_a_tally_are_a_statistic(reference):
    x = run(reference, "Israeli strikes in Lebanon have killed about 300 people since October. Hezbollah has announced "
                       "the deaths of 210 of its fighters.", PUB)
    assert 210 in [s.count for s in x.statistics]
    assert all(i.killed != 210 for i in x.incidents)
    assert not [c for c in x.claims if c.killed == 210]


# --- counts bound to the dead and the wounded ----------------------------------------------------------------------

def tolls(reference, text: str):
    return [(i.killed, i.injured) for i in run(reference, text, PUB).incidents]


def test_a_bare_count_before_dead_or_wounded_is_the_toll(reference):
    assert tolls(reference, "An Israeli strike hit a house in Khiam on Monday. The Lebanese Health Ministry said the "
                            "toll had risen to five dead, including a child, and that 40 people had been wounded.") == [(5, 40)]
    assert tolls(reference, "An Israeli strike hit a house in Khiam on Monday. The Lebanese Health Ministry said three "
                            "people were killed in the strike, among them a paramedic, and nine wounded.") == [(3, 9)]


def test_a_clause_closing_wounded_count_counts_the_people_named_before(reference):
    x = run(reference, "The Lebanese Health Ministry said an Israeli strike on Tyre on Monday killed six people, four "
                       "of them from one family, including a boy, and wounded twelve.", PUB)
    assert [(i.killed, i.injured) for i in x.incidents] == [(6, 12)]


def test_a_victim_and_her_children(reference):
    assert tolls(reference, "An Israeli strike on a house in Bint Jbeil on Monday killed a woman and her three children.") == [(4, None)]


def test_found_dead_is_killed(reference):
    x = run(reference, "A Houthi drone hit a building in Tel Aviv on Friday. Magen David Adom said a 40-year-old man "
                       "was found dead and that four people were lightly wounded.", PUB)
    assert [(i.killed, i.injured) for i in x.incidents] == [(1, 4)]


def test_victims_qualified_by_an_of_phrase(reference):
    x = run(reference, "Rockets hit the Conoco base on Wednesday. The Syrian Observatory for Human Rights said three members of a militia loyal "
                       "to the Guards were killed and two others wounded.", PUB)
    assert [(i.killed, i.injured) for i in x.incidents] == [(3, 2)]


def test_a_count_said_by_someone_is_no_toll(reference):
    # negative: "two officials said that a man was killed": the officials are not the victims
    assert tolls(reference, "A drone hit a car near Qaim on Monday. Two officials of the province said that a man was killed.") \
        in ([(1, None)], [(None, None)])


def test_no_one_had_been_hurt_and_safe_crews_are_zeros(reference):
    assert tolls(reference, "Hezbollah fired a missile at Avivim on Monday. The IDF said no one had been hurt.") == [(0, 0)]
    assert tolls(reference, "A Houthi missile hit a tanker in the Red Sea on Monday. UKMTO said the ship and crew were safe.") == [(0, 0)]


def test_doubt_about_a_zero_is_no_zero(reference):
    assert tolls(reference, "A Houthi missile hit a tanker in the Red Sea on Monday. It was not clear whether no one "
                            "had been hurt.") == [(None, None)]


# --- who did the counted acts --------------------------------------------------------------------------------------

def only_stat(reference, text: str):
    x = run(reference, text, PUB)
    return [(s.count, s.actor.text if s.actor else None) for s in x.statistics]


def test_the_object_of_the_counted_attacks_is_not_their_actor(reference):
    got = only_stat(reference, "The Pentagon says Iran-aligned militias have attacked US troops in Iraq 90 times since October.")
    assert got == [(90, "Iran-aligned militias")]


def test_who_counts_the_attacks_did_none_of_them(reference):
    got = only_stat(reference, "Iraqi police officials counted at least 25 rocket attacks on US-linked convoys since May.")
    assert got == [(25, None)]


def test_a_breakdown_keeps_the_actor_of_its_total(reference):
    got = only_stat(reference, "Since January, US forces have been attacked 120 times, 70 times in Iraq and 50 times in Syria.")
    assert got == [(120, None), (70, None), (50, None)]


def test_a_name_in_a_relative_clause_is_not_the_actor(reference):
    got = only_stat(reference, "The Houthis, who have been fighting a Saudi-led coalition since 2015, say they have launched "
                               "more than 300 drones at Saudi Arabia over that period.")
    assert got == [(300, "Houthis")]


def test_one_incidents_fatalities_are_no_statistic(reference):
    x = run(reference, "A drone hit the gas field on Friday. The operator said there are three fatalities among its staff.", PUB)
    assert not x.statistics


def test_sustained_injuries_in_a_running_tally(reference):
    x = run(reference, "Since October 17, US troops have been attacked 90 times, and more than 40 U.S. personnel have "
                       "sustained injuries over that period.", PUB)
    assert (40, "more_than") in [(s.count, s.qualifier) for s in x.statistics]


def test_a_governments_ministry_speaks_for_the_government(reference):
    x = run(reference, "Rockets hit Erbil airport on Monday. The Kurdistan Regional Government's interior ministry said "
                       "that one civilian had been killed and four people wounded.", PUB)
    reports = [(c.claimant.key if c.claimant else None, c.killed, c.injured) for c in x.claims if c.type == "casualty_report"]
    assert reports == [("kurdistan-regional-government", 1, 4)]


def test_a_ministry_puts_the_toll(reference):
    x = run(reference, "Israeli jets struck Hezbollah targets in southern Lebanon on Sunday. The Lebanese Health Ministry "
                       "puts the toll from the strikes at four dead and six wounded.", PUB)
    assert [(i.killed, i.injured) for i in x.incidents] == [(4, 6)]


def test_with_personnel_sustaining_injuries_after_a_tally_is_its_toll(reference):
    x = run(reference, "US troops have been attacked at least 30 times since October 17, according to the Pentagon, "
                       "with 21 personnel sustaining minor injuries.", PUB)
    assert {(s.count, s.what) for s in x.statistics} >= {(21, "personnel wounded")}
    assert not [c for c in x.claims if c.type == "casualty_report"]


def test_a_count_and_one_more_named_victim(reference):
    assert tolls(reference, "A rocket attack on Camp Taji on Monday killed two U.S. troops and a British medic.") == [(3, None)]
    # negative: "a number of" is no one victim
    assert tolls(reference, "A strike on Tyre on Monday killed two fighters and a number of civilians.") == [(2, None)]


def test_did_not_cause_any_casualties_is_a_zero(reference):
    assert tolls(reference, "A rocket fell inside Harir air base on Monday but did not cause any casualties.") == [(0, 0)]


# --- a total over an operation split per place ---------------------------------------------------------------------

def test_a_toll_after_an_operation_on_two_places_is_its_total_not_a_toll(reference):
    x = run(reference, "US warplanes struck Houthi targets in Sanaa and Saada on Saturday. The Houthi-run health "
                       "ministry said 20 people were killed and 45 wounded.", PUB)
    assert [(i.killed, i.injured) for i in x.incidents] == [(None, None), (None, None)]
    assert {(s.count, s.actor.key if s.actor else None) for s in x.statistics} == {(20, "united-states"), (45, "united-states")}


def test_a_toll_naming_one_place_of_the_operation_is_that_places(reference):
    x = run(reference, "US warplanes struck Houthi targets in Sanaa and Saada on Saturday. The Houthi-run health "
                       "ministry said nine people were killed in Sanaa.", PUB)
    assert sorted((i.killed or 0) for i in x.incidents) == [0, 9]
    assert not x.statistics


# --- outcomes ------------------------------------------------------------------------------------------------------

def test_a_tally_after_an_attack_does_not_make_it_a_hit(reference):
    x = run(reference, "Hezbollah said it targeted an Israeli army post near Metula with an anti-tank missile on Monday. "
                       "The Israeli military did not comment. The army says it has struck more than 3,000 Hezbollah "
                       "targets since October 8.", PUB)
    assert [i.outcome for i in x.incidents] == ["unknown"]


# --- ordinals counting events over a period ------------------------------------------------------------------------

def test_an_ordinal_over_a_period_is_a_statistic(reference):
    x = run(reference, "A drone hit Harir air base on Monday. It was the fourth drone attack on the base since March.", PUB)
    assert [(s.count, s.actor) for s in x.statistics] == [(4, None)]


def test_an_ordinal_names_its_actor_in_the_counted_words_or_after_by(reference):
    got = {(s.count, s.actor.key if s.actor else None) for s in run(
        reference, "It was the third Israeli strike on Tyre in five days. The commander was the fifth Hezbollah "
                   "commander killed by Israel since January.", PUB).statistics}
    assert {(3, "israel"), (5, "israel")} <= got


def test_an_ordinal_of_something_else_is_no_statistic(reference):
    x = run(reference, "It was the third day of fighting since the truce. He was the second son of the commander since 2010.", PUB)
    assert not x.statistics


def test_one_of_the_deadliest_is_no_count(reference):
    x = run(reference, "Israeli strikes on Homs on Monday killed nine people, in one of the deadliest Israeli attacks on "
                       "Syria since the start of the year.", PUB)
    assert not [s for s in x.statistics if s.count == 1]


def test_groups_in_apposition_do_not_take_the_count_from_the_named_group(reference):
    got = only_stat(reference, "The Islamic Resistance in Iraq, an umbrella of Iran-backed militias that has claimed 60 "
                               "attacks on US troops since October, said it had attacked the base.")
    assert [(n, a) for n, a in got if n == 60] == [(60, "Islamic Resistance in Iraq")]


def test_treated_or_evaluated_for_injuries_counts_the_injured(reference):
    assert tolls(reference, "Rockets hit Ain al-Asad on Saturday. Three U.S. personnel were treated for traumatic brain "
                            "injuries and have since returned to duty, the Pentagon said.") == [(None, 3)]
    assert tolls(reference, "A drone struck Tower 22 in Jordan on Sunday. At least 12 service members were being "
                            "evaluated for injuries, the Pentagon said.") == [(None, 12)]


def test_victims_joined_by_and_are_summed(reference):
    assert tolls(reference, "A drone struck a car near Qaim on Monday, killing four fighters and two civilians.") == [(6, None)]
    # negatives: another kind after "and", and a part of the first count
    assert tolls(reference, "A drone struck a car near Qaim on Monday, killing four people and wounding three.") == [(4, 3)]
    assert tolls(reference, "A strike on Tyre on Monday killed nine people and two of them were children.") == [(9, None)]


def test_the_ships_a_campaign_sank_are_its_statistic(reference):
    got = stats(reference, "The Houthis attacked more than 60 merchant vessels between March 2024 and June 2024, "
                           "sinking one vessel and killing three sailors.")
    assert {(60, "houthis"), (1, "houthis"), (3, "houthis")} <= got
    assert not run(reference, "A Houthi missile hit a tanker on Monday, sinking two boats.", PUB).statistics
