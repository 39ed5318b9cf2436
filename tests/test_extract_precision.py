"""Rules of rules-4, on sentences written for the tests (not the evaluation articles): each precision guard
with the case it must now get right and the neighbouring case it must leave alone."""

from __future__ import annotations

import pytest

from eventdb.reference import default_reference
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


# --- "X was behind / responsible for": the blamed actor is the subject; a role is not an attribution ----

@pytest.mark.parametrize("text", [
    "A drone struck Ain al-Asad on Sunday. The Pentagon said the commander had been directly responsible for planning attacks on American troops.",
    "A drone struck Ain al-Asad on Sunday. Officials said the slain man was responsible for attacks on US forces in Iraq.",
])
def test_a_role_of_a_person_is_no_attribution(ref, text):
    x = run(ref, text)
    assert not claims_of(x, "attribution"), text


@pytest.mark.parametrize("text, perp", [
    ("A drone struck Ain al-Asad on Sunday. The Pentagon said Kataib Hezbollah was behind the attack.", "kataib-hezbollah"),
    ("A drone struck Ain al-Asad on Sunday. The Pentagon said Kataib Hezbollah had been responsible for the strike.", "kataib-hezbollah"),
    ("A drone struck Ain al-Asad on Sunday. The Pentagon blamed Kataib Hezbollah for the attack.", "kataib-hezbollah"),
])
def test_the_subject_of_was_behind_is_blamed(ref, text, perp):
    x = run(ref, text)
    (c,) = claims_of(x, "attribution")
    assert key(c.perpetrator) == perp and key(c.claimant) == "us-dod" and c.incident == x.incidents[0].local_id


def test_a_described_group_behind_attacks_in_general_is_blamed_for_no_incident(ref):
    x = run(ref, "A drone struck Ain al-Asad on Sunday. The Pentagon said Iranian-backed militias were responsible for attacks on US troops.")
    (c,) = claims_of(x, "attribution")
    assert c.perpetrator.text == "Iranian-backed militias" and c.perpetrator.key is None and c.incident is None


# --- a country's media speak as themselves, its sources and army for the state ------------------------

@pytest.mark.parametrize("text, claimant, claimant_key", [
    ("Israeli jets struck Damascus on Monday. Iranian state media reported that two people were killed in the strikes.",
     "Iranian state media", None),
    ("Israeli jets struck Damascus on Monday. Two people were killed in the strikes, according to Iranian media.",
     "Iranian media", None),
    ("Israeli jets struck Damascus on Monday. Iraqi sources said that two people were killed in the strikes.",
     "Iraqi sources", "iraq"),
])
def test_media_of_a_country_are_not_its_state(ref, text, claimant, claimant_key):
    x = run(ref, text)
    (c,) = claims_of(x, "casualty_report")
    assert (c.claimant.text, c.claimant.key) == (claimant, claimant_key)


# --- a statistic counts what its subject did, not what its speaker says; "the group" refers back ------

def stat_actor(x):
    (s,) = x.statistics
    return key(s.actor)


@pytest.mark.parametrize("text, actor", [
    ("Hezbollah fired rockets at Haifa on Saturday. Israeli officials said the group had launched about 20 rockets over the weekend.",
     "hezbollah"),
    ("Kataib Hezbollah is based in Iraq. The Pentagon says the militia has carried out more than 60 attacks since January.",
     "kataib-hezbollah"),
    ("The Islamic Resistance in Iraq has claimed around 170 attacks against US forces since October, according to the Pentagon.",
     "islamic-resistance-in-iraq"),
    ("Kataib Hezbollah claimed responsibility for more than 100 drone attacks since November, officials said.", "kataib-hezbollah"),
])
def test_statistic_actor_is_the_doer(ref, text, actor):
    assert stat_actor(run(ref, text)) == actor


@pytest.mark.parametrize("text", [
    "Israeli officials said the group had launched about 20 rockets over the weekend.",  # no group named before
    "The Pentagon said that militias have carried out more than 60 attacks since January.",
])
def test_statistic_without_a_doer_names_no_speaker(ref, text):
    assert stat_actor(run(ref, text)) is None


# --- a state's one-day strike wave: an airstrike, in no one country when several are listed -------------

@pytest.mark.parametrize("text, kind", [
    ("The United States hit more than 85 targets in Syria and Iraq on Friday.", "airstrike"),
    ("Israel struck dozens of targets in Syria on Friday, the army said.", "airstrike"),
    ("Iran struck 10 targets in Iraq with ballistic missiles on Friday.", "attack"),  # another weapon is named
    ("Kataib Hezbollah attacked four bases in Iraq on Friday.", "attack"),  # not a state's air force
])
def test_strike_wave_type(text, kind):
    (i,) = run(default_reference(), text).incidents  # the full reference tells ballistic missiles from missiles
    assert i.event_type == kind, text


@pytest.mark.parametrize("text, place", [
    ("The United States hit more than 85 targets in Syria and Iraq on Friday.", None),
    ("US jets carried out air strikes in Syria, Iraq and Jordan on Friday.", None),
    ("The United States hit more than 85 targets in Iraq on Friday.", "iraq"),
    ("A drone struck Ain al-Asad in Iraq on Friday.", "ain-al-asad"),
])
def test_a_list_of_countries_is_no_place(ref, text, place):
    (i,) = run(ref, text).incidents
    assert (i.place.key if i.place else None) == place, text
    assert i.target is None or key(i.target) != "iraq", text  # a country where targets lie is not the target


# --- a denial of "the attacks" covers every incident just described ------------------------------------

