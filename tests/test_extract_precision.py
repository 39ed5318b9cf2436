"""Rules of rules-4, on sentences written for the tests (not the evaluation articles): each precision guard
with the case it must now get right and the neighbouring case it must leave alone."""

from __future__ import annotations

import pytest

from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


def claims_of(x, kind: str):
    return [c for c in x.claims if c.type == kind]


def key(a):
    return a.key if a else None


# --- a side announcing the toll of its own strike claims the strike; it does not report casualties ----

@pytest.mark.parametrize("text, killed, injured", [
    ("A US drone strike on a car in Baghdad on Monday killed two fighters of Kataib Hezbollah, CENTCOM said.", 2, None),
    ("CENTCOM said a US drone strike in Baghdad on Monday killed a senior commander and wounded three others.", 1, 3),
    ("Kataib Hezbollah said it had attacked Ain al-Asad with drones on Sunday, killing two soldiers.", 2, None),
])
def test_own_side_toll_rides_on_the_responsibility_claim(ref, text, killed, injured):
    x = run(ref, text)
    assert not claims_of(x, "casualty_report"), text
    (c,) = claims_of(x, "responsibility_claimed")
    assert (c.killed, c.injured) == (killed, injured), text


@pytest.mark.parametrize("text, reporter", [
    ("A US drone strike in Baghdad on Monday killed two people, the Iraqi army said.", "iraq"),
    ("Kataib Hezbollah said it fired rockets at Ain al-Asad on Sunday, and the Pentagon said two soldiers were wounded.", "us-dod"),
])
def test_a_third_party_toll_stays_a_casualty_report(ref, text, reporter):
    x = run(ref, text)
    (c,) = claims_of(x, "casualty_report")
    assert key(c.claimant) == reporter, text
