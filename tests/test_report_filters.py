"""`--actor` by alias, key or id; `--since/--until` and the rows without a date."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventdb import reports
from eventdb.cli import main
from tests.test_report_output import dated_db  # noqa: F401  (fixture)

ALIASES = """
INSERT INTO actors (id, key, name, kind, country_code) VALUES (8, 'hezbollah', 'Hezbollah', 'militia', 'LB');
INSERT INTO actor_aliases (actor_id, alias) VALUES
  (2, 'IRI'), (3, 'Kataib Hezbollah'), (3, 'Kata’ib Hizballah'), (8, 'Hizballah');
"""


@pytest.fixture()
def aliased_db(dated_db):  # noqa: F811
    with dated_db.begin() as conn:
        conn.exec_driver_sql(ALIASES)
    return dated_db


def ids(report: str, *args: str) -> list[int]:
    result = CliRunner().invoke(main, ["report", report, "--format", "json", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [int(r["incident_id"].removeprefix("EV-")) for r in json.loads(result.stdout)]  # hand-inserted: EV-<id>


@pytest.mark.parametrize("actor", ["IRI", "iri", "Islamic Resistance in Iraq", "2"])
def test_actor_by_alias_key_name_or_id(aliased_db, actor):
    assert ids("incidents", "--actor", actor) == [300]


@pytest.mark.parametrize("actor", ["Kataib Hezbollah", "kata'ib hizballah", "Kata’ib Hezbollah", "kataib-hezbollah", "3"])
def test_every_spelling_of_an_actor_finds_its_incidents(aliased_db, actor):
    assert ids("incidents", "--actor", actor) == [500, 200]


def test_a_known_actor_matches_whole_names_not_names_that_contain_it(aliased_db):
    assert ids("incidents", "--actor", "Hizballah") == []  # Hezbollah, not Kata'ib Hezbollah
    assert ids("incidents", "--actor", "hezbollah") == []
    assert ids("incidents", "--actor", "hezb") == [500, 200]  # no actor by that name: part of a name


def test_a_known_actor_is_found_in_list_and_by_columns(aliased_db):
    # contested_incidents.attributed_to reads "Kata'ib Hezbollah (by United States)".
    assert 200 in ids("contested_incidents", "--actor", "united-states")
    assert 200 in ids("contested_incidents", "--actor", "Kataib Hezbollah")


def test_since_until_drop_undated_rows_unless_asked_and_say_so(aliased_db):
    assert 900 not in ids("incidents", "--since", "2020-01-01")
    assert 900 in ids("incidents", "--since", "2020-01-01", "--include-undated")
    assert ids("incidents", "--since", "2024-01-21", "--until", "2024-01-31", "--include-undated") == [300, 200, 900]
    told = CliRunner().invoke(main, ["report", "incidents", "--since", "2020-01-01"], catch_exceptions=False)
    assert "(1 row without a date left out: --include-undated keeps them)" in told.stderr
    kept = CliRunner().invoke(main, ["report", "incidents", "--since", "2020-01-01", "--include-undated"])
    assert "without a date" not in kept.stderr


def test_help_says_which_date_each_report_filters_on():
    help_text = CliRunner().invoke(main, ["report", "--help"]).output
    assert "--include-undated" in help_text
    for spec in reports.report_specs().values():
        if spec.date_column:
            assert f"{spec.name}: {spec.date_column} (" in " ".join(help_text.split())
    assert "claims: published_on (the article's publication date)" in " ".join(help_text.split())


def test_claims_actor_filter_narrows_to_exactly_the_rows_its_columns_match(use_db):
    """`reports.claims_naming` (the actor-rows header of sql/claims.sql) is only a shortcut: with it
    and without it, --actor finds the same claims, for actors, aliases, outlets, hosts and words."""
    import dataclasses

    from sqlalchemy import text

    from eventdb import database
    from tests.conftest import REPO, SEED_ARTICLES

    runner = CliRunner()
    for args in (["reference", "load"], ["ingest", str(SEED_ARTICLES), str(REPO / "tests" / "heldout" / "articles")]):
        assert runner.invoke(main, args, catch_exceptions=False).exit_code == 0
    spec = reports.get_spec("claims")
    assert spec.actor_rows
    plain = dataclasses.replace(spec, actor_rows=None)
    engine = database.make_engine(use_db)
    with engine.connect() as conn:
        values = {v for col in ("claimant", "perpetrator", "target", "outlet")
                  for v in conn.execute(text(f"SELECT DISTINCT {col} FROM reports.claims WHERE {col} IS NOT NULL")).scalars()}
        values |= {"Hezb", "iraqi", "kataib-hezbollah", "IRGC", "reuters", ".com", "no such words"}
        assert len(values) > 20
        for value in sorted(values):
            filters = reports.Filters(actor=value)
            names = reports.actor_names(conn, value)
            found = [conn.execute(text(sql), params).all() for sql, params in
                     (reports.build_query(s, filters, names) for s in (spec, plain))]
            assert found[0] == found[1], value
    engine.dispose()