TWO_ATTACKS = ("Two drones targeting Erbil Airport were shot down on Tuesday, the Pentagon said. "
               "Earlier on Tuesday, a rocket landed near Ain al-Asad without causing casualties. ")


@pytest.mark.parametrize("denial, linked", [
    ("Kataib Hezbollah denied any role in the attacks in a statement on Wednesday.", [0, 1]),
    ("In a statement, Kataib Hezbollah denied any involvement in both attacks.", [0, 1]),
    ("Kataib Hezbollah denied any role in the rocket attack on Ain al-Asad.", [1]),
    ("Kataib Hezbollah denied carrying out attacks on US forces.", [None]),
])
def test_denial_of_the_attacks_covers_each(ref, denial, linked):
    x = run(ref, TWO_ATTACKS + denial)
    ids = [i.local_id for i in x.incidents]
    assert len(ids) == 2
    denials = [c for c in x.claims if c.type in ("responsibility_denied", "involvement_denied")]
    assert [c.incident for c in denials] == [ids[n] if n is not None else None for n in linked], denial
    assert all(key(c.claimant) == "kataib-hezbollah" for c in denials)


def test_a_determiner_of_the_subject_does_not_make_a_new_attack_an_old_one(ref):
    x = run(ref, "A drone struck Erbil Airport on Sunday. These same militias fired two rockets at Ain al-Asad on Monday.")
    assert [i.place.key for i in x.incidents] == ["erbil-airport", "ain-al-asad"]


# --- what follows "in response to" is the other event's ------------------------------------------------

@pytest.mark.parametrize("text", [
    "The IDF says it struck a Hezbollah depot overnight, in response to anti-tank missile fire by Hezbollah at an army post near Haifa yesterday.",
    "Israel struck a Hezbollah depot on Tuesday in retaliation for rocket fire by Hezbollah at Haifa on Monday.",
])
def test_the_answered_event_is_its_own_incident(ref, text):
    x = run(ref, text)
    assert len(x.incidents) == 2, text
    strike, cause = x.incidents
    assert key(strike.perpetrator) in ("idf", "israel") and strike.place is None
    assert key(cause.perpetrator) == "hezbollah" and cause.place.key in ("haifa", "israel")


def test_a_response_names_its_cause_with_the_cause_date(ref):
    x = run(ref, "The United States hit more than 85 targets in Syria and Iraq on Friday. "
                 "The strikes were the first response to the January 28 drone attack on Erbil Airport.")
    dates = sorted(str(i.date.on) for i in x.incidents)
    assert dates == ["2024-01-28", "2024-03-01"]
    drone = next(i for i in x.incidents if i.place and i.place.key == "erbil-airport")
    assert drone.projectiles is None  # "January 28 drone": a day of the month, not 28 drones


# --- a state's forces that struck carried out an airstrike; weapons that were hit were not used --------

@pytest.mark.parametrize("text, kind", [
    ("The IDF said it struck Hezbollah positions near Haifa overnight.", "airstrike"),
    ("Israeli forces responded overnight with artillery fire and air strikes near Haifa.", "airstrike"),
    ("Israel's strike on the embassy compound in Damascus on Monday drew condemnation.", "attack"),  # a bare noun says nothing of how
    ("Iran struck Erbil with ballistic missiles on Monday.", "attack"),
    ("Hezbollah struck an army post near Haifa on Monday.", "attack"),
    ("Israeli missiles struck positions near Damascus late on Thursday.", "airstrike"),
    ("Iran fired ballistic missiles that hit Haifa on Monday.", "attack"),
    ("Iran answered with a drone and missile strike on Haifa on Monday.", "attack"),
])
def test_state_strike_type(text, kind):
    (i,) = run(default_reference(), text).incidents  # the full reference tells ballistic missiles from missiles
    assert i.event_type == kind, text


@pytest.mark.parametrize("text, weapons", [
    ("The United States struck drone and missile stores used by Kataib Hezbollah in Baghdad on Friday.", ()),
    ("A US air strike on Friday destroyed missile launchers in Baghdad.", ()),
    ("Kataib Hezbollah fired two drones and a missile at Ain al-Asad on Friday.", ("drone", "missile")),
    ("A missile fired by Kataib Hezbollah struck a depot at Ain al-Asad on Friday.", ("missile",)),
])
def test_weapons_that_were_hit_were_not_used(ref, text, weapons):
    (i,) = run(ref, text).incidents
    assert set(i.weapons) - {"airstrike"} == set(weapons), text


# --- tallies: "attacked N times", ships and vessels over a period, a speaker that speaks of itself --------

@pytest.mark.parametrize("text, count, actor", [
    ("The Pentagon says US forces in Iraq have been attacked more than 140 times since October 17.", 140, None),
    ("US troops were attacked at least 19 times in Iraq since then, officials said.", 19, None),
    ("Kataib Hezbollah says its fighters have attacked more than 100 ships since November.", 100, "kataib-hezbollah"),
    ("Israel says it has hit hundreds of Hezbollah targets in the same period.", 200, "israel"),
    ("Since the start of the year, more than 40 roadside bombs have targeted convoys in Iraq.", 40, None),
])
def test_tallies_are_statistics(ref, text, count, actor):
    x = run(ref, text)
    assert x.incidents == (), text
    (s,) = x.statistics
    assert (s.count, key(s.actor)) == (count, actor), text


