"""Which incidents are found at all (rules-8, area b): habits, corrections, purposes and closed adjuncts.

Sentences written for these tests (not taken from any article set); the default reference is used, as the
extractor does on real articles. Each test states one behaviour, with a negative case beside it."""

from __future__ import annotations

import datetime as dt

from tests.test_extract_incidents5 import reference, run  # noqa: F401  (the module's fixture and helper)

PUB = dt.date(2024, 3, 5)  # a Tuesday


def quotes(reference, text: str, published: dt.date | None = PUB) -> list[str]:
    return [i.span.quote for i in run(reference, text, published).incidents]


# --- habits: an adverb of repetition tells of events that recur, not of one ----------------------------------------

def test_an_adverb_of_habit_makes_no_incident(reference):
    assert quotes(reference, "Threats like these have often been followed by rocket attacks on Erbil airport.") == []
    assert quotes(reference, "The consulate in Erbil has been targeted by drones repeatedly this spring.") == []


def test_a_background_event_after_since_is_still_one(reference):
    q = quotes(reference, "The base has been shelled frequently since the January 2023 drone attack on Ain al-Asad air base "
                          "that wounded three soldiers.")
    assert len(q) == 1


def test_a_plain_attack_beside_no_adverb_is_kept(reference):
    assert len(quotes(reference, "Rockets struck Erbil airport on Sunday, wounding two contractors.")) == 1


# --- corrections: a correction notice reports no incident of its own ---------------------------------------------

def test_a_correction_notice_makes_no_incident(reference):
    text = ("Correction: An earlier entry said a drone had hit the port of Haifa on Monday. Israeli officials say "
            "nothing fell there.\n\nRockets struck Kiryat Shmona on Monday, wounding one man.")
    q = quotes(reference, text)
    assert len(q) == 1 and "Kiryat Shmona" in q[0]


def test_a_correction_under_a_live_page_time_stamp_makes_no_incident(reference):
    text = "09:15\nCorrection, March 4: This post said a missile struck Eilat port. It struck an open area near Eilat."
    assert quotes(reference, text) == []


def test_a_paragraph_that_only_mentions_a_correction_later_still_counts(reference):
    text = "A drone struck the Conoco gas field on Monday, the army said, in a correction to its first account."
    assert len(quotes(reference, text)) == 1


# --- purposes: an infinitive trigger is an intent, not an event ---------------------------------------------------

def test_an_infinitive_of_purpose_makes_no_incident(reference):
    assert quotes(reference, "Baghdad denied that its territory was used to attack the Saudi oil facilities at Abqaiq.") == []


def test_an_aspect_verb_keeps_the_infinitive_real(reference):
    q = quotes(reference, "Israeli jets continued to strike Hezbollah positions near Nabatieh on Monday.")
    assert len(q) == 1


# --- adjuncts: "after warning residents, jets struck X" is real ---------------------------------------------------

def test_a_closed_warning_adjunct_leaves_the_main_clause_real(reference):
    q = quotes(reference, "On Monday, after warning residents to leave, Israeli aircraft struck a building in Tyre.")
    assert len(q) == 1


def test_a_warning_that_governs_the_trigger_stays_irrealis(reference):
    assert quotes(reference, "On Monday the army warned residents it would strike a building in Tyre.") == []
