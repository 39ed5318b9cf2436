"""Rules-7, the document-level stage for incidents (issue 11): what the whole article says about an incident decides
its outcome, its place and whether two mentions are one incident. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import decisions, extract
from eventdb.reference import default_reference
from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


@pytest.fixture(scope="module")
def full():
    """The project's reference (bases such as Tower 22, provinces, towns): the fixture has only a few places."""
    return default_reference()


def run_full(full, text: str, published: dt.date | None = dt.date(2024, 3, 6)):
    return extract(Article(text=text, origin="test", published=published), full)


def key(a):
    return a.key if a else None


def outcome(ref, text: str) -> str:
    (i,) = run(ref, text).incidents
    return i.outcome


# --- outcome, decided from everything the article says (failure class: outcome `unknown` where the text says it hit) --

@pytest.mark.parametrize("text", [
    "Two drones struck Erbil Airport on Tuesday.",
    "A rocket slammed into a house in Haifa on Tuesday.",
    "Rockets were fired at Erbil Airport on Tuesday. One of them damaged a hangar.",
    "Kataib Hezbollah fired rockets at Ain al-Asad on Sunday, wounding two contractors.",
])
def test_a_weapon_that_struck_or_hurt_is_a_hit(ref, text):
    assert outcome(ref, text) == "hit", text


def test_casualties_told_in_a_later_sentence_make_a_hit(ref):
    (i,) = run(ref, "Rockets were fired at Ain al-Asad on Sunday. Three soldiers were wounded, the Pentagon said.").incidents
    assert i.outcome == "hit" and i.injured == 3


def test_a_partial_interception_then_an_impact_in_the_next_sentence_is_a_hit(ref):
    (i,) = run(ref, "Three rockets were fired at Erbil Airport late on Monday. One was shot down; the other two fell "
                    "inside the perimeter.").incidents
    assert i.outcome == "hit"


@pytest.mark.parametrize("text", [
    "Two drones launched at Erbil Airport on Tuesday were shot down.",
    "Hezbollah fired 40 rockets at Haifa on Friday. Most were intercepted and the rest fell in open areas, the army said.",
])
def test_shot_down_with_nothing_saying_the_rest_hit_is_intercepted(ref, text):
    assert outcome(ref, text) == "intercepted", text


@pytest.mark.parametrize("text", [
    "Kataib Hezbollah fired rockets at Ain al-Asad on Sunday.",
    "A rocket landed in an empty field near Erbil Airport on Sunday.",
    "Two missiles fired at Eilat on Monday fell into the sea.",
])
def test_fired_or_missed_says_nothing_of_the_outcome(ref, text):
    assert outcome(ref, text) == "unknown", text


def test_a_negated_interception_is_no_interception(ref):
    (i,) = run(ref, "A drone was launched at Eilat on Monday. It was not intercepted, the army said.").incidents
    assert i.outcome != "intercepted"


@pytest.mark.parametrize("text", [
    "A drone was launched at Erbil Airport on Monday. It is not clear whether it hit the runway.",
    "Rockets were fired at Ain al-Asad on Sunday. The Pentagon could not confirm that any building had been hit.",
])
def test_a_hit_in_doubt_is_no_hit(ref, text):
    assert outcome(ref, text) == "unknown", text


def test_destroyed_by_the_interceptor_is_an_interception(ref):
    (i,) = run(ref, "Air defences intercepted and destroyed two missiles fired at Haifa on Monday.").incidents
    assert i.outcome == "intercepted"


def test_a_hit_claimed_only_in_the_attackers_quoted_words_is_no_hit(ref):
    (i,) = run(ref, 'Kataib Hezbollah said it had fired drones at Ain al-Asad on Sunday that "hit their targets".').incidents
    assert i.outcome == "unknown"


def test_an_air_strike_is_told_when_it_struck(ref):
    (i,) = run(ref, "An Israeli air strike on Damascus on Monday targeted a building used by the IRGC.").incidents
    assert i.event_type == "airstrike" and i.outcome == "hit"


def test_each_incident_reads_the_part_of_a_sentence_about_it(ref):
    x = run(ref, "On Monday Kataib Hezbollah claimed drone attacks on Eilat and on Haifa. The army said a drone had been "
                 "intercepted near Eilat; it said nothing about Haifa.")
    outcome = {i.place.key: i.outcome for i in x.incidents}
    assert outcome == {"eilat": "intercepted", "haifa": "unknown"}


