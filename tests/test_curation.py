"""Curators' judgements against the real server: applied over the machine's values, shown, kept by
re-extraction and by revised texts, listed when their claim is gone; roles."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.engine import make_url

from eventdb import curation, database, identity, store
from eventdb.assertions import ActorRef, Article, DateRef, Extraction, IncidentReport
from eventdb.cli import main
from eventdb.reference import load_reference, read_reference
from tests.conftest import REPO, SEED_ARTICLES
from tests.test_store import A_TEXT, B_TEXT, VERSION, extraction_a, extraction_b, put, rocket_attack

ALICE = curation.Curator("alice", "checked against the ministry's statement")
URL = "https://example-news.com/story"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).one()


@pytest.fixture()
def ctx(use_db, engine):
    with engine.begin() as conn:
        load_reference(conn, read_reference(REPO / "tests" / "fixtures" / "reference"))
        return store.load_context(conn, VERSION)


def curate(engine, fn, *args):
    with engine.begin() as conn:
        return fn(conn, *args, ALICE)


def report_claim(engine, url: str = URL) -> int:
    return one(engine, """SELECT c.id FROM claims c JOIN sources s ON s.id = c.source_id
                          WHERE s.url = :u AND c.superseded_at IS NULL AND c.claim_type = 'incident_report'""", u=url)[0]


def test_a_corrected_claim_shows_curated_values_in_the_views_and_its_incident(ctx, engine):
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), extraction_a())
    claim = report_claim(engine)
    outcome = curate(engine, curation.correct, str(claim), ["injured=3", "place=erbil"])
    assert len(outcome.judgement_ids) == 2
    row = one(engine, "SELECT injured, curated, judgement_ids, place, incident_id FROM reports.claims WHERE claim_id = :c", c=claim)
    assert row[:4] == (3, True, outcome.judgement_ids, "Erbil")
    # the extractor's values are kept beside the curated ones
    extracted = one(engine, "SELECT extracted FROM claims WHERE id = :c", c=claim)[0]
    assert extracted["injured"] == 2 and extracted["place_id"] is not None
    incident = one(engine, "SELECT injured_high, place, curated, judgement_ids FROM reports.incidents WHERE incident_id = :i", i=row[4])
    assert incident == (3, "Erbil", True, outcome.judgement_ids)
    listed = one(engine, "SELECT kind, field, value, previous_value, status, curator, reason, claim_ids FROM reports.judgements WHERE judgement_id = :j",
                 j=outcome.judgement_ids[0])
    assert listed == ("correct_claim", "injured", "3", "2", "in_force", "alice", ALICE.reason, [claim])


def test_a_corrected_incident_field_outranks_what_new_claims_derive(ctx, engine):
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), extraction_a())
    put(engine, ctx, Article(B_TEXT, "b.txt", url="https://other.example.org/b"), extraction_b())  # 30 rockets, claimed by the IRI
    pid = one(engine, "SELECT incident_id FROM reports.incidents")[0]
    judgement = curate(engine, curation.correct, pid, ["projectiles_high=20", "perpetrator=kataib-hezbollah"]).judgement_ids
    c_text = "Rockets struck the Ain al-Assad base on Saturday, 40 in all."
    c_report = rocket_attack(c_text, "Rockets struck the Ain al-Assad base on Saturday", 40, None, "unknown")
    put(engine, ctx, Article(c_text, "c.txt", url="https://third.example.org/c"), Extraction(VERSION, incidents=(c_report,)))
    row = one(engine, "SELECT projectiles_low, projectiles_high, perpetrator, source_count, curated_fields, judgement_ids FROM reports.incidents")
    assert row[:5] == (14, 20, "Kata'ib Hezbollah", 3, ["projectiles_high", "perpetrator"])
    assert row[5] == judgement


def test_a_curated_correction_survives_reextraction(use_db, engine, monkeypatch):
    import eventdb.ingest

    assert run("ingest", str(SEED_ARTICLES)).exit_code == 0
    claim, key, pid, killed = one(engine, """
        SELECT c.id, c.claim_key, i.public_id, i.killed_high FROM claims c JOIN incidents i ON i.id = c.incident_id
        WHERE c.claim_type = 'incident_report' AND c.killed IS NOT NULL ORDER BY c.id LIMIT 1""")
    fixed = run("curate", "correct", str(claim), f"killed={killed + 10}", "--reason", "the ministry's figure", "--by", "bob")
    assert fixed.exit_code == 0, fixed.output
    on_incident = run("curate", "correct", pid, "event_type=sabotage", "-m", "a pipeline blast")
    assert on_incident.exit_code == 0, on_incident.output

    monkeypatch.setattr(eventdb.ingest, "EXTRACTOR_VERSION", "rules-next")
    assert run("reextract").exit_code == 0
    new_claim, new_killed, curated, new_pid = one(engine, """
        SELECT c.id, c.killed, cardinality(c.judgement_ids) > 0, i.public_id FROM claims c JOIN incidents i ON i.id = c.incident_id
        WHERE c.claim_key = :k AND c.superseded_at IS NULL""", k=key)
    assert new_claim != claim and (new_killed, curated) == (killed + 10, True)
    assert new_pid == pid  # the same reports still cluster: the same id
    assert one(engine, "SELECT killed_high, event_type, curated FROM reports.incidents WHERE incident_id = :i", i=pid) == (killed + 10, "sabotage", True)
    statuses = {s for (s,) in json_rows(run("report", "judgements", "--format", "json"), "status")}
    assert statuses == {"in_force"}


def json_rows(result, *columns):
    assert result.exit_code == 0, result.output
    return [tuple(r[c] for c in columns) for r in json.loads(result.output)]


def test_a_curated_correction_survives_a_revised_text_and_is_listed_when_its_claim_is_gone(ctx, engine):
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), extraction_a())
    claim = report_claim(engine)
    judgement = curate(engine, curation.correct, str(claim), ["projectiles=16"]).judgement_ids[0]
    revised = "Update: " + A_TEXT.replace("two people", "four people")
    ext = Extraction(VERSION, incidents=(rocket_attack(revised, "Fourteen rockets hit the Ain al-Assad base on Saturday", 14, None, "unknown"),))
    put(engine, ctx, Article(revised, "a2.txt", url=URL), ext)
    new_claim = report_claim(engine)
    assert new_claim != claim
    assert one(engine, "SELECT projectiles, judgement_ids FROM reports.claims WHERE claim_id = :c", c=new_claim) == (16, [judgement])
    assert one(engine, "SELECT projectiles_high FROM reports.incidents")[0] == 16
    assert one(engine, "SELECT status, claim_ids FROM reports.judgements")[0:2] == ("in_force", [new_claim])

    # a further revision that no longer makes the claim: the judgement is listed, not lost
    put(engine, ctx, Article("Correction: the base was not hit.", "a3.txt", url=URL), Extraction(VERSION))
    assert one(engine, "SELECT status, claim_ids, incident_id IS NULL FROM reports.judgements") == ("unmatched", None, True)
    assert one(engine, "SELECT count(*) FROM reports.incidents")[0] == 0


def test_a_rejected_claim_leaves_the_views_and_its_incident_and_undo_brings_it_back(ctx, engine):
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), extraction_a())
    put(engine, ctx, Article(B_TEXT, "b.txt", url="https://other.example.org/b"), extraction_b())
    b_report = report_claim(engine, "https://other.example.org/b")
    assert one(engine, "SELECT projectiles_high, source_count FROM reports.incidents") == (30, 2)
    judgement = curate(engine, curation.reject_claim, str(b_report)).judgement_ids[0]
    assert one(engine, "SELECT count(*) FROM reports.claims WHERE claim_id = :c", c=b_report)[0] == 0
    assert one(engine, "SELECT projectiles_high, source_count FROM reports.incidents") == (30, 2)  # B's other claim says 30 too
    assert one(engine, "SELECT claim_count FROM incidents")[0] == 2
    undone = curate(engine, curation.undo, str(judgement)).judgement_ids[0]
    assert one(engine, "SELECT count(*) FROM reports.claims WHERE claim_id = :c", c=b_report)[0] == 1
    assert one(engine, "SELECT claim_count FROM incidents")[0] == 3
    assert one(engine, "SELECT status, withdrawn_by FROM reports.judgements WHERE judgement_id = :j", j=judgement) == ("withdrawn", undone)


def test_merge_redirects_the_absorbed_id_and_split_gives_the_report_its_own_incident(ctx, engine):
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL, published=dt.date(2024, 4, 20)), extraction_a())
    other_day = IncidentReport(**{**extraction_b().incidents[0].__dict__, "date": DateRef("on Monday", dt.date(2024, 4, 29), "day")})
    put(engine, ctx, Article(B_TEXT, "b.txt", url="https://other.example.org/b", published=dt.date(2024, 4, 30)), Extraction(VERSION, incidents=(other_day,)))
    a_id, b_id = (one(engine, "SELECT i.public_id FROM claims c JOIN sources s ON s.id = c.source_id JOIN incidents i ON i.id = c.incident_id WHERE s.url = :u", u=u)[0]
                  for u in (URL, "https://other.example.org/b"))
    assert a_id != b_id
    merged = run("curate", "merge", b_id, a_id.lower(), "-m", "one barrage, misdated")
    assert merged.exit_code == 0, merged.output
    assert f"{b_id} merged into {a_id}" in merged.output  # the earliest report's incident survives
    assert one(engine, "SELECT reports.resolve_incident_id(:p)", p=b_id)[0] == a_id
    assert one(engine, "SELECT count(*), max(source_count), bool_and(curated) FROM reports.incidents") == (1, 2, True)
    via_old = json_rows(run("report", "incidents", "--incident", b_id, "--format", "json"), "incident_id", "source_count")
    assert via_old == [(a_id, 2)]
    assert one(engine, "SELECT reason FROM reports.incident_redirects WHERE old_incident_id = :p", p=b_id)[0] == "merged"

    b_report = report_claim(engine, "https://other.example.org/b")
    split = run("curate", "split", str(b_report), "-m", "a different night after all")
    assert split.exit_code == 0, split.output
    key = one(engine, "SELECT claim_key FROM claims WHERE id = :c", c=b_report)[0]
    assert one(engine, "SELECT count(*) FROM reports.incidents")[0] == 2
    # the split report's incident has the id its report gives, which is the absorbed incident's again
    assert identity.public_id(key) == b_id
    assert one(engine, "SELECT incident_id FROM reports.claims WHERE claim_id = :c", c=b_report)[0] == b_id
    assert one(engine, "SELECT reports.resolve_incident_id(:p)", p=b_id)[0] == b_id
    assert one(engine, "SELECT count(*) FROM reports.incident_redirects")[0] == 0
    kinds = [k for (k,) in json_rows(run("report", "judgements", "--format", "json"), "kind")]
    assert kinds == ["split_report", "merge_incidents"]


def test_a_resolved_name_applies_to_stored_claims_and_to_articles_stored_later(ctx, engine):
    text_ = "The Saraya Unknown Brigade fired 30 rockets at Ain al-Assad on Saturday."
    ghost = ActorRef("Saraya Unknown Brigade", None)
    report = rocket_attack(text_, "fired 30 rockets at Ain al-Assad on Saturday", 30, ghost, "claimed")
    put(engine, ctx, Article(text_, "c.txt"), Extraction(VERSION, incidents=(report,)))
    assert one(engine, "SELECT perpetrator_actor_id IS NULL, perpetrator_text FROM incidents") == (True, "Saraya Unknown Brigade")
    judgement = curate(engine, curation.resolve_name, "saraya unknown brigade", "actor", "kataib-hezbollah").judgement_ids[0]
    assert one(engine, "SELECT perpetrator, curated FROM reports.incidents") == ("Kata'ib Hezbollah", True)
    with engine.begin() as conn:
        later_ctx = store.load_context(conn, VERSION)
    later_text = "The Saraya Unknown Brigade claimed a drone attack on Erbil on Sunday."
    later = rocket_attack(later_text, "a drone attack on Erbil on Sunday", 1, ghost, "claimed", on=dt.date(2024, 5, 5))
    put(engine, later_ctx, Article(later_text, "d.txt"), Extraction(VERSION, incidents=(later,)))
    perpetrators = {p for (p,) in json_rows(run("report", "incidents", "--format", "json"), "perpetrator")}
    assert perpetrators == {"Kata'ib Hezbollah"}
    assert one(engine, "SELECT count(*) FROM claims WHERE :j = ANY(judgement_ids)", j=judgement)[0] == 2


def test_curation_errors_are_one_line(ctx, engine):
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), extraction_a())
    claim = report_claim(engine)
    for args, message in (
        (("correct", str(claim), "killed=many"), "whole number"),
        (("correct", str(claim), "colour=red"), "FIELD one of"),
        (("correct", str(claim), "place=atlantis"), "no reference place"),
        (("correct", "EV-0000000000000", "killed_high=1"), "no incident has the id"),
        (("reject", "123"), "no claim has the id"),
        (("split", str(claim)), "only report"),
        (("undo", "99"), "no judgement"),
        (("resolve", "Somebody"), "exactly one of --actor"),
    ):
        result = CliRunner().invoke(main, ["curate", *args, "-m", "test"])
        assert result.exit_code == 1, (args, result.output)
        assert message in result.output and len(result.output.strip().splitlines()) == 1, result.output
    missing_reason = CliRunner().invoke(main, ["curate", "reject", str(claim)])
    assert missing_reason.exit_code == 2
    assert one(engine, "SELECT count(*) FROM judgements")[0] == 0


def test_a_curator_role_can_curate_and_a_reader_cannot(ctx, engine, fresh_db_url, monkeypatch):
    put(engine, ctx, Article(A_TEXT, "a.txt", url=URL), extraction_a())
    claim = report_claim(engine)
    suffix = uuid.uuid4().hex[:8]
    reader, curator = f"eventdb_reader_{suffix}", f"eventdb_curator_{suffix}"
    try:
        assert run("grant-reader", reader, "--revoke-public").exit_code == 0
        assert run("grant-curator", curator, "--revoke-public").exit_code == 0
        as_role = lambda role: make_url(fresh_db_url).set(username=role, password=None).render_as_string(hide_password=False)  # noqa: E731
        monkeypatch.setenv("EVENTDB_DATABASE_URL", as_role(reader))
        database.target.cache_clear()
        denied = CliRunner().invoke(main, ["curate", "reject", str(claim), "-m", "no"])
        assert denied.exit_code == 1 and "permission denied" in denied.output, denied.output
        monkeypatch.setenv("EVENTDB_DATABASE_URL", as_role(curator))
        database.target.cache_clear()
        allowed = CliRunner().invoke(main, ["curate", "correct", str(claim), "injured=4", "-m", "yes"])
        assert allowed.exit_code == 0, allowed.output
        assert run("report", "incidents", "--format", "json").exit_code == 0
        assert one(engine, "SELECT injured_high FROM incidents")[0] == 4
        assert one(engine, "SELECT db_role FROM judgements")[0] == curator
        with database.make_engine(as_role(curator)).connect() as conn:  # curators write judgements, not articles
            with pytest.raises(Exception, match="permission denied"):
                conn.execute(text("UPDATE claims SET quote = 'x'"))
    finally:
        database.target.cache_clear()
        with engine.begin() as conn:
            for role in (reader, curator):
                if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar():
                    conn.execute(text(f'DROP OWNED BY "{role}"'))
                    conn.execute(text(f'DROP ROLE "{role}"'))
