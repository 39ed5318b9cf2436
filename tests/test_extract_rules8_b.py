"""Which incidents are found at all (rules-8, area b): habits, corrections, purposes and closed adjuncts.

Sentences written for these tests (not taken from any article set); the default reference is used, as the
extractor does on real articles. Each test states one behaviour, with a negative case beside it."""

from __future__ import annotations

import datetime as dt

from tests.test_extract_incidents5 import reference, run  # noqa: F401  (the module's fixture and helper)

PUB = dt.date(2024, 3, 5)  # a Tuesday


def quotes(reference, text: str, published: dt.date | None = PUB) -> list[str]:
    return [i.span.quote for i in run(reference, text, published).incidents]


# --- habits: an adverb of repetition tells of events that recur, not of one ----------------------------------------

def test_an_adverb_of_habit_makes_no_incident(reference):
    assert quotes(reference, "Threats like these have often been followed by rocket attacks on Erbil airport.") == []
    assert quotes(reference, "The consulate in Erbil has been targeted by drones repeatedly this spring.") == []


def test_a_background_event_after_since_is_still_one(reference):
    q = quotes(reference, "The base has been shelled frequently since the January 2023 drone attack on Ain al-Asad air base "
                          "that wounded three soldiers.")
    assert len(q) == 1


def test_a_plain_attack_beside_no_adverb_is_kept(reference):
    assert len(quotes(reference, "Rockets struck Erbil airport on Sunday, wounding two contractors.")) == 1


# --- corrections: a correction notice reports no incident of its own ---------------------------------------------

def test_a_correction_notice_makes_no_incident(reference):
    text = ("Correction: An earlier entry said a drone had hit the port of Haifa on Monday. Israeli officials say "
            "nothing fell there.\n\nRockets struck Kiryat Shmona on Monday, wounding one man.")
    q = quotes(reference, text)
    assert len(q) == 1 and "Kiryat Shmona" in q[0]


def test_a_correction_under_a_live_page_time_stamp_makes_no_incident(reference):
    text = "09:15\nCorrection, March 4: This post said a missile struck Eilat port. It struck an open area near Eilat."
    assert quotes(reference, text) == []


def test_a_paragraph_that_only_mentions_a_correction_later_still_counts(reference):
    text = "A drone struck the Conoco gas field on Monday, the army said, in a correction to its first account."
    assert len(quotes(reference, text)) == 1


# --- purposes: an infinitive trigger is an intent, not an event ---------------------------------------------------

def test_an_infinitive_of_purpose_makes_no_incident(reference):
    assert quotes(reference, "Baghdad denied that its territory was used to attack the Saudi oil facilities at Abqaiq.") == []


def test_an_aspect_verb_keeps_the_infinitive_real(reference):
    q = quotes(reference, "Israeli jets continued to strike Hezbollah positions near Nabatieh on Monday.")
    assert len(q) == 1


# --- adjuncts: "after warning residents, jets struck X" is real ---------------------------------------------------

def test_a_closed_warning_adjunct_leaves_the_main_clause_real(reference):
    q = quotes(reference, "On Monday, after warning residents to leave, Israeli aircraft struck a building in Tyre.")
    assert len(q) == 1


def test_a_warning_that_governs_the_trigger_stays_irrealis(reference):
    assert quotes(reference, "On Monday the army warned residents it would strike a building in Tyre.") == []


# --- periods: the date of the event a period starts from dates nothing else -------------------------------------

def test_the_date_of_an_event_a_period_starts_from_dates_no_strike(reference):
    x = run(reference, "On Monday, an Israeli strike on a flat in Tyre killed a commander. It was the third Israeli strike "
                       "on Tyre in a week, and the first since the truce of 2 February.")
    assert len(x.incidents) == 1 and x.incidents[0].date.on == dt.date(2024, 3, 4)


def test_a_date_after_a_plain_noun_still_dates_the_strike(reference):
    i = run(reference, "The strike of 2 February on Tyre killed a commander.").incidents
    assert len(i) == 1 and i[0].date.on == dt.date(2024, 2, 2)


# --- questions: "who fired the rockets" asks about rockets already told ------------------------------------------

def test_a_question_about_a_told_weapon_makes_no_incident(reference):
    assert quotes(reference, "Nobody yet knows who fired the rockets in January.") == []


