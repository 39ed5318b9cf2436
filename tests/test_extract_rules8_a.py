"""Rules-8, area a: the date, place and kind of the incidents the extractor finds, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract, tools_for
from eventdb.extract.dates import find_dates
from eventdb.reference import default_reference

PUB = dt.date(2024, 3, 6)  # a Wednesday


@pytest.fixture(scope="module")
def ref():
    return default_reference()


def run(ref, text: str, published: dt.date | None = PUB):
    return extract(Article(text=text, origin="test", published=published), ref)


def dates(text: str, published: dt.date | None = PUB) -> list[tuple[str, dt.date | None, str]]:
    return [(d.text, d.on, d.precision) for d in find_dates(text, 0, len(text), published, tools_for().lexicon)]


# --- dates -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, on", [
    ("In June last year, a drone attack on the Harir base wounded two soldiers.", dt.date(2023, 6, 1)),
    ("A rocket attack in November last year hit the Victory base.", dt.date(2023, 11, 1)),
    ("Rockets struck the base in January this year.", dt.date(2024, 1, 1)),
])
def test_a_month_of_last_or_this_year_is_that_month(text, on):
    assert (on, "month") in [(d[1], d[2]) for d in dates(text)]


def test_a_month_of_last_year_dates_the_incident_to_the_month(ref):
    (i,) = run(ref, "In June last year, a drone attack on Harir Air Base wounded two soldiers.").incidents
    assert i.date.on == dt.date(2023, 6, 1) and i.date.precision == "month"


def test_a_month_of_last_year_without_a_publication_date_stays_unknown():
    assert [d[1] for d in dates("In June last year, drones struck the base.", None) if "June" in d[0]] == [None]


def test_before_dawn_is_the_publication_day(ref):
    (i,) = run(ref, "Jets struck a weapons depot near Nabatieh before dawn, the army said.").incidents
    assert i.date.on == PUB and i.date.precision == "day"


def test_before_dawn_yields_to_the_day_it_names():
    found = dates("Jets struck a depot before dawn on Monday.")
    assert [d[0] for d in found] == ["Monday"] and found[0][1] == dt.date(2024, 3, 4)


def test_at_dawn_yields_to_a_year_in_the_sentence():
    assert [d[0] for d in dates("Drones hit the pumping station at dawn in 2019.")] == ["in 2019"]


# --- kind --------------------------------------------------------------------------------------------------------------

def test_a_drone_strike_that_kills_a_named_commander_is_an_airstrike(ref):
    (i,) = run(ref, "A US drone strike near Baghdad airport killed the militia commander Abu Taqi al-Saidi on Monday.").incidents
    assert i.event_type == "airstrike" and "Saidi" in i.target.text


def test_a_strike_told_as_known_stays_the_killing(ref):
    x = run(ref, "The group vowed revenge for the Israeli airstrike that killed Hezbollah leader Hassan Nasrallah on September 27.")
    assert [i.event_type for i in x.incidents] in ([], ["assassination"])


def test_gunmen_who_kill_a_named_man_stays_an_assassination(ref):
    (i,) = run(ref, "Gunmen assassinated Kataib Hezbollah commander Abu Fadak al-Mohammedawi in Baghdad on Sunday.").incidents
    assert i.event_type == "assassination"


def test_a_states_deadly_strike_on_a_building_is_an_airstrike(ref):
    (i,) = run(ref, "An Israeli strike on an apartment block in Damascus killed nine people on Monday.").incidents
    assert i.event_type == "airstrike" and i.killed == 9


def test_a_states_strike_without_a_toll_keeps_its_kind_open(ref):
    (i,) = run(ref, "Israel's strike on the consular annex in Damascus on Monday drew condemnation.").incidents
    assert i.event_type == "attack"


# --- day headings ------------------------------------------------------------------------------------------------------

ROUNDUP = """Weekly roundup

MONDAY (4 March)

- Iraq: Two rockets struck the perimeter of Ain al-Asad air base, a security source said.

TUESDAY (5 March)

- Syria: A drone attack hit the Conoco gas field base, causing no casualties.

- Lebanon: Israeli jets struck a weapons depot near Nabatieh on Wednesday.

IN NUMBERS

