"""Sentence offsets, gazetteer folding, date resolution and count grammar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventdb.extract.dates import find_dates
from eventdb.extract.gazetteer import build_gazetteer
from eventdb.extract.lexicon import default_lexicon
from eventdb.extract.numbers import find_counts
from eventdb.extract.sentences import split_sentences
from eventdb.reference import read_reference

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "reference"
SAT = dt.date(2024, 4, 20)  # a Saturday


@pytest.fixture(scope="module")
def gazetteer():
    return build_gazetteer(read_reference(FIXTURE))


def test_sentences_split_glued_text_with_exact_offsets():
    text = "Rockets hit the base overnight.Officials said nothing.On Monday, the U.S. military responded.“Quoted].”“Next one."
    sentences = split_sentences(text)
    assert [text[s.start:s.end] for s in sentences] == [s.text for s in sentences]
    starts = [s.text.split()[0] for s in sentences]
    assert starts[:3] == ["Rockets", "Officials", "On"]
    assert any(s.text.startswith("“Next") for s in sentences)
    assert not any(s.text.startswith("S.") for s in sentences)  # "U.S." is not a sentence end


def test_gazetteer_folds_apostrophes_and_hyphens_keeping_offsets(gazetteer):
    text = "Fighters of Kata’ib Hezbollah and Kataib-Hezbollah hit Ain al Assad near Erbil Airport."
    found = gazetteer.find(text)
    by_text = {m.text: m for m in found}
    assert by_text["Kata’ib Hezbollah"].actor == "kataib-hezbollah"
    assert by_text["Kataib-Hezbollah"].actor == "kataib-hezbollah"
    assert by_text["Ain al Assad"].place == "ain-al-asad"
    assert by_text["Erbil Airport"].place == "erbil-airport"  # longest match beats "Erbil"
    assert all(text[m.start:m.end] == m.text for m in found)


def test_gazetteer_is_case_sensitive_and_respects_word_boundaries(gazetteer):
    assert [m.text for m in gazetteer.find("the kh of USAir and IRGCX")] == []
    assert [m.actor for m in gazetteer.find("KH and the IRGC")] == ["kataib-hezbollah", "irgc"]


def dates(text: str, published: dt.date | None = SAT):
    return [(d.text, d.on, d.precision) for d in find_dates(text, 0, len(text), published, default_lexicon())]


@pytest.mark.parametrize("text, on, precision", [
    ("on Saturday", SAT, "day"),
    ("on Friday", dt.date(2024, 4, 19), "day"),
    ("on Sunday", dt.date(2024, 4, 14), "day"),
    ("yesterday", dt.date(2024, 4, 19), "day"),
    ("overnight", dt.date(2024, 4, 19), "day"),
    ("last weekend", dt.date(2024, 4, 13), "week"),
    ("on April 1", dt.date(2024, 4, 1), "day"),
    ("on May 2", dt.date(2023, 5, 2), "day"),  # would be in the future: previous year
    ("this afternoon", SAT, "day"),
    ("this evening", SAT, "day"),
    ("in January 2020", dt.date(2020, 1, 1), "month"),
    ("in late January 2024", dt.date(2024, 1, 1), "month"),
    ("last month", dt.date(2024, 3, 1), "month"),
    ("earlier this month", dt.date(2024, 4, 1), "month"),
    ("last October", dt.date(2023, 10, 1), "month"),
    ("on 3 March 2022", dt.date(2022, 3, 3), "day"),
    ("In April, Iran launched drones", dt.date(2024, 4, 1), "month"),  # the publication's own month
    ("in late February", dt.date(2024, 2, 1), "month"),
    ("since January, when a drone", dt.date(2024, 1, 1), "month"),
    ("since May", dt.date(2023, 5, 1), "month"),  # SAT is in April: last year's May
    ("in December", dt.date(2023, 12, 1), "month"),  # still ahead this year: last year's
    ("in April 2020", dt.date(2020, 4, 1), "month"),
    ("in April 12 attacks", dt.date(2024, 4, 12), "day"),  # a day follows: not a bare month
])
def test_dates_resolve_against_publication(text, on, precision):
    assert dates(text)[0][1:] == (on, precision)


def test_dates_cross_month_and_year_ends():
    jan1 = dt.date(2025, 1, 1)  # a Wednesday
    assert dates("on Tuesday", jan1)[0][1] == dt.date(2024, 12, 31)
    assert dates("last month", jan1)[0][1] == dt.date(2024, 12, 1)
    assert dates("yesterday", dt.date(2024, 3, 1))[0][1] == dt.date(2024, 2, 29)
    assert dates("on December 30", jan1)[0][1] == dt.date(2024, 12, 30)


def test_relative_dates_without_publication_stay_unresolved_but_explicit_ones_resolve():
    assert dates("on Friday", None) == [("Friday", None, "unknown")]
    assert dates("on September 27", None) == [("September 27", None, "unknown")]
    assert dates("in late January 2024", None)[0][1:] == (dt.date(2024, 1, 1), "month")
    assert dates("in April", None) == [("in April", None, "unknown")]


@pytest.mark.parametrize("text, value, qualifier", [
    ("fired three rockets", 3, "exact"), ("some 200 strikes", 200, "approx"), ("about 50 sites", 50, "approx"),
    ("approximately 40 strikes", 40, "approx"), ("more than 100 launches", 100, "more_than"),
    ("at least 30 dead", 30, "at_least"), ("dozens of strikes", 24, "at_least"), ("two dozen drones", 24, "exact"),
    ("1,200 rockets", 1200, "exact"), ("twenty-five men", 25, "exact"), ("up to 6 drones", 6, "at_most"),
])
def test_counts(text, value, qualifier):
    c = find_counts(text)[0]
    assert (c.value, c.qualifier) == (value, qualifier)
    assert text[c.start:c.end] == c.text


def test_years_are_not_counts():
    assert find_counts("in 2023 the group") == []


def test_month_names_with_letters_that_fold_to_ascii_resolve_instead_of_raising():
    # Case-insensitive matching equates the long s with s: "in ſeptember 2023" used to raise KeyError.
    assert dates("in \u017feptember 2023") == [("\u017feptember 2023", dt.date(2023, 9, 1), "month")]
    for text in ("on \u017feptember 3", "on 3 \u017feptember", "last \u017feptember", "on \u017fUNDAY", "\u212aKK"):
        dates(text)  # whatever they resolve to, they must not raise
