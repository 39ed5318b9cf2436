"""Claims other than casualty reports (rules-8, area c): claimants and stances of responsibility, attribution,
confirmation and non-confirmation claims.

Sentences written for these tests (not taken from any article set); the default reference is used, as the
extractor does on real articles. Each test states one behaviour."""

from __future__ import annotations

from tests.test_extract_incidents5 import reference, run  # noqa: F401  (the module's fixture and helper)


def claims(x, typ: str) -> list[tuple[str | None, str | None]]:
    return sorted((c.claimant.key if c.claimant else None, c.incident) for c in x.claims if c.type == typ)


# --- a reference person's family name alone is that person ------------------------------------------------------

def test_a_family_name_after_the_full_name_is_that_person(reference):
    x = run(reference, "Yahya Saree spoke on television on Monday. Saree said the Houthis had attacked a container ship "
                       "in the Gulf of Aden on Sunday with drones.")
    assert ("yahya-saree", "i1") in claims(x, "responsibility_claimed")
    assert not [c for c in x.claims if c.type == "attribution"]


def test_a_family_name_the_article_never_gave_in_full_stays_as_written(reference):
    x = run(reference, "Saree said the Houthis had attacked a container ship in the Gulf of Aden on Sunday with drones.")
    assert all(c.claimant is None or c.claimant.key != "yahya-saree" for c in x.claims)


# --- two names joined as the subject: a claim for each ----------------------------------------------------------

def test_two_groups_that_did_not_respond_each_leave_it_unconfirmed(reference):
    x = run(reference, "A drone hit a base near Erbil on Monday. Kataib Hezbollah and Harakat al-Nujaba did not respond "
                       "to requests for comment.")
    assert claims(x, "non_confirmation") == [("harakat-al-nujaba", "i1"), ("kataib-hezbollah", "i1")]


def test_two_states_that_blame_a_group_each_attribute(reference):
    x = run(reference, "A rocket struck a football pitch in the Golan Heights on Saturday. Israel and the United States "
                       "blamed Hezbollah.")
    assert {k for k, _ in claims(x, "attribution")} == {"israel", "united-states"}


def test_a_name_inside_an_object_is_no_second_subject(reference):
    x = run(reference, "A rocket struck a football pitch in the Golan Heights on Saturday. Strikes on Hamas and Hezbollah "
                       "followed, and the United States blamed Hezbollah.")
    assert {k for k, _ in claims(x, "attribution")} <= {"united-states"}


# --- a new clause with its own subject speaks for itself --------------------------------------------------------

def test_a_coordinated_clause_has_its_own_claimant(reference):
    x = run(reference, "A drone struck a car near al-Qaim on Monday. The US military has not confirmed carrying out any "
                       "strike, and a Pentagon spokesperson declined to comment.")
    assert claims(x, "non_confirmation") == [("pentagon", "i1"), ("us-armed-forces", "i1")]


# --- silences that leave an incident unconfirmed ----------------------------------------------------------------

def test_no_answer_to_messages_is_a_non_confirmation(reference):
    x = run(reference, "A drone struck a gas field near Sulaymaniyah on Monday. The Islamic Resistance in Iraq did not "
                       "respond to messages about the attack.")
    assert claims(x, "non_confirmation") == [("islamic-resistance-in-iraq", "i1")]


def test_a_pronoun_that_did_not_address_the_deaths_is_the_last_speaker(reference):
    x = run(reference, "A drone struck a car near al-Qaim on Monday. The Israeli military said it had carried out the "
                       "strike. It did not address the deaths of the two paramedics.")
    assert ("israel-defense-forces", "i1") in claims(x, "non_confirmation")


def test_a_speech_that_did_not_address_a_topic_is_no_claim(reference):
    x = run(reference, "A drone struck a car near al-Qaim on Monday. The minister's speech did not address the economy.")
    assert claims(x, "non_confirmation") == []


