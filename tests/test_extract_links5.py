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
