"""Storing extractions: one transaction per article, idempotence, merges across sources, revisions.

These tests build extractions by hand, so that storage is tested apart from
the extraction rules, against a small reference in tests/fixtures/reference.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from eventdb import store
from eventdb.assertions import ActorRef, Article, Claim, DateRef, Extraction, IncidentReport, PlaceRef, Span, Statistic
from eventdb.reference import load_reference, read_reference
from tests.conftest import REPO, count

VERSION = "test-1"


@pytest.fixture()
def ctx(engine):
    with engine.begin() as conn:
        load_reference(conn, read_reference(REPO / "tests" / "fixtures" / "reference"))
        return store.load_context(conn, VERSION)


def span(text_: str, quote: str) -> Span:
    start = text_.index(quote)
    return Span(quote, start, start + len(quote), 0)


def rocket_attack(text_: str, quote: str, projectiles: int, perp: ActorRef | None, basis: str, on=dt.date(2024, 4, 20)) -> IncidentReport:
    return IncidentReport(
        local_id="i1", span=span(text_, quote), event_type="attack", date=DateRef("on Saturday", on, "day"),
        place=PlaceRef("Ain al-Assad", "ain-al-asad", "IQ"), weapons=("rocket",), perpetrator=perp,
        perpetrator_basis=basis, target=ActorRef("US", "united-states"), outcome="hit", projectiles=projectiles,
        injured=2 if projectiles == 14 else None,
    )


A_TEXT = "Fourteen rockets hit the Ain al-Assad base on Saturday, injuring two people."
B_TEXT = "The Islamic Resistance in Iraq said it fired 30 rockets at Ain al-Assad on Saturday."


def extraction_a() -> Extraction:
    return Extraction(VERSION, incidents=(rocket_attack(A_TEXT, "Fourteen rockets hit the Ain al-Assad base on Saturday", 14, None, "unknown"),))


def extraction_b() -> Extraction:
    iri = ActorRef("Islamic Resistance in Iraq", "islamic-resistance-in-iraq")
    report = rocket_attack(B_TEXT, "fired 30 rockets at Ain al-Assad on Saturday", 30, iri, "claimed")
    claim = Claim("responsibility_claimed", "i1", iri, "asserted", span(B_TEXT, B_TEXT), perpetrator=iri, projectiles=30)
    return Extraction(VERSION, incidents=(report,), claims=(claim,))


def put(engine, ctx, article: Article, extraction: Extraction) -> store.StoreResult:
    with engine.begin() as conn:
        return store.store_article(conn, article, extraction, ctx)


def test_same_text_twice_is_unchanged_and_writes_nothing(engine, ctx):
    article = Article(A_TEXT, "a.txt", url="https://example-news.com/a", published=dt.date(2024, 4, 20))
    assert put(engine, ctx, article, extraction_a()).status == "added"
    counts = {t: count(engine, t) for t in ("sources", "claims", "incidents", "claim_actors", "incident_merges")}
    again = put(engine, ctx, Article(A_TEXT + "\n", "copy.txt"), extraction_a())
    assert again.status == "unchanged"
    assert {t: count(engine, t) for t in counts} == counts


def test_two_sources_on_the_same_attack_make_one_incident_with_both_claims(engine, ctx):
    put(engine, ctx, Article(A_TEXT, "a.txt", url="https://example-news.com/a"), extraction_a())
    result = put(engine, ctx, Article(B_TEXT, "b.txt", url="https://other.example.org/b"), extraction_b())
    assert result.incidents_merged == 1 and result.incidents_created == 0
    assert count(engine, "incidents") == 1
    with engine.connect() as conn:
        inc = conn.execute(text("SELECT * FROM incidents")).one()
        assert (inc.projectiles_low, inc.projectiles_high) == (14, 30)
        assert inc.perpetrator_basis == "claimed"
        assert conn.execute(text("SELECT name FROM actors WHERE id = :i"), {"i": inc.perpetrator_actor_id}).scalar() == "Islamic Resistance in Iraq"
        assert conn.execute(text("SELECT count(DISTINCT source_id) FROM claims WHERE incident_id = :i"), {"i": inc.id}).scalar() == 2
        merge = conn.execute(text("SELECT decision, rule, score FROM incident_merges WHERE decision = 'merged'")).one()
        assert merge.rule.startswith("same_place") and float(merge.score) > 0.9
        # the new outlet was created from the url's domain, the known one reused
        assert set(conn.execute(text("SELECT o.key FROM sources s JOIN outlets o ON o.id = s.outlet_id")).scalars()) == {"example-news.com", "other.example.org"}


def test_different_days_stay_different_incidents(engine, ctx):
    put(engine, ctx, Article(A_TEXT, "a.txt"), extraction_a())
    b = extraction_b()
    moved = IncidentReport(**{**b.incidents[0].__dict__, "date": DateRef("on Monday", dt.date(2024, 4, 15), "day")})
    put(engine, ctx, Article(B_TEXT, "b.txt"), Extraction(VERSION, incidents=(moved,)))
    assert count(engine, "incidents") == 2


def test_revision_of_a_url_supersedes_claims_and_deletes_nothing(engine, ctx):
    url = "https://example-news.com/story"
    put(engine, ctx, Article(A_TEXT, "a.txt", url=url), extraction_a())
    revised_text = A_TEXT.replace("two people", "three people")
    ext = Extraction(VERSION, incidents=(rocket_attack(revised_text, "Fourteen rockets hit the Ain al-Assad base on Saturday", 14, None, "unknown"),))
    result = put(engine, ctx, Article(revised_text, "a2.txt", url=url), ext)
    assert result.status == "updated"
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, revises_source_id, superseded_at FROM sources ORDER BY ingested_at, id")).all()
        assert len(rows) == 2
        old = next(r for r in rows if r.superseded_at is not None)
        new = next(r for r in rows if r.superseded_at is None)
        assert new.revises_source_id == old.id
        assert conn.execute(text("SELECT count(*) FROM claims WHERE source_id = :s AND superseded_at IS NOT NULL"), {"s": old.id}).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM claims WHERE superseded_at IS NULL")).scalar() == 1
        # the restated report keeps its incident rather than making a new one
        assert conn.execute(text("SELECT decision FROM incident_merges ORDER BY created_at DESC, decision LIMIT 1")).scalar() == "carried_over"
    assert count(engine, "incidents") == 1


def test_unresolved_names_are_kept_as_written(engine, ctx):
    text_ = "The Saraya Unknown Brigade fired 30 rockets at Ain al-Assad on Saturday."
    ghost = ActorRef("Saraya Unknown Brigade", None)
    report = rocket_attack(text_, "fired 30 rockets at Ain al-Assad on Saturday", 30, ghost, "claimed")
    stat = Statistic(ghost, 40, "some 40", "approx", "strikes", None, None, None, None, span(text_, text_))
    put(engine, ctx, Article(text_, "c.txt"), Extraction(VERSION, incidents=(report,), statistics=(stat,)))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT perpetrator_text, perpetrator_actor_id FROM incidents")).one() == ("Saraya Unknown Brigade", None)
        assert conn.execute(text("SELECT actor_text FROM claim_actors WHERE role = 'perpetrator'")).scalar() == "Saraya Unknown Brigade"
        assert conn.execute(text("SELECT actor_text, count FROM statistics")).one() == ("Saraya Unknown Brigade", 40)


def test_an_article_that_fails_to_store_leaves_nothing_behind(engine, ctx):
    bad = IncidentReport(**{**extraction_a().incidents[0].__dict__, "stance": "rumoured"})  # violates the stance CHECK
    with pytest.raises(IntegrityError):
        put(engine, ctx, Article(A_TEXT, "bad.txt"), Extraction(VERSION, incidents=(bad,)))
    for table in ("sources", "claims", "incidents", "incident_merges", "claim_actors"):
        assert count(engine, table) == 0, table


def test_every_stored_quote_matches_its_offsets(engine, ctx):
    put(engine, ctx, Article(A_TEXT, "a.txt"), extraction_a())
    put(engine, ctx, Article(B_TEXT, "b.txt"), extraction_b())
    with engine.connect() as conn:
        bad = conn.execute(text("""
            SELECT c.id FROM claims c JOIN sources s ON s.id = c.source_id
            WHERE substr(s.text, c.char_start + 1, c.char_end - c.char_start) <> c.quote""")).all()
    assert bad == []


def test_incident_no_longer_reported_leaves_the_report_but_stays_stored(engine, ctx):
    from eventdb.views import sync_views

    url = "https://example-news.com/retracted"
    put(engine, ctx, Article(A_TEXT, "a.txt", url=url), extraction_a())
    put(engine, ctx, Article("Correction: no attack took place on Saturday.", "a2.txt", url=url), Extraction(VERSION))
    with engine.begin() as conn:
        sync_views(conn)
        assert conn.execute(text("SELECT count(*) FROM incidents")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM reports.incidents")).scalar() == 0


def test_an_inverted_statistics_period_keeps_its_words_but_not_its_dates(engine, ctx):
    text_ = "Since November 2023 the group has claimed some 40 strikes."
    stat = Statistic(None, 40, "some 40", "approx", "strikes", None, "Since November 2023",
                     dt.date(2023, 11, 1), dt.date(2023, 10, 26), span(text_, text_))
    assert put(engine, ctx, Article(text_, "s.txt", published=dt.date(2023, 10, 26)), Extraction(VERSION, statistics=(stat,))).status == "added"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT period_text, period_start, period_end FROM statistics")).one() == ("Since November 2023", None, None)


def test_outlet_claimants_resolve_and_unknown_claimants_are_listed_for_curators(engine, ctx):
    from eventdb.views import sync_views

    text_ = "The Times of Israel reported that rockets hit Ain al-Assad on Saturday, Iraqi sources said."
    base_report = extraction_a().incidents[0]
    report = IncidentReport(**{**base_report.__dict__, "span": span(text_, "rockets hit Ain al-Assad on Saturday")})
    claims = (
        Claim("interception", "i1", ActorRef("The Times of Israel", None), "asserted", span(text_, "The Times of Israel reported")),
        Claim("casualty_report", "i1", ActorRef("Iraqi sources", None), "hedged", span(text_, "Iraqi sources said")),
    )
    put(engine, ctx, Article(text_, "c.txt"), Extraction(VERSION, incidents=(report,), claims=claims))
    with engine.begin() as conn:
        sync_views(conn)
        assert conn.execute(text("SELECT claimant_outlet_id IS NOT NULL FROM claims WHERE claim_type = 'interception'")).scalar()
        names = set(conn.execute(text("SELECT name FROM reports.unresolved_names")).scalars())
    assert "Iraqi sources" in names and "The Times of Israel" not in names


class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchall(self):
        return self.rows


def test_superseded_claims_come_back_in_text_order_whatever_order_the_server_returns():
    from eventdb.identity import PriorClaim

    rows = [(9, "incident_report", "b", 40, 60, 90), (7, "incident_report", "a", 0, 20, 70), (3, "incident_report", "a", 0, 20, 30),
            (5, "casualty_report", "c", 0, 20, 50), (None, "affiliation", "d", 70, 80, 10)]
    expected = [PriorClaim("casualty_report", "c", 0, 20, 50, 5), PriorClaim("incident_report", "a", 0, 20, 30, 3),
                PriorClaim("incident_report", "a", 0, 20, 70, 7), PriorClaim("incident_report", "b", 40, 60, 90, 9),
                PriorClaim("affiliation", "d", 70, 80, 10, None)]
    assert store.prior_claims(_Rows(rows)) == expected
    assert store.prior_claims(_Rows(rows[::-1])) == expected