# --- the one who ordered the strikes claims them ----------------------------------------------------------------

def test_a_leader_who_says_he_ordered_the_strikes_claims_them(reference):
    x = run(reference, "US warplanes struck Houthi targets in Sanaa on Saturday. Trump said he had ordered the strikes "
                       "to protect shipping.")
    assert claims(x, "responsibility_claimed") == [("donald-trump", "i1")]


def test_an_order_for_an_investigation_is_no_claim_of_the_attack(reference):
    x = run(reference, "A rocket struck a market in Erbil on Monday. Lloyd Austin said he had ordered an investigation "
                       "into the attack.")
    assert claims(x, "responsibility_claimed") == []


# --- "launched by members of X": X is blamed --------------------------------------------------------------------

def test_members_of_a_group_as_the_agent_blame_the_group(reference):
    x = run(reference, "Rockets struck Erbil airport on Monday night. Iraqi officials said they believed the rockets were "
                       "launched by members of Kataib Hezbollah.")
    [c] = [c for c in x.claims if c.type == "attribution"]
    assert (c.claimant.key, c.perpetrator.key, c.incident) == ("iraq", "kataib-hezbollah", "i1")


# --- an opening quotation mark is no closing one; an adjective opening a sentence is no speaker ------------------

def test_the_speaker_after_a_straight_quotation_is_who_speaks_it(reference):
    x = run(reference, 'Rockets struck Erbil airport on Monday night. "Initial reports indicate one contractor was killed," '
                       'Marotto wrote on Twitter.')
    assert all(c.claimant is None or c.claimant.text != "Initial" for c in x.claims)
    assert [c.claimant.text for c in x.claims if c.type == "casualty_report"] == ["Marotto"]


def test_a_name_after_a_closing_straight_quotation_still_speaks(reference):
    x = run(reference, 'A drone struck a car near al-Qaim on Monday. "Two of our fighters were killed," Kataib Hezbollah said.')
    assert ("kataib-hezbollah", "i1") in claims(x, "casualty_report")


# --- the side attacked names the attacker with an aggression noun -----------------------------------------------

def test_an_outlet_calling_the_strikes_an_israeli_aggression_blames_israel(reference):
    x = run(reference, "Air strikes hit a weapons depot near Damascus on Monday night. SANA said the strikes were a "
                       "flagrant Israeli aggression.")
    [c] = [c for c in x.claims if c.type == "attribution"]
    assert (c.claimant.text, c.perpetrator.key, c.incident) == ("SANA", "israel", "i1")


def test_a_crime_by_the_enemy_blames_the_enemy(reference):
    x = run(reference, 'US warplanes struck Sanaa on Saturday. The Houthis called the strikes "a war crime" by '
                       '"the American enemy".')
    [c] = [c for c in x.claims if c.type == "attribution"]
    assert (c.claimant.key, c.perpetrator.key) == ("houthis", "united-states")


def test_an_attack_in_response_to_aggression_is_not_blamed_on_the_aggressor(reference):
    x = run(reference, "Houthi drones struck a tanker in the Red Sea on Monday. The Houthis said the attack answered "
                       "the continued American aggression on Yemen.")
    assert [c for c in x.claims if c.type == "attribution"] == []


def test_the_enemy_named_in_a_denial_is_blamed_for_nothing(reference):
    x = run(reference, 'A drone boat struck a tanker off Aden on Monday. The Houthis denied they were behind the attack, '
                       'calling the reports "fabrications of the American enemy".')
    assert [c for c in x.claims if c.type == "attribution"] == []


# --- "its fighter jets", "its mujahideen": the speaker's own forces did the act ---------------------------------

def test_an_army_saying_its_fighter_jets_struck_claims_the_strike(reference):
    x = run(reference, 'A strike hit a building in Hebbariyeh on Tuesday. The Israeli military said its fighter jets had '
                       'struck "a military compound" in Hebbariyeh.')
    assert claims(x, "responsibility_claimed") == [("israel-defense-forces", "i1")]


