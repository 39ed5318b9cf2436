"""Casualty figures: low, best and high, zeros said of other people, the most recent independent source."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from eventdb import casualties
from eventdb.casualties import Figure
from eventdb.ingest import ingest

D = dt.date


def test_a_zero_never_lowers_a_bound_a_positive_figure_sets():
    # "Two militiamen were killed" and "no US personnel were killed" about one strike.
    assert casualties.estimates([Figure(1, D(2024, 2, 5), 2), Figure(2, D(2024, 2, 5), 0)]) == (2, 2, 2)
    assert casualties.estimates([Figure(1, D(2024, 2, 5), 0), Figure(2, D(2024, 2, 6), 0)]) == (0, 0, 0)
    assert casualties.estimates([]) == (None, None, None)


def test_best_is_the_most_recent_independent_reports_figure():
    figures = [Figure(1, D(2024, 2, 5), 2), Figure(2, D(2024, 2, 7), 4), Figure(3, D(2024, 2, 6), 9)]
    assert casualties.estimates(figures) == (2, 4, 9)
    # A report's figure is the highest it states; a copy republished later does not make its figure newer.
    assert casualties.estimates([Figure(1, D(2024, 2, 5), 2), Figure(1, D(2024, 2, 5), 3), Figure(2, D(2024, 2, 4), 7),
                                 Figure(2, D(2024, 2, 9), 7)]) == (2, 3, 7)
    # Two reports of the latest day that differ: the lower; undated reports count as the oldest.
    assert casualties.estimates([Figure(1, D(2024, 2, 7), 5), Figure(2, D(2024, 2, 7), 3), Figure(3, None, 1)]) == (1, 3, 5)
    assert casualties.estimates([Figure(1, None, 5), Figure(2, None, 3)]) == (3, 3, 5)


def test_recompute_all_rederives_every_incident(engine):
    with engine.begin() as conn:
        conn.execute(text("""
            INSERT INTO sources (id, content_sha256, published_on, text, origin, extractor_version, copy_of) VALUES
              (1, repeat('a', 64), DATE '2024-02-05', 't1', 'test', 't1', NULL),
              (2, repeat('b', 64), DATE '2024-02-07', 't2', 'test', 't1', NULL),
              (3, repeat('c', 64), DATE '2024-02-09', 't3', 'test', 't1', 1);
            INSERT INTO incidents (id, occurred_on, date_precision, event_type, killed_low, killed_high, injured_low, injured_high)
            VALUES (10, DATE '2024-02-04', 'day', 'airstrike', 0, 4, 0, 0), (20, NULL, 'unknown', 'attack', NULL, NULL, NULL, NULL);
            INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, incident_id, killed, injured,
                                quote, char_start, char_end, sentence_index, confidence)
            VALUES (1, 1, 't1', 'incident_report', 'asserted', 10, 2, 0, 'q', 0, 1, 0, 0.9),
                   (2, 1, 't1', 'casualty_report', 'asserted', 10, 0, 0, 'no US personnel were hurt', 0, 1, 1, 0.9),
                   (3, 2, 't1', 'casualty_report', 'asserted', 10, 4, NULL, 'the toll rose to four', 0, 1, 0, 0.9),
                   (4, 2, 't1', 'casualty_report', 'denied', 10, 30, NULL, 'denied that 30 died', 0, 1, 1, 0.9),
                   (5, 3, 't1', 'incident_report', 'asserted', 10, 2, 0, 'q', 0, 1, 0, 0.9)"""))
        assert casualties.recompute_all(conn) == 1
        got = conn.execute(text("""SELECT killed_low, killed_best, killed_high, injured_low, injured_best, injured_high
                                   FROM incidents WHERE id = 10""")).one()
        # The copy (source 3) published last restates its original: the best stays the toll of source 2.
        assert tuple(got) == (2, 4, 4, 0, 0, 0)
        assert casualties.recompute_all(conn) == 0


def test_ingest_keeps_the_low_bound_and_takes_the_later_toll_as_best(use_db, engine, tmp_path):
    first = tmp_path / "a1.txt"
    first.write_text(
        " date 2024-02-05 https://news.example.org/1\n\nDrone strike kills militia commander in Baghdad\n\n"
        "A US drone strike killed two members of Kataib Hezbollah in eastern Baghdad on Sunday, Iraqi security "
        "officials said. No US personnel were hurt, a US official said.\n", encoding="utf-8")
    later = tmp_path / "a2.txt"
    later.write_text(
        " date 2024-02-06 https://other.example.com/2\n\nToll rises after Baghdad drone strike\n\n"
        "A US drone strike on a car in eastern Baghdad on Sunday killed four members of Kataib Hezbollah, Iraqi "
        "security officials said on Monday.\n", encoding="utf-8")
    ingest(engine, [str(first)])
    ingest(engine, [str(later)])
    with engine.connect() as conn:
        got = conn.execute(text("""SELECT killed_low, killed_best, killed_high FROM reports.incidents
                                   WHERE place = 'Baghdad' AND occurred_on = DATE '2024-02-04'""")).all()
    assert [tuple(r) for r in got] == [(2, 4, 4)]
    with engine.connect() as conn:  # "No US personnel were hurt" is said of other people than the victims: no toll
        assert conn.execute(text("SELECT injured_low, injured_best FROM reports.incidents WHERE place = 'Baghdad'")).one() == (None, None)
