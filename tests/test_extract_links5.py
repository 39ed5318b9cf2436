"""Claim linking of round 5 on sentences written for the tests: which incident a claim is about (the one its words
refer back to), with near-misses each rule must leave alone."""

from __future__ import annotations

import pytest

from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


def claims_of(x, kind: str):
    return [c for c in x.claims if c.type == kind]


def key(a):
    return a.key if a else None


# --- a capital with an adverb before its verb still speaks ("in what Tehran swiftly described as ...") -------------

def test_capital_speaks_after_an_adverb(ref):
    x = run(ref, "Rockets hit a fuel depot near Baghdad on Monday, in what Tehran swiftly described as an Israeli attack.")
    blamed = claims_of(x, "attribution")
    assert [(key(c.claimant), key(c.perpetrator)) for c in blamed] == [("iran", "israel")], x.claims
    assert blamed[0].incident == x.incidents[0].local_id


def test_capital_before_an_adverb_and_no_verb_stays_a_place(ref):
    x = run(ref, "Rockets hit a fuel depot in Tehran early Monday, the Israeli military said.")
    assert not any(key(c.claimant) == "iran" for c in x.claims), x.claims


# --- a toll given "in the Israeli strike" does not say who struck ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Two civilians were killed in the Israeli strike on a house near Damascus on Monday, Iraqi officials said.",
    "A shepherd was wounded by an Israeli drone strike near Damascus on Monday, Iraqi officials said.",
])
def test_toll_of_an_incident_named_by_an_adjective_is_no_attribution(ref, text):
    x = run(ref, text)
    assert not claims_of(x, "attribution"), x.claims
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == ["iraq"], x.claims


@pytest.mark.parametrize("text", [
    "Israeli missiles struck a depot near Damascus on Monday, killing two men, Iraqi officials said.",  # who fired, as a clause
    "The suspected Israeli attack on a depot near Damascus on Monday killed two men, Iraqi officials said.",  # hedged: their guess
    "An Israeli drone strike on a car near Damascus on Monday killed two men, Iraqi officials said.",  # the strike is reported
])
def test_adjective_that_names_who_fired_or_a_guess_still_attributes(ref, text):
    x = run(ref, text)
    assert [(key(c.claimant), key(c.perpetrator)) for c in claims_of(x, "attribution")] == [("iraq", "israel")], x.claims


# --- a sentence without names of its own is about the main clause's incident, not one named in an aside ------------

def _linked(x, kind: str) -> list[str | None]:
    return [c.incident for c in claims_of(x, kind)]


def _incident_at(x, place: str) -> str:
    return next(i.local_id for i in x.incidents if i.place and i.place.key == place)


def test_back_reference_skips_an_incident_named_in_an_aside(ref):
    x = run(ref, "The Houthis said on Monday they had fired missiles at a tanker near Eilat, hours after US jets struck a "
                 "radar site near Baghdad. None of the 20 crew were hurt, it said.")
    assert _linked(x, "casualty_report") == [_incident_at(x, "eilat")], x.claims  # rules-7: "near Eilat" is Eilat


def test_back_reference_without_an_aside_takes_the_incident_named_last(ref):
    x = run(ref, "The Houthis fired missiles at a tanker near Eilat on Monday, and US jets struck a radar site near "
                 "Baghdad. No one was hurt, the Pentagon said.")
    assert _linked(x, "casualty_report") == [_incident_at(x, "baghdad")], x.claims


# --- a sentence that names an incident's target is about that incident ----------------------------------------------

_STRIKE_THEN_ROCKETS = "A US air strike hit a Kataib Hezbollah base near Baghdad on Sunday. Rockets hit Erbil Airport on Monday. "


def test_back_reference_by_the_target_named_after_the_verb(ref):
    x = run(ref, _STRIKE_THEN_ROCKETS + "The Pentagon has not confirmed targeting Kataib Hezbollah.")
    assert _linked(x, "non_confirmation") == [_incident_at(x, "baghdad")], x.claims


@pytest.mark.parametrize("last", [
    "The Pentagon has not confirmed that Kataib Hezbollah fired the rockets.",  # named as the doer of an attack verb
    "Kataib Hezbollah has not confirmed firing the rockets.",  # the target speaks: no reference by being named
])
def test_target_named_as_doer_or_speaker_refers_to_nothing(ref, last):
    x = run(ref, _STRIKE_THEN_ROCKETS + last)
    assert _linked(x, "non_confirmation") == [_incident_at(x, "erbil-airport")], x.claims