@pytest.mark.parametrize("text", [
    "The Houthis attacked two ships in the Red Sea.",
    "Kataib Hezbollah attacked two ships near Haifa on Monday.",
])
def test_a_few_ships_hit_once_are_no_tally(ref, text):
    assert run(ref, text).statistics == (), text


def test_a_count_is_not_read_across_a_comma(ref):
    x = run(ref, "Officials said 16 people were killed in the strikes on Erbil Airport on Monday and 25 were wounded, "
                 "calling the raids a violation of sovereignty.")
    assert x.statistics == ()


def test_shot_down_in_a_tally_is_no_interception_claim(ref):
    x = run(ref, "The Pentagon says its warships have shot down more than 200 drones and missiles over the same period.")
    assert not claims_of(x, "interception") and len(x.statistics) == 1


# --- "the killing of <person>" is an assassination; a date across "that followed" / "that led to" is not its own ---

def test_an_event_that_followed_does_not_take_the_earlier_date(ref):
    x = run(ref, "Ain al-Asad was also the target of the January 2020 Iranian missile strike that followed the killing of "
                 "IRGC commander Qasem Soleimani.")
    kinds = {i.event_type: i for i in x.incidents}
    assert set(kinds) == {"attack", "assassination"}
    assert str(kinds["attack"].date.on) == "2020-01-01" and kinds["attack"].place.key == "ain-al-asad"
    assert kinds["assassination"].date.on is None and key(kinds["assassination"].target) == "qasem-soleimani"


def test_a_killing_that_an_escalation_led_to_is_undated(ref):
    x = run(ref, "In December 2019, US strikes on Kataib Hezbollah near Baghdad killed 25 fighters, an escalation that led, "
                 "within days, to the killing of Qasem Soleimani.")
    (killing,) = [i for i in x.incidents if i.event_type == "assassination"]
    assert killing.date.on is None


@pytest.mark.parametrize("text, victim", [
    ("Iran vowed revenge for the killing of Hamas political leader Ismail Haniyeh in Tehran on July 31.", "Ismail Haniyeh"),
    ("Thousands mourned after the killing of Qasem Soleimani in Baghdad on January 3, 2020.", "Qasem Soleimani"),
])
def test_the_killing_of_a_named_person_is_an_assassination(ref, text, victim):
    (i,) = run(ref, text).incidents
    assert i.event_type == "assassination" and i.target.text == victim and i.date.on is not None


@pytest.mark.parametrize("text", [
    "Iraqi officials condemned the killing of three soldiers.",
    "The killing of civilians in Gaza drew protests in Baghdad on Friday.",
])
def test_the_killing_of_unnamed_people_is_no_assassination(ref, text):
    assert not [i for i in run(ref, text).incidents if i.event_type == "assassination"], text


@pytest.mark.parametrize("text, place", [
    ("Ain al-Asad was the target of a drone attack on Monday.", "ain-al-asad"),
    ("Erbil Airport was also the scene of the rocket attack on Monday.", "erbil-airport"),
    ("Ain al-Asad said a drone attack hit Erbil Airport on Monday.", "erbil-airport"),
    # a place inside another name is not the place: "Iran-aligned", "Palestine Street"
    ("Kataib Hezbollah, an umbrella of Iran-aligned factions, said it had targeted Erbil Airport with drones on Monday.", "erbil-airport"),
    ("A drone targeted a car on Palestine Street in Baghdad on Monday.", "baghdad"),
    ("Israeli missiles struck positions of Iran-backed groups near Damascus on Thursday.", "damascus"),
    # the dateline and the source of the news are not where it happened
    ("BAGHDAD — A drone struck Erbil Airport on Monday.", "erbil-airport"),
    ("A drone struck Ain al-Asad on Monday, according to a hospital in Baghdad.", "ain-al-asad"),
])
def test_the_place_of_an_attack(ref, text, place):
    (i,) = run(ref, text).incidents
    assert i.place.key == place, text


# --- who speaks: the speaker of the clause, never a place after a preposition ----------------------------

def test_interception_belongs_to_the_speaker_of_its_clause(ref):
    x = run(ref, "Iran fired missiles at Haifa on Tuesday. The IRGC said it launched 200 missiles; the IDF put the number "
                 "at about 180 and said most of them were intercepted.")
    (c,) = claims_of(x, "interception")
    assert key(c.claimant) == "idf"


def test_a_country_after_in_is_not_the_speaker(ref):
    x = run(ref, "On Saturday, US and British forces struck 36 targets in Iraq, the two countries said in a joint statement.")
    assert all(key(c.claimant) != "iraq" for c in x.claims)
    assert all(key(i.claimant) != "iraq" for i in x.incidents)


def test_the_outlet_after_by_speaks_in_its_which_clause(ref):
    x = run(ref, "A drone was launched at Haifa on Monday. This was corroborated by the Times of Israel, which reported the IDF "
                 "intercepted the drone.")
    (c,) = claims_of(x, "interception")
    assert c.claimant.text == "Times of Israel"


def test_a_state_and_its_forces_are_one_perpetrator(ref):
    x = run(ref, "The Israeli operation answered Iran's October 1 attack, when the IRGC fired ballistic missiles at Israel.")
    assert len([i for i in x.incidents if i.date.on and str(i.date.on) == "2023-10-01"]) == 1
    x = run(ref, "Kataib Hezbollah fired rockets at Erbil Airport on Monday, when the Iraqi army shelled Ain al-Asad.")
    assert len(x.incidents) == 2  # an armed group and a state are never one perpetrator


# --- "it said", "it added": the speaker of an earlier sentence ---------------------------------------------

