"""Rules-7 speech frames (issue 11, failure classes 2 and 3) on sentences written for these tests: per sentence, who
speaks, by which cue, and what they say (`speech_frames`); the claims typed from what a frame says, its speaker the
claimant."""

from __future__ import annotations

import pytest

from eventdb.extract import tools_for
from eventdb.extract.context import SentenceView
from eventdb.extract.layout import article_sentences, headline_end
from eventdb.extract.speaker_book import SpeakerBook
from eventdb.extract.speech_frames import last_speaker, sentence_frames
from tests.test_extract_rules7_claims import PUB, key, of, ref, run  # noqa: F401 (ref is a fixture)

def only(x, kind: str) -> tuple[str | None, str | None]:
    """The claimant and perpetrator keys of the one claim of `kind`."""
    (c,) = of(x, kind)
    return key(c.claimant), key(c.perpetrator)


def frames(text: str) -> list[list[tuple[str, str | None, str, str]]]:
    """Per sentence: (sieve, speaker key or text, mode, content) of each frame, read as `extract` reads them."""
    tools = tools_for()
    book = SpeakerBook()
    said = None
    out = []
    for s in article_sentences(text, headline_end(text), tools.lexicon):
        view = SentenceView.build(text, s, PUB, tools)
        view.book = book
        book.read(view)
        found = sentence_frames(view, said)
        said = last_speaker(found) or said
        out.append([(f.sieve, (f.speaker.key or f.speaker.text) if f.speaker else None, f.mode,
                     text[f.content_start:f.content_end]) for f in found])
    return out


# --- stage 1: the sieves ----------------------------------------------------------------------------------------

def test_a_subject_frame_says_what_follows_its_verb_and_that():
    (f,), = frames("The Israeli military said on Thursday evening that its jets had struck a depot near Tyre.")
    assert f[:2] == ("subject", "israel-defense-forces")
    assert f[3] == "its jets had struck a depot near Tyre."


def test_a_closing_speaker_says_what_stands_before_it():
    (f,), = frames("Two rockets landed near the base perimeter, the U.S. military said in a statement.")
    assert f[:2] == ("closing", "us-armed-forces")
    assert f[3] == "Two rockets landed near the base perimeter"


def test_a_closing_speaker_in_mid_sentence_says_only_the_clause_before_it():
    (f,), = frames("Most of the rockets were intercepted, the Israeli military said, and fires broke out near Safed.")
    assert f[0] == "closing" and f[3] == "Most of the rockets were intercepted"


def test_a_parenthetical_speaker_after_an_opener_says_the_whole_sentence():
    (f,), = frames("In response, the Israeli military said, fighter jets struck a Hezbollah depot near Khiam.")
    assert f[0] == "parenthetical" and f[3].startswith("In response") and f[3].endswith("near Khiam.")


def test_a_speaker_after_a_quotation_says_the_quotation():
    (f,), = frames('"Two drones were shot down over the base," U.S. Central Command said in a statement.')
    assert f[:3] == ("closing", "us-central-command", "mixed")


def test_an_inverted_speaker_after_a_quotation():
    (f,), = frames('"Both drones were shot down," said U.S. Central Command.')
    assert f[:2] == ("closing", "us-central-command")


def test_according_to_at_the_end_and_at_the_start():
    (a,), (b,) = frames("A drone hit the port of Hodeidah, according to Al-Masirah. According to SANA, two soldiers died.")
    assert a[0] == "according_to" and a[3].startswith("A drone hit the port")
    assert b[0] == "according_to" and b[3].strip() == "two soldiers died."


def test_one_and_the_other_are_two_frames_of_the_officials_named_before():
    _, (one, other) = frames("Two U.S. officials said rockets hit the embassy compound. "
                             "One said a rocket landed inside the compound; the other said all were intercepted.")
    assert one[1] == other[1] == "united-states"
    assert one[3] == "a rocket landed inside the compound" and other[3] == "all were intercepted."


def test_a_verb_coordinated_with_an_earlier_one_shares_its_subject_past_a_participle():
    (f,), = frames('SANA, quoting a military source, blamed an "Israeli aggression" and said one soldier had been killed.')
    assert f[1] == "Syrian Arab News Agency" or f[1] == "SANA"
    assert f[3] == "one soldier had been killed."


