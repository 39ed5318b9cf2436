"""Rules-7 claim rules (issue 11, failure classes 2, 3, 6 and 9) on sentences written for these tests: who speaks
(speech frames, stage 1) and whom the speaker stands for (the article's speaker book, stage 2), and what they claim."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract
from eventdb.reference import default_reference

PUB = dt.date(2024, 3, 6)  # a Wednesday


@pytest.fixture(scope="module")
def ref():
    return default_reference()


def run(ref, text: str):
    return extract(Article(text=text, origin="test", published=PUB), ref)


def of(x, kind: str):
    return [c for c in x.claims if c.type == kind]


def key(a):
    return a.key if a else None


# --- stage 2: a spokesman the reference lacks speaks for the body the text names ----------------------------

@pytest.mark.parametrize("intro", [
    "Pentagon press secretary Maj. Gen. Pat Ryder told reporters the base was on alert.",
    "Pat Ryder, the Pentagon spokesman, told reporters the base was on alert.",
    "Pat Ryder, a spokesman for the Pentagon, told reporters the base was on alert.",
    "A spokesman for the Pentagon, Pat Ryder, told reporters the base was on alert.",
])
def test_a_spokesman_introduced_with_his_body_speaks_for_it_later(ref, intro):
    x = run(ref, intro + " A drone struck the Tanf garrison on Monday. Ryder said two soldiers were wounded in the attack.")
    (c,) = of(x, "casualty_report")
    assert key(c.claimant) == "pentagon", c.claimant


def test_a_spokesman_the_text_never_ties_to_a_body_stays_as_written(ref):
    x = run(ref, "A drone struck the Tanf garrison on Monday. Ryder said two soldiers were wounded in the attack.")
    assert [key(c.claimant) for c in of(x, "casualty_report")] in ([None], [])


def test_a_non_confirmation_by_a_spokesman_is_his_bodys(ref):
    x = run(ref, "Iraqi government spokesman Basim al-Awadi spoke on Tuesday. Rockets hit Ain al-Asad air base on Monday. "
                 "Al-Awadi said he could not confirm that the rockets were fired from Iraq.")
    (c,) = of(x, "non_confirmation")
    assert key(c.claimant) == "iraqi-government"


# --- stage 2: anaphora ---------------------------------------------------------------------------------------

def test_the_group_claiming_is_the_armed_group_named_before(ref):
    x = run(ref, "A drone struck the Tanf garrison in Syria on Monday. Kataib Hezbollah said on Tuesday it was ready to "
                 "fight. The group claimed credit for the attack in a Telegram post.")
    (c,) = of(x, "responsibility_claimed")
    assert key(c.claimant) == "kataib-hezbollah" and c.incident is not None


def test_the_group_is_not_a_state_named_in_between(ref):
    x = run(ref, "The Islamic Resistance in Iraq issued a statement. After Israel struck Beirut on Monday, the group "
                 "claimed responsibility for a drone attack on Eilat.")
    (c,) = [c for c in of(x, "responsibility_claimed") if "Eilat" in c.span.quote]
    assert key(c.claimant) == "islamic-resistance-in-iraq"


@pytest.mark.parametrize("text, army", [
    ("Israeli jets struck Aitaroun in southern Lebanon on Tuesday, killing one man, the army said.", "israel-defense-forces"),
    ("Israeli jets struck Aitaroun in southern Lebanon on Tuesday. The military said two fighters were killed.",
     "israel-defense-forces"),
    ("A drone hit US forces at the Tanf garrison on Monday. Air defences shot down a second drone, the military said.",
     "us-armed-forces"),
])
def test_the_army_is_the_army_of_the_state_named_as_a_party(ref, text, army):
    x = run(ref, text)
    speakers = {key(c.claimant) for c in x.claims if c.claimant and c.claimant.text.lower().startswith("the ")}
    assert speakers == {army}, x.claims


def test_the_army_of_a_state_the_reference_has_no_army_for_is_the_state(ref):
    x = run(ref, "A drone attacked a Jordanian army post near Ruwaished on Thursday. Air defences shot down a second "
                 "drone, the army said.")
    assert {key(c.claimant) for c in of(x, "interception")} == {"jordan"}


def test_the_army_with_no_state_named_has_no_claimant(ref):
    x = run(ref, "A drone struck a base on Monday, killing one soldier, the army said.")
    assert all(c.claimant is None or c.claimant.key is None for c in x.claims)
    assert not any(c.claimant and c.claimant.text == "the army" for c in x.claims)


# --- responsibility is claimed by the claiming group, not by who reports the claim ---------------------------

def test_a_claim_reported_by_an_official_is_the_groups(ref):
    x = run(ref, "A drone struck Erbil air base on Monday. Ryder confirmed that the Islamic Resistance in Iraq, \"which "
                 "includes Kata'ib Hezbollah and other groups,\" had claimed the attack on its Telegram channel.")
    (c,) = of(x, "responsibility_claimed")
    assert key(c.claimant) == "islamic-resistance-in-iraq"


def test_a_casualty_word_before_a_name_is_no_toll(ref):
    x = run(ref, "Israeli jets struck a car near Tyre on Sunday, killing a Hezbollah commander. He is the third commander "
                 "of his rank killed by Israel since October, the army said.")
    assert not [c for c in of(x, "casualty_report") if "third" in c.span.quote]


def test_the_wounding_of_a_count_is_a_toll(ref):
    x = run(ref, "Israeli jets struck a Hezbollah position near Tyre on Sunday. Hezbollah said the strike caused the "
                 "martyrdom of one fighter and the wounding of two others.")
    assert [key(c.claimant) for c in of(x, "casualty_report")] == ["hezbollah"]


def test_officials_reporting_their_own_sides_wounded_claim_no_attack(ref):
    x = run(ref, "Several US personnel were wounded when rockets struck Ain al-Asad air base in western Iraq late on "
                 "Monday, two US officials said.")
    assert not of(x, "responsibility_claimed") and not of(x, "attribution")
    assert [key(c.claimant) for c in of(x, "casualty_report")] == ["united-states"]


def test_a_target_is_never_its_own_attacker_in_a_claim(ref):
    x = run(ref, "A drone struck a Popular Mobilization Forces base in Jurf al-Nasr on Sunday. The PMF said the bombing "
                 "caused the martyrdom of one fighter and the wounding of two others.")
    assert not of(x, "responsibility_claimed")


# --- stage 1 across sentences: a bare quotation attributed by the next sentence ----------------------------------

def test_a_bare_quotation_is_the_speaker_the_next_sentence_names(ref):
    x = run(ref, "A drone hit the Tanf garrison on Sunday, killing one soldier. “We had nothing to do with it.” The "
                 "statement came from a spokesman for Kataib Hezbollah.")
    (c,) = [c for c in x.claims if c.type.endswith("_denied")]
    assert (c.type, key(c.claimant), c.incident) == ("responsibility_denied", "kataib-hezbollah", x.incidents[0].local_id)


def test_a_bare_quotation_attributed_to_the_group_is_the_last_armed_group(ref):
    x = run(ref, "Asaib Ahl al-Haq fighters paraded in Baghdad on Friday. A drone hit the Tanf garrison on Sunday. "
                 "“We had nothing to do with it.” The statement came from a spokesman for the group.")
    assert [key(c.claimant) for c in x.claims if c.type.endswith("_denied")] == ["asaib-ahl-al-haq"]


def test_a_bare_quotation_with_no_named_speaker_stays_in_the_outlets_voice(ref):
    x = run(ref, "A drone hit the Tanf garrison on Sunday. “We had nothing to do with it.” The base was quiet on Monday.")
    assert [c.claimant for c in x.claims if c.type.endswith("_denied")] == [None]


# --- denials that name the act of the speaker's own side ----------------------------------------------------------

def test_an_embassy_denying_its_forces_struck_denies_its_states_involvement(ref):
    x = run(ref, "An air strike hit a PMF base in Jurf al-Nasr on Sunday, killing one fighter. The American embassy in "
                 "Baghdad denied in a statement that American forces carried out any air strike in Iraq on Sunday.")
    (c,) = of(x, "involvement_denied")
    assert key(c.claimant) == "united-states" and c.incident == x.incidents[0].local_id and c.stance == "denied"


def test_denying_that_someone_else_struck_is_no_denial_of_ones_own_role(ref):
    x = run(ref, "An air strike hit a PMF base in Jurf al-Nasr on Sunday. The Iraqi government denied that Israel "
                 "carried out the strike.")
    assert not of(x, "involvement_denied") and not of(x, "responsibility_denied")


def test_a_denial_names_its_incident_sentences_later(ref):
    x = run(ref, "A drone attack struck the al-Tanf base in Syria on Sunday, wounding two US soldiers. On Monday, rockets "
                 "hit Ain al-Asad air base in Iraq. No one was hurt. Kataib Hezbollah denied any involvement in Sunday's "
                 "drone attack on the al-Tanf base.")
    tanf = [i.local_id for i in x.incidents if i.place and i.place.key == "al-tanf"]
    assert [(key(c.claimant), c.incident) for c in x.claims if c.type.endswith("_denied")] == [("kataib-hezbollah", tanf[0])]


def test_the_side_of_a_country_is_that_state(ref):
    x = run(ref, "A drone boat struck a Greek tanker in the Red Sea on Monday. The American side did not comment on the attack.")
    assert [key(c.claimant) for c in of(x, "non_confirmation")] == ["united-states"]


# --- an army telling of an unnamed air strike tells of its own; an unconfirmed report stays unconfirmed -----------

def test_an_army_telling_of_a_strike_by_unnamed_jets_claims_it(ref):
    x = run(ref, "Israeli jets struck Aitaroun in southern Lebanon on Monday. In response, the army said, fighter jets "
                 "struck Hezbollah infrastructure in Kfar Kila.")
    kfar = [i.local_id for i in x.incidents if "Kfar Kila" in i.span.quote]
    assert [(key(c.claimant), c.incident) for c in of(x, "responsibility_claimed") if c.incident in kfar] \
        == [("israel-defense-forces", kfar[0])]


def test_an_army_telling_of_unidentified_drones_claims_nothing(ref):
    x = run(ref, "Israeli jets struck Aitaroun in southern Lebanon on Monday. Unidentified drones struck a convoy near "
                 "Kfar Kila on Tuesday, the army said.")
    assert not [c for c in of(x, "responsibility_claimed") if "convoy" in c.span.quote]


def test_an_army_still_looking_into_reports_does_not_confirm(ref):
    x = run(ref, "Late on Monday, an Israeli drone strike on a motorcycle near Bint Jbeil killed two men. The army said "
                 "it was still looking into the reports.")
    assert [key(c.claimant) for c in of(x, "non_confirmation")] == ["israel-defense-forces"]


def test_no_injuries_of_a_named_side_is_a_casualty_report(ref):
    x = run(ref, "Two drones targeted Harir air base overnight. A US defense official said there were no US injuries "
                 "and no damage to infrastructure.")
    assert [key(c.claimant) for c in of(x, "casualty_report")] == ["united-states"]