@pytest.mark.parametrize("text, kind, claimant", [
    ("Rockets struck Ain al-Asad on Saturday, the Pentagon said. At least one Iraqi soldier was wounded, it added.",
     "casualty_report", "us-dod"),
    ("Israel struck Isfahan on Saturday. The IDF said four soldiers were killed. It said air defences had intercepted two drones.",
     "interception", "idf"),
])
def test_a_pronoun_speaker_is_the_last_speaker(ref, text, kind, claimant):
    x = run(ref, text)
    assert [key(c.claimant) for c in claims_of(x, kind)] == [claimant], text


def test_a_pronoun_speaker_without_an_earlier_speaker_is_the_outlet(ref):
    x = run(ref, "Rockets struck Ain al-Asad on Saturday. At least one Iraqi soldier was wounded, it added.")
    assert x.incidents and all(c.claimant is None for c in claims_of(x, "casualty_report"))


# --- a sentence about an earlier incident: by its victim, by a specific place, or the one just talked about ---

KILLINGS = ("Iran vowed revenge for the killing of Qasem Soleimani in Baghdad on January 3, 2020. "
            "Two weeks later, Kataib Hezbollah fired rockets at Ain al-Asad on Monday. ")


def test_a_victims_name_refers_to_the_killing(ref):
    x = run(ref, KILLINGS + "Iran blamed the United States for Soleimani's death. The Pentagon has not officially confirmed "
                            "it was behind that killing.")
    killing = next(i for i in x.incidents if i.event_type == "assassination")
    (c,) = claims_of(x, "non_confirmation")
    assert c.incident == killing.local_id


def test_a_country_does_not_refer_to_an_incident_in_it(ref):
    x = run(ref, "Kataib Hezbollah fired rockets at US troops in Iraq on Monday. Officials met in Geneva. "
                 "The Pentagon described 2023 as a hard year. The Israeli military declined to comment on operations in Iraq.")
    assert x.incidents[0].place.key == "iraq"
    assert not claims_of(x, "non_confirmation")  # "in Iraq" names no one incident; nothing was talked about in the last two
    # sentences; and a non-confirmation about no incident is not kept


# --- an official speaks for the state body it heads (reference affiliations) -----------------------------

@pytest.mark.parametrize("text, kind", [
    ("A US drone strike on a depot in Baghdad on Friday killed two fighters, Defense Secretary Lloyd Austin said.",
     "responsibility_claimed"),
    ("A US drone strike on a depot in Baghdad on Friday killed two fighters, Hassan Nasrallah said.", "attribution"),
])
def test_an_official_claims_his_states_strike(text, kind):
    x = run(default_reference(), text)
    (c,) = [c for c in x.claims if c.type in ("responsibility_claimed", "attribution")]
    assert c.type == kind and c.claimant.text in ("Lloyd Austin", "Hassan Nasrallah")


@pytest.mark.parametrize("text, is_tally", [
    ("During a three-day campaign in late September 2022, the IRGC launched 73 missiles and drones at camps near Erbil.", True),
    ("On Monday, the IRGC launched 12 missiles at Erbil.", False),
])
def test_projectiles_over_a_multi_day_campaign_are_a_tally(ref, text, is_tally):
    x = run(ref, text)
    assert bool(x.statistics) == is_tally and bool(x.incidents) != is_tally, text


# --- a follow-up statement about the incident just reported -------------------------------------------------

def test_the_perpetrators_own_figure_joins_the_incident_just_reported(ref):
    x = run(ref, "The IRGC fired ballistic missiles at Israel on Tuesday. "
                 "The IRGC said it launched 200 missiles; the IDF put the number at about 180 and said most were intercepted.")
    (i,) = x.incidents
    (claim,) = claims_of(x, "responsibility_claimed")
    assert claim.incident == i.local_id and key(claim.claimant) == "irgc" and claim.projectiles == 200
    assert key(i.target) != "idf"  # the clause after ";" is another speaker's
    assert [key(c.claimant) for c in claims_of(x, "interception")] == ["idf"]


def test_a_follow_up_with_its_own_place_is_another_incident(ref):
    x = run(ref, "Kataib Hezbollah fired rockets at Ain al-Asad on Monday. Kataib Hezbollah said it launched two drones at Erbil Airport.")
    assert [i.place.key for i in x.incidents] == ["ain-al-asad", "erbil-airport"]


def test_a_determiner_before_a_verb_trigger_does_not_make_it_a_reference(ref):
    x = run(ref, "A drone struck Erbil Airport on Sunday. The Houthis said they fired three missiles.")
    assert len(x.incidents) == 2 and key(x.incidents[1].perpetrator) == "houthis"


def test_a_semicolon_ends_the_clause_of_the_attack(ref):
    (i,) = run(ref, "Kataib Hezbollah said it launched 20 rockets at Ain al-Asad on Monday; the IDF put the number at about 18.").incidents
    assert i.target is None  # not the IDF of the next statement


def test_an_undated_placeless_follow_up_by_the_same_state_joins_the_last_incident(ref):
    x = run(ref, "Iran fired drones at Israel on Tuesday. The IRGC said it launched 200 missiles.")
    (i,) = x.incidents
    (c,) = claims_of(x, "responsibility_claimed")
    assert c.incident == i.local_id and key(c.claimant) == "irgc" and c.projectiles == 200


# --- claims of responsibility in other words; unverifiable figures are hedged --------------------------------

