"""Claim rules of rules-5 on sentences written for the tests: the grammar of reported speech (speaker, reporting verb,
reported clause), with near-misses each rule must leave alone."""

from __future__ import annotations

import pytest

from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


def claims_of(x, kind: str):
    return [c for c in x.claims if c.type == kind]


def key(a):
    return a.key if a else None


# --- a speaker reporting an act of its own claims it -------------------------------------------------

@pytest.mark.parametrize("text, speaker", [
    ("Drones hit Erbil Airport on Monday. The Islamic Resistance in Iraq said it had carried out the attack.",
     "islamic-resistance-in-iraq"),
    ("The Pentagon said on Tuesday that its aircraft had struck a weapons depot near Baghdad.", "us-dod"),
    ("The Israeli army said in a statement that its jets had “eliminated” a Hezbollah commander in an air strike in Damascus on Monday.", "idf"),
    ("The Houthis said they had fired two missiles at a tanker near Eilat on Sunday.", "houthis"),
    ("CENTCOM said its forces, backed by British jets, struck a Houthi radar site near Baghdad on Monday.", "us-centcom"),
])
def test_speaker_reporting_its_own_act_claims_it(ref, text, speaker):
    x = run(ref, text)
    claimed = claims_of(x, "responsibility_claimed")
    assert [key(c.claimant) for c in claimed] == [speaker], (text, x.claims)
    assert claimed[0].incident is not None and claimed[0].stance == "asserted"


@pytest.mark.parametrize("text", [
    "The Islamic Resistance in Iraq said it would strike Erbil Airport if the occupation continued.",  # a threat
    "The Houthis said they had not fired at the tanker near Eilat on Sunday.",  # negated
    "The Pentagon said it had been targeted by drones at Erbil Airport on Monday.",  # passive: the victim speaks
    "Hezbollah denied it had attacked the Israeli post near Eilat on Sunday.",  # a denial, not a statement
    "Israel says it has hit hundreds of Hezbollah targets since October.",  # a tally, not one incident
])
def test_no_own_act_claim_for_threats_negations_passives_denials_tallies(ref, text):
    x = run(ref, text)
    assert not claims_of(x, "responsibility_claimed"), (text, x.claims)


# --- a speaker's casualty statement, with or without a count we read ----------------------------------

@pytest.mark.parametrize("text, speaker", [
    # a closing speaker says the whole sentence, even across a semicolon
    ("Two rockets hit Ain al-Asad on Monday. No one was killed; a contractor was lightly injured, the Pentagon said.", "us-dod"),
    ("A drone struck a car near Erbil on Monday, killing a local driver, according to CENTCOM.", "us-centcom"),
    ("The Pentagon said rockets hit Ain al-Asad on Monday. One soldier was wounded, it added.", "us-dod"),
    # the agent of a passive speech verb speaks, not the place before it
    ("A rocket attack on Ain al-Asad on Monday was reported by the Pentagon, which said no personnel were hurt.", "us-dod"),
    ("Rockets hit Ain al-Asad on Monday; the Pentagon said a guard was killed.", "us-dod"),
])
def test_casualty_report_by_its_speaker(ref, text, speaker):
    x = run(ref, text)
    reports = claims_of(x, "casualty_report")
    assert [key(c.claimant) for c in reports] == [speaker], (text, x.claims)
    assert reports[0].incident is not None


@pytest.mark.parametrize("text", [
    "Rockets hit Ain al-Asad on Monday. The Pentagon said it could not say whether anyone was killed.",  # in doubt
    "Rockets hit Ain al-Asad on Monday. Iraq did not say whether anyone was wounded.",
    "A drone struck Erbil Airport on Monday. A guard was killed in a strike the Pentagon blamed on Kataib Hezbollah.",  # blames only
    "Rockets hit Ain al-Asad on Monday. One soldier was wounded, it added.",  # "it" with no one named before
])
def test_no_casualty_report_for_doubt_blame_or_unknown_speaker(ref, text):
    x = run(ref, text)
    assert not [c for c in claims_of(x, "casualty_report") if c.claimant is not None], (text, x.claims)
