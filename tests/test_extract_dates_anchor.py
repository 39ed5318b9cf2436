"""Dates anchored in the article itself: the year it states, and dates told from the event before.

Sentences written for these tests (not taken from any article set): each rule with the case it
must catch and the case it must leave alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract
from eventdb.extract.dates import DateMention, find_dates, resolve_sequels, stated_year
from eventdb.extract.lexicon import default_lexicon
from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)

LEX = default_lexicon()


def dates(text: str, published: dt.date | None = None, year: int | None = None):
    return [(d.text, d.on, d.precision, d.sequel) for d in find_dates(text, 0, len(text), published, LEX, year)]


# 1. A month and day without a year, no publication date: the year the article states, when it states one.

@pytest.mark.parametrize("text,year", [
    ("Monthly brief: November 2023\n\nDrones hit the base on November 7.", 2023),
    ("The attack of 2 January 2024 was followed by another on January 6.", 2024),
    ("Rockets struck the base on Dec. 3, 2023, and again on December 9, 2023, officials said.", 2023),
    ("In late March 2024 the group stepped up its attacks.", 2024),
    ("The January 2020 strike was recalled after rockets hit the base in November 2023.", 2023),  # background event
])
def test_one_stated_year(text, year):
    assert stated_year(text, LEX) == year


@pytest.mark.parametrize("text", [
    "In January 2020 a strike hit the base; rockets hit it again in November 2023.",  # two years
    "Drones hit the base on November 7 and rockets on November 9.",  # none
    "The group was formed in 2014 and struck the base on May 3.",  # a bare year is no full date
    "Since the January 2020 assassination, rockets hit the base on May 3.",  # an event's date, not the article's
])
def test_no_single_stated_year(text):
    assert stated_year(text, LEX) is None


def test_month_day_takes_the_stated_year_only_without_publication_date():
    assert dates("on November 20", None, 2023)[0][1:3] == (dt.date(2023, 11, 20), "day")
    assert dates("on November 20", None, None)[0][1:3] == (None, "unknown")
    # a publication date wins: the year comes from it, the stated year is not used
    assert dates("on November 20", dt.date(2024, 1, 5), 2022)[0][1] == dt.date(2023, 11, 20)


def test_weekday_is_not_resolved_by_a_stated_year():
    assert dates("on Monday", None, 2023)[0][1:3] == (None, "unknown")


def test_undated_article_dates_its_incidents_from_the_year_in_its_title(ref):
    text = ("Iraq brief: November 2023\n\nOn November 20, a rocket attack on Erbil Airport was reported by the Pentagon, "
            "which said no personnel were hurt.")
    x = extract(Article(text=text, origin="test", published=None), ref)
    (i,) = x.incidents
    assert i.date.on == dt.date(2023, 11, 20) and i.date.precision == "day"


def test_undated_article_with_two_years_leaves_the_day_unknown(ref):
    text = ("Erbil brief\n\nIn January 2020 a missile strike injured 100 troops at Ain al-Asad. The attack on Erbil "
            "Airport on November 20 was claimed by Kataib Hezbollah. The campaign began in October 2023.")
    x = extract(Article(text=text, origin="test", published=None), ref)
    erbil = [i for i in x.incidents if i.place.key == "erbil-airport"]
    assert erbil and erbil[0].date.on is None


# 2. Dates told from the event before: found as sequels, resolved against the date named before them.

@pytest.mark.parametrize("text,sequel", [
    ("Two days later, a drone hit a ship.", (2, "day")),
    ("Hours later, jets struck a depot.", (0, "day")),
    ("The same day, the group fired rockets.", (0, "day")),
    ("The next day the base came under fire again.", (1, "day")),
    ("A week later, another drone was shot down.", (7, "week")),
    ("Three weeks earlier, the convoy had been hit.", (-21, "week")),
    ("The following week, the army shelled the town.", (7, "week")),
    ("a day earlier, a rocket landed near the embassy", (-1, "day")),
    ("10 days later the port was struck again", (10, "day")),
])
def test_sequels_are_found(text, sequel):
    (d,) = dates(text, dt.date(2024, 2, 2))
    assert d[1] is None and d[3] == sequel


@pytest.mark.parametrize("text", [
    "Later, the group said it had fired rockets.",  # no distance
    "The ministry said the next steps would be announced.",
    "Days after the strike, the group vowed revenge.",  # "days after <event>": a sequence, no count
    "He was killed in the same attack.",
])
def test_no_sequel(text):
    assert not [d for d in dates(text, dt.date(2024, 2, 2)) if d[3]]


def _anchor(on: dt.date, precision: str = "day") -> DateMention:
    return DateMention(0, 0, "x", on, precision)


def test_sequel_resolution_keeps_precision_honest():
    (two_days,) = find_dates("two days later", 0, 14, None, LEX)
    (week,) = find_dates("a week later", 0, 12, None, LEX)
    assert resolve_sequels([two_days], _anchor(dt.date(2024, 1, 30)))[0].on == dt.date(2024, 2, 1)
    assert resolve_sequels([week], _anchor(dt.date(2024, 1, 30)))[0].precision == "week"
    assert resolve_sequels([two_days], _anchor(dt.date(2024, 1, 29), "week"))[0].precision == "week"
    assert resolve_sequels([two_days], _anchor(dt.date(2024, 1, 1), "month"))[0].on is None  # coarser than a week
    assert resolve_sequels([two_days], None)[0].on is None


def test_sequel_counts_from_a_date_before_it_in_the_sentence():
    text = "A drone hit the base on January 15, and two days later a missile struck a ship."
    ds = resolve_sequels(find_dates(text, 0, len(text), dt.date(2024, 2, 2), LEX), None)
    assert [(d.on, d.precision) for d in ds] == [(dt.date(2024, 1, 15), "day"), (dt.date(2024, 1, 17), "day")]


@pytest.mark.parametrize("second,expected", [
    ("Two days later, Houthi forces attacked a tanker in the Red Sea with a drone.", dt.date(2024, 1, 17)),
    ("The same day, Houthi forces fired two missiles at a tanker in the Red Sea.", dt.date(2024, 1, 15)),
    ("A day earlier, Houthi forces had attacked a tanker in the Red Sea with a drone.", dt.date(2024, 1, 14)),
    ("Hours later, according to officials, Kataib Hezbollah fired three rockets at Erbil Airport.", dt.date(2024, 1, 15)),
])
def test_sequel_dates_the_next_incident_from_the_previous_one(ref, second, expected):
    text = "On January 15, a Houthi missile struck a bulk carrier in the Gulf of Aden, causing no injuries. " + second
    x = run(ref, text, published=dt.date(2024, 2, 2))
    assert [i.date.on for i in x.incidents] == [dt.date(2024, 1, 15), expected]


def test_sequel_with_no_dated_event_before_stays_unknown(ref):
    x = run(ref, "Houthi forces attacked a tanker in the Red Sea. Two days later, Houthi forces fired a drone at "
                 "a bulk carrier in the Gulf of Aden.", published=None)
    assert all(i.date.on is None for i in x.incidents)


# 3. "<the event> came a week after <another>": the other is that much before the event talked about.

@pytest.mark.parametrize("text,sequel", [
    ("The strike came a week after a commander was killed.", (-7, "week")),
    ("The attack happened two days before the talks.", (2, "day")),
    ("It came just three days after a drone hit the base.", (-3, "day")),
])
def test_came_after_is_a_sequel_counted_back(text, sequel):
    (d,) = [d for d in dates(text, dt.date(2024, 2, 2)) if d[3]]
    assert d[3] == sequel


@pytest.mark.parametrize("text", [
    "The strike came after a week of rocket fire.",
    "He came to Baghdad two days after the funeral was announced.".replace("came to Baghdad", "arrived in Baghdad"),
])
def test_no_came_after(text):
    assert not [d for d in dates(text, dt.date(2024, 2, 2)) if d[3]]


def test_came_a_week_after_dates_the_earlier_incident(ref):
    x = run(ref, "On Monday, Kataib Hezbollah fired three drones at Erbil Airport, wounding two soldiers. The attack came a "
                 "week after Kataib Hezbollah fired rockets at Ain al-Asad, killing a contractor.", published=dt.date(2024, 1, 3))
    by_place = {i.place.key: i.date for i in x.incidents}
    assert by_place["erbil-airport"].on == dt.date(2024, 1, 1)
    assert (by_place["ain-al-asad"].on, by_place["ain-al-asad"].precision) == (dt.date(2023, 12, 25), "week")


# 4. "last Monday" is strictly before publication; a bare weekday may be the day itself.

@pytest.mark.parametrize("text,published,expected", [
    ("Last Monday, a drone hit the depot.", dt.date(2022, 1, 24), dt.date(2022, 1, 17)),  # published on a Monday
    ("The depot was hit last Monday.", dt.date(2022, 1, 26), dt.date(2022, 1, 24)),  # published on a Wednesday
    ("The depot was hit last Sunday.", dt.date(2022, 1, 24), dt.date(2022, 1, 23)),
    ("A drone hit the depot on Monday.", dt.date(2022, 1, 24), dt.date(2022, 1, 24)),  # bare weekday: the same day
])
def test_last_weekday(text, published, expected):
    (d,) = dates(text, published)
    assert d[1:3] == (expected, "day")


def test_last_weekday_without_publication_date_is_unknown():
    assert dates("last Friday", None, 2022)[0][1:3] == (None, "unknown")