# --- a group's spokesman reporting its act claims it (the reference's member_of affiliation) ------------------------

@pytest.fixture(scope="module")
def seeds_ref():
    from eventdb.reference import default_reference
    return default_reference()


_CLAIMED_SHIP = "Yemen's Houthis said on Monday they had struck a cargo ship in the Red Sea. In a video statement, "


def test_spokesman_of_the_group_claims_its_act(seeds_ref):
    x = run(seeds_ref, _CLAIMED_SHIP + "Houthi military spokesman Yahya Saree said the group's naval forces had hit the "
                                       "vessel with several missiles.")
    by_him = [c for c in x.claims if key(c.claimant) == "yahya-saree"]
    assert [(c.type, key(c.perpetrator)) for c in by_him] == [("responsibility_claimed", "houthis")], x.claims


def test_a_person_of_another_side_does_not_claim_it(seeds_ref):
    x = run(seeds_ref, _CLAIMED_SHIP + "Hezbollah leader Hassan Nasrallah said Houthi naval forces had hit the vessel "
                                       "with several missiles.")
    assert [key(c.claimant) for c in claims_of(x, "responsibility_claimed")] == ["houthis"], x.claims


def test_target_may_be_the_unknown_target_of_the_strike_just_talked_about(ref):
    x = run(ref, "A US air strike hit a Kataib Hezbollah base near Baghdad on Sunday. On Monday, a US drone strike hit a car "
                 "near Erbil Airport. The Pentagon has not confirmed targeting Kataib Hezbollah.")
    assert _linked(x, "non_confirmation") == [_incident_at(x, "erbil-airport")], x.claims


# --- "claimed both attacks" in a sentence that names only the second ------------------------------------------------

def test_both_attacks_reaches_back_to_the_incident_before(ref):
    x = run(ref, "On Monday, a Houthi missile struck a tanker near Eilat. Two days later, a drone hit a cargo ship near "
                 "Eilat, again without casualties; the Houthis claimed both attacks.")
    assert sorted(_linked(x, "responsibility_claimed")) == sorted(i.local_id for i in x.incidents) and len(x.incidents) == 2


def test_the_attack_stays_with_its_own_incident(ref):
    x = run(ref, "On Monday, a Houthi missile struck a tanker near Eilat. Two days later, a drone hit a cargo ship near "
                 "Eilat; the Houthis claimed the attack.")
    assert _linked(x, "responsibility_claimed") == [x.incidents[-1].local_id], x.claims


# --- announcing deaths "without saying where or how" leaves the incident unconfirmed ---------------------------------

_DRONE_ON_CAR = "An Israeli drone struck a car near Damascus on Monday, killing two men. "


def test_deaths_announced_without_saying_where_or_how_are_a_non_confirmation(ref):
    x = run(ref, _DRONE_ON_CAR + "Kataib Hezbollah later announced the deaths of two of its fighters, without saying where "
                                 "or how they had been killed.")
    assert [(key(c.claimant), c.incident) for c in claims_of(x, "non_confirmation")] == [("kataib-hezbollah", "i1")]


def test_without_saying_how_or_when_is_no_non_confirmation(ref):
    x = run(ref, _DRONE_ON_CAR + "Iraqi officials said the country would respond, without saying how or when.")
    assert not claims_of(x, "non_confirmation"), x.claims


# --- one statement about incidents listed by one trigger ("missiles hit A and B") is about each ---------------------

_LISTED = "Iraqi officials said on Sunday that Israeli missiles had hit Erbil Airport and Baghdad International Airport. "


def test_attribution_of_a_listed_strike_covers_each_place(ref):
    x = run(ref, _LISTED)
    assert len(x.incidents) == 2
    assert sorted(_linked(x, "attribution")) == sorted(i.local_id for i in x.incidents), x.claims


def test_declining_to_comment_after_a_list_covers_each_place(ref):
    x = run(ref, _LISTED + "The Israeli military declined to comment.")
    assert sorted(_linked(x, "non_confirmation")) == sorted(i.local_id for i in x.incidents), x.claims


def test_a_place_named_back_picks_one_of_the_list(ref):
    x = run(ref, _LISTED + "The Israeli military declined to comment on the strike at Erbil Airport.")
    assert _linked(x, "non_confirmation") == [_incident_at(x, "erbil-airport")], x.claims