def test_witnesses_speak_but_are_no_one_we_can_name():
    (f,), = frames("Witnesses said the car burst into flames.")
    assert f[1] is None and f[3] == "the car burst into flames."


# --- stage 1 across sentences -----------------------------------------------------------------------------------

def test_a_quotation_in_the_next_sentence_continues_the_last_direct_speaker():
    _, (f,) = frames('"A few rockets fell in open areas," an Israel Police spokesman told reporters. "There were no casualties."')
    assert f[0] == "continued" and f[1] == "Israel Police"


def test_a_bare_quotation_after_indirect_speech_is_no_ones():
    assert frames('The army said a drone fell near Safed. "It was a quiet night."')[1] == []


def test_a_pronoun_speaker_is_the_speaker_before():
    _, (f,) = frames("Hezbollah said its fighters fired rockets at Metula. It said two tanks were hit.")
    assert f[1] == "hezbollah"


def test_a_statement_quoted_in_paragraphs_after_its_heading_is_the_bodys():
    text = ('2. Islamic Resistance in Iraq, statement issued Sunday evening\n\n'
            '"Our mujahideen struck a vital target in Eilat with drones.\n\n'
            '"The operations will continue."\n\nThe Israeli military said a drone was intercepted.')
    got = frames(text)
    assert [f[0][:2] for f in got[1:3]] == [("statement", "islamic-resistance-in-iraq")] * 2
    assert got[3][0][1] == "israel-defense-forces"


def test_a_transcript_turn_is_its_speakers_where_no_frame_speaks():
    text = ("Pentagon Press Secretary Pat Ryder Holds a Press Briefing\n\n"
            "GEN. RYDER: Good afternoon. A drone was shot down near Erbil on Tuesday.\n\n"
            "Q: Do you know who launched it?\n\n"
            "GEN. RYDER: We assess that Kata'ib Hezbollah was responsible.")
    got = [f for sentence in frames(text) for f in sentence]
    assert {f[1] for f in got} == {"pentagon"} and {f[0] for f in got} == {"turn"}
    assert not any(f[3].startswith("Do you know") for f in got)


# --- stage 2 ----------------------------------------------------------------------------------------------------

def test_the_army_is_the_army_of_the_state_that_spoke_last():
    _, (f,) = frames("Hezbollah fired 40 rockets at the Golan, the IDF said. Most were intercepted, the army said.")
    assert f[1] == "israel-defense-forces"


def test_the_army_with_no_state_told_still_speaks():
    (f,), = frames("Most of the rockets were intercepted, the army said.")
    assert f[1] is None and f[0] == "closing"


def test_the_spokesman_is_the_body_introduced_with_a_spokesman():
    text = ("3. Iranian Foreign Ministry spokesman, weekly press conference\n\n"
            "Kataib Hezbollah denied any role on Monday. Asked about the drones, the spokesman said the reports were false.")
    assert frames(text)[-1][0][1] == "iranian-foreign-ministry"


def test_the_ministry_is_the_last_body_named_with_that_noun():
    got = frames("Iran's Foreign Ministry condemned the strike. The IDF struck a depot. It hit a car, the ministry said.")
    assert got[-1][0][1] == "iranian-foreign-ministry"


def test_a_titled_name_at_the_sentence_start_speaks_for_his_body():
    got = frames("Pentagon press secretary Maj. Gen. Pat Ryder spoke on Monday. Gen. Pat Ryder said two drones were downed.")
    assert got[-1][0][1] == "pentagon"


def test_a_speaker_after_a_comma_with_a_clause_after_the_verb_is_its_subject():
    (f,), = frames("In Baghdad, the PMF said two rockets were fired at the airport.")
    assert f[0] == "subject" and f[3] == "two rockets were fired at the airport."


# --- claims from frames -----------------------------------------------------------------------------------------

def test_a_first_person_non_confirmation_in_a_quotation_is_the_speakers(ref):
    x = run(ref, "Rockets hit the Shaddadi base in Syria on Monday. "
                 '"We\'re still assessing who was behind it," U.S. Central Command said.')
    (c,) = of(x, "non_confirmation")
    assert key(c.claimant) == "us-central-command"