def test_an_indefinite_object_after_who_is_still_reported(reference):
    assert len(quotes(reference, "Militants who fired rockets at Erbil airport on Sunday were arrested.")) == 1


# --- a frame that opens the sentence is where the reaction is, not the incident ----------------------------------

def test_an_opening_place_frame_is_not_the_place_of_a_definite_mention(reference):
    x = run(reference, "A drone struck the Khor Mor gas field on Monday. In Baghdad, the premier ordered an inquiry into the attack.")
    assert len(x.incidents) == 1


def test_a_place_named_with_the_trigger_still_places_it(reference):
    x = run(reference, "A drone struck the Khor Mor gas field on Monday. In Basra, the attack on the port on Tuesday killed two.")
    assert len(x.incidents) == 2


# --- list items: the label files an item under a place, it is no actor -------------------------------------------

def test_an_item_label_is_no_perpetrator(reference):
    i = run(reference, "- Israel / Golan: A rocket struck a school in Majdal Shams on Saturday, wounding four.").incidents
    assert len(i) == 1 and i[0].perpetrator is None


def test_a_subject_after_the_label_is_still_the_perpetrator(reference):
    i = run(reference, "- Iraq: A US drone strike hit a car in Jurf al-Sakhar on Saturday, killing two.").incidents
    assert len(i) == 1 and i[0].perpetrator is not None and i[0].perpetrator.key == "united-states"


# --- a participle describing the weapon already named tells the same event ---------------------------------------

def test_a_described_weapon_retells_the_event(reference):
    x = run(reference, "A rocket struck a school in Metula on Saturday, wounding four. The army said the rocket was an "
                       "Iranian-made Burkan launched by Hezbollah from near Khiam.")
    assert len(x.incidents) == 1


def test_an_indefinite_weapon_launched_is_a_new_event(reference):
    x = run(reference, "A rocket struck a school in Metula on Saturday, wounding four. On Sunday a drone was launched by "
                       "Hezbollah at Kiryat Shmona.")
    assert len(x.incidents) == 2


# --- a speaker's "it struck X": the group or force that says it claims an attack of its own -----------------------

def test_a_group_saying_it_targeted_a_placed_target_is_a_claimed_attack(reference):
    i = run(reference, "Kataib Hezbollah said on Sunday that it had targeted a US supply convoy near Erbil airport.").incidents
    assert len(i) == 1 and i[0].perpetrator.key == "kataib-hezbollah" and i[0].perpetrator_basis == "claimed"


def test_a_speaker_pronoun_with_only_a_country_is_no_incident(reference):
    assert quotes(reference, "Kataib Hezbollah said on Sunday that it had targeted American interests in Iraq.") == []


def test_a_speaker_that_is_no_armed_force_claims_no_attack(reference):
    assert quotes(reference, "The company said on Sunday that it had targeted new customers near Erbil airport.") == []


# --- "May" the month is no modal -------------------------------------------------------------------------------

def test_the_month_may_is_not_a_modal(reference):
    i = run(reference, "In May, drones hit a pumping station near Afif, forcing the company to shut the line.").incidents
    assert len(i) == 1 and i[0].date.on == dt.date(2023, 5, 1) and i[0].weapons == ("drone",)


def test_the_modal_may_is_still_a_hypothesis(reference):
    assert quotes(reference, "Officials fear drones may hit a pumping station near Afif.") == []


# --- "the strikes hit X and Y": where a wave told before landed, one incident per place ---------------------------

def test_a_definite_wave_with_places_gives_one_incident_per_place(reference):
    x = run(reference, "US aircraft struck dozens of militia targets in Syria on Friday, officials said. In Syria, the "
                       "strikes hit sites in the town of al-Mayadin and in the Abu Kamal area.")
    placed = sorted(i.place.key for i in x.incidents if i.place and i.place.key in ("mayadin", "abu-kamal"))
    assert placed == ["abu-kamal", "mayadin"]
    for i in x.incidents:
        if i.place and i.place.key in ("mayadin", "abu-kamal"):
            assert i.date.on == dt.date(2024, 3, 1) and i.perpetrator.key == "united-states"


def test_the_strikes_with_no_wave_told_before_make_nothing(reference):
    assert quotes(reference, "In Syria, the strikes hit sites in the town of al-Mayadin.") == []


def test_the_strikes_referred_to_without_a_verb_of_striking_stay_one(reference):
    x = run(reference, "US aircraft struck militia targets near al-Mayadin on Friday. The strikes were condemned in Damascus.")
    assert len(x.incidents) == 1


