"""Incident recall on unseen text (rules-6 round): a weapon that slams into its target or kills, a full date that
modifies the trigger's noun, "of that year" in an undated article.

Sentences written for these tests (not taken from any article set); the default reference is used, as the
extractor does on real articles."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_extract_incidents5 import reference, run  # noqa: F401  (the module's fixture and helper)


# 1. A weapon that slams into its target, or that is the subject of a killing.

@pytest.mark.parametrize("text,place", [
    ("A guided missile launched from across the border slammed into a school in Kiryat Shmona on Monday.", "kiryat-shmona"),
    ("Three rockets smashed into a warehouse near Ain al-Asad air base on Tuesday.", "ain-al-asad-air-base"),
])
def test_a_weapon_that_slams_into_a_place_is_an_attack(reference, text, place):
    (i,) = run(reference, text).incidents
    assert i.event_type == "attack" and i.place.key == place and i.date.on is not None


def test_a_drone_as_the_subject_of_a_killing_is_an_attack(reference):
    (i,) = run(reference, "On Monday a drone killed two soldiers at Tower 22 in Jordan.").incidents
    assert i.event_type == "attack" and i.place.key == "tower-22" and i.date.on == dt.date(2024, 3, 4)
    assert "drone" in i.weapons


@pytest.mark.parametrize("text", [
    "The minister slammed the decision on Monday as reckless.",  # "slammed" alone is a reaction
    "A delivery van slammed into a lamppost in Erbil on Monday, police said.",  # no weapon
    "Officials said the drone program killed the budget for new tanks.",  # "program" between weapon and verb
])
def test_near_misses_of_a_weapon_that_slams_or_kills(reference, text):
    x = run(reference, text)
    assert not x.incidents, [i.span.quote for i in x.incidents]


# 2. A full date between an article and the trigger's noun dates that noun.

def test_a_full_date_before_the_noun_dates_the_incident(reference):
    text = ("Front groups claimed rocket and bomb attacks for years, among them one which claimed the March 3, 2021 "
            "rocket attack on Erbil International Airport.")
    incidents = run(reference, text, None).incidents
    erbil = [i for i in incidents if i.place and i.place.key == "erbil-international-airport"]
    assert erbil and erbil[0].date.on == dt.date(2021, 3, 3) and erbil[0].date.precision == "day"


def test_a_date_far_from_the_noun_still_belongs_to_the_other_clause(reference):
    text = "Militia attacks continued, and the March 3, 2021 statement by the group claimed the attack on Erbil International Airport."
    erbil = [i for i in run(reference, text, None).incidents if i.place and i.place.key == "erbil-international-airport"]
    assert not erbil or erbil[0].date.on is None


# 3. "Of that year" in an undated article that states several years.

def test_of_that_year_takes_the_year_stated_just_before(reference):
    text = ("A history of the war\n\nThe cycle began in the spring of 2018, five years before the war. "
            "On June 4 of that year, some 20 rockets slammed into Balad air base, wounding two contractors.")
    (i,) = [i for i in run(reference, text, None).incidents if i.place and i.place.key == "balad-air-base"]
    assert i.date.on == dt.date(2018, 6, 4)


def test_a_bare_day_after_another_year_stays_undated(reference):
    text = ("A history of the war\n\nThe cycle began in 2018. The war broke out in 2023. "
            "On June 4, some 20 rockets slammed into Balad air base, wounding two contractors.")
    (i,) = [i for i in run(reference, text, None).incidents if i.place and i.place.key == "balad-air-base"]
    assert i.date.on is None


def test_that_year_in_another_paragraph_is_not_used(reference):
    text = ("A history of the war\n\nThe cycle began in 2018. The war broke out in 2023.\n\n"
            "On June 4 of that year, some 20 rockets slammed into Balad air base, wounding two contractors.")
    (i,) = [i for i in run(reference, text, None).incidents if i.place and i.place.key == "balad-air-base"]
    assert i.date.on is None


def test_a_dated_article_ignores_that_year(reference):
    text = "In 2019 the group was founded. On June 4 of that year, rockets slammed into Balad air base."
    (i,) = [i for i in run(reference, text).incidents if i.place and i.place.key == "balad-air-base"]
    assert i.date.on == dt.date(2023, 6, 4)  # resolved from the publication date, as before