def test_a_spokesmans_denial_for_his_state_is_the_spokesmans_bodys(ref):
    x = run(ref, "Israeli jets struck a Hezbollah depot near Nabatieh on Wednesday. "
                 "The Pentagon said the United States was not involved in that strike.")
    (c,) = of(x, "involvement_denied")
    assert key(c.claimant) == "pentagon" and c.stance == "denied"


def test_a_group_saying_it_had_no_connection_denies_responsibility(ref):
    x = run(ref, "Two rockets were fired at Baghdad International Airport on Sunday night. "
                 "Kataib Hezbollah said in a statement that it had no connection to the rockets.")
    (c,) = of(x, "responsibility_denied")
    assert key(c.claimant) == "kataib-hezbollah"


def test_silence_about_a_claimed_place_is_a_non_confirmation_by_the_last_speaker(ref):
    x = run(ref, "Hezbollah said it fired rockets at Kiryat Shmona and Safed on Thursday. It did not mention Safed.")
    assert [key(c.claimant) for c in of(x, "non_confirmation")] == ["hezbollah"]


def test_silence_about_something_else_than_a_place_is_no_claim(ref):
    x = run(ref, "The Houthis said they fired missiles and drones at Abu Dhabi on Monday. "
                 "The Emirati statement did not mention any drones.")
    assert of(x, "non_confirmation") == []


@pytest.mark.parametrize("question", [
    "He would not say whether further strikes were planned.",
    "He declined to comment on whether the base had been struck previously this month.",
])
def test_a_question_left_open_about_other_strikes_is_no_non_confirmation(ref, question):
    x = run(ref, "Rockets hit the Shaddadi base in Syria on Monday, Pentagon press secretary Pat Ryder said. " + question)
    assert of(x, "non_confirmation") == []


def test_a_transcript_answer_gives_its_claims_to_the_speakers_body(ref):
    text = ("Pentagon Press Secretary Pat Ryder Holds a Press Briefing\n\n"
            "GEN. RYDER: On Tuesday, a one-way attack drone targeted US forces at the Tanf garrison. "
            "The drone was shot down by coalition air defenses.\n\n"
            "Q: The Houthis say they hit a tanker in the Gulf of Aden yesterday.\n\n"
            "GEN. RYDER: I'm not able to confirm that from here.")
    x = run(ref, text)
    assert [key(c.claimant) for c in of(x, "interception")] == ["pentagon"]
    assert all(c.claimant is not None for c in x.claims)


def test_a_quotation_continued_in_the_next_sentence_keeps_its_speaker(ref):
    x = run(ref, 'Some 40 rockets were fired at Kiryat Shmona on Thursday. "A few fell in open areas," an Israel Police '
                 'spokesman told reporters. "There were no casualties."')
    (c,) = of(x, "casualty_report")
    assert c.claimant is not None and c.claimant.text == "Israel Police" and (c.killed, c.injured) == (0, 0)


def test_a_first_person_confirmation_in_a_quotation_is_the_speakers(ref):
    x = run(ref, "The Islamic Resistance in Iraq claimed a rocket attack on Ain al-Asad on Monday. Pentagon spokesman "
                 'Pat Ryder said: "I can confirm that there was an attempted rocket attack on Ain al-Asad Air Base on Monday."')
    (c,) = of(x, "confirmation")
    assert key(c.claimant) == "pentagon" and c.incident is not None


def test_a_toll_in_a_statement_quoted_after_its_heading_is_the_bodys_casualty_report(ref):
    x = run(ref, "Full text of the statement by the Israeli military on Saturday:\n\n"
                 '"On Friday, a drone launched by the Houthis struck a building in Tel Aviv.\n\n'
                 '"One civilian was killed and several others were wounded."')
    (c,) = of(x, "casualty_report")
    assert key(c.claimant) == "israel-defense-forces" and c.killed == 1


def test_a_question_asserts_nothing(ref):
    x = run(ref, "Rockets hit the Shaddadi base in Syria on Monday. Did Kataib Hezbollah claim the attack on the base?")
    assert of(x, "responsibility_claimed") == []


