"""Incident merge rules and incident derivation, without a database."""

from __future__ import annotations

import datetime as dt

from eventdb.resolve import ClaimFacts, Facts, PlaceInfo, decide, derive, period

IRAQ = PlaceInfo(1, "iraq", "country", "IQ", 33.0, 44.0)
ANBAR = PlaceInfo(2, "anbar", "region", "IQ", 33.4, 42.0, frozenset({1}))
ASAD = PlaceInfo(3, "ain-al-asad", "base", "IQ", 33.80, 42.44, frozenset({2, 1}))
ERBIL = PlaceInfo(4, "erbil", "city", "IQ", 36.19, 44.01, frozenset({1}))
ERBIL_AIRPORT = PlaceInfo(5, "erbil-airport", "airport", "IQ", 36.24, 43.96, frozenset({1}))
EILAT = PlaceInfo(6, "eilat", "city", "IL", 29.56, 34.95)
KH, IRI, IDF = 10, 11, 12


def related(a: int, b: int) -> bool:
    return (a, b) == (KH, IRI)  # KH is a member of the IRI


def facts(place=ASAD, on=dt.date(2024, 4, 20), precision="day", kind="attack", perp=None, target=None) -> Facts:
    return Facts(kind, on, precision, place, place.country_code if place else None, perp, target)


def test_period_covers_what_each_precision_allows():
    assert period(dt.date(2024, 2, 1), "month") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period(dt.date(2024, 4, 20), "day") == (dt.date(2024, 4, 19), dt.date(2024, 4, 21))
    assert period(dt.date(2024, 4, 20), "day", slack=False) == (dt.date(2024, 4, 20), dt.date(2024, 4, 20))
    assert period(None, "unknown") is None


def test_same_place_same_day_merges_with_an_explained_rule():
    d = decide(facts(), [(7, facts())], related)
    assert d is not None and d.incident_id == 7
    assert d.rule.startswith("same_place") and d.score == 1.0


def test_a_day_apart_merges_two_days_apart_does_not():
    assert decide(facts(on=dt.date(2024, 4, 21)), [(7, facts())], related) is not None
    assert decide(facts(on=dt.date(2024, 4, 19)), [(7, facts())], related) is not None
    assert decide(facts(on=dt.date(2024, 4, 22)), [(7, facts())], related) is None
    assert decide(facts(on=dt.date(2024, 4, 18)), [(7, facts())], related) is None


def test_month_precision_overlaps_a_day_in_that_month_only():
    month = facts(on=dt.date(2024, 1, 1), precision="month")
    assert decide(facts(on=dt.date(2024, 1, 28)), [(7, month)], related) is not None
    assert decide(facts(on=dt.date(2024, 2, 2)), [(7, month)], related) is None


def test_nearby_points_merge_but_country_level_places_never_do():
    assert decide(facts(place=ERBIL_AIRPORT), [(7, facts(place=ERBIL))], related).rule.startswith("near_place")
    assert decide(facts(place=IRAQ), [(7, facts(place=IRAQ))], related) is None
    assert decide(facts(place=ASAD), [(7, facts(place=IRAQ))], related) is None


def test_place_inside_region_merges():
    d = decide(facts(place=ASAD), [(7, facts(place=ANBAR))], related)
    assert d is not None and d.rule.startswith("place_within")


def test_different_countries_or_unknown_dates_never_merge():
    assert decide(facts(place=EILAT), [(7, facts(place=ASAD))], related) is None
    assert decide(facts(on=None, precision="unknown"), [(7, facts(on=None, precision="unknown"))], related) is None


def test_contradicting_perpetrators_block_a_merge_affiliated_ones_do_not():
    assert decide(facts(perp=KH), [(7, facts(perp=IDF))], related) is None
    assert decide(facts(perp=KH), [(7, facts(perp=IRI))], related) is not None
    assert decide(facts(perp=None), [(7, facts(perp=IDF))], related) is not None


def test_a_strike_and_the_attack_it_answers_never_merge_even_half_named():
    us, centcom, axis = 13, 14, 15
    sides = {KH: axis, IRI: axis, centcom: us}
    side = lambda actor: sides.get(actor, actor)  # noqa: E731
    # The US strikes Kata'ib Hezbollah at the base the same day rockets hit US forces there; when each
    # report names only one side, no perpetrator or target contradicts, only the direction does.
    assert decide(facts(kind="airstrike", perp=us), [(7, facts(target=us))], related, side) is None
    assert decide(facts(kind="airstrike", perp=centcom), [(7, facts(target=us))], related, side) is None
    assert decide(facts(kind="airstrike", target=KH), [(7, facts(perp=KH))], related, side) is None
    assert decide(facts(kind="airstrike", target=IRI), [(7, facts(perp=KH))], related, side) is None
    # The same direction still merges, and without sides an actor is only its own side.
    assert decide(facts(perp=KH), [(7, facts(target=us))], related, side) is not None
    assert decide(facts(target=us), [(7, facts(perp=KH, target=us))], related, side) is not None
    assert decide(facts(kind="airstrike", target=IRI), [(7, facts(perp=KH))], related) is not None