def test_a_toll_after_a_list_is_not_copied_to_each_place(ref):
    x = run(ref, _LISTED + "Two people were killed, the Iraqi health ministry said.")
    assert len(claims_of(x, "casualty_report")) == 1, x.claims


# --- "the attack bore the hallmarks of X" attributes it ----------------------------------------------------------------

def test_hallmarks_of_a_group_after_an_attack_word_attribute_it(ref):
    x = run(ref, 'Drones hit Erbil Airport on Monday. Iraqi officials said the attack bore the "hallmarks" of Kataib Hezbollah.')
    assert [(key(c.claimant), key(c.perpetrator), c.incident) for c in claims_of(x, "attribution")] == \
        [("iraq", "kataib-hezbollah", x.incidents[0].local_id)], x.claims


def test_hallmarks_without_an_attack_word_attribute_nothing(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday. Iraqi officials said the campaign bore the hallmarks of a long war with "
                 "Kataib Hezbollah.")
    assert not claims_of(x, "attribution"), x.claims


# --- "confirmed that rockets had hit the base" confirms the incident referred back to ------------------------------

_ROCKETS = "Rockets hit Ain al-Asad on Monday. "


def test_confirming_a_clause_with_an_attack_verb_confirms_the_incident(ref):
    x = run(ref, _ROCKETS + "A US official, speaking on condition of anonymity, confirmed that rockets had hit the base.")
    assert [(key(c.claimant), c.incident) for c in claims_of(x, "confirmation")] == [("united-states", x.incidents[0].local_id)]


@pytest.mark.parametrize("last", [
    "A US official confirmed that the frequency of attacks had risen.",  # a generic object
    "A US official confirmed reports of damage to a hangar.",  # no attack verb in a reported clause
])
def test_confirming_something_else_confirms_no_incident(ref, last):
    assert not claims_of(run(ref, _ROCKETS + last), "confirmation")


# --- a claim referring back to listed incidents, a toll of none for each listed place, a place the reference lacks --

_TWO_BASES = "Rockets and drones hit US bases at Erbil Airport and Ain al-Asad on Monday, "


def test_claim_about_both_listed_bases_is_about_each(ref):
    x = run(ref, _TWO_BASES + "causing no injuries, a US official said. Kataib Hezbollah said it had targeted both bases with drones.")
    assert len(x.incidents) == 2
    ids = sorted(i.local_id for i in x.incidents)
    assert sorted(_linked(x, "responsibility_claimed")) == ids, x.claims
    assert sorted(_linked(x, "casualty_report")) == ids, x.claims  # none hurt at either


def test_a_count_of_casualties_stays_with_the_first_listed_place(ref):
    x = run(ref, _TWO_BASES + "wounding two soldiers, a US official said.")
    assert len(claims_of(x, "casualty_report")) == 1, x.claims


_UNKNOWN_PLACE = "Drones struck a depot in Wadi Saluki on Monday. Rockets hit Erbil Airport on Tuesday. "


def test_back_reference_by_a_place_the_reference_lacks(ref):
    x = run(ref, _UNKNOWN_PLACE + "The Iraqi health ministry said a house in Wadi Saluki was destroyed but reported no casualties.")
    assert _linked(x, "casualty_report") == [x.incidents[0].local_id], x.claims


def test_a_longer_name_is_not_the_place_the_reference_lacks(ref):
    x = run(ref, _UNKNOWN_PLACE + "The Iraqi health ministry said a house in Wadi Salukiya was destroyed but reported no casualties.")
    assert _linked(x, "casualty_report") == [_incident_at(x, "erbil-airport")], x.claims


# --- "A US official, who spoke on condition of anonymity because ..., said": the official speaks ----------------------

def test_speaker_before_a_relative_clause_of_anonymity_speaks(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday. A US official, who spoke on condition of anonymity because he was not "
                 "authorised to brief reporters, said no American personnel were hurt.")
    assert [(key(c.claimant), c.incident) for c in claims_of(x, "casualty_report")] == [("united-states", "i1")], x.claims


def test_a_name_after_a_preposition_before_that_clause_does_not_speak(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday. Residents living near the US base, who spoke on condition of "
                 "anonymity, said no one was hurt.")
    assert not any(key(c.claimant) == "united-states" for c in x.claims), x.claims
