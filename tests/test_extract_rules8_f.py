"""Who says it and who did it (rules-8, area f): a source is not the doer; an adverb does not lose the speaker.

Sentences written for these tests (not taken from any article set); the default reference is used."""

from __future__ import annotations

from tests.test_extract_incidents5 import reference, run  # noqa: F401  (the module's fixture and helper)


def _types(x):
    return {(c.type, c.claimant.text if c.claimant else None) for c in x.claims}


# --- a source of information after the "by" phrase is not the agent --------------------------------------------------

def test_an_official_after_the_by_phrase_is_a_source_not_the_doer(reference):
    x = run(reference, "The tanker Blue Heron was struck by a missile, a US official tells us.")
    assert x.incidents and all(i.perpetrator is None or i.perpetrator.key != "united-states" for i in x.incidents)
    assert not any(c.type == "responsibility_claimed" for c in x.claims)


def test_an_official_said_after_the_by_phrase_is_not_the_doer(reference):
    x = run(reference, "A freighter was hit by a drone off Mokha on Monday, a British official said.")
    assert all(i.perpetrator is None or i.perpetrator.key != "united-kingdom" for i in x.incidents)


def test_an_agent_named_after_by_still_does_it(reference):  # negative case: no speech verb after the name
    x = run(reference, "A freighter was hit by a Houthi drone off Mokha on Monday.")
    assert x.incidents and x.incidents[0].perpetrator is not None and x.incidents[0].perpetrator.key == "houthis"


# --- an adverb between the speaker and its verb --------------------------------------------------------------------

def test_an_adverb_between_a_possessed_body_and_its_verb_keeps_the_speaker(reference):
    x = run(reference, "Syria's health ministry now puts the toll from the Israeli strike on Nabatieh at four dead.")
    assert ("casualty_report", "Syria's health ministry") in _types(x)


def test_an_adverb_after_a_body_said_at_the_end(reference):
    x = run(reference, "The Israeli strike on Nabatieh killed four people, Syria's health ministry now says.")
    assert ("casualty_report", "Syria's health ministry") in _types(x)


def test_no_speaker_without_a_speech_verb(reference):  # negative case: "now" alone makes no one speak
    x = run(reference, "Syria's health ministry building now lies in ruins after the Israeli strike on Nabatieh.")
    assert not any(c.claimant and "ministry" in c.claimant.text for c in x.claims)


# --- the victims of a "when" clause, the receivers of a "to" phrase, are not the doers --------------------------------

def test_the_wounded_before_a_when_clause_are_not_the_doers(reference):
    x = run(reference, "Four US soldiers were hurt when rockets hit Harir air base on Tuesday, two US officials said.")
    assert x.incidents and all(i.perpetrator is None or i.perpetrator.key != "united-states" for i in x.incidents)


def test_a_name_after_to_is_a_receiver_not_the_doer(reference):
    x = run(reference, "On Tuesday, hundreds of radios handed out to Hezbollah members blew up across Lebanon, killing nine people.")
    assert all(i.perpetrator is None or i.perpetrator.key != "hezbollah" for i in x.incidents)


def test_a_strike_in_response_to_keeps_its_named_doer(reference):  # negative case: the name qualifies the trigger
    x = run(reference, "Hezbollah said its fighters shelled a barracks in Kiryat Shmona in response to the Israeli strike "
                       "that killed two of its members in Nabatieh on Monday.")
    assert any(i.perpetrator is not None and i.perpetrator.key == "israel" for i in x.incidents)


def test_a_subject_before_the_trigger_still_does_it(reference):  # negative case: no "when", no "to"
    x = run(reference, "Houthi forces fired two missiles at a tanker in the Red Sea on Tuesday.")
    assert x.incidents and x.incidents[0].perpetrator is not None and x.incidents[0].perpetrator.key == "houthis"


# --- a ship hit by an unnamed doer, then told again with its doer -----------------------------------------------------

def test_a_hit_ship_told_again_with_its_doer_is_one_incident(reference):
    x = run(reference, "10:05 GMT - The tanker Blue Heron was hit by a missile, a US official tells us. Its crew reported "
                       "a fire. No one was hurt.\n\n11:30 GMT - CENTCOM says a missile launched by the Houthis struck "
                       "the Blue Heron, causing minor damage.")
    assert len(x.incidents) == 1 and x.incidents[0].perpetrator is not None and x.incidents[0].perpetrator.key == "houthis"


def test_a_strike_told_with_another_doer_stays_apart(reference):  # negative case: two doers, two incidents
    x = run(reference, "Houthi forces fired a missile at the tanker Blue Heron in the Red Sea on Tuesday. Its crew reported "
                       "a fire. US jets then struck the launch site near Hodeidah on Tuesday.")
    assert len(x.incidents) == 2


# --- an interceptor is never the doer; "during the X barrage" is X's barrage ---------------------------------------------

def test_an_interceptor_named_by_its_side_is_not_the_doer(reference):
    x = run(reference, "Debris of an Israeli interceptor missile struck a school in Nahariya on Tuesday, injuring three people.")
    assert all(i.perpetrator is None or i.perpetrator.key != "israel" for i in x.incidents)