def test_a_group_saying_its_mujahideen_targeted_the_town_claims_the_attack(reference):
    x = run(reference, "Rockets hit Kiryat Shmona on Tuesday. Hezbollah said its mujahideen had targeted the town with "
                       "Katyusha rockets.")
    assert claims(x, "responsibility_claimed") == [("hezbollah", "i1")]


def test_jets_of_someone_else_are_no_claim(reference):
    x = run(reference, "A strike hit a building in Hebbariyeh on Tuesday. Hezbollah said Israeli fighter jets had struck "
                       "the building.")
    assert claims(x, "responsibility_claimed") == []


# --- an incident not acknowledged, not claimed -------------------------------------------------------------------

def test_a_state_that_never_acknowledged_the_strike_leaves_it_unconfirmed(reference):
    x = run(reference, "An air strike hit a building in Damascus on Monday. Israel never formally acknowledged the strike.")
    assert claims(x, "non_confirmation") == [("israel", "i1")]


def test_a_group_that_has_not_claimed_the_attack_leaves_it_unconfirmed(reference):
    x = run(reference, "Rockets hit Safed on Wednesday. Hezbollah has not claimed the Safed attack.")
    assert claims(x, "non_confirmation") == [("hezbollah", "i1")]
    assert claims(x, "responsibility_claimed") == []


def test_no_group_claiming_is_no_one_s_non_confirmation(reference):
    x = run(reference, "Rockets hit Safed on Wednesday. No group has claimed the attack.")
    assert x.claims == ()


def test_no_claim_of_any_attack_since_a_date_is_about_no_incident(reference):
    x = run(reference, "Rockets hit Safed on Wednesday. Kataib Hezbollah has not claimed an attack on US forces since February.")
    assert claims(x, "non_confirmation") == []


# --- a spokesman of a body named by its noun alone; a part in the strikes denied --------------------------------

def test_a_spokesman_of_the_coalition_named_by_its_noun_speaks_for_it(reference):
    x = run(reference, 'Rockets struck Erbil airport on Monday, the U.S.-led coalition said. Coalition spokesman Colonel '
                       'Wayne Marotto said 14 rockets were fired. "One contractor was killed," Marotto said.')
    assert [c.claimant.key for c in x.claims if c.claimant and c.claimant.text == "Marotto"] == ["global-coalition-against-daesh"]


def test_a_body_noun_the_article_never_named_resolves_to_nothing(reference):
    x = run(reference, 'Rockets struck Erbil airport on Monday. Ministry spokesman Ali Hassan said 14 rockets were fired. '
                       '"One contractor was killed," Hassan said.')
    assert all(c.claimant is None or c.claimant.key is None for c in x.claims)


def test_a_government_saying_it_had_not_taken_part_denies_involvement(reference):
    x = run(reference, "US jets struck Sanaa on Saturday. A British government spokesperson said the UK had not taken part "
                       "in Saturday's strikes.")
    assert claims(x, "involvement_denied") == [("united-kingdom", "i1")]


def test_a_group_that_took_no_part_denies_responsibility(reference):
    x = run(reference, "Rockets hit the Green Zone on Sunday. Kataib Hezbollah said it took no part in the attack.")
    assert claims(x, "responsibility_denied") == [("kataib-hezbollah", "i1")]


# --- a denial about "the attack on X in <country>": the one attack told there ------------------------------------

TWO_ATTACKS = ("A drone attack killed three US soldiers at an outpost in Jordan on Sunday. On Friday, US jets struck "
               "militia sites in Iraq. ")


def test_a_denial_about_the_attack_in_a_country_links_the_one_attack_there(reference):
    x = run(reference, TWO_ATTACKS + "Iran has denied any involvement in the attack on the Tower 22 outpost in northeast "
                                     "Jordan, which also wounded 40 soldiers.")
    assert claims(x, "involvement_denied") == [("iran", "i1")]
    assert not [c for c in x.claims if c.type == "casualty_report" and c.claimant and c.claimant.key == "iran"]


