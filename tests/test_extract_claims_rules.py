"""Rules of rules-2, on sentences written for the tests (not the seeds): who is a perpetrator and who only
speaks, one incident per event within an article, claims with their own counts, and the precision guards."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_extract_rules import ref, run  # noqa: F401  (the fixture reference and the runner)


def claims_of(x, kind: str):
    return [c for c in x.claims if c.type == kind]


def key(a):
    return a.key if a else None


# --- the announcer of an attack is its claimant, never its perpetrator -------------------------------

@pytest.mark.parametrize("text", [
    "On Monday, the Iraqi army announced that two rockets were fired at Ain al-Asad.",
    "The Pentagon said on Tuesday that three drones struck Ain al-Asad.",
    "Kataib Hezbollah condemned the drone attack on Erbil Airport on Sunday.",
    "The IRGC described the missile strike on Isfahan on Friday as an act of war.",
])
def test_speakers_and_critics_are_not_perpetrators(ref, text):
    x = run(ref, text)
    assert x.incidents, text
    for i in x.incidents:
        assert i.perpetrator is None, (text, i.perpetrator)
        assert key(i.target) not in ("iraq", "us-dod", "kataib-hezbollah", "irgc"), text


def test_announcer_is_the_claimant_of_a_passive_report(ref):
    x = run(ref, "On Monday, the Iraqi army announced that two rockets were fired at Ain al-Asad.")
    (i,) = x.incidents
    assert key(i.claimant) == "iraq" and i.perpetrator is None and i.projectiles == 2
    assert not claims_of(x, "responsibility_claimed") and not claims_of(x, "attribution")


# --- self-claims: "said that it attacked", first person in a quote, an operation reported by its group --

def test_group_announcing_that_it_attacked_claims_it(ref):
    x = run(ref, "Kataib Hezbollah said on Sunday that it had attacked Ain al-Asad with drones.")
    (i,) = x.incidents
    assert key(i.perpetrator) == "kataib-hezbollah" and i.perpetrator_basis == "claimed"
    (c,) = claims_of(x, "responsibility_claimed")
    assert key(c.claimant) == "kataib-hezbollah" and c.incident == i.local_id


def test_speaker_named_after_the_quote_claims_with_its_own_count(ref):
    text = ("Militants fired about 10 rockets at Ain al-Asad on Monday, injuring one soldier. "
            "“Our fighters struck the occupiers at Ain al-Asad with 25 rockets,” the group, Kataib Hezbollah, said on Tuesday.")
    x = run(ref, text)
    (i,) = x.incidents
    assert i.place.key == "ain-al-asad" and i.projectiles == 10 and i.injured == 1
    (c,) = claims_of(x, "responsibility_claimed")
    assert key(c.claimant) == "kataib-hezbollah" and c.projectiles == 25 and c.incident == i.local_id


def test_speaker_before_the_quote(ref):
    x = run(ref, "Kataib Hezbollah said: “We targeted Erbil Airport with two drones on Sunday.”")
    (i,) = x.incidents
    assert key(i.perpetrator) == "kataib-hezbollah" and i.perpetrator_basis == "claimed"


def test_armed_group_reporting_an_operation_claims_it(ref):
    x = run(ref, "On Friday, the Islamic Resistance in Iraq reported an operation targeting Eilat with drones.")
    (i,) = x.incidents
    assert key(i.perpetrator) == "islamic-resistance-in-iraq" and i.perpetrator_basis == "claimed"
    assert [key(c.claimant) for c in claims_of(x, "responsibility_claimed")] == ["islamic-resistance-in-iraq"]


def test_a_state_reporting_an_attack_does_not_claim_it(ref):
    x = run(ref, "On Friday, the Pentagon reported a drone attack targeting Ain al-Asad.")
    assert all(i.perpetrator is None for i in x.incidents)
    assert not claims_of(x, "responsibility_claimed")


# --- one event, one incident ---------------------------------------------------------------------

def test_later_claim_by_an_unknown_group_joins_the_incident_at_the_same_base(ref):
    text = ("Rockets were fired at Erbil Airport and Ain al-Asad on Monday. "
            "US strikes on the border with Syria last month killed four fighters, and an unknown group claimed "
            "responsibility for the rocket attack on Ain al-Asad.")
    x = run(ref, text)
    at_base = [i for i in x.incidents if i.place and i.place.key == "ain-al-asad"]
    assert len(at_base) == 1
    (c,) = claims_of(x, "responsibility_claimed")
    assert c.incident == at_base[0].local_id and c.claimant.key is None


def test_same_day_same_perpetrator_at_two_grains_is_one_incident(ref):
    x = run(ref, "Israel struck targets near Isfahan on Friday. On Friday, Israel reportedly attacked Isfahan with drones.")
    (i,) = x.incidents
    assert i.place.key == "isfahan" and key(i.perpetrator) == "israel"


def test_a_place_inside_another_is_the_same_incident(ref):
    x = run(ref, "Israel attacked Erbil on April 1, killing two people. Israel's strike on Erbil Airport on April 1 drew condemnation.")
    (i,) = x.incidents
    assert i.place.key == "erbil-airport" and i.killed == 2


def test_as_well_as_starts_another_incident(ref):
    x = run(ref, "On Monday, Haifa was attacked by Hezbollah drones, as well as rocket fire from Gaza.")
    assert len(x.incidents) == 2
    drones, rockets = x.incidents
    assert key(drones.perpetrator) == "hezbollah" and drones.weapons == ("drone",)
    assert rockets.weapons == ("rocket",) and rockets.perpetrator is None


def test_relative_clause_after_a_general_statement_is_an_incident(ref):
    x = run(ref, "Attacks have declined since an incident in late January 2024, in which three US soldiers were killed by a drone in Jordan.")
    (i,) = x.incidents
    assert (i.date.on, i.date.precision) == (dt.date(2024, 1, 1), "month")
    assert i.place.key == "jordan" and i.killed == 3 and i.weapons == ("drone",)


def test_separate_attack_at_another_base_stays_separate(ref):
    x = run(ref, "A drone struck Erbil Airport on Monday. In a separate attack, rockets were fired at Ain al-Asad on Monday.")
    assert sorted(i.place.key for i in x.incidents) == ["ain-al-asad", "erbil-airport"]


# --- denials, non-confirmations: referred to, never asserted ---------------------------------------

def test_denial_names_the_place_of_an_earlier_incident(ref):
    text = ("A suspected Israeli strike hit a base south of Baghdad on Friday, killing one person and injuring six others. "
            "CENTCOM denied any involvement in the Ain al-Asad attack.")
    x = run(ref, text)
    (i,) = x.incidents
    assert i.place.key == "ain-al-asad" and (i.killed, i.injured) == (1, 6) and i.stance == "hedged"
    (c,) = claims_of(x, "involvement_denied")
    assert key(c.claimant) == "us-centcom" and c.stance == "denied" and c.incident == i.local_id


def test_denial_alone_creates_no_incident(ref):
    for text in ("Kataib Hezbollah denied carrying out the drone strike on Erbil Airport on Sunday.",
                 "CENTCOM denied any involvement in the Ain al-Asad attack.",
                 "The Israeli military has not confirmed the strike on Isfahan on Friday.",
                 "Israel did not strike Isfahan on Friday, officials said."):
        x = run(ref, text)
        assert x.incidents == (), text
        assert all(c.stance in ("denied", "not_confirmed") for c in x.claims), text


def test_confirmation_of_general_talk_is_no_claim(ref):
    text = "A drone struck Erbil Airport on Monday. Iraqi officials confirmed that the frequency of drone attacks is rising."
    assert not claims_of(run(ref, text), "confirmation")


# --- speakers: outlets, capitals, appositions ---------------------------------------------------------

def test_outlet_is_the_claimant_of_what_it_reported(ref):
    text = ("A drone attack targeted Eilat on Saturday. "
            "This was corroborated by AFP, which reported that Israeli air defenses intercepted two drones.")
    x = run(ref, text)
    (c,) = claims_of(x, "interception")
    assert c.claimant.text == "AFP" and c.claimant.key is None and c.incident == x.incidents[0].local_id
    assert not [u for u in x.unresolved if u.name == "AFP"]


def test_capital_as_subject_speaks_for_its_state(ref):
    x = run(ref, "Tehran has denied any involvement in the attacks on US forces in Iraq.")
    (c,) = claims_of(x, "involvement_denied")
    assert key(c.claimant) == "iran" and c.claimant.text == "Tehran" and c.incident is None


def test_capital_after_a_relative_pronoun_is_the_perpetrator(ref):
    x = run(ref, "Iran fired missiles at Haifa, which Jerusalem answered with a drone strike on Isfahan on Friday.")
    isfahan = [i for i in x.incidents if i.place and i.place.key == "isfahan"]
    assert isfahan and key(isfahan[0].perpetrator) == "israel"


@pytest.mark.parametrize("text", [
    "Rockets hit Damascus on Sunday, and a drone attack on Damascus followed on Monday.",
    "Damascus was attacked by Israeli jets on Sunday.",
    "An Israeli strike on Damascus on Sunday killed two people.",
])
def test_capital_as_a_place_stays_a_place(ref, text):
    x = run(ref, text)
    assert x.incidents and all(i.place and i.place.key == "damascus" for i in x.incidents), text
    assert all(key(i.perpetrator) != "syria" for i in x.incidents), text


def test_speaker_in_apposition(ref):
    text = ("A drone struck Erbil Airport on Monday. Ali Hassan, a fellow at a Washington think tank and an expert on Iraq's militias, "
            "said the attacks were part of a coordinated campaign by Iranian-backed militias.")
    x = run(ref, text)
    (c,) = claims_of(x, "attribution")
    assert c.claimant.text == "Ali Hassan" and c.perpetrator.text == "Iranian-backed militias" and c.incident is None


def test_a_place_name_in_a_speaker_slot_is_not_the_speaker(ref):
    x = run(ref, "Rockets hit Ain al-Asad on Monday. A spokesman for Iraq's security council said the attack injured two soldiers.")
    for c in x.claims:
        assert key(c.claimant) != "iraq"


# --- interception and casualty reports ------------------------------------------------------------------

def test_interception_in_passive_and_active(ref):
    x = run(ref, "A drone attack targeted Ain al-Asad on Monday. The Pentagon said a drone had been shot down over the base.")
    (c,) = claims_of(x, "interception")
    assert key(c.claimant) == "us-dod" and c.incident == x.incidents[0].local_id
    x = run(ref, "Israel attacked Isfahan with drones on Friday. Iranian air defenses downed three drones.")
    (c,) = claims_of(x, "interception")
    assert c.claimant is None and c.incident == x.incidents[0].local_id


def test_no_casualties_is_a_casualty_report_of_zero(ref):
    x = run(ref, "Rockets were fired at Ain al-Asad on Monday. The Pentagon said there were no casualties among US troops.")
    (c,) = claims_of(x, "casualty_report")
    assert key(c.claimant) == "us-dod" and (c.killed, c.injured) == (0, 0)


@pytest.mark.parametrize("text, killed, injured", [
    ("A drone strike on Erbil Airport on Sunday killed two people and wounded five others.", 2, 5),
    ("Three soldiers were killed and four others injured when rockets were fired at Ain al-Asad on Monday.", 3, 4),
    ("An attack on Haifa on Sunday injured twelve civilians.", None, 12),
])
def test_casualty_counts_belong_to_their_own_verb(ref, text, killed, injured):
    (i,) = run(ref, text).incidents
    assert (i.killed, i.injured) == (killed, injured), text


# --- threats, plans, hypotheticals -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Kataib Hezbollah vowed to strike Ain al-Asad with drones if US forces do not leave.",
    "The Houthis said they would attack Eilat with missiles again.",
    "Iran warned that any Israeli strike on Isfahan would be met with force.",
    "“We will target Erbil Airport with our drones,” Kataib Hezbollah said on Monday.",
])
def test_threats_never_become_incidents_or_claims(ref, text):
    x = run(ref, text)
    assert x.incidents == (), text
    assert not claims_of(x, "responsibility_claimed"), text


# --- dates across month and year ends ------------------------------------------------------------------------

def test_weekday_across_a_year_end(ref):
    (i,) = run(ref, "On Sunday, a drone struck Erbil Airport.", published=dt.date(2024, 1, 2)).incidents
    assert (i.date.on, i.date.precision) == (dt.date(2023, 12, 31), "day")


def test_month_day_without_year_after_publication_is_last_year(ref):
    (i,) = run(ref, "Rockets were fired at Ain al-Asad on December 30.", published=dt.date(2024, 1, 3)).incidents
    assert i.date.on == dt.date(2023, 12, 30)


def test_last_month_across_a_year_end(ref):
    (i,) = run(ref, "Israel struck Damascus with missiles last month.", published=dt.date(2024, 1, 15)).incidents
    assert (i.date.on, i.date.precision) == (dt.date(2023, 12, 1), "month")


# --- names for the curators --------------------------------------------------------------------------------

def test_unknown_place_is_listed_for_curators(ref):
    x = run(ref, "On Monday, a drone struck Zummar, injuring two soldiers.")
    (i,) = x.incidents
    assert i.place.key is None and i.place.text == "Zummar"
    (u,) = [u for u in x.unresolved if u.kind == "place"]
    assert u.name == "Zummar" and x.incidents[0].span.quote.find("Zummar") >= 0


def test_ellipsis_does_not_cut_the_period_of_a_statistic(ref):
    x = run(ref, "Since early November 2023, . . . Iraqi militias have carried out some 200 strikes against bases in Syria.")
    (s,) = x.statistics
    assert s.count == 200 and s.period_text == "Since early November 2023" and s.period_start == dt.date(2023, 11, 1)


def test_a_line_ending_in_a_colon_ends_its_sentence(ref):
    x = run(ref, "Kataib Hezbollah analyst Ali Hassan looks at these groups:\nSince early November 2023, . . . Iraqi militias "
                 "have carried out some 200 strikes against bases in Syria.")
    (s,) = x.statistics
    assert s.actor is None and s.period_text == "Since early November 2023"


def test_example_after_such_as_is_a_new_incident_not_a_reference(ref):
    x = run(ref, "Sabotage operations, such as the explosion of Hezbollah communication devices, weakened militias across Syria and Iraq.")
    (i,) = x.incidents
    assert i.event_type == "sabotage" and key(i.target) == "hezbollah" and i.place is None


@pytest.mark.parametrize("text, perpetrator", [
    ("Qasem Soleimani and Abu Mahdi al-Muhandis, who were killed in a US air strike at Baghdad in January 2020, were mourned.",
     "united-states"),
    ("Two fighters were wounded by an Israeli drone strike near Damascus on Sunday.", "israel"),
])
def test_actor_inside_the_attack_noun_phrase_is_the_perpetrator(ref, text, perpetrator):
    (i,) = run(ref, text).incidents
    assert key(i.perpetrator) == perpetrator, text


def test_no_group_claiming_is_not_a_claim_and_another_weapon_is_another_attack(ref):
    text = ("Kataib Hezbollah said on Tuesday that it had targeted Ain al-Asad with three drones. "
            "In Baghdad, police found a launch pad. No group claimed responsibility for the rocket attack.")
    x = run(ref, text)
    assert [key(c.claimant) for c in claims_of(x, "responsibility_claimed")] == ["kataib-hezbollah"]
    assert x.incidents[0].weapons == ("drone",)


def test_quote_then_said_then_speaker_claims(ref):
    text = "“We struck the occupation base at Ain al-Asad with rockets,” said a spokesman for Kataib Hezbollah on Monday."
    x = run(ref, text)
    (i,) = x.incidents
    assert key(i.perpetrator) == "kataib-hezbollah" and i.perpetrator_basis == "claimed"
    assert [key(c.claimant) for c in claims_of(x, "responsibility_claimed")] == ["kataib-hezbollah"]


def test_speaker_at_the_end_is_neither_target_nor_perpetrator(ref):
    x = run(ref, "Two rockets landed near Ain al-Asad on Wednesday, Iraqi security sources told AFP.")
    (i,) = x.incidents
    assert i.target is None and i.perpetrator is None and key(i.claimant) == "iraq" and i.projectiles == 2


def test_named_victim_after_a_role_and_a_comma_is_the_target(ref):
    # tests/GOLD.md: a strike from the air that kills a named commander is an airstrike with the person as target
    x = run(ref, "An Israeli strike on a car near Damascus killed a Hezbollah commander, Wissam Tawil, on Monday.")
    (i,) = x.incidents
    assert i.event_type == "airstrike" and i.target.text == "Wissam Tawil" and key(i.perpetrator) == "israel"


@pytest.mark.parametrize("text, denier", [
    ("Hezbollah denied that it had fired rockets at Haifa on Saturday.", "hezbollah"),
    ("Kataib Hezbollah denies launching drones at Erbil Airport on Sunday.", "kataib-hezbollah"),
])
def test_denied_attack_is_a_denial_never_an_incident_or_a_claim_of_it(ref, text, denier):
    x = run(ref, text)
    assert x.incidents == (), text
    assert [key(c.claimant) for c in claims_of(x, "responsibility_denied")] == [denier]
    assert not claims_of(x, "responsibility_claimed")


def test_neither_nor_claimed_is_no_claim(ref):
    x = run(ref, "Israeli jets bombed Damascus on Sunday. Neither Israel nor the United States has claimed responsibility for the strike.")
    assert not claims_of(x, "responsibility_claimed")


@pytest.mark.parametrize("text", [
    "The drone attack on Erbil Airport on Sunday was condemned by the PMF.",
    "The rocket attack on Ain al-Asad on Monday was reported by the Iraqi army.",
])
def test_by_after_a_reaction_verb_is_not_the_perpetrator(ref, text):
    (i,) = run(ref, text).incidents
    assert i.perpetrator is None, text