# --- place: the most specific the article gives ---------------------------------------------------------------------

def test_near_a_town_is_the_town(ref):
    (i,) = run(ref, "A drone struck a car near Damascus on Monday, killing two men.").incidents
    assert i.place.key == "damascus"


def test_a_site_said_to_lie_off_a_town_is_not_the_town(ref):
    (i,) = run(ref, "Rockets hit a military base south of Baghdad on Monday, wounding two guards.").incidents
    assert i.place.key == "iraq"


def test_a_place_the_text_only_guesses_is_not_bound(ref):
    (i,) = run(ref, "Drones struck targets on Monday, possibly near Isfahan, the report said.").incidents
    assert i.place is None or i.place.key != "isfahan"


def test_a_town_an_origin_lies_off_is_an_origin_too(ref):
    (i,) = run(ref, "Israeli jets struck Eilat on Monday, coming from the direction of Qatana, south-west of Damascus.").incidents
    assert i.place.key == "eilat"


# --- one operation, several named places (failure class 4) -------------------------------------------------------

def test_provinces_named_as_what_was_struck_are_one_incident_each(full):
    x = run_full(full, "On Monday US forces also targeted Diyala and Wasit provinces, the Pentagon said.")
    assert sorted(i.place.key for i in x.incidents) == ["diyala-province", "wasit-province"]
    claims = [c for c in x.claims if c.type == "responsibility_claimed"]
    assert sorted(c.incident for c in claims) == sorted(i.local_id for i in x.incidents)  # one claim per part


def test_provinces_named_as_where_strikes_fell_are_one_incident(full):
    x = run_full(full, "On Monday US jets carried out strikes in Diyala and Wasit provinces, the Pentagon said.")
    assert len(x.incidents) == 1


def test_a_list_of_provinces_where_strikes_fell_is_their_country(full):
    (i,) = run_full(full, "Israeli jets struck military sites on Saturday in the provinces of Diyala, Wasit and Maysan.").incidents
    assert i.place.key == "iraq"


# --- the document-level sieves: mentions of one event become one incident --------------------------------------------

def _decided(reference, text: str, published=dt.date(2024, 3, 6)):
    """The extraction and, by incident, the names of the sieves that changed it."""
    article = Article(text=text, origin="test", published=published)
    return extract(article, reference), decisions(article, reference)


def test_a_lead_and_the_site_told_next_are_one_incident(full):
    x, decided = _decided(full, "US forces in eastern Syria came under attack on Friday, officials said. Rockets were fired "
                                  "at the Conoco gas field base in Deir ez-Zor province on Friday, causing no casualties. "
                                  "The Islamic Resistance in Iraq claimed the attack.")
    (i,) = x.incidents
    assert i.place.key == "conoco-gas-field" and key(i.perpetrator) == "islamic-resistance-in-iraq"
    assert any(d.startswith("lead_then_site") for d in decided[i.local_id])
    assert {c.incident for c in x.claims} <= {i.local_id}  # the claims follow the join



def test_a_sentence_describing_the_outpost_places_the_attack_there(full):
    x, decided = _decided(full, "A drone attack killed three US soldiers in Jordan on Sunday. The Islamic Resistance in Iraq "
                                "claimed the attack. The outpost, known as Tower 22, houses about 350 US troops.")
    (i,) = x.incidents
    assert i.place.key == "tower-22" and i.place.country_code == "JO"
    assert any(d.startswith("site_description") for d in decided[i.local_id])


def test_a_named_site_in_apposition_places_the_attack_there(full):
    (i,) = run_full(full, "A drone attack killed three US soldiers in Jordan on Sunday. Tower 22, a logistics base near "
                          "the Syrian border, houses about 350 troops.").incidents
    assert i.place.key == "tower-22"


def test_a_site_in_another_country_does_not_place_the_attack(full):
    (i,) = run_full(full, "A drone attack killed three US soldiers in Jordan on Sunday. The base known as Ain al-Asad "
                          "hosts about 2,500 US troops.").incidents
    assert i.place.key == "jordan"


def test_a_site_described_after_two_incidents_of_one_sentence_places_neither(full):
    x = run_full(full, "On Sunday a drone attack killed three soldiers in Jordan, and rockets were fired at US troops in "
                       "Syria. The outpost, known as Tower 22, houses about 350 US troops.")
    assert "tower-22" not in {i.place.key for i in x.incidents if i.place}