def test_a_country_named_as_a_speaker_refers_to_no_attack_there(reference):
    x = run(reference, TWO_ATTACKS + "Jordan denied any involvement in the strikes.")
    assert claims(x, "involvement_denied") == [("jordan", "i2")]


def test_an_open_count_of_the_dead_is_no_toll(reference):
    x = run(reference, "US jets struck militia sites in Iraq on Friday. The Pentagon said it was still assessing how many "
                       "militants had been killed.")
    assert [c for c in x.claims if c.type == "casualty_report"] == []


# --- "X claimed it."; a confirmation is of the incident it names --------------------------------------------------

def test_a_group_that_claimed_it_claims_the_attack_just_told(reference):
    x = run(reference, "Missiles struck Ain al-Asad air base on Saturday. The Islamic Resistance in Iraq claimed it.")
    assert claims(x, "responsibility_claimed") == [("islamic-resistance-in-iraq", "i1")]


def test_claimed_it_had_a_right_is_no_claim_of_the_attack(reference):
    x = run(reference, "Missiles struck Ain al-Asad air base on Saturday. Kataib Hezbollah claimed it had the right to respond.")
    assert claims(x, "responsibility_claimed") == []


def test_a_confirmation_is_of_the_incident_its_clause_names(reference):
    x = run(reference, "Rockets hit Safed on Wednesday. The IDF confirmed that rockets had hit Safed and that a heavy rocket "
                       "had hit Metula.")
    safed = next(i.local_id for i in x.incidents if i.place and i.place.key == "safed")
    assert claims(x, "confirmation") == [("israel-defense-forces", safed)]


# --- the service before a rank is no part of the name; the US National Security Council ------------------------

def test_a_rank_after_the_service_leaves_the_family_name_to_the_body(reference):
    x = run(reference, "Missiles struck Ain al-Asad air base on Saturday. Pentagon Press Secretary Air Force Maj. Gen. "
                       "Pat Ryder briefed reporters. Ryder said Kataib Hezbollah was behind the attack.")
    assert [(c.claimant.key, c.perpetrator.key) for c in x.claims if c.type == "attribution"] == [("pentagon", "kataib-hezbollah")]


def test_the_us_national_security_council_is_the_white_house_not_the_un(reference):
    x = run(reference, 'A rocket struck a football pitch in Majdal Shams on Saturday. A US National Security Council '
                       'spokesperson said the attack "was carried out by Lebanese Hezbollah".')
    assert {c.claimant.key for c in x.claims if c.type == "attribution"} == {"white-house"}


# --- "the army" is not the army of the country the rockets came from ---------------------------------------------

def test_the_army_reporting_rockets_from_lebanon_is_not_lebanon_s(reference):
    x = run(reference, "An Israeli strike on Hebbariyeh in south Lebanon killed seven paramedics on Wednesday, Lebanon's "
                       "health ministry said. Hezbollah said it fired rockets at Kiryat Shmona on Wednesday. The army said "
                       "about 30 rockets had been fired from Lebanon, some of which were intercepted.")
    assert [c.claimant.key for c in x.claims if c.type == "interception"] == ["israel-defense-forces"]


# --- a name introduced with its acronym is its own; "received no report" -----------------------------------------

def test_a_name_introduced_with_its_acronym_is_not_the_state_it_starts_with(reference):
    x = run(reference, "Drones struck a container ship in the Gulf of Aden on Thursday. The UK Maritime Trade Operations "
                       "(UKMTO) agency said it had received no report of an incident matching the description.")
    assert [(c.claimant.text, c.claimant.key) for c in x.claims if c.type == "non_confirmation"] == \
        [("UK Maritime Trade Operations", None)]


