"""Rules-7 integration (issue 11): where the claims, binding, document and gazetteer rules meet. Each behaviour here
broke only once the branches were merged (a town the generated gazetteer now knows, a toll the binding rules now
find, a sentence opening the document rules now read); sentences written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract, tools_for
from eventdb.extract.context import SentenceView
from eventdb.extract.layout import article_sentences
from eventdb.extract.retold import opens_with_a_sequel
from eventdb.reference import default_reference


@pytest.fixture(scope="module")
def full():
    """The project's reference, with the generated towns and governorates (the fixture reference has few places)."""
    return default_reference()


def run_full(full, text: str, published: dt.date | None = dt.date(2024, 3, 6)):
    return extract(Article(text=text, origin="test", published=published), full)


def place(i) -> str | None:
    return i.place.key if i.place else None


# --- the town where the pieces fell is not an attack's site (a town the gazetteer knows) ---------------------------

@pytest.mark.parametrize("second", [
    "A man was lightly wounded by rocket shrapnel in a village near Safed, the ambulance service said.",
    "A woman in Nahariya was killed by falling rocket debris, the mayor said.",
    "A man was lightly hurt by shrapnel from an intercepted rocket in a village near Safed, the ambulance service said.",
])
def test_harm_from_fragments_in_a_town_is_the_attack_told_before(full, second):
    x = run_full(full, "Hezbollah fired a barrage of rockets at Kiryat Shmona on Friday. " + second)
    assert [place(i) for i in x.incidents] == ["kiryat-shmona"], second


def test_harm_from_fragments_with_a_date_of_its_own_is_its_own_incident(full):
    (i,) = run_full(full, "A man was wounded by rocket shrapnel in Nahariya on Monday, the ambulance service said.").incidents
    assert place(i) == "nahariya" and i.date.on == dt.date(2024, 3, 4) and i.injured == 1


def test_an_interception_with_a_town_of_its_own_still_names_an_attack(full):
    """Only the describing word ("an intercepted rocket") names no site: an interception told as an event keeps it."""
    x = run_full(full, "Hezbollah fired a barrage of rockets at Kiryat Shmona on Friday. Air defences intercepted two "
                       "drones launched from Lebanon over Nahariya on Saturday.")
    assert sorted(place(i) for i in x.incidents) == ["kiryat-shmona", "nahariya"]


# --- a subject that did something "later" is no step in time ------------------------------------------------------

def _first_view(text: str) -> SentenceView:
    tools = tools_for()
    (sentence, *_) = list(article_sentences(text, 0, tools.lexicon))
    return SentenceView.build(text, sentence, dt.date(2024, 3, 6), tools, None)


@pytest.mark.parametrize("text,step", [
    ("Hours later, a drone hit a tanker.", True),
    ("Two days later, rockets struck the base.", True),
    ("A few hours later, jets struck a depot.", True),
    ("Later on Monday, a drone hit the port.", True),
    ("Shortly afterwards, a second drone hit the port.", True),
    ("Hezbollah later announced the deaths of two of its fighters.", False),
    ("The army later said it had struck a cell in the area.", False),
    ("Officials afterwards confirmed the toll.", False),
])
def test_a_sentence_opens_with_a_step_in_time_only_with_a_time_unit_or_none(text, step):
    assert opens_with_a_sequel(_first_view(text)) is step, text


def test_a_group_announcing_deaths_later_retells_the_strike_just_told(full):
    x = run_full(full, "Israeli jets struck a car near Bint Jbeil late on Monday, killing two men, Lebanese media said. "
                       "Hezbollah later announced the deaths of two of its fighters, and the army said it had struck a "
                       "Hezbollah cell in the area.")
    (i,) = x.incidents
    assert place(i) == "bint-jbeil" and i.killed == 2
    assert {c.incident for c in x.claims} == {i.local_id}


# --- the last name of a list of provinces is a province of the list too -------------------------------------------

