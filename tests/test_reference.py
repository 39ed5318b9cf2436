"""Reference data: the files parse and cross-check, and loading them is an idempotent upsert."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from sqlalchemy import text

from eventdb.cli import main
from eventdb.reference import read_reference
from tests.conftest import REPO, count


def _snapshot(engine) -> dict[str, list]:
    with engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2")).all()
            for t in ("actors", "actor_aliases", "places", "place_aliases", "affiliations", "outlets")
        }


def test_bundled_reference_parses_and_covers_the_seed_names():
    ref = read_reference()
    names = {a.name for a in ref.actors} | {alias for a in ref.actors for alias in a.aliases}
    for expected in ("Islamic Resistance in Iraq", "Kata'ib Hezbollah", "Popular Mobilization Forces", "Houthis"):
        assert expected in names
    places = {alias for p in ref.places for alias in (p.name, *p.aliases)}
    for expected in ("Ain al-Assad", "Erbil", "Eilat", "Baghdad", "Haifa"):
        assert expected in places
    # Every place has coordinates, but for the one whose location is not public enough to curate.
    missing = {p.key for p in ref.places if p.lat is None or p.lon is None}
    assert missing <= {"mission-support-site-euphrates"}


def test_load_twice_changes_nothing(use_db, engine):
    runner = CliRunner()
    first = runner.invoke(main, ["reference", "load"])
    assert first.exit_code == 0, first.output
    before = _snapshot(engine)
    assert len(before["actors"]) == len(read_reference().actors)
    second = runner.invoke(main, ["reference", "load"])
    assert second.exit_code == 0, second.output
    assert "0 inserted, 0 updated" in second.output
    assert _snapshot(engine) == before


def test_edited_file_updates_rows_and_kept_rows_survive_removal(use_db, engine, tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(REPO / "seeds" / "reference", folder)
    runner = CliRunner()
    assert runner.invoke(main, ["reference", "load", "--folder", str(folder)]).exit_code == 0
    actors_before = count(engine, "actors")

    actors = (folder / "actors.toml").read_text()
    assert 'name = "Houthis"' in actors
    (folder / "actors.toml").write_text(actors.replace('name = "Houthis"', 'name = "Houthi movement"'))
    result = runner.invoke(main, ["reference", "load", "--folder", str(folder)])
    assert result.exit_code == 0, result.output
    assert "actors: 0 inserted, 1 updated" in result.output
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM actors WHERE name = 'Houthi movement'")).scalar_one() == 1
    assert count(engine, "actors") == actors_before


def test_broken_reference_file_is_a_one_line_error(use_db, tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(REPO / "seeds" / "reference", folder)
    (folder / "affiliations.toml").write_text('[[affiliation]]\nactor = "nobody"\nrelated = "nobody-else"\nrelation = "member_of"\n')
    result = CliRunner().invoke(main, ["reference", "load", "--folder", str(folder)])
    assert result.exit_code == 1
    assert "unknown actor 'nobody'" in result.output


def _with_places_edit(tmp_path, old: str, new: str):
    folder = tmp_path / "reference"
    shutil.copytree(REPO / "seeds" / "reference", folder)
    places = (folder / "places.toml").read_text()
    assert old in places
    (folder / "places.toml").write_text(places.replace(old, new, 1))
    return folder


def test_an_unknown_or_foreign_admin1_is_a_one_line_error(use_db, tmp_path):
    for n, (wrong, message) in enumerate((('admin1 = "JO-ZZ"', "unknown admin1 'JO-ZZ'"),
                                          ('admin1 = "IQ-AN"', "has the admin1 of another country, 'IQ-AN'"))):
        folder = _with_places_edit(tmp_path / str(n), 'admin1 = "JO-MA"', wrong)
        result = CliRunner().invoke(main, ["reference", "load", "--folder", str(folder)])
        assert result.exit_code == 1 and message in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1


def test_a_changed_admin1_updates_the_place_row(use_db, engine, tmp_path):
    folder = _with_places_edit(tmp_path, 'key = "tower-22"\nname = "Tower 22"\nkind = "base"\ncountry = "JO"\nlat = 33.32\nlon = 38.68\nparent = "jordan"\nadmin1 = "JO-MA"',
                               'key = "tower-22"\nname = "Tower 22"\nkind = "base"\ncountry = "JO"\nlat = 33.32\nlon = 38.68\nparent = "jordan"\nadmin1 = "JO-AZ"')
    runner = CliRunner()
    assert runner.invoke(main, ["reference", "load"]).exit_code == 0
    result = runner.invoke(main, ["reference", "load", "--folder", str(folder)])
    assert result.exit_code == 0 and "places: 0 inserted, 1 updated" in result.output, result.output
    with engine.connect() as conn:
        row = conn.execute(text("SELECT admin1_code, admin1 FROM places WHERE key = 'tower-22'")).one()
    assert tuple(row) == ("JO-AZ", "Zarqa")
