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
                       "Three contractors were wounded, the Kurdish security service said.")
    assert (i.killed, i.injured) == (None, 3)


def test_conflicting_tolls_from_two_sources_leave_the_count_open(reference):
    i = one(reference, "Drones struck a depot near Erbil Airport on Tuesday. "
                       "Four guards were killed, the Kurdish security service said. "
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