@pytest.mark.parametrize("text", [
    "US and British jets struck targets in Sanaa, Hodeidah, Taiz and al-Bayda provinces on Monday.",
    "Jets struck targets in Hodeidah and al-Bayda provinces on Monday, Saba said.",
])
def test_the_last_name_before_provinces_is_no_town_of_the_strike(full, text):
    (i,) = run_full(full, text).incidents
    assert place(i) == "yemen", text


# --- "facilities used by X": X holds what was struck, it did not strike (a reversed role) -------------------------

@pytest.mark.parametrize("text,perp,target", [
    ("US aircraft struck three facilities used by Kataib Hezbollah near Hillah on Monday.", "united-states", "kataib-hezbollah"),
    ("Israeli jets struck a depot run by Hezbollah near Nabatieh on Monday.", "israel", "hezbollah"),
])
def test_the_user_of_what_was_struck_is_the_target(full, text, perp, target):
    (i,) = run_full(full, text).incidents
    assert (i.perpetrator.key, i.target.key) == (perp, target), text


def test_by_after_the_attack_verb_still_names_the_attacker(full):
    (i,) = run_full(full, "Rockets were fired by Kataib Hezbollah at Ain al-Asad on Monday.").incidents
    assert i.perpetrator.key == "kataib-hezbollah"


# --- "the rockets were intercepted": the weapons told before, wherever a town of the sentence lies -----------------

@pytest.mark.parametrize("second", [
    "Most of the rockets were intercepted, the army said, and fires broke out near Katzrin.",
    "They were shot down over Katzrin, the army said.",
])
def test_an_interception_of_the_weapons_told_before_ends_that_attack(full, second):
    x = run_full(full, "Hezbollah fired 60 rockets at the Golan Heights on Thursday. " + second)
    assert [place(i) for i in x.incidents] == ["golan-heights"], second


# --- an army speaking of an attack whose doer the article names claims nothing ------------------------------------

def test_an_army_countering_an_attack_by_another_side_does_not_claim_it(full):
    x = run_full(full, "Israeli warplanes struck military sites in Iran early on Saturday. Iran's army said four soldiers "
                       "were killed. It said Iranian air defences had intercepted and countered the attack.")
    (i,) = x.incidents
    assert i.perpetrator.key == "israel"
    by_army = {c.type for c in x.claims if c.claimant and c.claimant.key == "iranian-armed-forces"}
    assert "responsibility_claimed" not in by_army and "interception" in by_army


# --- a governorate holds the towns of its admin1; two towns of one governorate are two places ----------------------

def test_a_town_lies_in_the_governorate_of_its_admin1_and_not_in_its_neighbour():
    text = "Rockets hit Metula."
    view = _first_view(text)
    assert view.nested("metula", "northern-district") and view.nested("northern-district", "metula")
    assert view.nested("tyre", "south-lebanon-governorate")
    assert not view.nested("metula", "kiryat-shmona")  # one admin1, two towns: two places
    assert not view.nested("tyre", "nabatieh-governorate")


def test_a_lead_in_a_governorate_and_the_town_told_next_are_one_incident(full):
    (i,) = run_full(full, "Rockets were fired at Northern District on Tuesday. A rocket hit a house in Metula on "
                          "Tuesday, wounding a man.").incidents
    assert place(i) == "metula" and i.injured == 1


# --- "the community of X": a guarded town named after a settlement noun -------------------------------------------

def test_a_guarded_town_after_the_community_of_is_a_place(full):
    (i,) = run_full(full, "Separately, an explosive drone was launched at the community of Beit Hillel on Tuesday night, "
                          "the army said.").incidents
    assert place(i) == "bet-hillel" and i.place.country_code == "IL"


# --- a governorate says where as well as a town does; a country does not -------------------------------------------

@pytest.mark.parametrize("where,key", [("Daraa province", "daraa-governorate"), ("Daraa", "daraa")])
def test_an_attack_placed_only_at_a_governorate_is_kept_like_one_at_a_town(full, where, key):
    (i,) = run_full(full, f"Rockets hit army positions in {where}, the monitor said.").incidents
    assert place(i) == key


def test_an_attack_placed_only_in_a_country_says_too_little(full):
    assert run_full(full, "Drones hit army positions in Syria.").incidents == ()