def test_a_claim_about_a_ship_at_sea_is_not_about_the_attack_on_land_told_before(ref):
    x = run(ref, "The Islamic Resistance in Iraq claimed a rocket attack on Ain al-Asad on Monday. "
                 "The Houthis say they hit a British oil tanker in the Gulf of Aden yesterday.")
    asad = [c.incident for c in of(x, "responsibility_claimed") if key(c.claimant) == "islamic-resistance-in-iraq"]
    assert all(c.incident not in asad for c in of(x, "responsibility_claimed") if key(c.claimant) == "houthis")


def test_the_last_frame_is_the_sentences_speaker_when_it_closes_the_sentence(ref):
    x = run(ref, "Hezbollah fired rockets at the Golan on Thursday, the IDF said. In response to the fire, IDF fighter jets "
                 "struck the launchers near the village of Yaroun, the army said.")
    assert {key(c.claimant) for c in x.claims} <= {"israel-defense-forces"}


def test_the_embassy_is_the_state_of_the_embassy_named_before(ref):
    x = run(ref, "Rockets were fired at the US embassy compound in Baghdad early on Friday. "
                 "The embassy did not immediately respond to a request for comment.")
    (c,) = of(x, "non_confirmation")
    assert key(c.claimant) == "united-states"


def test_a_ministry_of_a_region_is_the_regions_government_and_the_ministry_later_too(ref):
    x = run(ref, "Two drones struck the Sarsang oil field overnight, the Kurdistan Region's Ministry of Natural Resources "
                 "said on Tuesday. A third drone was shot down near Erbil, the ministry said.")
    (c,) = of(x, "interception")
    assert key(c.claimant) == "kurdistan-regional-government"


def test_the_ministry_is_never_a_person_who_spoke_last(ref):
    got = frames("A spokesman for Prime Minister Mohammed Shia al-Sudani said a committee would investigate. "
                 "It was the fifth attack this month, according to the ministry.")
    assert got[-1] == [] or got[-1][0][1] is None


def test_a_name_in_apposition_to_the_speakers_description_is_the_speaker():
    (f,), = frames("The operator, HKN Energy, said none of its staff had been hurt.")
    assert f[1] == "HKN Energy"


def test_a_government_bodys_ministry_speaks_for_it(ref):
    x = run(ref, "Drones struck two oil fields in the Kurdistan Region on Monday. The Kurdistan Regional Government's "
                 'Ministry of Interior blamed "outlaw groups within the Popular Mobilization Forces" for the attacks.')
    assert [key(c.claimant) for c in of(x, "attribution")] == ["kurdistan-regional-government"]


def test_a_group_denying_any_connection_in_quotation_marks_denies_responsibility(ref):
    x = run(ref, "Drones struck two oil fields in the Kurdistan Region on Monday. "
                 'The PMF said in a statement that it had "no connection" to the attacks.')
    assert [key(c.claimant) for c in of(x, "responsibility_denied")] == ["popular-mobilization-forces"]


def test_a_quoted_described_group_before_was_behind_is_blamed(ref):
    x = run(ref, "Rockets hit Ain al-Asad air base on Monday. A US official said Washington believed "
                 '"Iran-aligned militia groups" were behind it.')
    (c,) = of(x, "attribution")
    assert key(c.claimant) == "united-states" and c.perpetrator.text == "Iran-aligned militia groups"


def test_announcing_the_targeting_of_a_base_claims_the_attack(ref):
    x = run(ref, "Rockets were fired at the Shaddadi base in Syria on Wednesday. A group calling itself the Islamic "
                 'Resistance in Iraq announced the targeting of "the occupation base in al-Shaddadi" in a post on Telegram.')
    assert [key(c.claimant) for c in of(x, "responsibility_claimed")] == ["islamic-resistance-in-iraq"]


def test_claiming_a_swarm_of_drones_against_a_base_claims_the_attack(ref):
    x = run(ref, "Drones struck an army base in the Golan Heights on Sunday. "
                 'Hezbollah claimed a "swarm of explosive drones" against the base.')
    assert [key(c.claimant) for c in of(x, "responsibility_claimed")] == ["hezbollah"]


def test_an_assessment_that_the_group_was_behind_the_attack_blames_the_group_named_last(ref):
    x = run(ref, "Rockets were fired at the Shaddadi base on Wednesday. The Islamic Resistance in Iraq claimed the attack. "
                 "The Pentagon said the department's assessment was that the group was behind the attack.")
    assert only(x, "attribution") == ("pentagon", "islamic-resistance-in-iraq")