def test_a_strike_and_an_attack_the_other_way_round_at_one_base_stay_apart(full):
    x = run_full(full, "US jets struck a Kataib Hezbollah depot at Ain al-Asad on Monday. Rockets hit US troops at "
                       "Ain al-Asad on Monday, Kataib Hezbollah said.")
    assert len(x.incidents) == 2
    assert {key(i.perpetrator) for i in x.incidents} >= {"united-states"}


def test_two_ships_hit_the_same_day_in_one_sea_are_two_incidents(full):
    x = run_full(full, "On Monday a missile struck the tanker Sea Star in the Red Sea. Hours later, a drone hit the bulk "
                       "carrier Ocean Light in the Red Sea.")
    assert len(x.incidents) == 2


def test_a_rocket_and_drones_days_apart_at_one_base_are_two_incidents(full):
    x = run_full(full, "A rocket hit Ain al-Asad on December 31. Drones struck Ain al-Asad on January 2.")
    assert sorted(i.date.on for i in x.incidents) == [dt.date(2023, 12, 31), dt.date(2024, 1, 2)]


def test_a_force_that_also_struck_elsewhere_acted_that_day(full):
    x, decided = _decided(full, "US forces struck Houthi radar sites in Hodeidah on Monday. US forces also targeted Diyala "
                                "and Wasit provinces.")
    parts = [i for i in x.incidents if i.place.key in ("diyala-province", "wasit-province")]
    assert len(parts) == 2 and all(i.date.on == dt.date(2024, 3, 4) and i.event_type == "airstrike" for i in parts)
    assert all(any(d.startswith("same_operation") for d in decided[i.local_id]) for i in parts)


def test_an_undated_attack_without_also_takes_no_date(full):
    x = run_full(full, "US forces struck Houthi radar sites in Hodeidah on Monday. US forces targeted Diyala and Wasit "
                       "provinces.")
    assert all(i.date.on is None for i in x.incidents if i.place.key != "hodeidah")


def test_a_toll_in_a_sentence_about_two_incidents_is_not_taken_through_a_claim(full):
    x = run_full(full, "Iran launched more than 300 drones and missiles at Israel overnight, and a small number struck the "
                       "Nevatim air base. Iran's Revolutionary Guards said in a statement that they had launched dozens "
                       "of drones and missiles against specific targets in Israel in response to the April 1 strike on "
                       "Iran's consular building in Damascus, in which seven Guards members were killed.")
    nevatim = next(i for i in x.incidents if i.place and i.place.key == "nevatim-air-base")
    assert nevatim.killed is None


def test_the_airport_in_a_later_sentence_is_the_airport_named_before(full):
    x, decided = _decided(full, "A US drone strike on a car near Baghdad International Airport killed two fighters late on "
                                "Tuesday. Less than an hour later, three rockets were fired at coalition advisers in the airport's "
                                "military section.")
    assert [i.place.key for i in x.incidents] == ["baghdad-international-airport"] * 2
    assert any(d.startswith("definite_site") for d in decided[x.incidents[1].local_id])


def test_the_base_of_a_background_attack_is_the_base_named_before(full):
    x = run_full(full, "Two drones launched at Harir Air Base on Tuesday were shot down. The base was already hit on "
                       "December 31, when a rocket struck a hangar.")
    assert [(i.place.key, i.date.on) for i in x.incidents] == [("harir-air-base", dt.date(2024, 3, 5)),
                                                               ("harir-air-base", dt.date(2023, 12, 31))]


def test_the_base_with_no_base_named_before_stays_unplaced(full):
    x = run_full(full, "Kataib Hezbollah said on Monday it had fired rockets at the base.")
    assert all(i.place is None or i.place.key != "harir-air-base" for i in x.incidents)


def test_names_listed_before_governorates_are_the_governorates(full):
    x = run_full(full, "On Friday US aircraft also targeted Deir ez-Zor and Homs governorates in Syria, a US official said.")
    assert sorted(i.place.key for i in x.incidents) == ["deir-ez-zor-governorate", "homs-governorate"]


def test_a_toll_told_for_one_governorate_binds_to_its_incident(full):
    x = run_full(full, "On Friday US aircraft struck Deir ez-Zor and Homs governorates. The Syrian Observatory for Human "
                       "Rights said at least 18 fighters were killed in Deir ez-Zor governorate.")
    killed = {i.place.key: i.killed for i in x.incidents}
    assert killed == {"deir-ez-zor-governorate": 18, "homs-governorate": None}


