"""Claim rules of rules-6 on sentences written for the tests: open questions are not assertions, claims that need an
incident are kept only with one, a state body's own release speaks for it, and reference names for speakers."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract
from eventdb.reference import default_reference
from tests.test_extract_claims_rules import claims_of, key
from tests.test_extract_rules import PUB, ref, run  # noqa: F401  (the fixture reference and the runner)


# --- a clause a speaker leaves open asserts nothing ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Rockets hit Ain al-Asad on Monday. The Pentagon would not say whether any of them had been shot down.",
    "Rockets hit Ain al-Asad on Monday. Asked if the rockets were intercepted, the Pentagon declined to answer.",
    "Rockets hit Ain al-Asad on Monday. It was not clear whether air defences had downed any of them, the Pentagon said.",
])
def test_an_open_question_is_no_interception_claim(ref, text):
    x = run(ref, text)
    assert not claims_of(x, "interception"), (text, x.claims)


def test_an_interception_said_plainly_is_still_claimed(ref):
    x = run(ref, "Rockets were fired at Ain al-Asad on Monday. The Pentagon said two of them had been shot down.")
    (c,) = claims_of(x, "interception")
    assert key(c.claimant) == "us-dod" and c.incident is not None and c.stance == "asserted"


# --- a claim that only means something about one incident needs that incident -----------------------------

@pytest.mark.parametrize("text", [
    "Kataib Hezbollah has not commented.",  # a non-confirmation of nothing found
    "The Pentagon said no one was hurt.",  # a toll of no incident
    "Officials met in Geneva on Monday. The Houthis said they had shot down something, without saying what.",
])
def test_incident_bound_claims_without_an_incident_are_dropped(ref, text):
    x = run(ref, text)
    assert all(c.incident is not None for c in x.claims
               if c.type in ("interception", "casualty_report", "confirmation", "non_confirmation")), (text, x.claims)


def test_a_general_denial_is_kept_without_an_incident(ref):
    x = run(ref, "Tehran has denied supporting attacks on US forces in Iraq and Syria.")
    assert [c.incident for c in claims_of(x, "involvement_denied")] == [None], x.claims


# --- a state body's own release: what it says in its own voice is its claim -----------------------------

RELEASE = ("Houthi militants fired an anti-ship missile at a tanker in the Red Sea on Monday. The missile was shot down "
           "by a US destroyer. There were no injuries or damage reported.")


@pytest.mark.parametrize("outlet, url, speaker", [
    ("U.S. Central Command", None, "us-centcom"),  # the outlet is the body itself
    (None, "https://www.centcom.mil/MEDIA/PRESS-RELEASES/1/", "us-centcom"),  # its own site (the acronym as a label)
    (None, "https://idf.il/en/articles/2024/statement/", "idf"),
])
def test_a_release_by_a_state_body_speaks_for_it(ref, outlet, url, speaker):
    x = extract(Article(text=RELEASE, origin="test", published=PUB, outlet=outlet, url=url), ref)
    assert [key(c.claimant) for c in claims_of(x, "interception")] == [speaker], x.claims
    assert all(key(c.claimant) == speaker for c in claims_of(x, "casualty_report")), x.claims


@pytest.mark.parametrize("outlet, url", [
    ("The Gulf Monitor", None),  # a news outlet: its own voice is its own
    (None, "https://www.gulfmonitor.example.com/2024/03/04/tanker"),
    (None, "https://www.central-news.example.com/tanker"),  # a word of a body's name is not its acronym
    (None, None),
])
def test_a_news_outlet_keeps_its_own_voice(ref, outlet, url):
    x = extract(Article(text=RELEASE, origin="test", published=PUB, outlet=outlet, url=url), ref)
    assert claims_of(x, "interception") and all(c.claimant is None for c in claims_of(x, "interception")), x.claims


def test_a_release_does_not_take_over_named_speakers(ref):
    text = "Houthi militants fired an anti-ship missile at a tanker in the Red Sea on Monday, the Houthis said they had hit it."
    x = extract(Article(text=text, origin="test", published=PUB, outlet="U.S. Central Command"), ref)
    assert all(key(c.claimant) != "us-centcom" for c in x.claims if c.type == "responsibility_claimed"), x.claims


# --- reference names of speakers (seeds/reference) --------------------------------------------------

def test_a_regional_agency_named_with_a_possessive_resolves():
    text = "Two drones were launched at Erbil International Airport late on Monday; one was shot down by coalition air " \
           "defences, the Kurdistan Region's Counter-Terrorism Directorate said."
    x = extract(Article(text=text, origin="test", published=dt.date(2024, 3, 6)), default_reference())
    assert [key(c.claimant) for c in claims_of(x, "interception")] == ["kurdistan-counter-terrorism-directorate"], x.claims


def test_the_regions_interior_ministry_is_its_government():
    text = "Rockets hit Erbil International Airport on Monday, wounding two guards, the Kurdistan Region's interior ministry said."
    x = extract(Article(text=text, origin="test", published=dt.date(2024, 3, 6)), default_reference())
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == ["kurdistan-regional-government"], x.claims


def test_a_state_news_agency_named_with_its_country_is_the_outlet():
    text = "An Israeli drone strike on a car near Nabatieh on Monday killed two men, the Lebanese National News Agency reported."
    x = extract(Article(text=text, origin="test", published=dt.date(2024, 3, 6)), default_reference())
    assert [c.claimant.text for c in claims_of(x, "casualty_report")] == ["Lebanese National News Agency"], x.claims


# --- an undated incident a speaker reports right after a dated one is of that day (claims link to it) --------

@pytest.mark.parametrize("text", [
    # the same country
    "Two rockets hit Ain al-Asad on Monday. The Pentagon said rockets were also fired at Erbil International Airport.",
    # across a border, tied by the sentence ("in response", "later")
    "Two rockets hit Ain al-Asad on Monday. In response, the Pentagon said, US jets struck a Kata'ib Hezbollah depot in Damascus.",
    "Drones were launched at Erbil on Monday. Hezbollah later said it had fired rockets at an army base near Haifa.",
])
def test_an_undated_incident_reported_next_is_of_the_same_day(ref, text):
    x = run(ref, text)
    assert len(x.incidents) == 2 and x.incidents[1].date.on == dt.date(2024, 3, 4), (text, x.incidents)


@pytest.mark.parametrize("text, published", [
    # no one reports it: the outlet's background, which may be of any day
    ("Two rockets hit Ain al-Asad on Monday. US jets struck a Kata'ib Hezbollah depot in Damascus.", PUB),
    # another country and nothing ties it to the last incident
    ("Drones were launched at Erbil on Monday. Hezbollah said it had fired rockets at an army base near Haifa.", PUB),
    # not the next sentence
    ("Two rockets hit Ain al-Asad on Monday. Officials met in Geneva. Markets fell. "
     "The Pentagon said rockets were also fired at Erbil International Airport.", PUB),
    # an article without a date
    ("Two rockets hit Ain al-Asad on Monday. The Pentagon said rockets were also fired at Erbil International Airport.", None),
])
def test_an_undated_incident_stays_undated_otherwise(ref, text, published):
    x = run(ref, text, published)
    assert len(x.incidents) == 2 and x.incidents[1].date.on is None, (text, x.incidents)


def test_a_reference_back_still_joins_the_incident_it_names(ref):
    x = run(ref, "Two rockets hit Ain al-Asad on Monday. The Pentagon said the attack had been carried out by Kata'ib Hezbollah.")
    (i,) = x.incidents
    assert [c.incident for c in claims_of(x, "attribution")] == [i.local_id], x.claims


# --- a demonym the reference lacks, with the body or office it qualifies, speaks as written -----------------

@pytest.mark.parametrize("text, speaker", [
    ("A drone struck a checkpoint near Erbil on Monday, killing two guards, the Kurdish security service said.",
     "Kurdish security service"),
    ("A drone struck a checkpoint near Erbil on Monday, killing two guards, the Kurdish news agency reported.",
     "Kurdish news agency"),  # the descriptor stays: never the bare demonym
    ("Two men were killed when a drone hit a car in Gaza on Monday, the Palestinian governor said.", "Palestinian governor"),
    ("A drone hit a car in Gaza on Monday, killing two men, a senior Palestinian security official said.",
     "Palestinian security official"),
    ("Kurdish security service officials said two guards were killed when a drone struck a checkpoint near Erbil on Monday.",
     "Kurdish security service officials"),
])
def test_a_demonym_with_its_body_speaks_as_written(ref, text, speaker):
    x = run(ref, text)
    reports = claims_of(x, "casualty_report")
    assert [c.claimant.text for c in reports] == [speaker] and reports[0].claimant.key is None, (text, x.claims)


@pytest.mark.parametrize("text", [
    "A drone struck a checkpoint near Erbil on Monday, killing two guards, witnesses told the Kurdish news agency.",
    "A drone struck a checkpoint near Erbil on Monday, killing two guards, the Kurdish security service was told.",
])
def test_no_demonym_speaker_as_an_object(ref, text):
    x = run(ref, text)
    assert not any(c.claimant and c.claimant.text.startswith("Kurdish") for c in x.claims), (text, x.claims)


# --- a joint speaker ("the two countries said") is the two states named before it ------------------------

@pytest.mark.parametrize("text, kind", [
    ("US and Israeli jets struck a Hezbollah depot near Damascus on Monday, the two countries said.", "responsibility_claimed"),
    ("US and Israeli jets struck a Hezbollah depot near Damascus on Monday, the two countries said in a joint statement, "
     "adding that all aircraft returned safely.", "responsibility_claimed"),
    ("Iran and Iraq condemned the strike on a depot near Damascus on Monday, which both governments said was carried out "
     "by Israel.", "attribution"),
])
def test_a_joint_speaker_claims_once_for_each_state(ref, text, kind):
    x = run(ref, text)
    assert sorted(key(c.claimant) for c in claims_of(x, kind)) == sorted(
        {"responsibility_claimed": ["united-states", "israel"], "attribution": ["iran", "iraq"]}[kind]), (text, x.claims)


@pytest.mark.parametrize("text", [
    "US jets struck a Hezbollah depot near Damascus on Monday, the two countries said.",  # one state named: who else?
    "US, Israeli and Iraqi officials met after jets struck a Hezbollah depot near Damascus on Monday, the two countries said.",
])
def test_a_joint_speaker_needs_exactly_two_states(ref, text):
    x = run(ref, text)
    assert not claims_of(x, "responsibility_claimed"), (text, x.claims)


def test_joint_speakers_do_not_blame_themselves(ref):
    x = run(ref, "US and Israeli warships shot down drones launched at ships near Eilat on Monday, the two countries said.")
    assert not any(c.perpetrator and key(c.perpetrator) in ("united-states", "israel") for c in claims_of(x, "attribution")), x.claims
    assert sorted(key(c.claimant) for c in claims_of(x, "interception")) == ["israel", "united-states"], x.claims


# --- a sentence that turns to a place in another country does not refer back --------------------------------

@pytest.mark.parametrize("text", [
    # a roundup's next item: an interception over another country's city is not the strike told before
    "Rockets hit Ain al-Asad on Monday. On Tuesday, air defences intercepted a drone over Eilat, officials said.",
    # nor is what is said after the turn
    "Rockets hit Ain al-Asad on Monday. On Tuesday, air defences intercepted a drone over Eilat, officials said. "
    "No one was hurt, the Pentagon said.",
])
def test_a_turn_to_another_country_links_nothing_back(ref, text):
    x = run(ref, text)
    asad = [i.local_id for i in x.incidents if i.place and i.place.key == "ain-al-asad"]
    assert asad and not any(c.incident in asad for c in x.claims), (text, x.claims)


@pytest.mark.parametrize("text", [
    "Rockets hit Ain al-Asad on Monday. The Pentagon said the rockets were launched from near Damascus and two were "
    "shot down.",  # where they came from
    "Rockets hit Ain al-Asad on Monday. The Pentagon said two were shot down.",  # no place at all
])
def test_the_same_country_or_an_origin_still_refers_back(ref, text):
    x = run(ref, text)
    (c,) = claims_of(x, "interception")
    assert c.incident == x.incidents[0].local_id, (text, x.claims)


# --- a toll whose speaker leaves open where and how it came about is linked to no incident -----------------

def test_a_toll_left_open_is_not_linked(ref):
    x = run(ref, "An Israeli drone hit a car near Damascus on Monday. Hezbollah later announced the deaths of two of its "
                 "fighters, without saying where or how they had been killed.")
    assert [key(c.claimant) for c in claims_of(x, "non_confirmation")] == ["hezbollah"], x.claims
    assert not any(key(c.claimant) == "hezbollah" for c in claims_of(x, "casualty_report")), x.claims


def test_a_toll_said_plainly_is_still_linked(ref):
    x = run(ref, "An Israeli drone hit a car near Damascus on Monday. Hezbollah said two of its fighters were killed in the strike.")
    assert [key(c.claimant) for c in claims_of(x, "casualty_report")] == ["hezbollah"], x.claims


# --- denied and negated statements are never stored as plain assertions -----------------------------------

@pytest.mark.parametrize("text, kind", [
    ("Rockets hit Ain al-Asad on Monday. The Pentagon said the rockets were not intercepted.", None),  # no interception (issue 11)
    ("Rockets hit Ain al-Asad on Monday. The Pentagon said none of them had been shot down, as none had been "
     "detected in time.", None),  # no interception is asserted at all
    ("Rockets hit Ain al-Asad on Monday. The Pentagon rejected claims that the rockets were shot down by Iraqi forces.",
     "interception"),
    ("Rockets hit Ain al-Asad on Monday. The Pentagon denied reports that two soldiers were killed.", "casualty_report"),
])
def test_a_denied_statement_has_the_denied_stance(ref, text, kind):
    x = run(ref, text)
    if kind:
        assert claims_of(x, kind) and all(c.stance == "denied" for c in claims_of(x, kind)), (text, x.claims)
    assert not any(c.stance == "asserted" for c in x.claims if c.type in ("interception", "casualty_report")), (text, x.claims)


@pytest.mark.parametrize("text", [
    "Rockets hit Ain al-Asad on Monday. The Pentagon has not blamed Kata'ib Hezbollah.",
    "Rockets hit Ain al-Asad on Monday. Nobody blamed Kata'ib Hezbollah.",
])
def test_a_negated_attribution_is_none(ref, text):
    x = run(ref, text)
    assert not claims_of(x, "attribution"), (text, x.claims)


@pytest.mark.parametrize("text, kind", [
    ("Rockets hit Ain al-Asad on Monday. The Pentagon blamed Kata'ib Hezbollah.", "attribution"),
    # the denial is another clause's, by another speaker
    ("Rockets hit Ain al-Asad on Monday. Kata'ib Hezbollah denied firing them, but the Pentagon said two were shot down.",
     "interception"),
    # a negation elsewhere in the sentence does not deny the interception
    ("Rockets hit Ain al-Asad on Monday. No one was hurt when the rockets were intercepted, the Pentagon said.", "interception"),
])
def test_plain_statements_stay_asserted(ref, text, kind):
    x = run(ref, text)
    assert [c.stance for c in claims_of(x, kind)] == ["asserted"], (text, x.claims)