@pytest.mark.parametrize("text", [
    "A bombing near a convoy in Baghdad killed two drivers on Saturday. Kataib Hezbollah claimed the bombing on its Telegram channel.",
    "A drone struck Erbil Airport on Sunday. Kataib Hezbollah, a little-known group that has emerged since last year, claimed that attack.",
])
def test_claimed_that_attack_is_a_responsibility_claim(ref, text):
    x = run(ref, text)
    (c,) = claims_of(x, "responsibility_claimed")
    assert key(c.claimant) == "kataib-hezbollah" and c.incident == x.incidents[-1].local_id


def test_a_little_known_group_without_a_name_stays_unknown(ref):
    x = run(ref, "A drone struck Erbil Airport on Sunday. A little-known group claimed the attack.")
    (c,) = claims_of(x, "responsibility_claimed")
    assert c.claimant.key is None and "little-known group" in c.claimant.text


@pytest.mark.parametrize("text, hedged", [
    ("A drone struck Erbil Airport on Sunday, killing two people, a figure that could not be verified.", True),
    ("A drone struck Erbil Airport on Sunday, killing two people.", False),
])
def test_unverifiable_figures_are_hedged(ref, text, hedged):
    (i,) = run(ref, text).incidents
    assert (i.stance == "hedged") == hedged


# --- partial interceptions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, outcome", [
    ("Two drones launched by Kataib Hezbollah at Ain al-Asad on Saturday were shot down.", "intercepted"),
    ("Ten missiles were fired at Ain al-Asad on Saturday. Most of the missiles were intercepted, while others impacted on the base.",
     "hit"),
    # rules-7: some shot down and nothing says the rest hit is intercepted (tests/GOLD.md)
    ("Kataib Hezbollah fired ten missiles at Ain al-Asad on Saturday, most of which were intercepted.", "intercepted"),
    ("Kataib Hezbollah fired 300 drones at Ain al-Asad on Saturday, nearly all of which were shot down.", "intercepted"),
])
def test_partial_interception_is_not_an_interception(ref, text, outcome):
    (i,) = run(ref, text).incidents
    assert i.outcome == outcome, text


def test_a_later_partial_interception_of_a_deadly_strike_leaves_it_a_hit(ref):
    (i,) = run(ref, "An Israeli air strike near Damascus on Monday killed a senior adviser of the IRGC. "
                    "Syrian officials said air defenses intercepted most of the missiles.").incidents
    assert i.outcome == "hit"


@pytest.mark.parametrize("text, kind", [
    ("Iran mourned the killing of Hezbollah leader Hassan Nasrallah in an Israeli air strike on Beirut on September 27.",
     "assassination"),
    ("Hassan Nasrallah was killed in an Israeli air strike on Beirut on September 27.", "assassination"),
    ("Hassan Nasrallah condemned an Israeli air strike on Beirut on September 27.", "airstrike"),  # no killing
    ("Hassan Nasrallah spoke in an interview after an Israeli air strike killed two people in Beirut on September 27.",
     "airstrike"),  # the killed are not the person named
])
def test_a_named_person_killed_in_a_strike(ref, text, kind):
    kinds = [i.event_type for i in run(ref, text).incidents]
    assert kinds == [kind], text


# --- "hit" with a weapon is an attack; "this afternoon" is today; "the second time this month" dates nothing --

@pytest.mark.parametrize("text, n", [
    ("A rocket hit a UN post near Haifa this afternoon.", 1),
    ("The cargo ship was hit by a drone off Haifa on June 12, 2024.", 1),
    ("Rising tensions hit markets in Haifa this afternoon.", 0),  # no weapon: not an attack
    ("The United States hit more than 85 targets in Syria and Iraq on Friday.", 1),  # a wave needs no weapon word
])
def test_hit_with_a_weapon_is_an_attack(ref, text, n):
    x = run(ref, text)
    assert len(x.incidents) == n, text
    assert all(i.date.on is not None for i in x.incidents)


def test_how_often_is_not_when(ref):
    (i,) = run(ref, "Iraqi officials said on Sunday that Israeli missiles had hit Erbil Airport, putting it out of service "
                    "for the second time this month.").incidents
    assert i.date.precision == "day"


# --- an example named inside an aggregate is an incident of its own ----------------------------------------

def test_an_example_of_an_aggregate_is_an_incident_of_its_kind_by_its_actor(ref):
    x = run(ref, "The United States has carried out dozens of air strikes on militia targets in Iraq since January, "
                 "including a strike on a depot near Baghdad last week.")
    assert len(x.statistics) == 1
    (i,) = x.incidents
    assert i.event_type == "airstrike" and key(i.perpetrator) == "united-states" and i.date.precision == "week"


@pytest.mark.parametrize("text", [
    "The United States has carried out dozens of air strikes on militia targets in Iraq since January, including strikes near Baghdad.",
    "The United States has carried out dozens of air strikes on militia targets in Iraq since January.",
])
def test_an_aggregate_without_a_single_example_has_no_incident(ref, text):
    x = run(ref, text)
    assert len(x.statistics) == 1 and x.incidents == (), text


# --- projectile counts: describing words between count and weapon; one count per weapon, summed ------------

@pytest.mark.parametrize("text, projectiles", [
    ("Kataib Hezbollah fired three rockets and two drones at Ain al-Asad on Monday.", 5),
    ("Kataib Hezbollah launched 73 missiles and drones at Ain al-Asad on Monday.", 73),
    ("Kataib Hezbollah fired 12 short-range ballistic missiles at Ain al-Asad on Monday.", 12),
    ("Two drones struck Ain al-Asad on Monday and the drones were shot down.", 2),
    ("Militants fired at least 15 Katyusha rockets at Ain al-Asad on Monday.", 15),
])
def test_projectile_counts(ref, text, projectiles):
    (i,) = run(ref, text).incidents
    assert i.projectiles == projectiles, text


