"""Statements that name a use of force but report no one incident: hypotheticals, tallies and habits,
periods, analysts' opinions. Sentences written for these tests (not taken from any article set).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


# 1. A modal right after the trigger: a hypothesis, not an event.

@pytest.mark.parametrize("text", [
    "That balance is fragile: a single drone strike on Erbil Airport could change it overnight.",
    "Officials fear that an attack on Erbil Airport would draw the United States deeper into the conflict.",
    "A rocket attack on Ain al-Asad might, analysts say, be enough to provoke retaliation.",
    "Any strike on Erbil Airport will be answered, Kataib Hezbollah said on Monday.",
])
def test_trigger_followed_by_a_modal_is_no_incident(ref, text):
    assert not run(ref, text).incidents


@pytest.mark.parametrize("text", [
    "A drone attack on Erbil Airport may have wounded two contractors, officials said on Monday.",  # hedge, not hypothesis
    "Kataib Hezbollah fired three rockets at Erbil Airport on Monday, officials said.",
    "The attack on Erbil Airport on Monday, which could not be independently confirmed, wounded two soldiers.",
    "A drone attack on Erbil Airport on Monday could not be independently verified, but two soldiers were wounded.",
    "A rocket attack by Kataib Hezbollah on Erbil Airport on Monday will be investigated, officials said.",
])
def test_a_hedged_or_plain_report_stays_an_incident(ref, text):
    (i,) = run(ref, text).incidents
    assert i.place.key == "erbil-airport"


# 2. A perfect verb with a period, or a count of times: a tally of many incidents.

@pytest.mark.parametrize("text", [
    "Since October 8, attacks by Kataib Hezbollah on Erbil Airport have killed 13 people.",
    "Kataib Hezbollah has fired more than 400 rockets at Erbil Airport since 2015, according to the coalition.",
    "US forces at Ain al-Asad have been attacked at least 66 times since mid-October.",
    "Erbil Airport was attacked at least 12 times in November, the Pentagon said.",
    "Ever since the war began, Kataib Hezbollah has repeatedly targeted Erbil Airport with drones.",
])
def test_tallies_and_habits_are_no_incident(ref, text):
    assert not run(ref, text).incidents


@pytest.mark.parametrize("text", [
    # a single event told in the perfect, with no period: still an incident
    "Kataib Hezbollah has fired three rockets at Erbil Airport, officials said on Monday.",
    # "since" introduces the background event; the event itself is reported in the past
    "Erbil Airport has been on alert since January, when a drone attack by Kataib Hezbollah wounded four soldiers.",
    # a count of people, not of times
    "A drone attack on Erbil Airport on Monday wounded three people.",
])
def test_single_events_around_since_or_counts_stay_incidents(ref, text):
    assert len(run(ref, text).incidents) == 1


# 3. A date after "since" or "between" bounds a period: it dates no event.

def test_date_opening_a_period_does_not_date_the_event(ref):
    x = run(ref, "Since October 8, the day after a drone attack on Erbil Airport, the base has been on alert.",
            published=dt.date(2024, 1, 5))
    assert all(i.date.on != dt.date(2023, 10, 8) for i in x.incidents)


def test_date_of_the_event_itself_is_kept(ref):
    (i,) = run(ref, "On October 8, Kataib Hezbollah fired two drones at Erbil Airport.", published=dt.date(2024, 1, 5)).incidents
    assert i.date.on == dt.date(2023, 10, 8)


# 4. An analyst's words create no incident (they may still refer to one already reported).

@pytest.mark.parametrize("text", [
    "\"What used to be a drone strike on Erbil Airport every few weeks is now several a week,\" said an analyst who "
    "follows the militias.",
    "A rocket attack on Erbil Airport is the militias' way of signalling, according to a researcher at a Beirut think tank.",
    "Experts said the drone attack on Ain al-Asad showed how far the group's range had grown.",
])
def test_analyst_opinion_creates_no_incident(ref, text):
    assert not run(ref, text).incidents


def test_analyst_may_refer_to_an_incident_already_reported(ref):
    x = run(ref, "Kataib Hezbollah fired three drones at Erbil Airport on Monday, wounding two soldiers. "
                 "\"The attack on Erbil Airport shows their reach,\" said one analyst.")
    (i,) = x.incidents
    assert i.injured == 2


def test_official_speaker_still_reports(ref):
    (i,) = run(ref, "A drone attack on Erbil Airport wounded two soldiers on Monday, a US official said.").incidents
    assert i.injured == 2


@pytest.mark.parametrize("text", [
    "US forces were attacked at least 66 times between October 17 and November 30, officials said.",
    "Since November 19, Kataib Hezbollah has carried out at least 33 attacks, by our count.",
])
def test_a_period_bounded_by_days_is_a_tally_not_a_one_day_wave(ref, text):
    x = run(ref, text, published=dt.date(2023, 12, 5))
    assert [s.count for s in x.statistics] in ([66], [33]) and not x.incidents


def test_a_day_inside_the_clause_still_makes_a_one_day_wave(ref):
    x = run(ref, "The United States struck more than 60 targets on Friday, officials said.", published=dt.date(2024, 1, 13))
    assert not x.statistics


def test_fellow_fighters_are_no_analysts(ref):
    (i,) = run(ref, "Kataib Hezbollah said its fellow fighters fired three drones at Erbil Airport on Monday.").incidents
    assert i.place.key == "erbil-airport"
