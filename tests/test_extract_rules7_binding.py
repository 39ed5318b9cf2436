"""Numbers, roles, negation and dates bound to the right event (issue 11, classes 5-8 and interceptions).

Sentences written for these tests (not taken from any article set); the default reference is used, as the
extractor does on real articles. Each test states one behaviour."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.extract.layout import article_sentences, dateline
from eventdb.extract.lexicon import default_lexicon
from tests.test_extract_incidents5 import reference, run  # noqa: F401  (the module's fixture and helper)

PUB = dt.date(2024, 3, 5)  # a Tuesday


def only(reference, text: str, published: dt.date | None = PUB):
    x = run(reference, text, published)
    assert len(x.incidents) == 1, [i.span.quote for i in x.incidents]
    return x.incidents[0]


# --- class 8: datelines, time stamps and boilerplate -------------------------------------------------------------

def test_a_dateline_date_is_not_the_event_date(reference):
    i = only(reference, "BEIRUT, Feb 29 (Reuters) - A drone struck a car near Tyre on Sunday, killing two people.")
    assert i.date.on == dt.date(2024, 3, 3)  # Sunday before publication, not Feb 29


def test_a_dateline_date_stands_in_for_a_missing_publication_date(reference):
    i = only(reference, "BAGHDAD, March 3, 2024 (Reuters) - Rockets struck Ain al-Asad air base on Saturday.", None)
    assert i.date.on == dt.date(2024, 3, 2) and i.date.precision == "day"


def test_a_weekday_stays_unresolved_when_the_dateline_gives_no_year(reference):
    i = only(reference, "BEIRUT, Jan 29 (Reuters) - A drone struck a car near Tyre on Sunday, killing two people.", None)
    assert i.date.on is None


def test_the_dateline_city_is_not_the_incident_place(reference):
    i = only(reference, "ERBIL (Wire) — A drone struck a house on Monday, killing one man, police said.")
    assert i.place is None or i.place.key != "erbil"


@pytest.mark.parametrize("text,place", [
    ("BEIRUT, Jan 29 (Reuters) - A drone struck", "BEIRUT"),
    ("TAMPA, Fla. - At 3:30 p.m. forces struck", "TAMPA"),
    ("TEL AVIV/DUBAI — Warplanes struck", "TEL AVIV/DUBAI"),
    ("Headline without a stop\nBaghdad (AFP) - Rockets fell", "Baghdad"),
])
def test_dateline_shapes(text, place):
    line = dateline(text)
    assert line is not None and line.place == place and text[line.end:][0].isupper()


def test_a_plain_sentence_has_no_dateline():
    assert dateline("Rockets struck Ain al-Asad air base - the third attack this week - on Monday.") is None


def test_a_live_blog_time_stamp_is_cut_from_its_sentence():
    text = "Live updates\n\n09:40 — Two drones struck Harir air base.\n\n10:15 A rocket fell near Erbil."
    starts = [s.text for s in article_sentences(text, 12, default_lexicon()) if s.start > 12]
    assert starts == ["Two drones struck Harir air base.", "A rocket fell near Erbil."]


@pytest.mark.parametrize("line", [
    "Related: Israeli strike kills two in Tyre",
    "(Reporting by Jane Doe in Baghdad; Editing by John Roe)",
    "Smoke rises after an Israeli air strike on the village of Khiam, January 5, 2024. REUTERS/Jane Doe",
    "Photo: An Israeli air strike hits Khiam on Monday.",
    "We use cookies to improve your experience. A strike on your privacy is not intended.",
    "Sign up for our newsletter on the attacks in Iraq.",
])
def test_boilerplate_lines_make_no_incident(reference, line):
    x = run(reference, f"Rockets struck Ain al-Asad air base on Saturday, two US officials said.\n{line}\n")
    assert [i.place.key for i in x.incidents] == ["ain-al-asad-air-base"], [i.span.quote for i in x.incidents]


# --- class 5: numbers bound to the event their own clause names ----------------------------------------------------

@pytest.mark.parametrize("total", [
    "Since October 8, Israeli strikes in Lebanon have killed about 450 people, most of them fighters.",
    "Israeli officials say more than 350 Hezbollah fighters have been killed in that time.",
    "Hezbollah attacks have killed 23 soldiers and 26 civilians in northern Israel, according to the army.",
    "The militias have wounded 60 US personnel to date, the Pentagon said.",
])
def test_a_running_total_is_never_a_toll(reference, total):
    x = run(reference, f"A drone struck a car near Tyre on Monday. {total}")
    assert all(i.killed is None and i.injured is None for i in x.incidents)
    assert all(c.killed is None and c.injured is None for c in x.claims), [(c.type, c.killed) for c in x.claims]


def test_a_perfect_tense_toll_of_one_strike_is_a_toll(reference):
    i = only(reference, "An Israeli strike on a house in Aitaroun on Monday has killed two fighters, Hezbollah said.")
    assert i.killed == 2


def test_no_injuries_reported_is_injured_zero_and_says_nothing_of_the_dead(reference):
    i = only(reference, "A drone struck a US base near Erbil on Monday. No injuries were reported.")
    assert (i.killed, i.injured) == (None, 0)


def test_nobody_killed_is_killed_zero_only(reference):
    i = only(reference, "A rocket struck a house in Metula on Monday. Nobody was killed, the Israeli military said.")
    assert (i.killed, i.injured) == (0, None)


def test_no_casualties_is_zero_for_both(reference):
    i = only(reference, "A rocket struck a house in Metula on Monday. There were no casualties.")
    assert (i.killed, i.injured) == (0, 0)


def test_a_zero_about_another_party_is_not_the_toll(reference):
    text = ("A drone struck a Kurdish checkpoint near Erbil on Monday, killing two fighters. "
            "No American personnel were hurt, a US official said.")
    i = only(reference, text)
    assert (i.killed, i.injured) == (2, None)


@pytest.mark.parametrize("text,killed", [
    ("Hezbollah confirmed the deaths of two fighters in an Israeli strike on a house in Aitaroun on Monday.", 2),
    ("The group announced the death of three members in an Israeli strike on a house in Aitaroun on Monday.", 3),
])
def test_the_deaths_of_n_victims_is_a_toll(reference, text, killed):
    assert only(reference, text).killed == killed


def test_the_death_of_a_policy_is_no_toll(reference):
    i = only(reference, "A rocket struck a house in Metula on Monday, marking the death of the truce of 2023.")
    assert i.killed is None


# --- class 7: negation and irrealis; outcomes ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Israel has so far avoided striking Iraq openly.",
    "Israel is avoiding strikes on Iraqi soil, officials said.",
    "The Houthis threatened on Monday to strike US warships in the Red Sea.",
    "Washington is weighing strikes on Iranian targets in Syria, officials said on Monday.",
    "A strike on Kharg Island would cripple Iran's oil exports.",
    "No rockets struck the base on Monday, the army said.",
])
def test_irrealis_and_negated_events_make_no_incident(reference, text):
    x = run(reference, text)
    assert not x.incidents, [i.span.quote for i in x.incidents]


def test_a_negation_of_the_interception_does_not_negate_the_strike(reference):
    i = only(reference, "The drone was not intercepted and struck the Ain al-Asad air base on Monday.")
    assert i.place.key == "ain-al-asad-air-base" and i.outcome != "intercepted"


@pytest.mark.parametrize("text", [
    "Two drones struck the Ain al-Asad air base on Monday; they were not intercepted.",
    "The IDF said the drone launched at Eilat on Monday was not shot down.",
])
def test_a_negated_interception_is_no_interception(reference, text):
    x = run(reference, text)
    assert len(x.incidents) == 1 and x.incidents[0].outcome != "intercepted"  # "struck" says it hit (incident_outcomes)
    assert not [c for c in x.claims if c.type == "interception"]


def test_an_interception_is_still_an_interception(reference):
    i = only(reference, "The drone was intercepted before it struck Ain al-Asad air base on Monday.")
    assert i.outcome == "intercepted"


def test_an_incident_with_casualties_hit(reference):
    i = only(reference, "A drone struck a car near Tyre on Monday, killing two people.")
    assert i.outcome == "hit"


def test_a_zero_toll_says_nothing_of_the_outcome(reference):
    i = only(reference, "Rockets were fired at Ain al-Asad air base on Monday. There were no casualties.")
    assert i.outcome == "unknown"


# --- class 6: roles; interceptions ----------------------------------------------------------------------------------

def test_a_strike_in_response_to_attacks_is_the_striker_on_the_struck(reference):
    text = "US forces struck Kata'ib Hezbollah sites near al-Qaim on Tuesday in response to attacks on US troops."
    i = only(reference, text)
    assert (i.perpetrator.key, i.target.key) == ("united-states", "kataib-hezbollah")


@pytest.mark.parametrize("text,perp,target", [
    ("US forces shot down 12 one-way attack drones fired by the Houthis over the Red Sea on Tuesday, the Pentagon said.",
     "houthis", None),
    ("The United Arab Emirates intercepted two ballistic missiles fired by the Houthis at Abu Dhabi on Monday.",
     "houthis", "united-arab-emirates"),
    ("Saudi air defences intercepted a drone over Jizan on Friday, the Saudi Press Agency reported.", None, "saudi-arabia"),
    ("US forces said they intercepted two drones near Tower 22 in Jordan on Monday.", None, None),
])
def test_the_interceptor_is_never_the_attacker(reference, text, perp, target):
    i = only(reference, text)
    assert i.outcome == "intercepted"
    assert (i.perpetrator.key if i.perpetrator else None, i.target.key if i.target else None) == (perp, target)


def test_shooting_down_an_aircraft_is_an_attack_on_it(reference):
    i = only(reference, "The Houthis said on Saturday they had shot down an American MQ-9 Reaper drone over Marib on Friday.")
    assert (i.perpetrator.key, i.target.key, i.outcome) == ("houthis", "united-states", "hit")
    x = run(reference, "The Houthis said on Saturday they had shot down an American MQ-9 Reaper drone over Marib on Friday.")
    assert not [c for c in x.claims if c.type == "interception"]


def test_an_interception_without_date_site_or_launcher_refers_to_the_attack_told_before(reference):
    text = "Hezbollah fired drones at Kiryat Shmona on Monday. Israeli air defences shot down two drones."
    x = run(reference, text)
    assert len(x.incidents) == 1 and x.incidents[0].outcome == "intercepted"


def test_an_interception_after_the_attack_in_one_sentence_is_one_incident(reference):
    text = "Two drones targeting the coalition base at Erbil International Airport were shot down late on Monday."
    i = only(reference, text)
    assert i.date.on == dt.date(2024, 3, 4) and i.outcome == "intercepted"


def test_an_attack_word_inside_a_weapon_name_is_no_trigger(reference):
    i = only(reference, "Hezbollah launched attack drones at Metula on Monday.")
    assert i.perpetrator.key == "hezbollah" and "drone" in i.weapons


def test_an_interception_over_a_site_of_its_own_is_its_own_incident(reference):
    # (was a claims6 case linking it back; with interceptions naming the attack intercepted, a separately named target
    # place is a separate incident, as GOLD.md counts places)
    x = run(reference, "A drone hit Eilat on Monday. A second drone was shot down over Haifa, the IDF said.")
    by_place = {i.place.key: i for i in x.incidents}
    assert set(by_place) == {"eilat", "haifa"} and by_place["haifa"].outcome == "intercepted"
    (c,) = [c for c in x.claims if c.type == "interception"]
    assert c.incident == by_place["haifa"].local_id


def test_the_toll_of_a_tally_told_just_before_is_a_statistic(reference):
    text = ("A drone struck a car near Tyre on Monday. The monitor has documented 27 Israeli attacks on Syrian territory "
            "since the beginning of 2024. These strikes killed 118 persons, most of them soldiers.")
    x = run(reference, text)
    assert [i.killed for i in x.incidents] == [None]
    assert 118 in [s.count for s in x.statistics]
    assert not [c for c in x.claims if c.killed == 118]


def test_these_strikes_after_an_incident_keep_their_toll(reference):
    i = only(reference, "Israeli jets struck two villages near Tyre on Monday. These strikes killed four people.")
    assert i.killed == 4


def test_a_toll_in_the_clause_of_the_event_answered_is_that_events(reference):
    text = ("The Revolutionary Guards said they had launched drones at Israel overnight in response to the April 1 strike "
            "on Iran's consular building in Damascus, in which seven Guards members were killed.")
    x = run(reference, text)
    damascus = [i for i in x.incidents if i.place and i.place.key == "damascus"]
    others = [i for i in x.incidents if i not in damascus]
    assert damascus and damascus[0].killed == 7
    assert others and all(i.killed is None for i in others)
    assert all(c.incident == damascus[0].local_id for c in x.claims if c.killed == 7)


def test_a_dateline_cut_by_the_sentence_splitter_is_cut_whole():
    text = "Headline\n\nTAMPA, Fla. - At 3:30 p.m. Feb. 3, forces struck six missile launchers in Yemen."
    firsts = [s.text for s in article_sentences(text, 8, default_lexicon()) if s.start > 8]
    assert firsts and firsts[0].startswith("At 3:30")


def test_strikes_named_after_a_speaker_are_not_a_reference_back(reference):
    text = ("The Pentagon said US strikes on Kata'ib Hezbollah sites in Jurf al-Sakhar on Tuesday were in response to "
            "attacks on US troops.")
    i = only(reference, text)
    assert (i.perpetrator.key, i.target.key, i.place.key) == ("united-states", "kataib-hezbollah", "jurf-al-sakhar")


def test_what_a_correction_retracts_is_no_incident(reference):
    text = ("Israeli air strikes hit the outskirts of Baalbek on Friday, killing five people.\n"
            "CORRECTION: An earlier version of this story said the strikes hit the town of Hermel.")
    x = run(reference, text)
    assert [i.place.key for i in x.incidents] == ["baalbek"], [i.span.quote for i in x.incidents]