def test_victims_are_not_projectiles(ref):
    (i,) = run(ref, "Kataib Hezbollah attacked Ain al-Asad on Monday, wounding two soldiers with rockets.").incidents
    assert i.projectiles is None and i.injured == 2


# --- anonymous and qualified sourcing is hedged ---------------------------------------------------------------

@pytest.mark.parametrize("text, stance", [
    ("A drone struck Erbil Airport on Sunday. US officials privately blamed Kataib Hezbollah, according to two people briefed on the findings.",
     "hedged"),
    ("A drone struck Erbil Airport on Sunday. Kataib Hezbollah was behind the attack, Iraqi officials said on condition of anonymity.",
     "hedged"),
    ("A drone struck Erbil Airport on Sunday. The Pentagon blamed Kataib Hezbollah.", "asserted"),
])
def test_anonymous_attributions_are_hedged(ref, text, stance):
    (c,) = claims_of(run(ref, text), "attribution")
    assert c.stance == stance, text


@pytest.mark.parametrize("text", [
    "It was unclear whether a drone struck Erbil Airport on Monday.",
    "The IDF said it was investigating reports of a drone attack on Haifa on Monday.",
])
def test_uncertain_events_are_hedged(ref, text):
    assert [i.stance for i in run(ref, text).incidents] == ["hedged"], text


@pytest.mark.parametrize("text, claimant", [
    ("The Pentagon denied reports that US drones struck Baghdad on Monday.", "us-dod"),
    ("Iraqi officials rejected claims that Israel struck Damascus on Monday.", "iraq"),
])
def test_a_denied_report_is_a_denial_and_no_incident(ref, text, claimant):
    x = run(ref, text)
    assert x.incidents == ()
    (c,) = claims_of(x, "involvement_denied")
    assert key(c.claimant) == claimant and c.stance == "denied"


# --- checks on articles of my own (not the evaluation sets) ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "A drone struck Erbil Airport on Sunday. The Islamic Resistance in Iraq later said in a Telegram statement that its "
    "fighters had attacked the occupation base at Erbil Airport with drones.",
    "A drone struck Erbil Airport on Sunday. The Islamic Resistance in Iraq, an umbrella of factions that includes Kataib "
    "Hezbollah and Nujaba, said in a statement that its fighters had targeted Erbil Airport with drones.",
])
def test_a_group_reporting_what_its_fighters_did_claims_it(ref, text):
    x = run(ref, text)
    (c,) = claims_of(x, "responsibility_claimed")
    assert key(c.claimant) == "islamic-resistance-in-iraq" and c.incident == x.incidents[0].local_id


def test_one_of_them_shot_down_is_a_partial_interception(ref):
    (i,) = run(ref, "Two drones targeted Erbil Airport late on Wednesday; one of them was shot down and the other caused "
                    "material damage.").incidents
    assert i.outcome == "hit"


def test_a_country_after_in_and_a_direction_is_not_the_target(ref):
    (i,) = run(ref, "Two rockets struck Ain al-Asad air base in western Iraq on Monday.").incidents
    assert i.target is None


def test_what_happened_hours_after_is_another_clause(ref):
    x = run(ref, "The attack came days after Israel killed IRGC commander Hassan Shukr in a strike on Damascus on July 30, "
                 "and hours after Iraqi officials met US envoys in Baghdad.")
    (i,) = [i for i in x.incidents if i.event_type == "assassination"]
    assert i.target.text == "Hassan Shukr" and key(i.perpetrator) == "israel" and i.target.key is None
    assert i.place.key == "damascus"


def test_a_roadside_bomb_days_before_is_its_own_incident(ref):
    (i,) = run(ref, "The attack came two days after a rocket exploded near Baghdad on Saturday, wounding one driver.").incidents
    assert i.place.key == "baghdad" and i.projectiles == 1 and i.injured == 1  # "two days" counts no rockets


def test_weapons_they_were_preparing_to_use_were_not_used(ref):
    (i,) = run(ref, "A US strike in Baghdad last week killed four members of Kataib Hezbollah who were preparing to "
                    "launch drones.").incidents
    assert "drone" not in i.weapons and i.killed == 4  # a US strike on the group is an air strike (weapons: airstrike)


@pytest.mark.parametrize("text, n_stats", [
    ("The United States and Israel launched strikes against more than 60 targets across Iraq overnight, the US military said.", 0),
    ("The United States and Israel have launched strikes against more than 60 targets across Iraq since January.", 1),
])
def test_targets_hit_in_one_night_are_no_tally(ref, text, n_stats):
    x = run(ref, text)
    assert len(x.statistics) == n_stats, text
    if not n_stats:
        (i,) = x.incidents
        assert key(i.perpetrator) == "united-states" and i.date.on is not None  # the first named leads; the night is the strike's


def test_the_speaker_after_according_to_is_not_the_target(ref):
    (i,) = run(ref, "On Tuesday, the Houthis fired 18 drones, two missiles and one ballistic missile at ships, all of which "
                    "were shot down, according to CENTCOM.").incidents
    assert i.target is None and i.projectiles == 21 and i.outcome == "intercepted"