def test_an_attempt_to_attack_is_an_incident(reference):
    assert len(quotes(reference, "On Sunday a drone attempted to attack the Conoco gas field but was shot down.")) == 1


# --- "a wave of air strikes ... on Saturday": one day's operation, not attacks in general -------------------------

def test_a_wave_told_with_its_day_is_an_incident(reference):
    i = run(reference, "Israel launched a wave of air strikes on Tyre on Saturday, killing four people.").incidents
    assert len(i) == 1 and i[0].date.on == dt.date(2024, 3, 2)


def test_a_wave_with_no_day_stays_general_talk(reference):
    assert quotes(reference, "Israel has launched a wave of air strikes on Tyre, residents say.") == []


# --- "raids" in the plural are air raids ------------------------------------------------------------------------

def test_raids_on_a_named_place_are_an_airstrike(reference):
    i = run(reference, "The aggression warplanes launched four raids on the port of Ras Isa on Monday, the channel said.").incidents
    assert len(i) == 1 and i[0].event_type == "airstrike"


def test_raids_in_general_are_no_incident(reference):
    assert quotes(reference, "Such raids have become part of daily life in the north.") == []


def test_a_told_drone_launched_from_a_town_is_the_same_attack(reference):
    x = run(reference, "A drone struck the Khor Mor gas field on Friday, halting output. Officials believe the drone had "
                       "been launched by a militia from an area near Tuz Khurmatu.")
    assert len(x.incidents) == 1 and x.incidents[0].place.key == "khor-mor-gas-field"


def test_a_new_drone_launched_from_a_town_at_a_target_is_kept(reference):
    x = run(reference, "A drone struck the Khor Mor gas field on Friday. On Sunday, rockets launched from Tuz Khurmatu hit "
                       "Kirkuk airport.")
    assert len(x.incidents) == 2


# --- "Later on Wednesday, jets struck X": a step in time opens another event ----------------------------------------

def test_a_sequel_opening_keeps_a_second_strike_apart(reference):
    x = run(reference, "An Israeli strike on a house in Hebbariyeh killed two people early on Monday. Later on Monday, "
                       "Israeli jets struck the village of Tayr Harfa, killing four.")
    assert len(x.incidents) == 2


def test_a_definite_mention_after_a_sequel_opening_still_refers_back(reference):
    x = run(reference, "An Israeli strike on a house in Hebbariyeh killed two people early on Monday. Later on Monday, "
                       "the strike was condemned by the government.")
    assert len(x.incidents) == 1


def test_a_speaker_saying_its_forces_intercepted_is_no_attacker(reference):
    x = run(reference, "The Houthis fired a missile at a tanker on Monday. CENTCOM said its forces intercepted targets over "
                       "the Gulf of Aden.")
    assert all(i.perpetrator is None or i.perpetrator.key != "us-central-command" for i in x.incidents)


# --- live pages: an entry's event with no date of its own happened on the page's day ------------------------------

LIVE = ("Border live: rockets and strikes\n\n08:10 GMT - Welcome to our coverage of the border.\n\n"
        "09:30 GMT - Rockets struck Kiryat Shmona, wounding two people, the army says.\n\n"
        "10:45 GMT - Residents say the sirens have stopped.\n\n11:20 GMT - More updates soon.")


def test_an_undated_event_on_a_live_page_takes_the_page_day(reference):
    i = run(reference, LIVE, PUB).incidents
    assert len(i) == 1 and i[0].date.on == PUB and i[0].date.text == "09:30 GMT"


def test_an_undated_event_in_a_plain_story_stays_undated(reference):
    i = run(reference, "Rockets struck Kiryat Shmona, wounding two people, the army says. Residents say the sirens "
                       "have stopped.").incidents
    assert len(i) == 1 and i[0].date.on is None


def test_post_time_lines_do_not_make_a_live_page(reference):
    text = ("Islamic Resistance in Iraq\n23:34 · 21 Oct 2024\n\nIDF\n11:58 PM · Oct 21, 2024\n\nIDF\n6:47 AM · Oct 22, 2024\n\n"
            "Rockets struck Kiryat Shmona, wounding two people.")
    i = run(reference, text).incidents
    assert len(i) == 1 and i[0].date.on is None


