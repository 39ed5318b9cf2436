"""Claim rules of rules-6 on sentences written for the tests: reference names for speakers."""

from __future__ import annotations

import datetime as dt

from eventdb.assertions import Article
from eventdb.extract import extract
from eventdb.reference import default_reference
from tests.test_extract_claims_rules import claims_of, key


# --- reference names of speakers (seeds/reference) --------------------------------------------------

def test_a_regional_agency_named_with_a_possessive_resolves():
    text = "Two drones were launched at Erbil International Airport late on Monday; one was shot down by coalition air " \
           "defences, the Kurdistan Region's Counter-Terrorism Directorate said."
    x = extract(Article(text=text, origin="test", published=dt.date(2024, 3, 6)), default_reference())
    assert [key(c.claimant) for c in claims_of(x, "interception")] == ["kurdistan-counter-terrorism-directorate"], x.claims


def test_the_regions_interior_ministry_is_its_government():
    text = "Rockets hit Erbil International Airport on Monday, wounding two guards, the Kurdistan Region's interior ministry said."
    x = extract(Article(text=text, origin="test", published=dt.date(2024, 3, 6)), default_reference())
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == ["kurdistan-regional-government"], x.claims


def test_a_state_news_agency_named_with_its_country_is_the_outlet():
    text = "An Israeli drone strike on a car near Nabatieh on Monday killed two men, the Lebanese National News Agency reported."
    x = extract(Article(text=text, origin="test", published=dt.date(2024, 3, 6)), default_reference())
    assert [c.claimant.text for c in claims_of(x, "casualty_report")] == ["Lebanese National News Agency"], x.claims
