"""Republished copies: recognised, linked to their original, adding no incident and no independent source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from eventdb import copies
from eventdb.ingest import ingest
from tests.conftest import REPO, count

WIRE = REPO / "tests" / "dev" / "articles" / "d01_ain_al_assad.txt"


def body_of(path: Path) -> str:
    """The article text without its ' date ... url' header line."""
    return path.read_text(encoding="utf-8").split("\n", 1)[1].lstrip("\n")


def write_article(folder: Path, name: str, published: str, url: str, body: str) -> Path:
    path = folder / name
    path.write_text(f" date {published} {url}\n\n{body}", encoding="utf-8")
    return path


def republished(body: str) -> str:
    """The wire story as an aggregator reposts it: its own header and trailer, a headline and a word changed."""
    edited = body.replace("Missiles and rockets hit Ain al-Assad air base in western Iraq",
                          "Iran-backed militants strike Ain al-Assad base")
    edited = edited.replace("A damage assessment was under way.", "A damage assessment was underway.")
    header = "World News | Middle East\nBy Staff and Agencies\n\n"
    trailer = ("\n\nThis story was originally published by a news agency and is republished here with permission.\n"
               "Follow us for the latest news from the region. Share this article: Facebook, X, WhatsApp, Email.\n")
    return header + edited + trailer


def incident_rows(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(
            "SELECT incident_id, source_count, independent_source_count FROM reports.incidents ORDER BY incident_id"))]


# --- without a database ------------------------------------------------------------------------------


def test_a_republished_text_keeps_most_of_its_shingles_and_another_article_does_not():
    wire = copies.shingles(body_of(WIRE))
    copy = copies.shingles(republished(body_of(WIRE)))
    other = copies.shingles(body_of(REPO / "tests" / "dev" / "articles" / "d06_us_retaliation.txt"))
    assert copies.containment(copy, wire) >= 0.8
    assert copies.containment(other, wire) < 0.15


def test_near_duplicates_share_a_band_key_and_unrelated_texts_do_not():
    wire = copies.fingerprint(body_of(WIRE))
    copy = copies.fingerprint(republished(body_of(WIRE)))
    other = copies.fingerprint(body_of(REPO / "tests" / "dev" / "articles" / "d06_us_retaliation.txt"))
    assert len(wire.bands) == copies.BANDS
    assert set(wire.bands) & set(copy.bands)
    assert not set(wire.bands) & set(other.bands)
    assert copies.fingerprint("").bands == []


def facts(quote: str, **changes) -> copies.ReportFacts:
    base = dict(quote=quote, event_type="attack", place_id=7, killed=None, injured=1, projectiles=None,
                occurred_on=dt.date(2024, 1, 20), date_text="Saturday")
    return copies.ReportFacts(**{**base, **changes})


def test_a_near_duplicate_whose_reports_state_other_facts_is_not_a_copy():
    text_ = body_of(WIRE)
    stored = copies.Candidate(1, None, text_, [(facts("Militants fired missiles at the base on Saturday."), 10)])
    new = copies.fingerprint(text_)
    # Another quote stating the same facts (an edited sentence), dated by the same words: a copy.
    same = copies.find_copy(new, [("i1", facts("Militants fired ballistic missiles at the base on Saturday.",
                                                  occurred_on=dt.date(2024, 1, 27)))], [stored])
    assert same is not None and same.incident_of == {"i1": 10} and same.same_quote == {"i1": False}
    # The same template about another day's attack with another toll: not a copy.
    for change in ({"injured": 3}, {"place_id": 8}, {"occurred_on": dt.date(2024, 2, 3), "date_text": "Feb. 3"}):
        assert copies.find_copy(new, [("i1", facts("Militants fired missiles at a base.", **change))], [stored]) is None
    # A copy of a copy links to the original.
    relayed = copies.Candidate(2, 1, text_, stored.reports)
    assert copies.find_copy(new, [], [relayed]).original_id == 1


# --- on the database ---------------------------------------------------------------------------------


def test_a_republished_copy_adds_no_incident_and_no_independent_source(use_db, engine, tmp_path):
    wire = write_article(tmp_path, "wire.txt", "2024-01-21", "https://wire.example.net/ain-al-assad", body_of(WIRE))
    ingest(engine, [str(wire)])
    before = incident_rows(engine)
    assert before and all(r["independent_source_count"] == 1 for r in before)
    incidents, claims = count(engine, "incidents"), count(engine, "claims")

    copy = write_article(tmp_path, "copy.txt", "2024-01-22", "https://aggregator.example.com/world/ain-al-assad-strike",
                         republished(body_of(WIRE)))
    summary = ingest(engine, [str(copy)])
    assert (summary.added, summary.incidents_created) == (1, 0)
    assert count(engine, "incidents") == incidents
    assert count(engine, "claims") > claims  # the copy's own claims are kept, with their quotes
    after = incident_rows(engine)
    assert [r["incident_id"] for r in after] == [r["incident_id"] for r in before]
    assert all(r["independent_source_count"] == 1 for r in after)
    assert all(r["source_count"] == 2 for r in after)  # every incident of the story, the background one too
    with engine.connect() as conn:
        wire_id, copy_of = conn.execute(text("SELECT min(id) FILTER (WHERE copy_of IS NULL), max(copy_of) FROM sources")).one()
        assert copy_of == wire_id
        rules = conn.execute(text("""SELECT DISTINCT m.rule FROM incident_merges m JOIN claims c ON c.id = m.claim_id
                                     JOIN sources s ON s.id = c.source_id WHERE s.copy_of IS NOT NULL""")).scalars().all()
        assert rules == ["copy_of_source"]


def test_an_independent_report_of_the_same_event_counts_and_a_copy_arriving_first_is_the_original(use_db, engine, tmp_path):
    copy = write_article(tmp_path, "copy.txt", "2024-01-21", "https://aggregator.example.com/a", republished(body_of(WIRE)))
    wire = write_article(tmp_path, "wire.txt", "2024-01-21", "https://wire.example.net/a", body_of(WIRE))
    ingest(engine, [str(copy)])
    incidents = count(engine, "incidents")
    ingest(engine, [str(wire)])
    assert count(engine, "incidents") == incidents
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sources WHERE copy_of IS NOT NULL")).scalar_one() == 1
    other = write_article(tmp_path, "other.txt", "2024-01-21", "https://news.example.org/b", (
        "Attack on US base in Iraq\n\nIran-backed militants fired several ballistic missiles at Ain al-Assad air base "
        "in western Iraq on Saturday, US officials said. Some US personnel were checked for brain injuries.\n"))
    ingest(engine, [str(other)])
    with engine.connect() as conn:
        ain = conn.execute(text("""SELECT source_count, independent_source_count FROM reports.incidents
                                   WHERE place = 'Ain al-Asad Air Base' AND occurred_on = DATE '2024-01-20'""")).all()
    assert (3, 2) in [tuple(r) for r in ain]


def test_the_same_template_about_another_event_is_not_a_copy(use_db, engine, tmp_path):
    wire = write_article(tmp_path, "wire.txt", "2024-01-21", "https://wire.example.net/a", body_of(WIRE))
    ingest(engine, [str(wire)])
    incidents = count(engine, "incidents")
    # The same wording a week later at another base, with another figure.
    again = body_of(WIRE).replace("Ain al-Assad", "Harir").replace("15 missiles", "6 missiles").replace(
        "Anbar province", "Erbil province")
    ingest(engine, [str(write_article(tmp_path, "again.txt", "2024-01-28", "https://wire.example.net/b", again))])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sources WHERE copy_of IS NOT NULL")).scalar_one() == 0
    assert count(engine, "incidents") > incidents
