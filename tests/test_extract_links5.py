"""Claim linking of round 5 on sentences written for the tests: which incident a claim is about (the one its words
refer back to), with near-misses each rule must leave alone."""

from __future__ import annotations

import pytest

from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


def claims_of(x, kind: str):
    return [c for c in x.claims if c.type == kind]


def key(a):
    return a.key if a else None


# --- a capital with an adverb before its verb still speaks ("in what Tehran swiftly described as ...") -------------

def test_capital_speaks_after_an_adverb(ref):
    x = run(ref, "Rockets hit a fuel depot near Baghdad on Monday, in what Tehran swiftly described as an Israeli attack.")
    blamed = claims_of(x, "attribution")
    assert [(key(c.claimant), key(c.perpetrator)) for c in blamed] == [("iran", "israel")], x.claims
    assert blamed[0].incident == x.incidents[0].local_id


def test_capital_before_an_adverb_and_no_verb_stays_a_place(ref):
    x = run(ref, "Rockets hit a fuel depot in Tehran early Monday, the Israeli military said.")
    assert not any(key(c.claimant) == "iran" for c in x.claims), x.claims


# --- a toll given for "the Israeli strike" does not say who struck -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Two civilians were killed in the Israeli strike on a house near Damascus on Monday, Iraqi officials said.",
    "An Israeli drone strike on a car near Damascus on Monday killed two men, Iraqi officials said.",
])
def test_toll_of_an_incident_named_by_an_adjective_is_no_attribution(ref, text):
    x = run(ref, text)
    assert not claims_of(x, "attribution"), x.claims
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == ["iraq"], x.claims


@pytest.mark.parametrize("text", [
    "Israeli missiles struck a depot near Damascus on Monday, killing two men, Iraqi officials said.",  # who fired, as a clause
    "The suspected Israeli attack on a depot near Damascus on Monday killed two men, Iraqi officials said.",  # hedged: their guess
])
def test_adjective_that_names_who_fired_or_a_guess_still_attributes(ref, text):
    x = run(ref, text)
    assert [(key(c.claimant), key(c.perpetrator)) for c in claims_of(x, "attribution")] == [("iraq", "israel")], x.claims