# --- "This is a flagrant assassination": a predicate noun characterizes the incident told before ------------------

def test_a_predicate_noun_reports_no_new_incident(reference):
    x = run(reference, "A US drone strike killed a Kataib Hezbollah commander in Baghdad on Wednesday. \"This is a flagrant "
                       "assassination in the heart of the capital,\" Yehia Rasool said.")
    assert len(x.incidents) == 1


def test_a_noun_after_is_in_another_frame_is_kept(reference):
    x = run(reference, "Officials said there was a rocket attack on Ain al-Asad air base on Monday.")
    assert len(x.incidents) == 1


# --- section headings restate their section ------------------------------------------------------------------

def test_a_section_heading_makes_no_incident_of_its_own(reference):
    text = ("Strikes on Tyre and Sidon\n\nIsraeli jets struck a building in Tyre on Monday, killing three people.")
    x = run(reference, text)
    assert len(x.incidents) == 1 and "Tyre on Monday" in x.incidents[0].span.quote


def test_a_short_sentence_with_a_full_stop_is_no_heading(reference):
    assert len(quotes(reference, "Officials spoke.\n\nRockets hit Metula on Monday.\n\nNo one was hurt.")) == 1


# --- "the first time X has attacked Y" compares with the incident just told --------------------------------------

def test_the_first_time_clause_makes_no_incident(reference):
    x = run(reference, "Israeli drones struck a radar site near Isfahan on Saturday, the first time Israel has openly attacked "
                       "Iranian territory.")
    assert len(x.incidents) == 1


# --- an order for a strike is no strike -------------------------------------------------------------------------

def test_an_ordered_strike_is_not_made(reference):
    assert quotes(reference, "The supreme leader was reported to have ordered a direct strike on Israel in retaliation.") == []


def test_an_ordered_strike_that_killed_someone_was_made(reference):
    assert len(quotes(reference, "Biden ordered the strike that killed a militia commander in Baghdad on Wednesday.")) == 1


# --- counts and periods are tallies -------------------------------------------------------------------------------

def test_the_number_of_rockets_fired_is_a_tally(reference):
    assert quotes(reference, "Israeli figures put the number of rockets fired from Lebanon in the same period at 16,000.") == []


def test_people_killed_in_a_country_between_two_dates_is_a_tally(reference):
    assert quotes(reference, "More than 4,000 people were killed by strikes in Lebanon between October 2023 and the ceasefire.") == []


def test_a_small_number_of_missiles_striking_a_base_is_one_event(reference):
    assert len(quotes(reference, "A small number of ballistic missiles struck the Nevatim air base on Sunday.")) == 1


# --- a list item with its own day is an event of its own --------------------------------------------------------

def test_a_dated_list_item_does_not_join_a_claim_about_the_same_base(reference):
    text = ("The Islamic Resistance in Iraq said on Sunday that its fighters had attacked the al-Tanf garrison with drones. "
            "Among the earlier attacks:\n- Oct. 18: two drones attacked the al-Tanf garrison, wounding 20 US personnel.")
    x = run(reference, text, dt.date(2024, 1, 29))
    assert len(x.incidents) == 2


def test_a_plain_later_sentence_at_the_same_base_still_joins(reference):
    text = ("Two drones attacked the al-Tanf garrison on Sunday. The drones attacked the al-Tanf garrison from the east, "
            "officials said.")
    assert len(run(reference, text, dt.date(2024, 1, 29)).incidents) == 1


# --- "since Dec. 20, when rockets struck X": the when-clause's event is on that day -------------------------------

def test_a_since_when_clause_is_dated_by_the_period_start(reference):
    x = run(reference, "Rockets struck Erbil airport on Monday. It was the first attack there since Dec. 20, when a salvo of "
                       "rockets struck the Green Zone in Baghdad.", dt.date(2021, 2, 16))
    green = [i for i in x.incidents if i.place and i.place.key == "green-zone"]
    assert len(green) == 1 and green[0].date.on == dt.date(2020, 12, 20)


def test_a_since_date_without_when_dates_nothing(reference):
    x = run(reference, "Rockets have struck the Green Zone in Baghdad since Dec. 20.", dt.date(2021, 2, 16))
    assert all(i.date.on != dt.date(2020, 12, 20) for i in x.incidents)


# --- a statement's day after a definite mention is the day of the saying -----------------------------------------

