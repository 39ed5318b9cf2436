"""One event told in several sentences of an article is one incident: later sentences add the count, the toll
or the detail. Sentences written for these tests (not taken from any article set)."""

from __future__ import annotations

import pytest

from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


@pytest.mark.parametrize("text", [
    # same perpetrator, a place inside the first one, no date of its own
    "Kataib Hezbollah fired drones at Erbil on Monday, officials said. Kataib Hezbollah said its drones had "
    "struck Erbil Airport.",
    # same perpetrator, no place, no date: the count
    "Kataib Hezbollah fired drones at Erbil Airport on Monday, officials said. Kataib Hezbollah said it had launched "
    "four drones.",
    # the second clause of a sentence that retells the incident names no actor
    "Kataib Hezbollah fired rockets at Iraq on Monday. Officials said Kataib Hezbollah had fired 12 rockets, and that "
    "two rockets had struck Erbil Airport.",
    # no actor, no place, no date, the same weapon: the detail of the drone strike just reported
    "A drone struck a car in Erbil on Wednesday evening, killing a Kataib Hezbollah commander. A security source said "
    "the drone fired two missiles at the car.",
])
def test_a_retelling_joins_the_incident_just_reported(ref, text):
    assert len(run(ref, text).incidents) == 1


@pytest.mark.parametrize("text", [
    # a date of its own, even one that cannot be resolved
    "A drone struck a car in Erbil on Wednesday, killing two people. Earlier this month, a drone strike on a gas "
    "field killed four workers.",
    # marked as another event
    "Kataib Hezbollah fired rockets at Erbil Airport on Monday. Kataib Hezbollah also fired two drones at Ain al-Asad.",
    # another specific place, not inside the first
    "Kataib Hezbollah fired drones at Erbil Airport on Monday. Kataib Hezbollah fired rockets at Ain al-Asad, officials said.",
    # other weapons with no overlap
    "Kataib Hezbollah fired three rockets at Iraq on Monday. Kataib Hezbollah shelled a checkpoint in Erbil with mortars, police said.",
])
def test_another_event_stays_another_incident(ref, text):
    assert len(run(ref, text).incidents) == 2


@pytest.mark.parametrize("text", [
    "On Monday a drone struck Erbil Airport, killing two soldiers, an attack which prompted US air strikes on Friday.",
    "Kataib Hezbollah fired rockets at Erbil Airport on Monday in response to a US air strike on Tuesday.",
    "The United States struck Kataib Hezbollah on Friday, days after a drone attack on Erbil Airport killed two soldiers.",
])
def test_what_an_incident_led_to_or_answered_is_another_incident(ref, text):
    assert len(run(ref, text).incidents) == 2


def test_one_event_in_two_clauses_of_a_sentence_stays_one(ref):
    (i,) = run(ref, "Kataib Hezbollah fired three drones at Erbil Airport on Monday, and one of them struck a hangar.").incidents
    assert i.place.key == "erbil-airport"


def test_the_generic_weapon_retells_its_kind(ref):
    x = run(ref, "Kataib Hezbollah fired two ballistic missiles at Erbil Airport on Monday. The missiles fell in open ground "
                 "and caused no injuries.")
    (i,) = x.incidents
    assert i.place.key == "erbil-airport"


def test_another_kind_of_weapon_is_not_the_same_family(ref):
    x = run(ref, "Kataib Hezbollah fired two ballistic missiles at Erbil Airport on Monday. A drone struck a checkpoint, "
                 "wounding two guards.")
    assert len(x.incidents) == 2
