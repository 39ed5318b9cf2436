"""Extraction rules on sentences written for the tests (not the seeds), plus span round-trips on the seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventdb.articles import read_path
from eventdb.assertions import Article
from eventdb.extract import EXTRACTOR_VERSION, extract
from eventdb.reference import read_reference

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "reference"
SEEDS = Path(__file__).resolve().parent.parent / "seeds" / "articles"
PUB = dt.date(2024, 3, 6)  # a Wednesday


@pytest.fixture(scope="module")
def ref():
    return read_reference(FIXTURE)


def run(ref, text: str, published: dt.date | None = PUB):
    return extract(Article(text=text, origin="test", published=published), ref)


def test_version_is_set(ref):
    assert run(ref, "Nothing happened.").extractor_version == EXTRACTOR_VERSION


def test_passive_attack_with_perpetrator_date_weapon_and_casualties(ref):
    x = run(ref, "On Monday, Erbil Airport was attacked by Kataib Hezbollah with three drones, wounding four soldiers.")
    (i,) = x.incidents
    assert i.place.key == "erbil-airport" and i.date.on == dt.date(2024, 3, 4)
    assert i.perpetrator.key == "kataib-hezbollah" and i.perpetrator_basis == "reported"
    assert i.weapons == ("drone",) and i.projectiles == 3 and i.injured == 4


def test_threats_plans_and_negations_are_not_incidents(ref):
    for text in ("Kataib Hezbollah warned it could strike Ain al-Asad if US forces stay.",
                 "Iran is planning a large missile attack on Haifa next week.",
                 "The Houthis threatened to attack Eilat with drones.",
                 "Israel has refrained from direct strikes on Baghdad.",
                 "Officials fear a possible drone attack on Erbil Airport."):
        assert run(ref, text).incidents == (), text


def test_background_event_after_a_threat_is_kept(ref):
    x = run(ref, "The PMF has been threatening revenge since the January 2020 assassination of IRGC commander Qasem Soleimani.")
    (i,) = x.incidents
    assert i.event_type == "assassination" and i.target.key == "qasem-soleimani"
    assert (i.date.on, i.date.precision) == (dt.date(2020, 1, 1), "month")


def test_aggregates_become_statistics_not_incidents(ref):
    x = run(ref, "Kataib Hezbollah has carried out more than 60 drone attacks against bases in Syria since the beginning of this year.")
    assert x.incidents == ()
    (s,) = x.statistics
    assert (s.count, s.qualifier, s.actor.key) == (60, "more_than", "kataib-hezbollah")
    assert s.period_start == dt.date(2024, 1, 1)


def test_described_groups_are_not_the_state(ref):
    x = run(ref, "Iranian-backed militias have launched about 70 attacks in recent weeks.")
    (s,) = x.statistics
    assert (s.actor is None or s.actor.key is None) and s.count == 70  # rules-8: kept as written, never Iran


def test_two_attacks_in_one_sentence_are_two_incidents(ref):
    x = run(ref, "On Tuesday militants targeted Erbil Airport with a drone and fired 14 rockets at Ain al-Asad, injuring two people.")
    places = [i.place.key for i in x.incidents]
    assert places == ["erbil-airport", "ain-al-asad"]
    assert x.incidents[1].projectiles == 14 and x.incidents[1].injured == 2
    assert x.incidents[0].projectiles == 1


def test_later_sentences_about_the_same_attack_merge_and_carry_claims(ref):
    text = ("A drone struck Ain al-Asad on Sunday. "
            "The Pentagon said the attack injured three soldiers. "
            "Kataib Hezbollah denied any involvement in the attack.")
    x = run(ref, text)
    assert len(x.incidents) == 1
    iid = x.incidents[0].local_id
    types = {(c.type, c.claimant.key if c.claimant else None, c.incident) for c in x.claims}
    assert ("casualty_report", "us-dod", iid) in types
    assert ("involvement_denied", "kataib-hezbollah", iid) in types
    denial = next(c for c in x.claims if c.type == "involvement_denied")
    assert denial.stance == "denied"


def test_hedged_report_is_hedged(ref):
    x = run(ref, "On Friday, Israel reportedly attacked Isfahan with drones.")
    (i,) = x.incidents
    assert i.stance == "hedged" and i.perpetrator.key == "israel" and i.place.key == "isfahan"


def test_non_confirmation_and_interception(ref):
    text = "Israel struck Damascus on Saturday. The Israeli military has not confirmed the strike. Syrian air defenses intercepted two missiles."
    x = run(ref, text)
    kinds = {c.type: c for c in x.claims}
    assert kinds["non_confirmation"].stance == "not_confirmed" and kinds["non_confirmation"].claimant.key == "idf"
    assert "interception" in kinds


def test_claim_of_responsibility_by_unknown_group(ref):
    x = run(ref, "An unknown group claimed responsibility for the rocket attack on Ain al-Asad on Monday.")
    claim = next(c for c in x.claims if c.type == "responsibility_claimed")
    assert claim.claimant.key is None and "unknown group" in claim.claimant.text


def test_affiliation_statements(ref):
    x = run(ref, "Ali, representing the Nujaba Movement, one of the Iranian-backed militias, spoke. PMF deputy chief Abu Mahdi al-Muhandis was there.")
    rels = {(a.actor.text, a.relation, a.related.key) for a in x.affiliations}
    assert ("Nujaba Movement", "backed_by", "iran") in rels
    assert ("Abu Mahdi al-Muhandis", "member_of", "pmf") in rels


def test_no_publication_date_leaves_relative_dates_unresolved(ref):
    x = run(ref, "On Friday, Israel attacked Isfahan with drones.", published=None)
    assert x.incidents[0].date.on is None and x.incidents[0].date.precision == "unknown"


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_span_round_trips_on_the_seeds(ref, path):
    (article,) = list(read_path(path))
    x = extract(article, ref)
    spans = [i.span for i in x.incidents] + [c.span for c in x.claims] + [s.span for s in x.statistics] + \
        [a.span for a in x.affiliations] + [u.sentence for u in x.unresolved]
    for s in spans:
        assert article.text[s.char_start:s.char_end] == s.quote
    for u in x.unresolved:
        assert article.text[u.char_start:u.char_end] == u.name
    refs = [r for i in x.incidents for r in (i.perpetrator, i.target) if r and r.char_start is not None]
    for r in refs:
        assert article.text[r.char_start:r.char_end] == r.text
