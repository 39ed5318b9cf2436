"""Every gold file is well formed, so a score computed from it measures the extractor, not the annotation.

Covers tests/gold (the seed articles), tests/heldout, tests/dev, tests/blind, tests/check and tests/check2. Checks:
quotes occur verbatim in the article text as eventdb reads it (so .json and .html pages
are checked against their extracted text, not their markup); actor and place names are
canonical reference names, not aliases, unless the gold record lists them under
`not_in_reference` (and a listed name must really be unknown to the reference and used
in the record); ids, claim links and vocabularies are valid.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventdb.articles import ReadError, iter_paths, read_path
from eventdb.assertions import CLAIM_TYPES, EVENT_TYPES, OUTCOMES, PERPETRATOR_BASES, PRECISIONS, QUALIFIERS
from eventdb.evaluate import _fold
from eventdb.reference import Reference, default_reference

ROOT = Path(__file__).resolve().parent.parent
ACTOR_FIELDS = (("incidents", "perpetrator"), ("incidents", "target"), ("claims", "claimant"), ("statistics", "actor"))
EXPECTED_SETS = ("gold", "heldout", "dev", "blind", "check", "check2")


@dataclass(frozen=True)
class GoldSet:
    gold: Path
    articles: Path

    def __str__(self) -> str:
        return str(self.gold.relative_to(ROOT))


def gold_sets() -> list[GoldSet]:
    """The seed gold files pair with seeds/articles; every other set keeps its articles next to its gold file."""
    sets = [GoldSet(path, ROOT / "seeds" / "articles") for path in sorted((ROOT / "tests" / "gold").glob("*.jsonl"))]
    for name in EXPECTED_SETS[1:]:
        path = ROOT / "tests" / name / "gold.jsonl"
        if path.exists():
            sets.append(GoldSet(path, path.parent / "articles"))
    return sets


def rows(gold_set: GoldSet) -> list[dict]:
    lines = gold_set.gold.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def article_text(gold_set: GoldSet, name: str) -> str:
    items = list(read_path(gold_set.articles / name))
    assert items and not isinstance(items[0], ReadError), f"{gold_set}: cannot read {name}: {items[:1]}"
    return items[0].text


@pytest.fixture(scope="module")
def reference() -> Reference:
    return default_reference()


def canonical_actors(reference: Reference) -> set[str]:
    """Actor names plus outlet names (an outlet is the claimant when it reports in its own voice);
    outlets are also accepted without a leading "The", as reports usually cite them."""
    outlets = {o.name for o in reference.outlets}
    return {a.name for a in reference.actors} | outlets | {n[4:] for n in outlets if n.startswith("The ")}


def known_spellings(reference: Reference) -> set[str]:
    """Every name and alias the reference knows, folded as the evaluator folds them."""
    names: set[str] = set()
    for entry in (*reference.actors, *reference.outlets, *reference.places):
        names.update(_fold(n) for n in (entry.name, *entry.aliases))
    return names


def actor_names(row: dict) -> list[str]:
    return [item[key] for section, key in ACTOR_FIELDS for item in row.get(section, []) if item.get(key)]


def place_names(row: dict) -> list[str]:
    return [i["place"] for i in row["incidents"] if i.get("place")]


def test_all_expected_sets_are_present():
    found = {s.gold.parent.name for s in gold_sets()}
    assert set(EXPECTED_SETS) <= found, found


@pytest.mark.parametrize("gold_set", gold_sets(), ids=str)
def test_every_article_has_exactly_one_gold_line(gold_set: GoldSet):
    named = [r["article"] for r in rows(gold_set)]
    assert len(named) == len(set(named)), f"{gold_set}: an article is annotated twice"
    on_disk = {p.name for p in iter_paths([gold_set.articles])}
    assert set(named) == on_disk


@pytest.mark.parametrize("gold_set", gold_sets(), ids=str)
def test_quotes_occur_verbatim_in_the_article(gold_set: GoldSet):
    for row in rows(gold_set):
        text = article_text(gold_set, row["article"])
        for section in ("incidents", "claims", "statistics"):
            for item in row.get(section, []):
                assert item["quote"] and item["quote"] in text, f"{gold_set} {row['article']} {section}: {item['quote']!r}"


@pytest.mark.parametrize("gold_set", gold_sets(), ids=str)
def test_published_and_url_match_what_the_reader_finds(gold_set: GoldSet):
    for row in rows(gold_set):
        article = next(iter(read_path(gold_set.articles / row["article"])))
        assert row["published"] == (article.published.isoformat() if article.published else None), row["article"]
        assert row["url"] == article.url, row["article"]


@pytest.mark.parametrize("gold_set", gold_sets(), ids=str)
def test_names_are_canonical_or_marked_as_not_in_reference(gold_set: GoldSet, reference: Reference):
    actors = canonical_actors(reference)
    places = {p.name for p in reference.places}
    known = known_spellings(reference)
    for row in rows(gold_set):
        unlisted = set(row.get("not_in_reference", []))
        label = f"{gold_set} {row['article']}"
        for name in actor_names(row):
            assert name in actors or name in unlisted, f"{label}: actor {name!r} is neither canonical nor marked"
        for name in place_names(row):
            assert name in places or name in unlisted, f"{label}: place {name!r} is neither canonical nor marked"
        for name in unlisted:
            assert _fold(name) not in known, f"{label}: {name!r} is marked as not in the reference but is known to it"
            assert name in actor_names(row) + place_names(row), f"{label}: {name!r} is marked but never used"


@pytest.mark.parametrize("gold_set", gold_sets(), ids=str)
def test_ids_links_and_vocabularies_are_valid(gold_set: GoldSet, reference: Reference):
    weapons = {w.key for w in reference.weapons}
    countries = {p.country for p in reference.places if p.kind == "country"}
    for row in rows(gold_set):
        label = f"{gold_set} {row['article']}"
        ids = [i["id"] for i in row["incidents"]]
        assert len(ids) == len(set(ids)), f"{label}: duplicate incident id"
        for inc in row["incidents"]:
            assert inc["kind"] in EVENT_TYPES and inc["outcome"] in OUTCOMES, label
            assert inc["perpetrator_basis"] in PERPETRATOR_BASES and inc["date_precision"] in PRECISIONS, label
            assert (inc["date"] is None) == (inc["date_precision"] == "unknown"), f"{label} {inc['id']}: date vs precision"
            if inc["date"]:
                dt.date.fromisoformat(inc["date"])
            assert inc["country"] is None or inc["country"] in countries, f"{label} {inc['id']}: country {inc['country']}"
            assert set(inc["weapons"]) <= weapons, f"{label} {inc['id']}: {inc['weapons']}"
            assert inc["perpetrator"] is not None or inc["perpetrator_basis"] == "unknown", f"{label} {inc['id']}"
        for claim in row["claims"]:
            assert claim["type"] in CLAIM_TYPES, label
            assert claim["incident"] is None or claim["incident"] in ids, f"{label}: claim links {claim['incident']}"
        for stat in row["statistics"]:
            assert stat["qualifier"] in QUALIFIERS and isinstance(stat["count"], int), label