def test_the_side_of_an_interceptor_claims_nothing(reference):
    x = run(reference, "The army said a reservist was killed near Haifa by debris of an Israeli interceptor missile fired "
                       "during the Hezbollah barrage.")
    assert not any(c.type == "responsibility_claimed" for c in x.claims)
    assert all(i.target is None or i.target.key != "hezbollah" for i in x.incidents)


def test_a_side_named_before_its_jets_still_does_it(reference):  # negative case: jets are no interceptor
    x = run(reference, "Israeli jets struck a house in Bint Jbeil on Tuesday.")
    assert x.incidents and x.incidents[0].perpetrator is not None and x.incidents[0].perpetrator.key == "israel"


# --- "it" speaks, not the name before it; "it" after a sentence whose subject revised its account -----------------------

def test_a_pronoun_before_the_verb_is_the_speaker_not_the_name_before_it(reference):
    x = run(reference, "A reservist was killed near Haifa by debris of a falling rocket, not by a Hezbollah drone as it "
                       "said on Monday.")
    assert not any(c.claimant is not None and c.claimant.key == "hezbollah" for c in x.claims)


def test_it_after_a_revised_account_is_the_reviser(reference):
    x = run(reference, "The Pentagon said the United States did not take part in the strikes.\n\nUpdate: The Israeli military "
                       "has revised its account of the incident. It now says a drone launched from Lebanon struck a navy "
                       "patrol boat off Acre, killing one sailor.")
    said = [c for c in x.claims if "It now says" in c.span.quote]
    assert said and all(c.claimant is not None and c.claimant.key != "pentagon" and "Pentagon" not in c.claimant.text for c in said)


def test_it_after_a_sentence_without_a_new_subject_keeps_the_last_speaker(reference):  # negative case
    x = run(reference, "The Israeli military said a drone launched from Lebanon struck a navy patrol boat off Acre on Monday. "
                       "It said one sailor was killed.")
    assert any(c.claimant is not None and "Israeli" in c.claimant.text for c in x.claims if c.span.quote.startswith("It said"))


# --- no side claims an attack on itself; a country a weapon came from did not fire it ------------------------------------

def test_a_claim_of_retaliation_is_not_linked_to_the_attack_on_the_claimant(reference):
    x = run(reference, "A drone attack killed an American contractor at a base near Hasakah on Thursday. The defense "
                       "secretary, Lloyd Austin, said he had ordered precision air strikes against sites in eastern Syria.")
    attack = [i for i in x.incidents if i.target is not None and i.target.key == "united-states"]
    assert attack and all(i.perpetrator is None or i.perpetrator.key not in ("united-states", "lloyd-austin") for i in attack)
    assert not any(c.type == "responsibility_claimed" and c.incident == attack[0].local_id and c.claimant
                   and "Austin" in c.claimant.text for c in x.claims)


def test_a_group_claiming_an_attack_on_others_stays_linked(reference):  # negative case
    x = run(reference, "A drone attack killed an American contractor at a base near Hasakah on Thursday. The Islamic "
                       "Resistance in Iraq said it had carried out the attack.")
    assert any(c.type == "responsibility_claimed" and c.incident for c in x.claims)


def test_the_country_a_missile_came_from_is_not_its_doer(reference):
    x = run(reference, "On Tuesday, an anti-tank missile fired from Lebanon struck a house in Shlomi, the army said.")
    assert all(i.perpetrator is None or i.perpetrator.key != "lebanon" for i in x.incidents)


def test_a_group_after_from_still_fired(reference):  # negative case: an armed group, not a country
    x = run(reference, "A barrage from Hezbollah struck Shlomi on Tuesday.")
    assert x.incidents and x.incidents[0].perpetrator is not None and x.incidents[0].perpetrator.key == "hezbollah"


def test_a_side_telling_its_own_dead_in_the_strike_answered_reports_losses(reference):
    x = run(reference, "The Revolutionary Guards said they had fired missiles at Israel overnight in response to the strike "
                       "on Iran's consular building in Damascus, in which five Guards officers were killed.")
    damascus = [i for i in x.incidents if i.target is not None and i.target.key == "iran"]
    assert damascus and (damascus[0].perpetrator is None
                         or damascus[0].perpetrator.key != "islamic-revolutionary-guard-corps")
    assert not any(c.type == "responsibility_claimed" and c.incident == damascus[0].local_id for c in x.claims)


# --- the speaker after the toll is not the victim ----------------------------------------------------------------------

def test_the_official_who_tells_a_strike_is_not_its_victim(reference):
    x = run(reference, "An American drone strike on a warehouse in Jurf al-Sakhar on Friday killed three fighters, "
                       "Defense Secretary Lloyd Austin said.")
    assert x.incidents and (x.incidents[0].target is None or x.incidents[0].target.key != "lloyd-austin")


def test_a_named_victim_is_still_the_target(reference):  # negative case
    x = run(reference, "An Israeli strike in Beirut on Friday killed Fuad Shukr, a senior Hezbollah commander.")
    assert x.incidents and x.incidents[0].target is not None and "Shukr" in x.incidents[0].target.text
