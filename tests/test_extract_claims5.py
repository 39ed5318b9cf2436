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


# --- speakers the reference lacks, kept as written; descriptions of the last speaker ------------------

@pytest.mark.parametrize("text, written", [
    # a possessive and an epithet before the name are not part of it
    ("Rockets hit Ain al-Asad on Monday. Iraq's state-run Al-Iraqiya Television said two guards were killed.",
     "Al-Iraqiya Television"),
    # "according to" a name the reference lacks; the place after it is not part of the name
    ("A drone struck Erbil Airport on Monday, wounding a guard, according to the Rizgary hospital in Erbil.", "Rizgary hospital"),
    # a named ministry after a demonym is its own body, not the state
    ("Rockets hit Ain al-Asad on Monday. The Iraqi Health Ministry said a passer-by was wounded.", "Iraqi Health Ministry"),
])
def test_unresolved_speaker_as_written(ref, text, written):
    x = run(ref, text)
    (report,) = claims_of(x, "casualty_report")
    assert report.claimant.text == written and report.claimant.key is None, (text, report.claimant)


def test_demonym_with_a_generic_body_still_speaks_for_the_state(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday. The Iraqi military said a passer-by was wounded.")
    (report,) = claims_of(x, "casualty_report")
    assert key(report.claimant) == "iraq"


def test_definite_description_is_the_last_speaker(ref):
    x = run(ref, "A rocket attack on Erbil Airport on Monday was reported by CENTCOM. No soldiers were hurt, the command said.")
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == ["us-centcom"]


def test_definite_description_without_an_earlier_speaker_is_nobody(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday. No soldiers were hurt, the ministry said.")
    assert not [c for c in x.claims if c.claimant is not None], x.claims


def test_an_intercepted_missile_is_no_interception_claim(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday. Shrapnel from an intercepted rocket wounded a guard, CENTCOM said.")
    assert not claims_of(x, "interception"), x.claims
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == ["us-centcom"]


# --- not confirming: no answer to a request for comment, refusing to say --------------------------------

@pytest.mark.parametrize("text, speaker", [
    ("Drones struck Erbil Airport on Monday. Kataib Hezbollah did not respond to a request for comment.", "kataib-hezbollah"),
    ("Drones struck Erbil Airport on Monday. The Pentagon would not say whether any soldiers were hurt.", "us-dod"),
])
def test_non_confirmation(ref, text, speaker):
    x = run(ref, text)
    (c,) = claims_of(x, "non_confirmation")
    assert key(c.claimant) == speaker and c.stance == "not_confirmed" and c.incident is not None


def test_a_promise_to_comment_is_no_non_confirmation(ref):
    x = run(ref, "Drones struck Erbil Airport on Monday. The Pentagon said it would respond to requests for comment later.")
    assert not claims_of(x, "non_confirmation"), x.claims


# --- attribution by a speaker; denials whose reported clause has the denier as subject ----------------

def test_speaker_attributes_an_attack_to_a_described_group(ref):
    x = run(ref, "Iran-backed militants fired three rockets at Ain al-Asad on Monday, CENTCOM said.")
    (c,) = claims_of(x, "attribution")
    assert key(c.claimant) == "us-centcom" and c.perpetrator.text == "Iran-backed militants" and c.incident is not None


def test_hedged_report_of_a_described_group_is_no_attribution(ref):
    x = run(ref, "Iran-backed militants may have fired three rockets at Ain al-Asad on Monday, CENTCOM said.")
    assert not [c for c in claims_of(x, "attribution") if c.stance == "asserted"], x.claims


def test_the_reason_a_speaker_gives_attributes_the_earlier_attack(ref):
    x = run(ref, "The IDF said it struck a Hezbollah post near Eilat on Monday in response to rocket fire by Hezbollah at Haifa.")
    assert {(c.type, key(c.claimant), key(c.perpetrator)) for c in x.claims} == {
        ("responsibility_claimed", "idf", "idf"), ("attribution", "idf", "hezbollah")}


def test_the_outlets_chronology_is_not_the_speakers_attribution(ref):
    x = run(ref, "The IDF said it struck a Hezbollah post near Eilat on Monday, hours after Hezbollah fired rockets at Haifa.")
    assert not claims_of(x, "attribution"), x.claims


@pytest.mark.parametrize("text, perpetrator", [
    ("Drones struck Erbil Airport on Monday. The Pentagon attributed the attack to “Iran-backed militia groups.”",
     "Iran-backed militia groups"),
    ("Drones struck Erbil Airport on Monday. The Pentagon blamed “radical Iran-backed militant groups.”",
     "Iran-backed militant groups"),
])
def test_attribution_to_a_quoted_described_group(ref, text, perpetrator):
    x = run(ref, text)
    (c,) = claims_of(x, "attribution")
    assert key(c.claimant) == "us-dod" and c.perpetrator.text == perpetrator and c.incident is not None


@pytest.mark.parametrize("text, kind, speaker", [
    ("Drones struck Erbil Airport on Monday. A spokesman for Kataib Hezbollah, a powerful faction, told reporters that "
     "the group “had nothing to do with” the attack.", "responsibility_denied", "kataib-hezbollah"),
    ("Drones struck Erbil Airport on Monday. Kataib Hezbollah denied it was behind the attack.",
     "responsibility_denied", "kataib-hezbollah"),
    ("Drones struck Erbil Airport on Monday. Kataib Hezbollah said it was not behind the attack.",
     "responsibility_denied", "kataib-hezbollah"),
    ("Drones struck Erbil Airport on Monday. Iran denied it was behind the attack.", "involvement_denied", "iran"),
])
def test_denials(ref, text, kind, speaker):
    x = run(ref, text)
    denials = [c for c in x.claims if c.type in ("responsibility_denied", "involvement_denied")]
    assert [(c.type, key(c.claimant), c.stance) for c in denials] == [(kind, speaker, "denied")], (text, x.claims)
    assert not claims_of(x, "responsibility_claimed")


def test_saying_it_was_behind_claims(ref):
    x = run(ref, "Drones struck Erbil Airport on Monday. Kataib Hezbollah said it was behind the attack.")
    assert [key(c.claimant) for c in claims_of(x, "responsibility_claimed")] == ["kataib-hezbollah"]
    assert not [c for c in x.claims if c.type.endswith("denied")]


# --- more speakers: participial appositions, "the group", possessive roles, ", saying" ---------------

@pytest.mark.parametrize("text, speaker, stance", [
    ("Rockets hit Ain al-Asad on Monday. An Iraqi security official, speaking on condition of anonymity, said two guards "
     "were lightly hurt.", "iraq", "hedged"),
    ("US jets struck a Kataib Hezbollah depot near Baghdad on Monday; the group said four of its fighters were killed.",
     "kataib-hezbollah", "asserted"),
    ("A drone hit a tanker near Eilat on Monday. No damage or injuries were reported, CENTCOM said.", "us-centcom", "asserted"),
    ("A drone hit a tanker near Eilat on Monday. CENTCOM said all crew were safe.", "us-centcom", "asserted"),
])
def test_casualty_speakers(ref, text, speaker, stance):
    x = run(ref, text)
    assert [(key(c.claimant), c.stance) for c in claims_of(x, "casualty_report")] == [(speaker, stance)], (text, x.claims)


def test_the_group_saying_its_toll_does_not_attribute_the_strike(ref):
    x = run(ref, "US jets struck a Kataib Hezbollah depot near Baghdad on Monday; the group said four of its fighters were killed.")
    assert not claims_of(x, "attribution"), x.claims


def test_possessive_role_speaker_and_its_pronoun(ref):
    x = run(ref, "A drone hit a tanker near Eilat on Monday. The vessel's operator said the ship was damaged. "
                 "None of the crew were hurt, it said.")
    assert [c.claimant.text for c in claims_of(x, "casualty_report")] == ["vessel's operator"]


def test_doubt_about_the_crew_is_no_casualty_report(ref):
    x = run(ref, "A drone hit a tanker near Eilat on Monday. CENTCOM said it was unclear whether the crew were safe.")
    assert not claims_of(x, "casualty_report"), x.claims


def test_saying_after_the_act_claims_it(ref):
    x = run(ref, "Kataib Hezbollah fired rockets at Ain al-Asad on Monday, saying it had targeted the occupation forces.")
    assert [key(c.claimant) for c in claims_of(x, "responsibility_claimed")] == ["kataib-hezbollah"]


def test_saying_it_would_strike_again_is_no_claim(ref):
    x = run(ref, "Kataib Hezbollah fired rockets at Ain al-Asad on Monday, saying it would target the occupation forces again.")
    assert not claims_of(x, "responsibility_claimed"), x.claims


# --- "the group" and "the command" as the last speaker; the outlet's own toll; one claim per claimant --

def test_the_group_is_the_last_speaker_when_that_was_a_group(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday, Kataib Hezbollah said. In a statement, the group said its fighters "
                 "had targeted the airport.")
    assert [key(c.claimant) for c in claims_of(x, "responsibility_claimed")] == ["kataib-hezbollah"]


def test_the_group_is_not_a_state_speaker(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday, the Pentagon said. In a statement, the group said its fighters "
                 "had targeted the airport.")
    assert not claims_of(x, "responsibility_claimed"), x.claims


def test_according_to_a_description_of_the_last_speaker(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday, CENTCOM said. One drone was shot down; the other caused no casualties, "
                 "according to the command.")
    assert {(c.type, key(c.claimant)) for c in x.claims} == {("interception", "us-centcom"), ("casualty_report", "us-centcom")}


def test_a_negated_claim_leaves_the_toll_in_the_outlets_voice(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday. Nobody was hurt, and no group has claimed the attack.")
    assert [(c.type, c.claimant) for c in x.claims] == [("casualty_report", None)]


def test_a_claimant_repeating_its_claim_is_recorded_once(ref):
    x = run(ref, "Kataib Hezbollah claimed the drone attack on Erbil Airport on Monday. "
                 "Later, Kataib Hezbollah said it had carried out the attack.")
    (c,) = claims_of(x, "responsibility_claimed")
    assert c.span.sentence_index == 0


# --- characterizations, claimed act nouns, self-named groups, outlets run by someone --------------------

def test_characterization_with_an_attack_noun_attributes(ref):
    x = run(ref, "A drone struck Erbil Airport on Monday in what Iraq described as an Iranian attack.")
    (c,) = claims_of(x, "attribution")
    assert key(c.claimant) == "iraq" and key(c.perpetrator) == "iran" and c.incident is not None


def test_characterization_of_a_target_attributes_nothing(ref):
    x = run(ref, "Rockets hit Baghdad on Monday, targeting what Iraq described as Iranian weapons depots.")
    assert not claims_of(x, "attribution"), x.claims


def test_claimed_act_nouns(ref):
    x = run(ref, "Kataib Hezbollah claimed drone attacks on Erbil Airport on Monday and on Ain al-Asad on Tuesday.")
    assert {key(c.claimant) for c in claims_of(x, "responsibility_claimed")} == {"kataib-hezbollah"}


@pytest.mark.parametrize("text", [
    "Kataib Hezbollah has claimed scores of attacks on Erbil Airport since October.",  # a tally
    "Kataib Hezbollah and other factions claim their operations under one name.",  # habitual
])
def test_claimed_tallies_and_habits_are_no_claims(ref, text):
    assert not claims_of(run(ref, text), "responsibility_claimed")


def test_unknown_group_by_the_name_it_gives_itself(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday. A previously unknown group calling itself Saraya Awliya al-Dam "
                 "claimed the attack.")
    (c,) = claims_of(x, "responsibility_claimed")
    assert c.claimant.text == "Saraya Awliya al-Dam" and c.claimant.key is None


def test_according_to_an_outlet_run_by_someone_is_the_outlet(ref):
    x = run(ref, "A drone struck Erbil Airport on Monday, wounding a guard, according to the Iraqi-run Al-Sumaria channel.")
    (c,) = claims_of(x, "casualty_report")
    assert c.claimant.text == "Al-Sumaria" and c.claimant.key is None


def test_helping_to_take_down_drones_is_an_interception_claim(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday. The Pentagon said US forces had helped Iraq take down most of the drones.")
    assert [key(c.claimant) for c in claims_of(x, "interception")] == ["us-dod"]


# --- a running total is no casualty report ------------------------------------------------------------

def test_a_running_total_is_no_casualty_report(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday. Since October, attacks on US bases have killed three soldiers, "
                 "the Pentagon said.")
    assert not claims_of(x, "casualty_report"), x.claims


def test_a_perfect_tense_toll_of_the_incident_is_a_casualty_report(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday. Two soldiers have been wounded in the attack, the Pentagon said.")
    (c,) = claims_of(x, "casualty_report")
    assert key(c.claimant) == "us-dod" and c.injured == 2


# --- a name inside a longer name does not speak; "citing a source" marks the speaker ---------------------

def test_a_name_inside_a_longer_name_does_not_speak(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday. The US Maritime Liaison Office (MARLO) said two sailors were hurt.")
    (c,) = claims_of(x, "casualty_report")
    assert c.claimant.text == "US Maritime Liaison Office" and c.claimant.key is None


def test_citing_a_source_makes_the_subject_the_next_it(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday, Kataib Hezbollah said. The Pentagon, citing a military source, gave a "
                 "different account. It said two guards were hurt.")
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == ["us-dod"]


# --- the agent of a passive attack verb in a reported clause; phrases inside an appositive ----------------

def test_reported_passive_agent_is_attributed_with_the_hedge(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday. A US official said the rockets were almost certainly launched by "
                 "Kataib Hezbollah.")
    (c,) = claims_of(x, "attribution")
    assert key(c.claimant) == "united-states" and key(c.perpetrator) == "kataib-hezbollah" and c.stance == "hedged"


def test_appositive_phrases_are_about_the_incident_named_before_them(ref):
    x = run(ref, "Drones hit Erbil Airport on Monday. It came days after rockets struck Ain al-Asad, an attack the Pentagon "
                 "blamed on Kataib Hezbollah and which Iran has neither confirmed nor denied.")
    asad = next(i.local_id for i in x.incidents if i.place and i.place.key == "ain-al-asad")
    assert {(c.type, key(c.claimant), c.incident) for c in x.claims} == {
        ("attribution", "us-dod", asad), ("non_confirmation", "iran", asad)}


def test_an_unnamed_subject_not_confirming_is_not_the_actor_before_it(ref):
    x = run(ref, "Kataib Hezbollah fired rockets at Ain al-Asad on Monday, a claim the ministry could not confirm.")
    assert not claims_of(x, "non_confirmation"), x.claims
    x = run(ref, "Kataib Hezbollah fired rockets at Ain al-Asad on Monday. The Pentagon declined to comment.")
    assert [key(c.claimant) for c in claims_of(x, "non_confirmation")] == ["us-dod"]


def test_states_inside_a_name_is_no_speech_verb(ref):
    """ "The United States and Britain have carried out strikes ... in response": nobody speaks, so no claim (and never
    a claimant called "United")."""
    x = run(ref, "The United States and Britain have carried out dozens of air strikes on Houthi targets in Yemen in "
                 "response, including a strike on radar sites near Hodeidah last week.")
    assert x.claims == ()
    said = run(ref, "The United States said it struck three Houthi radar sites near Hodeidah on Monday.")
    assert [(c.type, key(c.claimant)) for c in said.claims] == [("responsibility_claimed", "united-states")]