def test_a_toll_that_names_the_incident_asked_about_is_no_casualty_report(ref):
    x = run(ref, "Two U.S. officials said the commander had been involved in the drone attack that killed three U.S. "
                 "soldiers at a base in Jordan on January 28.")
    assert of(x, "casualty_report") == []


def test_the_speakers_own_forces_as_the_subject_make_its_claim_whatever_else_the_sentence_names(ref):
    x = run(ref, "Late on Monday, US aircraft struck three facilities used by Kata'ib Hezbollah near Hillah, the Pentagon said.")
    assert [key(c.claimant) for c in of(x, "responsibility_claimed")] == ["pentagon"]
    assert of(x, "attribution") == []


def test_the_interceptor_is_not_the_attacker_it_shot_down(ref):
    x = run(ref, "On Tuesday, US forces shot down 12 drones fired by the Houthis in the southern Red Sea, the Pentagon said.")
    assert of(x, "responsibility_claimed") == []


def test_a_trailing_participle_does_not_hide_a_closing_speaker(ref):
    x = run(ref, "US aircraft struck three facilities near Hillah on Monday, the Pentagon said. "
                 '"We assess that we likely killed a number of militants," he said, declining to give a number.')
    assert [key(c.claimant) for c in of(x, "casualty_report")] == ["pentagon"]


def test_an_unknown_actor_in_a_sentence_without_a_speech_verb_speaks_for_no_one(ref):
    x = run(ref, "Unidentified gunmen on motorcycles shot dead a former commander in Daraa province on Thursday.")
    assert all(c.claimant is None for c in x.claims)


def test_a_clause_joined_by_and_with_a_time_of_its_own_is_the_outlets(ref):
    x = run(ref, "Two days later, Kataib Hezbollah announced that it was suspending military operations, and on February 7 "
                 "a US drone strike in eastern Baghdad killed a senior commander of the group.")
    assert not [c for c in x.claims if key(c.claimant) == "kataib-hezbollah"]


def test_a_claim_of_an_attack_named_by_its_full_date_is_a_claim(ref):
    x = run(ref, "Front groups appeared on Telegram, among them Saraya Awliya al-Dam, which claimed the February 15, 2021 "
                 "rocket attack on Erbil International Airport.")
    assert [key(c.claimant) for c in of(x, "responsibility_claimed")] == ["saraya-awliya-al-dam"]


def test_a_bare_ministry_of_defence_is_the_state_that_opens_the_sentence(ref):
    x = run(ref, "The United Arab Emirates intercepted and destroyed two ballistic missiles fired by Yemen's Houthi "
                 "movement at Abu Dhabi early on Monday, the Ministry of Defence said.")
    assert [key(c.claimant) for c in of(x, "interception")] == ["united-arab-emirates"]


def test_a_bare_ministry_of_defence_after_a_foreign_strike_is_no_one_we_can_name():
    (f,), = frames("Israeli missiles struck a depot near Damascus on Monday, the Ministry of Defence said.")
    assert f[1] is None


def test_a_tally_shot_down_is_no_interception_but_a_part_shot_down_is(ref):
    x = run(ref, "Hezbollah fired rockets at the Golan Heights on Friday. The Israeli military said about 35 launches had "
                 "crossed from Lebanon, some of which were intercepted while the rest fell in open areas.")
    assert [key(c.claimant) for c in of(x, "interception")] == ["israel-defense-forces"]


def test_a_confirmation_beside_an_open_question_is_kept_with_the_non_confirmation(ref):
    x = run(ref, "Rockets struck the Shaddadi base in Syria on Monday. A US defense official confirmed that rockets had "
                 "struck the base but would not say whether anyone was hurt.")
    assert [key(c.claimant) for c in of(x, "confirmation")] == ["united-states"]
    assert [key(c.claimant) for c in of(x, "non_confirmation")] == ["united-states"]


def test_the_group_in_a_spokesmans_statement_is_his_group(ref):
    x = run(ref, "Houthi military spokesman Yahya Saree said on Twitter the group had launched ballistic missiles at "
                 "Al Dhafra Air Base on Monday.")
    assert only(x, "responsibility_claimed") == ("yahya-saree", "houthis")


