"""Rules-8, area g: incidents a statistic-looking phrase used to hide, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdb.assertions import Article
from eventdb.extract import extract
from eventdb.reference import default_reference

PUB = dt.date(2024, 11, 20)  # a Wednesday


@pytest.fixture(scope="module")
def ref():
    return default_reference()


def run(ref, text: str, published: dt.date | None = PUB):
    return extract(Article(text=text, origin="test", published=published), ref)


def test_ranked_period_is_not_a_tally(ref):
    # the period belongs to "the first ... since", which ranks this one launch: an incident, no statistic
    x = run(ref, "On 9 November, four rockets were launched from Syria toward Kiryat Shmona, the first such fire since the summer.")
    assert not x.statistics
    (i,) = x.incidents
    assert i.date.on == dt.date(2024, 11, 9) and i.projectiles == 4


def test_period_of_a_tally_still_counts(ref):
    # negative: a real period with a perfect verb stays a statistic and names no incident
    x = run(ref, "Militias have fired 120 rockets toward Kiryat Shmona since the summer.")
    assert [s.count for s in x.statistics] == [120]
    assert not x.incidents


def test_when_clause_of_a_since_date_is_an_event(ref):
    # the count stands in the "when" clause of the day the period starts from: that day's launch, dated by it
    x = run(ref, "Israel has been on alert since September 14, when Hezbollah fired about 50 rockets at Kiryat Shmona.")
    assert not x.statistics
    (i,) = x.incidents
    assert i.date.on == dt.date(2024, 9, 14) and i.perpetrator.key == "hezbollah"


def test_count_after_a_since_date_without_when_stays_a_tally(ref):
    # negative: no "when" clause, the count is the period's
    x = run(ref, "Hezbollah has fired about 50 rockets at Kiryat Shmona since September 14.")
    assert [s.count for s in x.statistics] == [50]
    assert not x.incidents


def test_state_strike_killing_another_states_forces_is_an_airstrike(ref):
    # the strike's clause kills the other state's men where it fell: they are its victims, the strike was flown
    x = run(ref, "On Monday, an Israeli strike in Aleppo killed three IRGC officers.")
    (i,) = x.incidents
    assert i.event_type == "airstrike" and i.perpetrator.key == "israel" and i.killed == 3


def test_state_strike_on_another_states_site_stays_an_attack(ref):
    # negative: a strike on the other state's site (its name before the toll) says nothing of how it was carried out
    x = run(ref, "On Monday, an Israeli strike on the IRGC compound killed three people.")
    (i,) = x.incidents
    assert i.event_type == "attack"


def test_bare_quantifier_subject_tells_the_barrage_again(ref):
    # "but several struck ...": the quantifier counts the rockets of the sentence before, no second attack
    x = run(ref, "On Monday, Hezbollah fired about 40 rockets at Israel. Most were shot down by air defences, "
                 "but several struck near Kiryat Shmona, damaging a warehouse.")
    (i,) = x.incidents
    assert i.perpetrator.key == "hezbollah" and i.date.on == dt.date(2024, 11, 18)


def test_quantifier_with_its_noun_is_a_new_incident(ref):
    # negative: "several drones struck" names its weapons: an incident of its own
    x = run(ref, "On Monday, several drones struck a base near Kiryat Shmona.")
    (i,) = x.incidents
    assert i.weapons == ("drone",)


def test_wave_that_afternoon_is_that_days_incident(ref):
    # "dozens of targets ... that afternoon": one day's wave, dated from the incident just told, not a tally
    x = run(ref, "On Sunday morning, two rockets were fired from Lebanon at Kiryat Shmona. Nobody claimed the launch. "
                 "The IDF struck dozens of Hezbollah targets in southern Lebanon that afternoon.")
    assert not x.statistics
    strike = next(i for i in x.incidents if i.event_type == "airstrike")
    assert strike.date.on == dt.date(2024, 11, 17) and strike.target.key == "hezbollah"


def test_dozens_of_strikes_over_a_period_stay_a_tally(ref):
    # negative: no part of a day, a perfect over a period: a statistic, no incident
    x = run(ref, "Since October, the IDF has struck dozens of Hezbollah targets in southern Lebanon, often at night.")
    assert [s.count for s in x.statistics] == [24]
    assert not x.incidents


def test_separate_attack_told_next_takes_the_storys_day(ref):
    # "In a separate attack, ...": another incident of the same day's story, dated by the one just told
    x = run(ref, "Hezbollah fired about 40 rockets at the Golan Heights on Monday, the army said. In a separate attack, an "
                 "explosive drone launched from Lebanon slammed into a house in Metula, the army said.")
    metula = next(i for i in x.incidents if i.place and i.place.key == "metula")
    assert metula.date.on == dt.date(2024, 11, 18)
    assert len(x.incidents) == 2


def test_undated_attack_without_a_tie_stays_undated(ref):
    # negative: no connector, another country: nothing ties the second attack to the first one's day
    x = run(ref, "Hezbollah fired about 40 rockets at Kiryat Shmona on Monday, the army said. An explosive drone "
                 "slammed into a house in Baghdad, police said.")
    baghdad = next(i for i in x.incidents if i.place and i.place.key == "baghdad")
    assert baghdad.date is None or baghdad.date.on is None