def test_the_day_of_a_saying_does_not_date_a_reference(reference):
    x = run(reference, "Rockets struck Erbil airport late on Monday, killing a contractor. Iran rejected attempts to link "
                       "Tehran to the attack, saying in a statement on Tuesday that it wanted calm.", dt.date(2021, 2, 16))
    assert len(x.incidents) == 1


# --- a named ship is a specific target ---------------------------------------------------------------------------

def test_a_named_ship_struck_at_sea_is_an_incident(reference):
    assert len(quotes(reference, "The naval forces also targeted the ship \"Olympic Grace\" in the Arabian Sea with drones.")) == 1


def test_an_unnamed_ship_at_sea_with_nothing_else_is_not(reference):
    assert quotes(reference, "The naval forces also targeted a ship in the Arabian Sea with drones.") == []


# --- "have fired ..., mostly at X, most of which were intercepted": a spread over times and targets ---------------

def test_a_perfect_spread_over_targets_is_a_tally(reference):
    assert quotes(reference, "They have also fired missiles at Israel, mostly at the port city of Eilat, almost all of which "
                             "were intercepted.") == []


def test_one_barrage_mostly_at_a_town_is_an_incident(reference):
    assert len(quotes(reference, "Hezbollah fired 30 rockets on Monday, mostly at Kiryat Shmona.")) == 1


# --- a gerund subject names a kind of act ---------------------------------------------------------------------------

def test_a_gerund_subject_is_no_event(reference):
    assert quotes(reference, "The logic is simple: striking Erbil lets Tehran signal to Washington.") == []


def test_a_progressive_is_still_an_event(reference):
    assert len(quotes(reference, "On Monday the army was striking targets in Tyre, killing two people.")) == 1


# --- a summary sentence and its detail in the next one are one attack ---------------------------------------------

def test_a_summary_then_its_detail_is_one_attack(reference):
    x = run(reference, "US forces in eastern Syria came under attack on Friday. An official said rockets were fired at the "
                       "Conoco gas field base, causing no damage.")
    assert len(x.incidents) == 1 and x.incidents[0].place.key == "conoco-gas-field"


def test_a_detail_in_another_country_is_another_attack(reference):
    x = run(reference, "US forces in eastern Syria came under attack on Friday. An official said rockets were fired at "
                       "Ain al-Asad air base, causing no damage.")
    assert len(x.incidents) == 2


# --- a headline may end with a closing quote ---------------------------------------------------------------------

def test_a_headline_ending_in_a_quoted_phrase_is_a_headline(reference):
    from eventdb.extract.layout import headline_end
    text = 'Militia Claims Drone Attack on Eilat, Threatens "New Phase"\n\nThe group said it attacked Eilat.'
    assert headline_end(text) == text.index("\n")


def test_a_first_line_ending_in_a_quoted_sentence_is_not_a_headline(reference):
    from eventdb.extract.layout import headline_end
    assert headline_end('He said: "We struck the base."\n\nMore followed.') == 0


# --- a standfirst under the headline restates it ------------------------------------------------------------------

def test_a_standfirst_line_is_read_with_the_headline(reference):
    from eventdb.extract.layout import headline_end
    text = ("Israel strikes sites in Iran\nJets hit missile sites in three provinces, the first time Israel has openly "
            "attacked Iran\nIsraeli warplanes struck targets in Iran before dawn on Saturday.")
    assert headline_end(text) == text.index("\nIsraeli")


def test_a_body_paragraph_after_a_blank_line_is_no_standfirst(reference):
    from eventdb.extract.layout import headline_end
    text = "Israel strikes sites in Iran\n\nJets hit missile sites in three provinces\nMore later."
    assert headline_end(text) == text.index("\n")


# --- "the vessel had been targeted": a passive on a target already named tells the same attack -------------------

def test_a_passive_on_a_told_vessel_retells_the_attack(reference):
    x = run(reference, "A bulk carrier was struck by a missile in the Red Sea on Monday. The Houthis said the vessel had "
                       "been targeted with a drone boat and ballistic missiles.")
    assert len(x.incidents) == 1


def test_a_passive_on_a_new_named_ship_with_a_day_is_its_own_attack(reference):
    x = run(reference, "A bulk carrier was struck by a missile in the Red Sea on Monday. On Wednesday a tanker was targeted "
                       "with drones in the Gulf of Aden.")
    assert len(x.incidents) == 2
