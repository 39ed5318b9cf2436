"""Rules-7, the document-level stage for incidents (issue 11): what the whole article says about an incident decides
its outcome, its place and whether two mentions are one incident. Sentences written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract
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
