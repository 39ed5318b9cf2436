"""Incident fields (perpetrator, target, weapons, casualties) and incidents listed in one sentence.

Sentences written for these tests (not taken from any article set); the default reference is used, as the
extractor does on real articles."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract
from eventdb.reference import default_reference

PUB = dt.date(2024, 3, 6)  # a Wednesday


@pytest.fixture(scope="module")
def reference():
    return default_reference()


def run(reference, text: str, published: dt.date | None = PUB):
    return extract(Article(text=text, origin="test", published=published), reference)


def one(reference, text: str):
    x = run(reference, text)
    assert len(x.incidents) == 1, [i.span.quote for i in x.incidents]
    return x.incidents[0]


# --- what the claims linked to an incident add to it ---

def test_a_later_claim_of_responsibility_names_the_perpetrator(reference):
    i = one(reference, "Two rockets hit a logistics convoy near Erbil Airport on Tuesday. "
                       "Kataib Hezbollah claimed responsibility for the attack in a statement.")
    assert i.perpetrator.key == "kataib-hezbollah" and i.perpetrator_basis == "claimed"


def test_a_later_casualty_report_fills_the_toll(reference):
    i = one(reference, "Two rockets hit a logistics convoy near Erbil Airport on Tuesday. "
                       "Three contractors were wounded, the Kurdistan Regional Government said.")
    assert (i.killed, i.injured) == (None, 3)


def test_conflicting_tolls_from_two_sources_leave_the_count_open(reference):
    i = one(reference, "Drones struck a depot near Erbil Airport on Tuesday. "
                       "Four guards were killed, the Kurdistan Regional Government said. "
                       "The Syrian Observatory for Human Rights said six guards were killed.")
    assert i.killed is None


def test_a_toll_since_a_date_is_not_the_incident_toll(reference):
    i = one(reference, "A drone hit a house in Metula on Tuesday. "
                       "Since October 8, attacks from Lebanon have killed 11 civilians, the army said.")
    assert i.killed is None


# --- weapons of an air strike, the dead of a killing ---

def test_an_air_strike_naming_no_weapon_is_made_with_aircraft(reference):
    i = one(reference, "US forces struck 40 Kataib Hezbollah targets near Jurf al-Sakhar on Tuesday.")
    assert i.event_type == "airstrike" and i.weapons == ("airstrike",)


def test_an_air_strike_keeps_the_weapon_it_names(reference):
    i = one(reference, "An Israeli drone strike hit a car near Bint Jbeil on Tuesday, killing two men.")
    assert i.weapons == ("drone",)


def test_a_ground_attack_gets_no_aircraft(reference):
    i = one(reference, "Gunmen attacked a PMF checkpoint near Kirkuk on Tuesday, killing two guards.")
    assert i.event_type == "attack" and "airstrike" not in i.weapons


@pytest.mark.parametrize("text, dead", [
    ("The strike came weeks after the killing of Hezbollah commander Fuad Shukr in Beirut on July 30.", 1),
    ("Tensions rose after the killing of Qasem Soleimani and al-Muhandis in Baghdad in January 2020.", 2),
])
def test_a_killing_counts_the_persons_it_names(reference, text, dead):
    x = run(reference, text)
    killings = [i for i in x.incidents if i.event_type == "assassination"]
    assert killings and killings[0].killed == dead


def test_an_assassination_says_nothing_of_the_dead(reference):
    x = run(reference, "Tensions rose after the assassination of Qasem Soleimani in Baghdad in January 2020.")
    assert all(i.killed is None for i in x.incidents)


# --- several incidents listed in one clause ---

def _places(x):
    return sorted((i.place.key or i.place.text) if i.place else None for i in x.incidents)


def test_objects_each_with_its_own_place_are_one_incident_each(reference):
    x = run(reference, "US jets struck a weapons depot near Abu Kamal and a command post near al-Mayadin on Tuesday.")
    assert _places(x) == ["abu-kamal", "mayadin"]
    assert all(i.event_type == "airstrike" and i.perpetrator.key == "united-states" for i in x.incidents)
    assert all(i.date.on == dt.date(2024, 3, 5) for i in x.incidents)


def test_each_listed_place_keeps_its_own_date(reference):
    x = run(reference, "Kataib Hezbollah claimed rocket attacks on Harir air base on February 2, on Ain al-Asad on "
                       "February 9 and on Erbil airport on February 20.")
    got = sorted((i.place.key, i.date.on) for i in x.incidents)
    assert got == [("ain-al-asad-air-base", dt.date(2024, 2, 9)), ("erbil-international-airport", dt.date(2024, 2, 20)),
                   ("harir-air-base", dt.date(2024, 2, 2))]
    assert all(i.perpetrator.key == "kataib-hezbollah" and i.perpetrator_basis == "claimed" for i in x.incidents)
    assert all(i.weapons == ("rocket",) for i in x.incidents)


def test_an_unknown_village_listed_with_a_known_one_is_a_place_of_its_country(reference):
    x = run(reference, "Israeli jets struck Hezbollah positions in the villages of Wadi Sharqi and Kfar Kila on Tuesday.")
    assert len(x.incidents) == 2
    unknown = [i for i in x.incidents if i.place.key is None]
    assert unknown and unknown[0].place.text == "Wadi Sharqi" and unknown[0].place.country_code == "LB"


def test_places_joined_before_came_under_attack(reference):
    x = run(reference, "US forces at the al-Shaddadi base and the Rumalyn landing zone came under rocket attack on Tuesday.")
    assert _places(x) == ["rumalyn-landing-zone", "shaddadi"]  # the landing zone is a base of its own by Rmelan
    assert all(i.perpetrator is None for i in x.incidents)


def test_a_shared_toll_is_not_given_to_each_part(reference):
    x = run(reference, "US jets struck a depot near Abu Kamal and a house near al-Mayadin on Tuesday, killing nine fighters.")
    assert len(x.incidents) == 2 and all(i.killed is None for i in x.incidents)


@pytest.mark.parametrize("text", [
    # regions where strikes fell, not one strike per name
    "The state news agency reported air strikes in Sanaa, Hodeidah and Taiz provinces on Tuesday.",
    # the road between two towns is one place of one attack
    "A roadside bomb hit a US convoy on the road between Erbil and Kirkuk on Tuesday.",
    # where the drones came from
    "Drones launched from Abu Kamal and al-Mayadin struck the Conoco base on Tuesday.",
    # a definite mention refers back to what was reported
    "Kataib Hezbollah fired rockets at US bases on Tuesday. The attacks on Harir air base and Ain al-Asad caused no damage.",
])
def test_near_misses_of_a_list_stay_one_incident(reference, text):
    assert len(run(reference, text).incidents) <= 1


# --- perpetrator and target by grammar ---

def test_the_agent_of_by_ends_at_a_preposition(reference):
    x = run(reference, "Attacks by unnamed militias on US forces rose in February, officials said.")
    assert all(i.perpetrator is None or i.perpetrator.key != "us-armed-forces" for i in x.incidents)


def test_the_subject_of_came_under_attack_is_the_target(reference):
    i = one(reference, "Iraqi troops near Kirkuk came under drone attack on Tuesday.")
    assert i.perpetrator is None


def test_a_group_claiming_attacks_is_their_perpetrator(reference):
    i = one(reference, "Kataib Hezbollah claimed a drone attack on Harir air base on Tuesday.")
    assert i.perpetrator.key == "kataib-hezbollah" and i.perpetrator_basis == "claimed"


def test_claiming_that_another_attacked_is_no_perpetrator(reference):
    i = one(reference, "Kataib Hezbollah claimed that US jets struck its depot near Jurf al-Sakhar on Tuesday.")
    assert i.perpetrator.key == "united-states"


def test_a_trigger_after_an_auxiliary_is_a_verb_not_a_reference(reference):
    x = run(reference, "The agency said on Tuesday that Israeli missiles had hit Mezzeh Air Base and Aleppo airport.")
    assert _places(x) == ["aleppo-international-airport", "mezzeh-air-base"]


# --- tolls ---

@pytest.mark.parametrize("text, toll", [
    ("A drone hit a tanker near Aden on Tuesday. None of the 19 sailors were hurt, CENTCOM said.", (0, 0)),
    ("Rockets hit Ain al-Asad on Tuesday and no personnel were hurt, officials said.", (0, 0)),
    ("A drone hit a truck near Erbil Airport on Tuesday, killing engineer Karwan Aziz and at least two of his "
     "bodyguards.", (3, None)),
    ("Rockets hit a convoy near Erbil Airport on Tuesday and one driver, a Turkish national, was killed.", (1, None)),
    ("A drone hit a convoy near Erbil Airport on Tuesday, killing four soldiers and wounding seven.", (4, 7)),
    ("Rockets struck a camp near Erbil Airport on Tuesday, killing three of the group's fighters.", (3, None)),
    ("A drone hit a checkpoint near Erbil Airport on Tuesday and wounded a passer-by.", (None, 1)),
    ("Rockets hit a village near Erbil Airport on Tuesday. A ten-year-old boy was badly wounded, CENTCOM said.", (None, 1)),
])
def test_tolls_in_other_words(reference, text, toll):
    i = one(reference, text)
    assert (i.killed, i.injured) == toll


def test_a_count_after_none_of_the_is_not_the_toll(reference):
    i = one(reference, "A drone hit a tanker near Aden on Tuesday. None of the 19 sailors were hurt, CENTCOM said.")
    assert i.injured != 19


def test_a_bare_count_with_no_victims_named_is_no_toll(reference):
    i = one(reference, "Rockets hit three warehouses near Erbil Airport on Tuesday, destroying two.")
    assert (i.killed, i.injured) == (None, None)


def test_a_zero_toll_alone_does_not_make_an_incident(reference):
    x = run(reference, "Officials said no personnel were hurt and that they were assessing whether the drone had been "
                       "launched from Iraq.")
    assert not x.incidents


def test_harm_from_fragments_joins_the_attack_reported(reference):
    x = run(reference, "Iran fired dozens of missiles at Israel on Tuesday. A woman was wounded by shrapnel from an "
                       "intercepted missile near Arad.")
    (i,) = x.incidents
    assert i.perpetrator.key == "iran"


# --- targets ---

def test_us_forces_stand_for_the_united_states_on_an_incident(reference):
    i = one(reference, "US forces struck a Kataib Hezbollah depot near Jurf al-Sakhar on Tuesday.")
    assert i.perpetrator.key == "united-states"
    i = one(reference, "Rockets were fired at US troops at Ain al-Asad on Tuesday.")
    assert i.target is None or i.target.key == "united-states"


@pytest.mark.parametrize("text, not_target", [
    ("A Houthi missile struck the Greek-owned tanker Sea Star in the Red Sea on Tuesday.", "greece"),
    ("A drone struck a British-flagged cargo ship off Aden on Tuesday.", "united-kingdom"),
    ("A drone struck a US outpost near the Jordanian and Syrian borders on Tuesday.", "jordan"),
    ("A Houthi missile struck the US-owned, Liberian-flagged bulk carrier Sea Star in the Gulf of Aden on Tuesday.",
     "united-states"),
])
def test_an_owner_flag_or_border_is_not_the_target(reference, text, not_target):
    i = one(reference, text)
    assert i.target is None or i.target.key != not_target


def test_the_holder_of_the_area_struck_is_the_target(reference):
    i = one(reference, "US jets struck 30 targets in Houthi-controlled Yemen on Tuesday.")
    assert i.target.key == "houthis"


# --- places, and one incident told in several sentences ---

def test_a_dateline_hides_only_itself(reference):
    i = one(reference, "BEIRUT — A drone struck a car in Nabatieh on Tuesday, killing two men.")
    assert i.place.key == "nabatieh"


def test_a_place_in_a_relative_clause_is_not_where(reference):
    i = one(reference, "The Houthis said they struck a tanker in the Red Sea on Tuesday, part of a campaign that they say "
                       "supports Palestinians in Gaza.")
    assert i.place.key == "red-sea"


def test_a_place_of_solidarity_is_not_where(reference):
    i = one(reference, "Hezbollah fired rockets at an army post on Tuesday in solidarity with Gaza.")
    assert i.place is None or i.place.key != "gaza-strip"


def test_whence_a_drone_came_is_not_its_target(reference):
    x = run(reference, "A drone launched from Lebanon hit a house in Metula on Tuesday.")
    assert all(i.target is None or i.target.key != "lebanon" for i in x.incidents)


def test_a_spokesman_claims_for_his_group(reference):
    i = one(reference, "Yahya Saree said on Tuesday that the group's forces had targeted a tanker in the Red Sea with "
                       "two missiles.")
    assert i.perpetrator.key == "houthis"


def test_the_same_ship_told_again_with_its_day_is_one_incident(reference):
    x = run(reference, "The Houthis said they had struck a bulk carrier in the Gulf of Aden over the weekend. "
                       "CENTCOM said on Monday that a missile had struck the vessel on Saturday.", dt.date(2024, 3, 4))
    assert len(x.incidents) == 1


def test_a_new_place_on_the_same_day_is_another_incident(reference):
    x = run(reference, "Kataib Hezbollah fired rockets at Erbil Airport on Monday. "
                       "On Monday, drones struck the base at Ain al-Asad.")
    assert len(x.incidents) == 2


# --- event type and date from the rest of the sentence or the article ---

def test_a_states_strikes_on_a_group_are_air_strikes(reference):
    x = run(reference, "In January 2024, US strikes on Kataib Hezbollah facilities near Al-Qaim killed 12 fighters.")
    assert [i.event_type for i in x.incidents] == ["airstrike"] and x.incidents[0].weapons == ("airstrike",)


def test_a_states_strike_on_a_state_stays_an_attack(reference):
    x = run(reference, "The United States' strikes on Iranian territory in January 2024 killed 12 people.")
    assert all(i.event_type != "airstrike" for i in x.incidents)


def test_missiles_that_struck_are_an_air_strike_once_a_state_is_blamed(reference):
    x = run(reference, "Missiles struck a building in Damascus on Monday, killing four people. "
                       "SANA said Israel carried out the attack.")
    (i,) = x.incidents
    assert i.perpetrator.key == "israel" and i.event_type == "airstrike"


def test_missiles_blamed_on_a_group_stay_an_attack(reference):
    x = run(reference, "Missiles struck a tanker in the Red Sea on Monday. CENTCOM blamed the Houthis for the attack.")
    (i,) = x.incidents
    assert i.event_type == "attack"


def test_hours_after_dates_the_other_incident(reference):
    x = run(reference, "Kataib Hezbollah fired rockets at Ain al-Asad on Monday, hours after US jets struck its depots "
                       "near Jurf al-Sakhar.")
    assert sorted(str(i.date.on) for i in x.incidents) == ["2024-03-04", "2024-03-04"]


def test_days_after_does_not_date_the_other_incident(reference):
    x = run(reference, "Kataib Hezbollah fired rockets at Ain al-Asad on Monday, weeks after US jets struck its depots "
                       "near Jurf al-Sakhar.")
    assert sorted(str(i.date.on) for i in x.incidents) != ["2024-03-04", "2024-03-04"]


# --- attribution in the noun phrase, origins, one attack on two sites ---

def test_a_strike_attributed_to_a_state_names_its_perpetrator(reference):
    i = one(reference, "On Tuesday a drone strike widely attributed to Israel hit a flat in Beirut's southern suburbs, "
                       "killing a Hamas official.")
    assert i.perpetrator.key == "israel" and i.perpetrator_basis == "attributed"
    assert i.place.key == "dahiyeh" and i.event_type in ("airstrike", "assassination")
    assert i.target is None or i.target.key != "israel"


def test_coming_from_the_direction_of_a_place_is_the_origin(reference):
    x = run(reference, "Israeli missiles struck positions near Damascus on Thursday. Air defences confronted missiles "
                       "coming from the direction of the occupied Golan Heights, SANA said.")
    assert all(i.place is None or i.place.key != "golan-heights" for i in x.incidents)


def test_one_attack_on_two_sites_stays_one_incident(reference):
    x = run(reference, "On Monday, a drone and missile attack on fuel trucks in Musaffah and on a construction site at "
                       "Abu Dhabi airport killed three people.")
    assert len(x.incidents) == 1


def test_objects_in_the_area_of_two_places_are_two_strikes(reference):
    x = run(reference, "On Tuesday, IDF jets struck Hezbollah infrastructure in the area of Kfar Kila and a weapons "
                       "depot in the area of Nabatieh.")
    assert _places(x) == ["kfar-kila", "nabatieh"]


def test_places_after_including_are_where_one_wave_fell(reference):
    x = run(reference, "US and British jets struck 60 targets in Yemen on Friday, including Sanaa and the port city of "
                       "Hodeidah.")
    assert len(x.incidents) == 1


@pytest.mark.parametrize("text, toll", [
    ("A drone hit the Al-Tanf garrison on Tuesday, and about 20 US personnel suffered minor injuries.", (None, 20)),
    ("A drone strike killed Kataib Hezbollah commander Ali Hassan al-Mansouri, known as Abu Ali, and one other member "
     "of the group near Jurf al-Sakhar on Tuesday.", (2, None)),
])
def test_more_tolls(reference, text, toll):
    i = one(reference, text)
    assert (i.killed, i.injured) == toll


def test_a_killing_word_far_before_still_counts_the_named_dead(reference):
    x = run(reference, "Iran called its barrage revenge for the killing of a Hamas official in Tehran in July and of "
                       "Hezbollah leader Hassan Nasrallah in an Israeli air strike on Beirut's southern suburbs on "
                       "September 27.")
    nasrallah = [i for i in x.incidents if i.target and i.target.key == "hassan-nasrallah"]
    assert nasrallah and nasrallah[0].killed == 1


def test_a_group_announcing_on_its_channel_that_its_fighters_attacked_claims_it(reference):
    i = one(reference, "The Islamic Resistance in Iraq (IRI), the umbrella of Iran-backed factions, announced on its "
                       "Telegram channel that its fighters had attacked a target in Eilat with a drone on Tuesday.")
    assert i.perpetrator.key == "islamic-resistance-in-iraq" and i.perpetrator_basis == "claimed"


@pytest.mark.parametrize("text", [
    "On Tuesday an Israeli aircraft struck and eliminated a Hezbollah operative near Kfar Kila.",
    "A Kataib Hezbollah commander was martyred on Tuesday when a drone struck his car near Jurf al-Sakhar.",
])
def test_eliminated_and_martyred_are_killings(reference, text):
    x = run(reference, text)
    assert any(i.killed == 1 for i in x.incidents)


# --- weapons ---

@pytest.mark.parametrize("text, weapons", [
    ("The Houthis fired two anti-ship ballistic missiles at a tanker in the Red Sea on Tuesday.", {"ballistic_missile"}),
    ("The Houthis fired an anti-ship cruise missile at a tanker in the Red Sea on Tuesday.", {"cruise_missile"}),
    ("The Houthis fired an anti-ship missile at a tanker in the Red Sea on Tuesday.", {"anti_ship_missile"}),
    ("An explosives-laden naval drone hit a bulk carrier in the Red Sea on Tuesday.", {"naval_drone"}),
    ("A bomb exploded under a US convoy near Kirkuk on Tuesday.", {"explosives"}),
])
def test_weapons_by_kind_and_not_their_load(reference, text, weapons):
    x = run(reference, text)
    assert x.incidents and set(x.incidents[0].weapons) == weapons


def test_a_countrys_possessive_names_its_group(reference):
    i = one(reference, "The UAE intercepted two ballistic missiles fired by Yemen's Houthi movement at Abu Dhabi on Tuesday.")
    assert i.perpetrator.key == "houthis"


def test_the_first_of_a_hyphenated_pair_leads(reference):
    x = run(reference, "Joint US-UK strikes on Houthi radar sites near Hodeidah on Tuesday destroyed two launchers.")
    assert x.incidents and x.incidents[0].perpetrator.key == "united-states"


def test_a_place_the_reference_lacks_named_twice_is_one_incident(reference):
    x = run(reference, "The IDF says it struck Hezbollah positions near the village of Wadi Sharqi overnight. "
                       "Lebanese media said two civilians were killed in the Israeli strike on Wadi Sharqi.")
    (i,) = x.incidents
    assert i.killed == 2


def test_two_places_the_reference_lacks_are_two_incidents(reference):
    x = run(reference, "On Monday the IDF struck Hezbollah positions near the village of Wadi Sharqi. "
                       "On Monday an Israeli drone strike on the village of Kfar Sousa killed two civilians.")
    assert len(x.incidents) == 2