def test_the_place_of_the_war_is_not_the_place_of_the_attack(full):
    (i,) = run_full(full, "A drone attack killed three soldiers in Jordan on Sunday, the first deaths since the war in "
                          "Gaza began.").incidents
    assert i.place.key == "jordan"


def test_nautical_miles_off_a_port_are_at_sea(full):
    (i,) = run_full(full, "On Monday a missile struck a bulk carrier about 60 nautical miles east of Aden.").incidents
    assert i.place is None or i.place.country_code is None


def test_a_capital_that_speaks_after_the_attack_is_not_its_place(full):
    x = run_full(full, "A drone attack killed three soldiers in Jordan on Sunday. Jordan's spokesman condemned the attack "
                       "and said Amman would keep working with Washington.")
    assert [i.place.key for i in x.incidents] == ["jordan"]


def test_a_ship_hit_hours_later_in_the_same_sea_is_another_incident(full):
    x = run_full(full, "A missile struck the bulk carrier Sea Lantern in the Gulf of Aden on Monday. Hours later, the "
                       "bulk carrier Blue Heron was hit by a missile in the Gulf of Aden.")
    assert len(x.incidents) == 2 and {i.date.on for i in x.incidents} == {dt.date(2024, 3, 4)}


def test_another_source_telling_the_same_ship_attack_is_the_same_incident(full):
    x = run_full(full, "The Houthis said on Monday they had struck a bulk carrier in the Gulf of Aden on Saturday. US "
                       "Central Command said two missiles fired toward the Gulf of Aden on Saturday were shot down, but "
                       "that a third had struck the vessel.")
    (i,) = x.incidents
    assert i.place.key == "gulf-of-aden" and i.outcome == "hit"


@pytest.mark.parametrize("text", [
    "On Tuesday US forces shot down 12 drones fired by the Houthis in the southern Red Sea.",
    "On Tuesday two missiles were fired from Yemen toward the Red Sea.",
])
def test_a_sea_named_after_a_preposition_of_place_is_the_place(full, text):
    (i,) = run_full(full, text).incidents
    assert i.place.key == "red-sea", text


def test_places_given_as_examples_of_a_wave_are_no_one_place(full):
    (i,) = run_full(full, "US jets struck more than 60 targets in Yemen on Friday, including the capital Sanaa, the port "
                          "city of Hodeidah and Saada.").incidents
    assert i.place.key == "yemen"


def test_a_base_in_apposition_before_a_passive_verb_is_the_place(full):
    x = run_full(full, "Ain al-Asad, a sprawling base in the desert west of Baghdad, was also the target of a January "
                       "2020 Iranian missile strike.")
    assert [i.place.key for i in x.incidents] == ["ain-al-asad-air-base"]


def test_extract_explain_prints_the_sieve_that_placed_an_incident(tmp_path):
    from click.testing import CliRunner

    from eventdb.cli import main
    path = tmp_path / "a.txt"
    path.write_text(" date 2024-01-29\n\nA drone attack killed three US soldiers in Jordan on Sunday. The outpost, known as "
                    "Tower 22, houses about 350 US troops.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "why i1: site_description: place tower-22" in result.output


def test_a_strike_from_the_air_and_rockets_at_one_place_one_day_stay_apart(full):
    x = run_full(full, "US F-15s struck Kataib Hezbollah positions at Jurf al-Sakhar on Monday. Rockets hit Jurf al-Sakhar "
                       "on Monday, wounding two soldiers.")
    assert sorted(i.event_type for i in x.incidents) == ["airstrike", "attack"]
    assert [i.injured for i in x.incidents if i.event_type == "airstrike"] == [None]  # the rockets' toll stays theirs


def test_a_sentence_opening_in_response_tells_another_incident():
    """ "In response, ... jets struck X": what answered the incident told before is an incident of its own, even when
    its place is one the reference lacks and its date is left to the story."""
    from eventdb.reference import default_reference
    from tests.test_extract_rules import run

    x = run(default_reference(), "Israeli jets struck Aitaroun in southern Lebanon on Monday. In response, the army said, fighter jets "
                 "struck Hezbollah infrastructure in Kfar Kila.")
    assert len(x.incidents) == 2