def test_a_reference_name_with_its_acronym_stays_that_name(reference):
    x = run(reference, "US Central Command (CENTCOM) said it had struck Houthi radar sites in Yemen on Friday.")
    assert claims(x, "responsibility_claimed") == [("us-central-command", "i1")]


# --- "it" is a body, not the spokesman heard before; "Iran-backed Houthi militants" are the Houthis ----------------

def test_it_after_a_spokesman_is_the_body_named_since(reference):
    x = run(reference, 'Houthi military spokesman Yahya Saree said the group had targeted the ship Star Nasia in the Red Sea '
                       'on Tuesday. US Central Command gave a different account. In a statement, it said that "Iran-backed '
                       'Houthi militants fired three anti-ship ballistic missiles toward MV Star Nasia".')
    assert "us-central-command" in [c.claimant.key for c in x.claims if c.type == "attribution"]
    assert all(c.claimant.key != "yahya-saree" for c in x.claims if c.type == "responsibility_claimed" and c.span.quote.startswith("In a"))


def test_he_after_a_spokesman_is_still_the_spokesman(reference):
    x = run(reference, "Houthi military spokesman Yahya Saree said the Houthis would respond. US Central Command gave a "
                       "different account. He said the Houthis had attacked the ship Star Nasia in the Red Sea on Monday.")
    assert [c.claimant.key for c in x.claims if c.type == "responsibility_claimed"] == ["yahya-saree"]


# --- what a denial denies is never claimed or blamed ------------------------------------------------------------

def test_a_denial_that_its_state_directed_the_attack_denies_involvement(reference):
    x = run(reference, "Rockets hit Ain al-Asad on Monday. Iran's Foreign Ministry spokesman Nasser Kanaani denied that "
                       "Tehran directed the attack.")
    assert [(c.type, c.claimant.key) for c in x.claims] == [("involvement_denied", "iranian-foreign-ministry")]


def test_denying_that_another_did_it_blames_no_one(reference):
    x = run(reference, "Rockets hit Ain al-Asad on Monday. Iran denied that Israel had ordered the attack.")
    assert [c for c in x.claims if c.type in ("attribution", "responsibility_claimed")] == []


def test_a_group_denying_any_relation_to_the_rocket_denies_responsibility(reference):
    x = run(reference, "A rocket fell near Baghdad airport on Monday. Kata'ib Sayyid al-Shuhada denied any relation to "
                       "the rocket.")
    assert claims(x, "responsibility_denied") == [("kataib-sayyid-al-shuhada", "i1")]


# --- "X, which Washington holds responsible for the attack": Washington blames X ---------------------------------

def test_a_relative_clause_holding_the_group_responsible_attributes_the_attack(reference):
    x = run(reference, "A drone killed three US soldiers at Tower 22 in Jordan on Sunday. The strikes targeted Kataib "
                       "Hezbollah, which Washington holds responsible for the Jordan attack.")
    [c] = [c for c in x.claims if c.type == "attribution"]
    assert (c.claimant.key, c.perpetrator.key, c.incident) == ("united-states", "kataib-hezbollah", "i1")


def test_a_relative_blame_for_an_attack_elsewhere_is_not_linked_to_the_sentence_s_own_strike(reference):
    x = run(reference, "A rocket killed 12 children in Majdal Shams on Saturday. Israeli jets killed Fuad Shukr, whom "
                       "Israel blamed for the Majdal Shams attack, in Beirut on Tuesday.")
    beirut = next(i for i in x.incidents if i.place and i.place.key == "beirut")
    assert all(c.incident != beirut.local_id for c in x.claims if c.type == "attribution")
    assert beirut.perpetrator is None or beirut.perpetrator.text != "Fuad Shukr"


# --- "Israel's military says it is striking ...": the army claims the strikes under way ---------------------------

def test_an_army_saying_it_is_striking_claims_the_strikes(reference):
    x = run(reference, "Israeli jets struck Hezbollah targets in southern Lebanon on Sunday. Israel's military says it is "
                       "striking Hezbollah targets in southern Lebanon.")
    assert claims(x, "responsibility_claimed") == [("israel-defense-forces", "i1")]


