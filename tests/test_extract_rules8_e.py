"""Rules-8, area e: the dates and places of incidents found, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from tests.test_extract_rules8_a import PUB, dates, ref, run  # noqa: F401  (helpers and fixture shared with area a)


# --- dates -----------------------------------------------------------------------------------------------------------

def test_sept_abbreviation_is_september():
    assert dates("On Sept. 12, a bomb went off.") == [("Sept. 12", dt.date(2023, 9, 12), "day")]
    assert dates("On Sept 3 2022 they met.") == [("Sept 3 2022", dt.date(2022, 9, 3), "day")]


def test_september_still_whole_word():
    assert dates("Septuagenarian farmers met in September.") == [("in September", dt.date(2023, 9, 1), "month")]


def test_ordinal_day_of_month():
    assert dates("On the fourth of February, drones hit a depot.") == [("the fourth of February", dt.date(2024, 2, 4), "day")]
    assert dates("since the twenty-second of May 2021") == [("the twenty-second of May 2021", dt.date(2021, 5, 22), "day")]


def test_ordinal_without_month_is_no_date():
    assert dates("It was the second of three convoys hit.") == []
    assert dates("the first of its kind in May") == [("in May", dt.date(2023, 5, 1), "month")]


def test_sentence_opening_month_dates_a_far_trigger(ref):
    x = run(ref, "In late February, the base's air defences on the outskirts of Erbil shot down a drone.")
    (i,) = x.incidents
    assert i.date.on == dt.date(2024, 2, 1) and i.date.precision == "month"


def test_sentence_opening_month_does_not_date_an_earlier_event(ref):
    x = run(ref, "In February, Kataib Hezbollah fired rockets at Erbil Airport after an air strike on its headquarters "
                 "in Baghdad killed two commanders.")
    strike = [i for i in x.incidents if i.event_type == "airstrike"]
    assert strike and all(i.date.on is None for i in strike)


def test_tonight_in_a_post_counts_from_its_stamp(ref):
    text = ("Militia posts claim drone attacks\n\n"
            "The group posted its claim late on Monday.\n\n"
            "\"The mujahideen of the Islamic Resistance in Iraq attacked, tonight, a target in Eilat with drones.\"\n"
            "22:50 · 4 Mar 2024 · 10K views\n")
    (i,) = run(ref, text).incidents
    assert i.date.on == dt.date(2024, 3, 4)


def test_tonight_without_a_stamp_is_publication_day(ref):
    text = "Militia posts claim drone attacks\n\nThe Islamic Resistance in Iraq attacked a target in Eilat with drones tonight.\n"
    (i,) = run(ref, text).incidents
    assert i.date.on == PUB


# --- places ----------------------------------------------------------------------------------------------------------

def test_place_in_the_name_of_another_war_is_not_the_place(ref):
    x = run(ref, "A drone struck a US outpost in eastern Syria on Monday, the first such attack since the start of the "
                 "Gaza war.")
    (i,) = x.incidents
    assert i.place is None or i.place.key != "gaza-strip"


def test_place_before_a_war_word_in_the_clause_still_counts(ref):
    x = run(ref, "On Monday, rockets hit Gaza City, wounding four people.")
    (i,) = x.incidents
    assert i.place is not None and i.place.country_code == "PS"


def test_place_in_an_organisation_name_is_not_the_place(ref):
    x = run(ref, "Two rockets landed inside the base on Monday, an official of the Raqqa Military Council said.")
    assert all(i.place is None or i.place.key != "raqqa" for i in x.incidents)


def test_place_of_a_council_told_lowercase_still_counts(ref):
    x = run(ref, "On Monday, a drone hit the council building in Raqqa.")
    (i,) = x.incidents
    assert i.place is not None and i.place.key == "raqqa"


def test_country_where_groups_operate_is_not_a_perpetrator(ref):
    x = run(ref, "On Monday, a drone hit a US base in Jordan. The Pentagon said the attack was carried out by militias "
                 "operating in Syria and Iraq.")
    assert all(i.perpetrator is None or i.perpetrator.key not in ("syria", "iraq") for i in x.incidents)


def test_strike_told_after_the_sentence_naming_its_day(ref):
    x = run(ref, "Militia claims\n\nThe new threats follow the US air strikes of 14 February 2024. The Pentagon said US "
                 "aircraft had struck weapons depots near Abu Kamal in Syria.")
    (i,) = x.incidents
    assert i.date.on == dt.date(2024, 2, 14)


def test_strike_after_a_sentence_with_a_day_elsewhere_stays_undated(ref):
    x = run(ref, "Militia claims\n\nThe threats grew after the US air strikes of 14 February 2024 and a long lull in the "
                 "fighting that followed. US aircraft had struck weapons depots near Abu Kamal in Syria.")
    assert all(i.date.on != dt.date(2024, 2, 14) for i in x.incidents if i.place and i.place.key == "abu-kamal")


def test_direction_compound_before_country_is_a_locative(ref):
    x = run(ref, "On Monday, jets struck a depot in north-west Syria, which had been used to launch drones over the Red Sea.")
    (i,) = x.incidents
    assert i.place is not None and i.place.key == "syria"


# --- the year of a bare day in an undated article --------------------------------------------------------------------

UNDATED = ("The long campaign\n\nThe group was formed in 2003 and grew after 2014.\n\n"
           "Between November 2023 and the end of March 2024, the group claimed dozens of attacks. The worst came on "
           "March 12, when a drone struck the Tanf garrison in Syria. On August 2 a rocket hit Erbil Airport.\n")


def test_bare_day_takes_the_year_of_its_month_named_before_in_the_paragraph(ref):
    x = run(ref, UNDATED, published=None)
    tanf = [i for i in x.incidents if i.date.text == "March 12"]
    assert tanf and tanf[0].date.on == dt.date(2024, 3, 12)


def test_bare_day_months_after_the_named_month_stays_undated(ref):
    x = run(ref, UNDATED, published=None)
    erbil = [i for i in x.incidents if i.date.text == "August 2"]
    assert erbil and erbil[0].date.on is None