@pytest.mark.parametrize("text, n", [
    ("The Houthis have said they target ships linked to Israel.", 0),
    ("A drone struck Erbil Airport on Sunday. The Pentagon said the attack was linked to Kataib Hezbollah.", 1),
])
def test_linked_to_attributes_only_an_attack(ref, text, n):
    assert len(claims_of(run(ref, text), "attribution")) == n, text


def test_a_named_victim_then_his_role_is_the_target(ref):
    # tests/GOLD.md: a strike from the air that kills a named commander is an airstrike with the person as target
    (i,) = run(ref, "An Israeli air strike on Damascus on Monday killed Razi Mousavi, a senior adviser of the IRGC.").incidents
    assert i.event_type == "airstrike" and i.target.text == "Razi Mousavi"


def test_does_not_comment_is_a_non_confirmation(ref):
    x = run(ref, "An Israeli air strike hit Damascus on Monday. The Israeli military said it does not comment on foreign reports.")
    (c,) = claims_of(x, "non_confirmation")
    assert key(c.claimant) == "idf" and c.incident == x.incidents[0].local_id


# --- the outlet's own report of a toll; a toll with an aside ---------------------------------------------------

@pytest.mark.parametrize("text, claims", [
    ("Three rockets struck Ain al-Asad on Monday. There were no casualties.", [(None, 0, 0)]),
    ("Three rockets struck Ain al-Asad on Monday. No injuries were reported in the attack.", [(None, None, 0)]),  # injured 0, nothing said of the dead (GOLD.md)
    ("Three rockets struck Ain al-Asad on Monday. None of the crew were hurt, it said.", []),  # "it" unknown: nobody's claim
    ("Three rockets struck Ain al-Asad on Monday, killing two soldiers.", []),  # the incident's own figure, no claim
    ("Three rockets struck Ain al-Asad on Monday. Lebanon's state-run agency reports that two civilians were killed.", []),
    ("Three rockets struck Ain al-Asad on Monday. The strike came days after a drone attack that killed three soldiers "
     "at Erbil Airport on January 28.", []),  # the toll of the incident this sentence reports
])
def test_the_outlets_own_toll_is_a_casualty_report(ref, text, claims):
    x = run(ref, text)
    assert [(c.claimant, c.killed, c.injured) for c in claims_of(x, "casualty_report")] == claims, text


def test_an_aside_between_victims_and_verb(ref):
    x = run(ref, "US jets struck Baghdad on Friday. Iraqi officials said 16 people, including civilians, were killed in the strikes.")
    (c,) = claims_of(x, "casualty_report")
    assert c.killed == 16


# --- from the second batch of dev articles: general guards ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Officials say a single lucky strike could change the balance overnight.",
    "What used to be a strike every few weeks near Damascus is now several a week, an analyst said.",
    "The spokesman condemned what he called \"attacks that harm Iraq's sovereignty\" near Baghdad.",
    "Since October 8, Hezbollah-led attacks near Haifa have killed 13 civilians.",
    "Hezbollah called it \"a serious assault on Haifa\" and promised an answer.",
])
def test_hypothetical_habitual_characterized_and_running_totals_are_no_incidents(ref, text):
    assert run(ref, text).incidents == (), text


def test_over_the_weekend_dates_the_attack_not_the_statement(ref):
    (i,) = run(ref, "The Houthis said on Monday they had struck a ship near Eilat over the weekend.").incidents
    assert i.date.precision == "week" and str(i.date.on) == "2024-03-02"


@pytest.mark.parametrize("text, actor", [
    ("The Israeli military said around 30 launches were identified crossing from Lebanon since October 8.", None),
    ("According to Israel, some 5,000 rockets and drones have been fired at Haifa since October 8.", None),
    ("According to the Pentagon, the Houthis have fired more than 430 missiles at ships since 2015.", "houthis"),
])
def test_statistic_actor_is_neither_speaker_nor_source(ref, text, actor):
    x = run(ref, text)
    assert x.incidents == ()
    (s,) = x.statistics
    assert key(s.actor) == actor, text


def test_according_to_names_the_phrase_right_after_it(ref):
    x = run(ref, "A drone struck Erbil Airport on Monday. According to the coalition, the Houthis fired it from Yemen.")
    assert all(key(c.claimant) != "houthis" for c in x.claims)


# --- undated articles: the year of the headline; tallies between two dates; where missiles came from ----------

def test_an_undated_brief_dates_days_in_the_year_of_its_headline(ref):
    text = ("Monthly brief: November 2023\n\nKataib Hezbollah fired rockets at Ain al-Asad on November 7. "
            "A drone struck Erbil Airport on Monday.")
    x = run(ref, text, published=None)
    assert [(str(i.date.on), i.date.precision) for i in x.incidents] == [("2023-11-07", "day"), ("None", "unknown")]
    assert run(ref, "Kataib Hezbollah fired rockets at Ain al-Asad on November 7.", published=None).incidents[0].date.on is None


def test_a_tally_between_two_dates_is_a_statistic(ref):
    x = run(ref, "US forces in Iraq were attacked at least 66 times between October 17 and November 30.")
    assert x.incidents == () and [s.count for s in x.statistics] == [66]


def test_where_missiles_came_from_is_not_where_they_struck(ref):
    x = run(ref, "Israeli missiles struck Damascus on Thursday. Syrian officials said the missiles came from the direction "
                 "of the occupied Haifa.")
    assert [i.place.key for i in x.incidents] == ["damascus"]


