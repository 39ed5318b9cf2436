"""Numbers, roles, negation and dates bound to the right event (issue 11, classes 5-8 and interceptions).

Sentences written for these tests (not taken from any article set); the default reference is used, as the
extractor does on real articles. Each test states one behaviour."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.extract.layout import article_sentences, dateline
from eventdb.extract.lexicon import default_lexicon
from tests.test_extract_incidents5 import reference, run  # noqa: F401  (the module's fixture and helper)

PUB = dt.date(2024, 3, 5)  # a Tuesday


def only(reference, text: str, published: dt.date | None = PUB):
    x = run(reference, text, published)
    assert len(x.incidents) == 1, [i.span.quote for i in x.incidents]
    return x.incidents[0]


# --- class 8: datelines, time stamps and boilerplate -------------------------------------------------------------

def test_a_dateline_date_is_not_the_event_date(reference):
    i = only(reference, "BEIRUT, Feb 29 (Reuters) - A drone struck a car near Tyre on Sunday, killing two people.")
    assert i.date.on == dt.date(2024, 3, 3)  # Sunday before publication, not Feb 29


def test_a_dateline_date_stands_in_for_a_missing_publication_date(reference):
    i = only(reference, "BAGHDAD, March 3, 2024 (Reuters) - Rockets struck Ain al-Asad air base on Saturday.", None)
    assert i.date.on == dt.date(2024, 3, 2) and i.date.precision == "day"


def test_a_weekday_stays_unresolved_when_the_dateline_gives_no_year(reference):
    i = only(reference, "BEIRUT, Jan 29 (Reuters) - A drone struck a car near Tyre on Sunday, killing two people.", None)
    assert i.date.on is None


def test_the_dateline_city_is_not_the_incident_place(reference):
    i = only(reference, "ERBIL (Wire) — A drone struck a house on Monday, killing one man, police said.")
    assert i.place is None or i.place.key != "erbil"


@pytest.mark.parametrize("text,place", [
    ("BEIRUT, Jan 29 (Reuters) - A drone struck", "BEIRUT"),
    ("TAMPA, Fla. - At 3:30 p.m. forces struck", "TAMPA"),
    ("TEL AVIV/DUBAI — Warplanes struck", "TEL AVIV/DUBAI"),
    ("Headline without a stop\nBaghdad (AFP) - Rockets fell", "Baghdad"),
])
def test_dateline_shapes(text, place):
    line = dateline(text)
    assert line is not None and line.place == place and text[line.end:][0].isupper()


def test_a_plain_sentence_has_no_dateline():
    assert dateline("Rockets struck Ain al-Asad air base - the third attack this week - on Monday.") is None


def test_a_live_blog_time_stamp_is_cut_from_its_sentence():
    text = "Live updates\n\n09:40 — Two drones struck Harir air base.\n\n10:15 A rocket fell near Erbil."
    starts = [s.text for s in article_sentences(text, 12, default_lexicon()) if s.start > 12]
    assert starts == ["Two drones struck Harir air base.", "A rocket fell near Erbil."]


@pytest.mark.parametrize("line", [
    "Related: Israeli strike kills two in Tyre",
    "(Reporting by Jane Doe in Baghdad; Editing by John Roe)",
    "Smoke rises after an Israeli air strike on the village of Khiam, January 5, 2024. REUTERS/Jane Doe",
    "Photo: An Israeli air strike hits Khiam on Monday.",
    "We use cookies to improve your experience. A strike on your privacy is not intended.",
    "Sign up for our newsletter on the attacks in Iraq.",
])
def test_boilerplate_lines_make_no_incident(reference, line):
    x = run(reference, f"Rockets struck Ain al-Asad air base on Saturday, two US officials said.\n{line}\n")
    assert [i.place.key for i in x.incidents] == ["ain-al-asad-air-base"], [i.span.quote for i in x.incidents]