def test_a_place_inside_the_other_merges_only_reports_of_the_same_kind():
    # "US F-15s struck a depot in Anbar province" is not the rocket attack on Ain al-Asad that month.
    assert decide(facts(kind="airstrike", place=ANBAR), [(7, facts(kind="attack", place=ASAD))], related) is None
    assert decide(facts(kind="attack", place=ANBAR), [(7, facts(kind="attack", place=ASAD))], related) is not None
    assert decide(facts(kind="airstrike", place=ASAD), [(7, facts(kind="attack", place=ASAD))], related) is not None


def test_sabotage_does_not_merge_with_an_airstrike():
    assert decide(facts(kind="sabotage"), [(7, facts(kind="airstrike"))], related) is None


def test_best_candidate_wins():
    d = decide(facts(), [(7, facts(place=ANBAR)), (8, facts())], related)
    assert d.incident_id == 8


def claim(**kw) -> ClaimFacts:
    base = dict(claim_type="incident_report", stance="asserted", event_type="attack", occurred_on=None, precision="unknown",
                place=None, place_text=None, country_code=None, weapons=(), outcome=None, killed=None, injured=None,
                projectiles=None, perpetrator_id=None, perpetrator_text=None, perpetrator_basis="unknown",
                target_id=None, target_text=None)
    base.update(kw)
    return ClaimFacts(**base)


def test_derive_keeps_conflicting_counts_as_low_and_high():
    fields = derive([claim(projectiles=14, weapons=("rocket",)), claim(projectiles=30, injured=2), claim(claim_type="casualty_report", injured=3)])
    assert (fields.projectiles_low, fields.projectiles_high) == (14, 30)
    assert (fields.injured_low, fields.injured_high) == (2, 3)
    assert fields.weapons == ["rocket"]


def test_derive_prefers_claimed_over_attributed_over_reported():
    fields = derive([
        claim(perpetrator_id=IDF, perpetrator_basis="reported"),
        claim(claim_type="attribution", perpetrator_id=IRI, perpetrator_basis="attributed"),
        claim(claim_type="responsibility_claimed", perpetrator_id=KH, perpetrator_basis="claimed"),
    ])
    assert (fields.perpetrator_actor_id, fields.perpetrator_basis) == (KH, "claimed")


def test_derive_ignores_denied_statements_for_facts():
    fields = derive([claim(), claim(claim_type="responsibility_denied", stance="denied", perpetrator_id=IDF, perpetrator_basis="unknown")])
    assert fields.perpetrator_actor_id is None


def test_derive_takes_most_precise_date_and_most_specific_place():
    fields = derive([
        claim(occurred_on=dt.date(2024, 1, 1), precision="month", place=IRAQ),
        claim(occurred_on=dt.date(2024, 1, 28), precision="day", place=ASAD),
    ])
    assert (fields.occurred_on, fields.date_precision, fields.place_id, fields.country_code) == (dt.date(2024, 1, 28), "day", 3, "IQ")


def test_derive_outcome_hit_wins_over_interception():
    assert derive([claim(claim_type="interception", stance="asserted")]).outcome == "intercepted"
    assert derive([claim(outcome="hit"), claim(claim_type="interception")]).outcome == "hit"


def test_mergeable_places_are_exactly_those_that_agree():
    from eventdb.resolve import mergeable_places

    places = [IRAQ, ANBAR, ASAD, ERBIL, ERBIL_AIRPORT, EILAT]
    assert mergeable_places(ASAD, places) == {ANBAR.id, ASAD.id}
    assert mergeable_places(ERBIL_AIRPORT, places) == {ERBIL.id, ERBIL_AIRPORT.id}
    assert mergeable_places(IRAQ, places) == frozenset()


def test_corrections_keep_an_incident_consistent():
    from eventdb.resolve import with_corrections

    derived = {"occurred_on": None, "date_precision": "unknown", "place_id": None, "place_text": "x", "country_code": None,
               "perpetrator_actor_id": None, "perpetrator_text": "y", "target_actor_id": None, "target_text": None,
               "killed_low": 2, "killed_best": 5, "killed_high": 5, "injured_low": None, "injured_best": None,
               "injured_high": None, "projectiles_low": None, "projectiles_high": None}
    fields, curated = with_corrections(derived, [("killed_high", 3), ("occurred_on", "2024-04-20"), ("perpetrator", "kh")],
                                       {}, {"kh": 3})
    assert (fields["killed_low"], fields["killed_best"], fields["killed_high"]) == (2, 3, 3)  # best follows the bound
    assert (fields["occurred_on"], fields["date_precision"]) == (dt.date(2024, 4, 20), "day")
    assert (fields["perpetrator_actor_id"], fields["perpetrator_text"]) == (3, None)
    assert curated == ["killed_high", "occurred_on", "perpetrator"]
    widened, _ = with_corrections(derived, [("killed_best", 9)], {}, {})
    assert (widened["killed_low"], widened["killed_best"], widened["killed_high"]) == (2, 9, 9)  # a curated best widens
    lowered, _ = with_corrections(derived, [("killed_low", 7)], {}, {})
    assert (lowered["killed_low"], lowered["killed_best"], lowered["killed_high"]) == (7, 7, 7)