@pytest.mark.parametrize("text, reporters", [
    ("A drone hit a ship off Haifa on Monday, again without casualties; the Houthis claimed the attack.", []),
    ("Kataib Hezbollah fired drones at Erbil Airport on Monday, all of which the Pentagon said caused no casualties.", ["us-dod"]),
    ("A drone struck Ain al-Asad on Monday. The Iraqi army put the toll at two soldiers killed.", ["iraq"]),
])
def test_who_reports_a_toll(ref, text, reporters):
    x = run(ref, text)
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == reporters, text


@pytest.mark.parametrize("text, claimants", [
    ("Late on Sunday, US jets carried out strikes near Haifa on what Washington described as Hezbollah radar sites.", []),
    ("Israeli jets struck Haifa on Saturday, in what the Israeli military said were precise strikes.", ["idf"]),
])
def test_a_characterization_is_not_a_statement(ref, text, claimants):
    x = run(ref, text)
    assert [key(c.claimant) for c in x.claims if c.type in ("attribution", "responsibility_claimed")] == claimants, text


# --- "hours later", "two days later": counted from the incident reported last; drones on armed groups ----------

@pytest.mark.parametrize("follow_up, day", [
    ("Hours later, Kataib Hezbollah said it had fired rockets at Ain al-Asad.", "2024-03-04"),
    ("Two days later, a drone hit Ain al-Asad.", "2024-03-06"),
    ("The same day, the Houthis said they had fired missiles at Eilat.", "2024-03-04"),
    ("The next day, a drone hit Ain al-Asad.", "2024-03-05"),
])
def test_relative_days_count_from_the_last_incident(ref, follow_up, day):
    x = run(ref, "A drone struck Erbil Airport on Monday. " + follow_up)
    assert [str(i.date.on) for i in x.incidents] == ["2024-03-04", day], follow_up


def test_relative_days_without_an_earlier_incident_date_nothing(ref):
    (i,) = run(ref, "Two days later, a drone hit Ain al-Asad.").incidents
    assert i.date.on is None


@pytest.mark.parametrize("text, kind", [
    ("An unknown drone bombed a position of Kataib Hezbollah near Baghdad on Sunday evening.", "airstrike"),
    ("A drone struck a US base near Baghdad on Sunday evening.", "attack"),
    ("The United States and Israel launched air and naval strikes on Haifa early on Friday.", "airstrike"),
])
def test_kind_of_drone_and_joint_strikes(ref, text, kind):
    (i,) = run(ref, text).incidents
    assert i.event_type == kind, text


def test_claimed_both_attacks_claims_each(ref):
    x = run(ref, "A drone hit Erbil Airport on Monday. Two days later, a drone hit Ain al-Asad. "
                 "Kataib Hezbollah claimed both attacks, describing the bases as American.")
    ids = [i.local_id for i in x.incidents]
    assert [c.incident for c in claims_of(x, "responsibility_claimed")] == ids and len(ids) == 2
    x = run(ref, "A drone hit Erbil Airport on Monday. Two days later, a drone hit Ain al-Asad. Kataib Hezbollah claimed the attack.")
    assert [c.incident for c in claims_of(x, "responsibility_claimed")] == [x.incidents[-1].local_id]


@pytest.mark.parametrize("text, claimant", [
    ("A ship was hit off Eilat on Monday. The Houthis said the group's naval forces had targeted the ship with two missiles.", "houthis"),
    ("Israel said on Monday that its aircraft had struck Hezbollah sites near Haifa.", "israel"),
])
def test_a_side_speaking_of_its_own_forces_claims_the_attack(ref, text, claimant):
    (c,) = claims_of(run(ref, text), "responsibility_claimed")
    assert key(c.claimant) == claimant, text


def test_a_background_year_in_the_lead_does_not_date_an_undated_article(ref):
    text = ("Militias step up attacks\n\nSince the January 2020 assassination of Qasem Soleimani, militias have grown bolder. "
            "Kataib Hezbollah fired rockets at Ain al-Asad on March 3.")
    rockets = [i for i in run(ref, text, published=None).incidents if i.event_type == "attack"]
    assert [i.date.on for i in rockets] == [None]


@pytest.mark.parametrize("text, actor", [
    ("Our tracker recorded 14 Israeli attacks on Hezbollah positions since January.", "israel"),
    ("Since January, pro-Iranian factions have targeted about 50 US military sites in Iraq.", None),
])
def test_attackers_named_in_what_is_counted(ref, text, actor):
    (s,) = run(ref, text).statistics
    assert key(s.actor) == actor, text


@pytest.mark.parametrize("text, claimant", [
    ("Israel's Ministry of Defence said Israeli jets struck Haifa on Friday.", "israel"),
    ("Kataib Hezbollah fired rockets at Ain al-Asad on Friday, Iraq's army said.", "iraq"),
    ("Kataib Hezbollah fired rockets at Ain al-Asad on Friday, Iraq's council said.", None),
])
def test_a_state_speaks_through_its_ministry_or_army(ref, text, claimant):
    (i,) = run(ref, text).incidents
    assert key(i.claimant) == claimant, text


@pytest.mark.parametrize("text, n", [
    ("Jordanian air defences shot down a drone near Amman early on Thursday, the army said.", 0),  # someone unnamed speaks
    ("Two drones were fired at Erbil Airport on Monday and were brought down, according to the directorate.", 0),
    ("Two drones were fired at Erbil Airport on Monday. One drone was shot down by the base's defences.", 1),  # the outlet's voice
])
def test_an_unnamed_speakers_interception_is_not_the_outlets(ref, text, n):
    x = run(ref, text)
    assert len(claims_of(x, "interception")) == n, text
    assert all(c.claimant is not None or n for c in claims_of(x, "interception"))