def test_a_group_saying_it_is_targeted_claims_nothing(reference):
    x = run(reference, "Israeli jets struck Hezbollah targets in southern Lebanon on Sunday. Hezbollah said it is targeted "
                       "by Israel.")
    assert claims(x, "responsibility_claimed") == []


# --- a body's spokesperson's unit is the body; an interception someone claims is not the outlet's ----------------

def test_the_idf_spokespersons_unit_speaks_for_the_idf(reference):
    x = run(reference, "Rockets were fired at Safed on Wednesday. In a statement, the IDF Spokesperson's Unit said: "
                       '"A number of the launches were intercepted by the Aerial Defense Array."')
    assert [c.claimant.key for c in x.claims if c.type == "interception"] == ["israel-defense-forces"]


def test_an_interception_claimed_by_an_unnamed_speaker_is_not_the_outlet_s(reference):
    x = run(reference, "Drones struck an Aramco depot in Jeddah on Friday. The spokesman of the aggression coalition "
                       "admitted the fire, while claiming that its air defences had intercepted a number of drones.")
    assert [c for c in x.claims if c.type == "interception"] == []


def test_an_interception_the_outlet_states_is_still_its_own(reference):
    x = run(reference, "Drones struck an Aramco depot in Jeddah on Friday. Two of the drones were intercepted.")
    assert claims(x, "interception") == [(None, "i1")]


# --- the doer's side confirming its own act claims it ------------------------------------------------------------

def test_a_spokesman_confirming_his_group_s_hits_claims_the_attack(reference):
    x = run(reference, "Houthi drones struck Aramco facilities in Khamis Mushait on Friday. Yahya Saree confirmed that the "
                       "drones had hit their targets.")
    assert claims(x, "responsibility_claimed") == [("yahya-saree", "i1")] and claims(x, "confirmation") == []


def test_the_side_attacked_confirming_a_hit_confirms_it(reference):
    x = run(reference, "Hezbollah rockets hit the Branit barracks on Friday. The IDF confirmed that a rocket had hit Branit.")
    assert claims(x, "confirmation") == [("israel-defense-forces", "i1")]


# --- "“...,” a spokesman for X said": X speaks the quotation ------------------------------------------------------

def test_a_quotation_closed_by_a_spokesman_for_a_group_is_the_group_s(reference):
    x = run(reference, "A drone struck Tower 22 in Jordan on Sunday, killing three US soldiers. \"We had no part in the "
                       "operation in Jordan,\" a spokesman for Kata'ib Sayyid al-Shuhada said.")
    assert claims(x, "responsibility_denied") == [("kataib-sayyid-al-shuhada", "i1")]


def test_a_spokesman_for_a_group_before_his_words_speaks_for_it_too(reference):
    x = run(reference, "A drone struck Tower 22 in Jordan on Sunday. A spokesman for Kata'ib Hezbollah said the group had "
                       "no part in the attack.")
    assert claims(x, "responsibility_denied") == [("kataib-hezbollah", "i1")]


# --- "the army" right after an army spoke is that army; confronting an aggression blames the aggressor ---------------

def test_the_army_after_iran_s_armed_forces_spoke_is_iran_s(reference):
    x = run(reference, "Israeli jets struck military bases in Tehran province on Saturday. Iran's armed forces said the "
                       "attack had targeted bases in Tehran province. In a later statement, the army said four soldiers had "
                       'been killed "while confronting the aggression of the Zionist regime".')
    assert {c.claimant.key for c in x.claims if c.span.quote.startswith("In a later")} == {"iranian-armed-forces"}
    assert ("iranian-armed-forces", "israel") in [(c.claimant.key, c.perpetrator.key) for c in x.claims
                                                  if c.type == "attribution" and c.perpetrator]
