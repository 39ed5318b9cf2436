"""Actors roll up to the state or coalition they belong to, so that sides are one-column filters."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from eventdb.reference import default_reference, load_reference


@pytest.fixture()
def reference_engine(engine):
    with engine.begin() as conn:
        load_reference(conn, default_reference())
    return engine


def rows(engine, sql: str, **params) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def sides(engine) -> dict[str, dict]:
    return {r["actor"]: r for r in rows(engine, "SELECT * FROM reports.actor_sides")}


def test_the_curated_actors_roll_up_to_their_state_or_coalition(reference_engine):
    found = sides(reference_engine)
    assert found["US Central Command"]["path"] == ["US Central Command", "Pentagon", "United States"]
    assert found["US Central Command"]["relations"] == ["part_of", "part_of"]
    assert found["Joe Biden"]["side"] == "United States"  # commands the US armed forces, part of the Pentagon
    assert found["Quds Force"]["side"] == "Iran"
    assert found["Israeli Air Force"]["side"] == "Israel"
    assert found["Benjamin Netanyahu"]["side"] == "Israel"
    # Militias roll up through their coalitions, and never into a state's institutions: KH is part of
    # the PMF (formally part of the Iraqi armed forces) but a member of the Islamic Resistance in Iraq.
    assert found["Kata'ib Hezbollah"]["path"] == ["Kata'ib Hezbollah", "Islamic Resistance in Iraq", "Axis of Resistance"]
    assert found["Revenge of al-Muhandis Brigade"]["side"] == "Axis of Resistance"  # a front for KH
    assert found["Popular Mobilization Forces"]["side"] == "Popular Mobilization Forces"
    assert found["Asa'ib Ahl al-Haq"]["side"] == "Popular Mobilization Forces"
    # A state organ goes to its state even when it is also a member of a coalition.
    assert found["Syrian government"]["side"] == "Syria"
    # A state is a top: its alliances are not its side.
    assert found["United States"]["side"] == "United States" and found["United States"]["relations"] == []
    assert found["Iraq"]["side"] == "Iraq"
    assert found["Hayat Tahrir al-Sham"]["side"] == "Hayat Tahrir al-Sham"  # belongs to nothing: its own side
    assert len(found) == rows(reference_engine, "SELECT count(*) AS n FROM actors")[0]["n"]


def test_relations_read_from_articles_do_not_move_an_actor_to_another_side(reference_engine):
    with reference_engine.begin() as conn:
        conn.execute(text("""
            INSERT INTO affiliations (actor_id, related_actor_id, relation, evidence_key, source_id)
            SELECT a.id, r.id, 'member_of', 'claim:1', 1 FROM actors a, actors r
            WHERE a.key = 'us-central-command' AND r.key = 'iran'"""))
    assert sides(reference_engine)["US Central Command"]["side"] == "United States"


def test_which_incidents_targeted_the_united_states_is_a_side_filter(reference_engine):
    with reference_engine.begin() as conn:
        conn.execute(text("""
            INSERT INTO sources (id, content_sha256, published_on, text, origin, extractor_version)
            VALUES (1, repeat('a', 64), DATE '2024-01-21', 'text', 'test', 't1');
            INSERT INTO incidents (id, occurred_on, date_precision, event_type, perpetrator_actor_id, target_actor_id, target_text)
            SELECT n, DATE '2024-01-20', 'day', 'attack',
                   (SELECT id FROM actors WHERE key = 'kataib-hezbollah'), (SELECT id FROM actors WHERE key = k), t
            FROM (VALUES (1, 'us-central-command', NULL), (2, 'us-navy', NULL), (3, 'united-states', NULL),
                         (4, 'israel', NULL), (5, NULL, 'American contractors')) AS v(n, k, t);
            INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, claimant_actor_id, claimant_text,
                                incident_id, quote, char_start, char_end, sentence_index, confidence)
            SELECT n, 1, 't1', 'incident_report', 'asserted', (SELECT id FROM actors WHERE key = k), w, n, 'q', 0, 1, 0, 0.9
            FROM (VALUES (1, 'pentagon', 'the Pentagon'), (2, 'joe-biden', 'Biden'), (3, 'united-states', 'US officials'),
                         (4, 'israel-defense-forces', 'the IDF'), (5, NULL, 'a contractor')) AS v(n, k, w)"""))
    targeted = rows(reference_engine, """SELECT incident_id, target, perpetrator_side FROM reports.incidents
                                         WHERE target_side = 'United States' ORDER BY incident_id""")
    assert [(r["incident_id"], r["target"]) for r in targeted] == [("EV-1", "US Central Command"), ("EV-2", "US Navy"), ("EV-3", "United States")]
    assert {r["perpetrator_side"] for r in targeted} == {"Axis of Resistance"}
    said = rows(reference_engine, "SELECT claim_id, claimant FROM reports.claims WHERE claimant_side = 'United States' ORDER BY claim_id")
    assert [r["claimant"] for r in said] == ["Pentagon", "Joe Biden", "United States"]
    # An unresolved target has no side: it is not guessed from its words.
    assert rows(reference_engine, "SELECT target_side FROM reports.incidents WHERE incident_id = 'EV-5'") == [{"target_side": None}]


def test_merging_sees_a_militia_neither_as_its_state_nor_as_its_states_allies(reference_engine):
    from eventdb import store

    with reference_engine.connect() as conn:
        ctx = store.load_context(conn, "test")
    key = ctx.actor_ids
    sad, kh, iri = key["saraya-awliya-al-dam"], key["kataib-hezbollah"], key["islamic-resistance-in-iraq"]
    # Iraq is a member of the coalition against Daesh; the militias formally in its forces are not.
    assert ctx.related(key["iraq"], key["global-coalition-against-daesh"])
    assert not ctx.related(sad, key["global-coalition-against-daesh"])
    assert not ctx.related(kh, key["iraq"])
    assert ctx.related(sad, kh) and ctx.related(kh, iri)
    assert ctx.related(key["us-central-command"], key["united-states"])
    # Direction checks compare sides: a front for KH is on the side of the Islamic Resistance in Iraq.
    assert ctx.side(sad) == ctx.side(iri) != ctx.side(key["united-states"])
    assert ctx.side(key["us-central-command"]) == ctx.side(key["united-states"]) == key["united-states"]