- Drones hit the Harir base, officials said.
"""


def test_a_day_heading_dates_the_items_under_it(ref):
    x = run(ref, ROUNDUP)
    by_place = {i.place.key: i.date.on for i in x.incidents if i.place}
    assert by_place["ain-al-asad-air-base"] == dt.date(2024, 3, 4)
    assert by_place["conoco-gas-field"] == dt.date(2024, 3, 5)


def test_an_items_own_date_wins_over_the_day_heading(ref):
    x = run(ref, ROUNDUP)
    assert {i.date.on for i in x.incidents if i.place and i.place.key == "nabatieh"} == {PUB}


def test_a_heading_of_another_kind_ends_the_day_section(ref):
    x = run(ref, ROUNDUP)
    assert all(i.date.on is None for i in x.incidents if i.place and "harir" in i.place.key)


def test_overnight_into_a_weekday_is_that_weekday():
    found = dates("Jets struck seven sites overnight into Sunday.")
    assert [(d[0], d[1]) for d in found] == [("Sunday", dt.date(2024, 3, 3))]


# --- the parts of an operation ---------------------------------------------------------------------------------------

OPERATION = ("The Armed Forces carried out yesterday a large military operation against the enemy. "
             "The spokesman said the missile force carried out the operation with missiles and drones. "
             "The statement explained that the forces targeted the Aramco facilities in Jeddah with cruise missiles. "
             "He added that the forces targeted the capital Riyadh with drones, and targeted the Aramco facilities in Jizan "
             "with ballistic missiles.")


def test_the_parts_of_an_unplaced_operation_take_its_day(ref):
    x = run(ref, OPERATION)
    by_place = {i.place.key: i.date.on for i in x.incidents if i.place}
    assert by_place.get("jeddah") == PUB - dt.timedelta(days=1)
    assert by_place.get("riyadh") == PUB - dt.timedelta(days=1) and by_place.get("jizan") == PUB - dt.timedelta(days=1)


def test_an_operation_in_another_paragraph_far_back_dates_nothing(ref):
    text = ("The Armed Forces carried out yesterday a large military operation against the enemy. "
            "Officials met in Muscat to discuss a truce. Shipping companies rerouted vessels around Africa. "
            "Aid agencies warned of famine. The statement explained that the forces targeted the Aramco facilities in Jeddah "
            "with cruise missiles.")
    assert all(i.date.on is None for i in run(ref, text).incidents if i.place and i.place.key == "jeddah")


# --- sabotage ------------------------------------------------------------------------------------------------------------

def test_devices_rigged_to_explode_are_a_sabotage(ref):
    (i,) = run(ref, "On Monday, hundreds of pagers carried by members of the group exploded across Lebanon, killing nine people.").incidents
    assert i.event_type == "sabotage" and i.date.on == dt.date(2024, 3, 4)


def test_a_drone_that_exploded_stays_an_attack(ref):
    (i,) = run(ref, "On Monday, a drone exploded over the Harir base, wounding two soldiers.").incidents
    assert i.event_type == "attack"


def test_a_month_after_the_victim_and_place_dates_the_killing(ref):
    x = run(ref, "The group vowed revenge for the killing of Hamas leader Ismail Haniyeh in Tehran in July.")
    assert [(i.date.on, i.date.precision) for i in x.incidents] == [(dt.date(2023, 7, 1), "month")]


def test_a_bare_year_far_from_the_trigger_still_dates_nothing(ref):
    x = run(ref, "Rockets struck the Harir base, which the coalition has used since it was built in 2014.")
    assert all(i.date.on is None for i in x.incidents)


def test_a_month_in_another_clause_does_not_date_the_attack(ref):
    x = run(ref, "A missile struck the tanker True Spirit, the first deadly attack on shipping since the campaign began in November.")
    assert all(i.date.precision != "month" for i in x.incidents)


def test_an_unplaced_attack_that_is_no_operation_dates_nothing_after_it(ref):
    text = ("On Monday, hundreds of pagers carried by members of the group exploded, killing nine people. "
            "Hospitals were overwhelmed. The ministry said drones struck the town of Nabatieh, killing two.")
    assert all(i.date.on is None for i in run(ref, text).incidents if i.place and i.place.key == "nabatieh")


def test_a_states_strikes_are_an_airstrike(ref):
    (i,) = run(ref, "US strikes on the Houthi port of Hodeidah on Monday destroyed two launchers.").incidents
    assert i.event_type == "airstrike"


# --- places ------------------------------------------------------------------------------------------------------------

def test_a_place_after_its_qualifiers_is_where_it_happened(ref):
    (i,) = run(ref, "On Monday the group attacked a military target in the occupied Syrian Golan with drones.").incidents
    assert i.place.key == "golan-heights"


def test_a_region_named_after_the_trigger_without_a_preposition_is_not_the_place(ref):
    x = run(ref, "On Monday the group attacked a military target with drones, Syrian Golan residents said.")
    assert all(not i.place or i.place.key != "golan-heights" for i in x.incidents)


def test_a_framing_opener_yields_to_the_ships_own_position(ref):
    (i,) = run(ref, "In the Red Sea area, on Monday Houthi militants fired two missiles toward the tanker Sea Star as it "
                    "transited the Gulf of Aden.").incidents
    assert i.place.key == "gulf-of-aden"


def test_a_framing_opener_stays_the_place_when_nothing_else_is_named(ref):
    (i,) = run(ref, "In the Red Sea, on Monday Houthi militants fired two missiles toward the tanker Sea Star.").incidents
    assert i.place.key == "red-sea"


# --- sequels -----------------------------------------------------------------------------------------------------------

def test_a_sequel_counts_from_a_date_named_after_the_last_incident_was_told(ref):
    text = ("Hezbollah has answered once: on 2 December it fired two mortar rounds at the Shebaa Farms.\n\n"
            "Last month, the approach was tested. On 22 March, six rockets were fired from Lebanon toward Metula, the first "
            "launches since the truce. The IDF said three were intercepted. Hezbollah denied any involvement. The IDF struck "
            "dozens of Hezbollah targets in southern Lebanon that afternoon.\n\n"
            "Six days later, two rockets were fired at Kiryat Shmona.")
    x = run(ref, text, dt.date(2025, 4, 3))
    assert [i.date.on for i in x.incidents if i.place and i.place.key == "kiryat-shmona"] == [dt.date(2025, 3, 28)]


def test_a_sequel_right_after_an_incident_counts_from_it(ref):
    text = "On 2 March, Hezbollah fired two mortar rounds at the Shebaa Farms. Three days later, two rockets were fired at Kiryat Shmona."
    x = run(ref, text)
    assert [i.date.on for i in x.incidents if i.place and i.place.key == "kiryat-shmona"] == [dt.date(2024, 3, 5)]


def test_drones_at_a_leaders_residence_are_an_assassination_attempt(ref):
    (i,) = run(ref, "On Sunday, three drones were launched at the residence of Prime Minister Mustafa al-Kadhimi in Baghdad.").incidents
    assert i.event_type == "assassination" and "Kadhimi" in i.target.text


def test_a_leader_named_as_speaker_does_not_make_an_assassination(ref):
    x = run(ref, "On Sunday, three drones were launched at the Harir base, Prime Minister Mustafa al-Kadhimi said.")
    assert all(i.event_type == "attack" for i in x.incidents)


def test_a_strike_on_a_village_the_reference_lacks_is_another_strike(ref):
    text = ("An Israeli strike on a house in south Lebanon killed three people early on Monday. "
            "Later on Monday, Israeli fighter jets struck the border village of Wadi Qasr, killing two fighters.")
    x = run(ref, text)
    assert len(x.incidents) == 2 and any(i.place and i.place.text == "Wadi Qasr" for i in x.incidents)


def test_a_village_named_before_in_the_incident_joins_it(ref):
    text = ("An Israeli strike hit a house in the village of Wadi Qasr early on Monday. "
            "The Israeli military said its fighter jets had struck a compound in Wadi Qasr on Monday.")
    assert len(run(ref, text).incidents) == 1


def test_a_states_deadly_strike_counts_the_toll_found_later(ref):
    (i,) = run(ref, "On Monday, an Israeli strike on an apartment in Beirut's southern suburbs caused heavy damage. "
                    "The health ministry said four people were killed in the strike.").incidents
    assert i.event_type == "airstrike" and i.killed == 4


# --- one operation, several places -------------------------------------------------------------------------------------

def test_an_unknown_area_listed_before_a_known_place_is_its_own_incident(ref):
    x = run(ref, "On Monday, IDF fighter jets struck Hezbollah infrastructure in the area of Wadi Qasr and a weapons "
                 "depot in the area of Nabatieh in southern Lebanon.")
    assert sorted((i.place.key or i.place.text) for i in x.incidents) == ["Wadi Qasr", "nabatieh"]


def test_a_capitalized_word_that_is_no_area_stays_one_incident(ref):
    x = run(ref, "On Monday, IDF fighter jets struck Hezbollah infrastructure and a weapons depot in the area of Nabatieh.")
    assert len(x.incidents) == 1


def test_a_list_runs_on_past_the_next_triggers_clause(ref):
    x = run(ref, "On Monday, IDF fighter jets struck a Hezbollah structure in the area of Bint Jbeil and a launcher in the "
                 "area of Tyre from which rockets were fired toward Israel.")
    kinds = {i.place.key: i.event_type for i in x.incidents if i.place}
    assert kinds.get("bint-jbeil") == "airstrike" and kinds.get("tyre") == "airstrike"


def test_a_place_after_a_relative_clause_is_no_item_of_the_list(ref):
    x = run(ref, "On Monday, IDF fighter jets struck a Hezbollah structure in the area of Bint Jbeil, from which rockets had "
                 "been fired at Metula.")
    kinds = {i.place.key: i.event_type for i in x.incidents if i.place}
    assert kinds == {"bint-jbeil": "airstrike", "metula": "attack"}


def test_a_drone_strike_is_an_airstrike_once_a_state_is_named_later(ref):
    text = ("A drone strike on a motorcycle near the village of Wadi Qasr killed one man on Monday, the state news agency "
            "reported. The IDF said it had targeted a Hezbollah operative.")
    x = run(ref, text)
    assert [i.event_type for i in x.incidents] == ["airstrike"]


def test_a_drone_strike_blamed_on_a_group_stays_an_attack(ref):
    text = "A drone strike on a base near Erbil on Monday wounded two soldiers. Kataib Hezbollah said it carried out the attack."
    x = run(ref, text)
    assert [i.event_type for i in x.incidents] == ["attack"]


def test_an_unknown_village_with_an_article_prefix_is_kept_as_written(ref):
    (i,) = run(ref, "An Israeli strike on a house in the village of al-Qlayaa on Monday killed two people.").incidents
    assert i.place is not None and i.place.text == "al-Qlayaa"


def test_a_lowercase_word_after_a_place_noun_is_no_place(ref):
    x = run(ref, "An Israeli strike on a house in the village on Monday killed two people.")
    assert all(i.place is None or i.place.text != "on" for i in x.incidents)


def test_aircraft_that_struck_flew_the_strike_whatever_their_object(ref):
    (i,) = run(ref, "Israel says about 50 fighter jets struck hundreds of rocket launchers in southern Lebanon before dawn.").incidents
    assert i.event_type == "airstrike" and i.date.on == PUB


def test_rockets_that_struck_are_no_aircraft(ref):
    (i,) = run(ref, "About 50 rockets struck the outskirts of Kiryat Shmona before dawn.").incidents
    assert i.event_type == "attack"


def test_the_areas_a_missile_came_from_are_not_its_place(ref):
    x = run(ref, "On Monday, Houthi militants fired two missiles from Houthi-controlled areas of Yemen toward the tanker Sea Star.")
    assert all(not i.place or i.place.key != "yemen" for i in x.incidents)


def test_areas_of_a_country_struck_are_its_place(ref):
    (i,) = run(ref, "On Monday, US jets struck Houthi-controlled areas of Yemen.").incidents
    assert i.place.key == "yemen"


def test_a_place_named_as_another_places_is_the_finer(ref):
    (i,) = run(ref, "In January, a drone attack on fuel tankers in Abu Dhabi's Musaffah industrial area killed three workers.").incidents
    assert i.place.key == "musaffah"


def test_two_places_without_a_possessive_keep_the_first(ref):
    (i,) = run(ref, "In January, a drone attack on fuel tankers in Abu Dhabi near Musaffah killed three workers.").incidents
    assert i.place.key == "abu-dhabi"