def test_a_group_speaking_of_the_group_of_someone_else_claims_nothing(ref):
    x = run(ref, "Kataib Hezbollah was named on Sunday. US officials said the group had launched rockets at Ain al-Asad.")
    assert [key(c.claimant) for c in of(x, "responsibility_claimed")] == []


def test_an_act_of_its_own_on_two_places_is_claimed_for_each(ref):
    x = run(ref, "The Islamic Resistance in Iraq said it had struck targets in Eilat and Haifa with drones on Sunday.")
    claims = of(x, "responsibility_claimed")
    assert len({c.incident for c in claims}) == 2 and {key(c.claimant) for c in claims} == {"islamic-resistance-in-iraq"}


def test_the_victim_killing_others_later_is_not_the_attack_it_suffered(ref):
    x = run(ref, "Several rockets were fired at the US embassy compound in Baghdad early on Friday, two Iraqi security "
                 "officials said. Earlier this week, US forces killed five militants who were preparing to launch a drone "
                 "near Kirkuk, a US official said.")
    assert of(x, "casualty_report") == []


def test_two_frames_in_one_sentence_give_each_claim_its_own_speaker(ref):
    x = run(ref, "Israeli jets struck a house in Jouaiyya on Monday. The IDF said it had targeted a Hezbollah depot; "
                 "the National News Agency said two civilians were killed.")
    assert [key(c.claimant) for c in of(x, "responsibility_claimed")] == ["israel-defense-forces"]
    assert [c.claimant.text for c in of(x, "casualty_report")] == ["National News Agency"]


@pytest.mark.parametrize("said", ['"We assess that Kataib Hezbollah was responsible for the attack," Ryder said.',
                                  "The Pentagon said its assessment was that Kataib Hezbollah was behind the attack.",
                                  "A US official said Washington believed that Kataib Hezbollah was behind the attack."])
def test_an_assessment_or_belief_is_a_hedged_attribution(ref, said):
    x = run(ref, "Pentagon press secretary Pat Ryder spoke on Monday. A drone struck the Tanf garrison on Sunday. " + said)
    (c,) = of(x, "attribution")
    assert c.stance == "hedged" and key(c.perpetrator) == "kataib-hezbollah"


def test_a_label_that_names_no_known_speaker_is_no_turn():
    text = ("UPDATE: Rockets struck the Shaddadi base on Monday.\n\nUPDATE: No one was hurt in the attack.")
    assert all(f == [] for f in frames(text))


def test_defenders_at_sea_do_not_take_the_sentence_away_from_the_attack_told(ref):
    x = run(ref, "Iran launched more than 300 drones and missiles at Israel overnight, the Israeli military said. A US "
                 "official said two destroyers in the eastern Mediterranean had shot down more than 70 drones.")
    assert {c.incident for c in of(x, "interception")} <= {i.local_id for i in x.incidents}
    assert any(key(c.claimant) == "united-states" for c in of(x, "interception"))


def test_the_group_told_by_its_spokesman_in_a_sentence_referring_back_claims_the_attack(ref):
    x = run(ref, "Missiles hit two bulk carriers in the Gulf of Aden on Tuesday. Houthi military spokesman Yahya Saree said "
                 'the group had targeted both bulk carriers with "appropriate naval missiles".')
    assert only(x, "responsibility_claimed") == ("yahya-saree", "houthis")


def test_a_spokesmans_repeat_of_his_groups_claim_is_recorded_once_under_the_group(ref):
    x = run(ref, "Yemen's Houthis said they fired a ballistic missile at a commercial ship in the Gulf of Aden on Monday. "
                 "Houthi military spokesman Yahya Saree said the group had targeted the vessel in support of Gaza.")
    assert [key(c.claimant) for c in of(x, "responsibility_claimed")] == ["houthis"]


@pytest.mark.parametrize("first", ["UK Maritime Trade Operations (UKMTO) said", "UK Maritime Trade Operations said"])
def test_an_acronym_is_the_name_introduced_with_it_or_with_its_initials(ref, first):
    x = run(ref, f"Two missiles struck the bulk carrier Blue Heron in the Gulf of Aden on Tuesday, {first}. "
                 "None of its crew were hurt, UKMTO said.")
    assert [c.claimant.text for c in of(x, "casualty_report")] == ["UK Maritime Trade Operations"]
