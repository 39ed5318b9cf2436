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
