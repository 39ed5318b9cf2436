"""The reports on the seed articles, ingested through the CLI: what an analyst would check first."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from eventdb import database
from eventdb.cli import main
from tests.conftest import SEED_ARTICLES

pytest.importorskip("eventdb.ingest")


@pytest.fixture()
def seeded(use_db):
    runner = CliRunner()
    for args in (["reference", "load"], ["ingest", str(SEED_ARTICLES)]):
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    engine = database.make_engine(use_db)
    yield engine
    engine.dispose()


def rows(engine, sql: str) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]


def test_every_view_reads_the_seeded_database(seeded):
    with seeded.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM reports.incidents")).scalar_one() == \
            conn.execute(text("SELECT count(*) FROM incidents")).scalar_one() > 0
        for view in conn.execute(text("SELECT viewname FROM pg_views WHERE schemaname = 'reports'")).scalars():
            conn.execute(text(f"SELECT * FROM reports.{view}")).all()


def test_islamic_resistance_in_iraq_reaches_the_irgc(seeded):
    paths = rows(seeded, """SELECT * FROM reports.actor_network
                            WHERE actor = 'Islamic Resistance in Iraq' AND ancestor = 'Islamic Revolutionary Guard Corps'""")
    assert paths and min(p["depth"] for p in paths) == 1


def test_kalsu_strike_appears_once_with_one_killed_and_six_injured(seeded):
    kalsu = rows(seeded, """SELECT * FROM reports.incidents
                            WHERE target = 'Popular Mobilization Forces' AND occurred_on = DATE '2024-04-19'""")
    assert len(kalsu) == 1
    assert (kalsu[0]["killed_low"], kalsu[0]["killed_high"]) == (1, 1)
    assert (kalsu[0]["injured_low"], kalsu[0]["injured_high"]) == (6, 6)


def test_ain_al_asad_attack_in_seed_003_is_contested_14_against_30(seeded):
    contested = rows(seeded, "SELECT * FROM reports.contested_incidents WHERE place = 'Ain al-Asad Air Base'")
    assert len(contested) == 1
    values = contested[0]["projectiles_values"] or ""
    assert "projectiles" in contested[0]["disputes"]
    assert values.startswith("30 (Revenge of al-Muhandis Brigade)") and "; 14 (" in values
