"""Exports: every report in every format, ids as strings in JSON, and an ACLED file that pandas loads."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import text

from eventdb import acled, casualties, database
from eventdb.cli import main
from eventdb.sides import refresh_sides
from tests.test_reports_data import load_dataset

# A country-level incident (the place is the country, its point the country's reference point) and a
# quote a spreadsheet would run as a formula.
MORE = """
INSERT INTO places (id, key, name, kind, country_code, latitude, longitude) VALUES (3, 'syria', 'Syria', 'country', 'SY', 35.0, 38.5);
INSERT INTO incidents (id, occurred_on, date_precision, event_type, place_id, country_code, outcome, weapons, perpetrator_actor_id)
VALUES (600, DATE '2024-03-01', 'week', 'airstrike', 3, 'SY', 'intercepted', '{drone}', 6),
       (700, NULL, 'unknown', 'attack', NULL, 'IQ', 'unknown', '{}', NULL);
INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, incident_id, quote, char_start, char_end, sentence_index, confidence)
VALUES (6001, 3, 't1', 'incident_report', 'asserted', 600, '=HYPERLINK("x") drones were shot down over Syria', 0, 10, 0, 0.7),
       (7001, 3, 't1', 'incident_report', 'asserted', 700, 'an attack in Iraq, at some point', 0, 10, 1, 0.7);
"""


@pytest.fixture()
def data_db(use_db):
    engine = database.make_engine(use_db)
    load_dataset(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(MORE)
        casualties.recompute_all(conn)
        refresh_sides(conn)
    engine.dispose()
    return use_db


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_acled_export_loads_with_pandas(data_db, tmp_path):
    out = tmp_path / "acled.csv"
    result = run("export", "incidents", "--format", "acled", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "left out 1 undated incidents" in result.output  # incident 700
    frame = pd.read_csv(out, dtype={"event_id_cnty": str}, parse_dates=["event_date"])
    assert list(frame.columns) == list(acled.COLUMNS)
    assert len(frame) == 6 and "EV-700" not in set(frame["event_id_cnty"])
    assert str(frame["event_date"].dtype).startswith("datetime64")
    for column in ("year", "time_precision", "fatalities", "timestamp"):
        assert pd.api.types.is_integer_dtype(frame[column]), column
    rows = frame.set_index("event_id_cnty")
    ain = rows.loc["EV-100"]
    assert (ain["event_type"], ain["sub_event_type"]) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert (ain["actor1"], ain["assoc_actor_1"], ain["actor2"]) == (
        "Revenge of al-Muhandis Brigade", "Islamic Resistance in Iraq", "United States")
    assert pd.isna(ain["assoc_actor_2"])  # the United States is its own side
    assert (ain["country"], ain["iso"], ain["location"], ain["geo_precision"]) == ("Iraq", 368, "Ain al-Asad Air Base", 1)
    assert (ain["latitude"], ain["longitude"], ain["year"], ain["time_precision"]) == (33.8, 42.44, 2024, 1)
    assert ain["notes"] == "about 14 Grad missiles at the Ain al-Assad base"  # the earliest article's report
    assert ain["source"] == "Asharq Al-Awsat; Reuters"
    assert rows.loc["EV-500", "fatalities"] == 2 and rows.loc["EV-300", "fatalities"] == 0
    assert rows.loc["EV-400", "time_precision"] == 3  # month precision
    syria = rows.loc["EV-600"]
    assert (syria["disorder_type"], syria["sub_event_type"]) == ("Strategic developments", "Disrupted weapons use")
    assert (syria["location"], syria["geo_precision"], syria["time_precision"]) == ("Syria", 3, 2)
    assert syria["notes"].startswith("'=HYPERLINK")  # neutralised for spreadsheets
    assert frame["admin1"].isna().all()  # until reports.incidents has an admin1 column


def test_acled_types_follow_the_documented_rules():
    assert acled.acled_types("attack", "intercepted", ["drone"]) == (
        "Strategic developments", "Strategic developments", "Disrupted weapons use")
    assert acled.acled_types("attack", "intercepted", ["drone"], harmed=True)[2] == "Air/drone strike"
    assert acled.acled_types("airstrike", "hit", [])[2] == "Air/drone strike"
    assert acled.acled_types("attack", "hit", ["drone", "rocket"])[2] == "Air/drone strike"  # first rule that applies
    assert acled.acled_types("attack", "unknown", ["mortar"])[2] == "Shelling/artillery/missile attack"
    assert acled.acled_types("sabotage", "hit", ["ied"])[2] == "Remote explosive/landmine/IED"
    assert acled.acled_types("sabotage", "hit", [])[1:] == ("Strategic developments", "Looting/property destruction")
    assert acled.acled_types("attack", "hit", ["grenade"])[2] == "Grenade"
    assert acled.acled_types("assassination", "hit", ["gunfire"])[1:] == ("Violence against civilians", "Attack")
    assert acled.acled_types("attack", "unknown", [])[1:] == ("Battles", "Armed clash")


def test_acled_admin1_comes_from_the_incidents_view_when_it_has_one():
    record = {"incident_id": 1, "occurred_on": pd.Timestamp("2024-01-20").date(), "time_precision": 1, "event_type": "attack",
              "outcome": "hit", "weapons": ["rocket"], "killed_high": None, "injured_high": None, "perpetrator": None,
              "perpetrator_side": None, "target": None, "target_side": None, "iso": 368, "country": "Iraq",
              "admin1": "Al Anbar", "place": "Ain al-Asad Air Base", "latitude": 33.8, "longitude": 42.44,
              "place_kind": "base", "country_code": "IQ", "outlets": "Reuters", "lead_quote": "q", "killed_best": None,
              "changed_at": 0}
    row = dict(zip(acled.COLUMNS, acled.acled_row(record)))
    assert row["admin1"] == "Al Anbar" and row["fatalities"] == 0 and row["event_id_cnty"] == "1"


def test_every_report_exports_in_csv_jsonl_and_parquet(data_db, tmp_path):
    for what, key in (("incidents", "incident_id"), ("claims", "claim_id"), ("statistics", "statistic_id"), ("actors", "actor_id")):
        as_csv = pd.read_csv(io.StringIO(run("export", what, "--format", "csv").output))
        lines = [json.loads(line) for line in run("export", what, "--format", "jsonl").output.splitlines()]
        path = tmp_path / f"{what}.parquet"
        assert run("export", what, "--format", "parquet", "-o", str(path)).exit_code == 0
        parquet = pd.read_parquet(path)
        assert len(as_csv) == len(lines) == len(parquet) > 0, what
        assert list(as_csv.columns) == list(lines[0]) == list(parquet.columns), what
        assert all(isinstance(r[key], str) for r in lines), what  # ids as strings in JSON
        if what == "incidents":  # public incident ids are text everywhere
            assert parquet[key].map(type).eq(str).all(), what
        else:
            assert pd.api.types.is_integer_dtype(parquet[key]), what  # typed in Parquet
    incidents = pd.read_parquet(tmp_path / "incidents.parquet").set_index("incident_id")
    assert list(incidents.loc["EV-100", "weapons"]) == ["rocket"]
    assert {"country", "geo_precision", "time_precision", "killed_best", "independent_source_count",
            "perpetrator_side", "target_side"} <= set(incidents.columns)


def test_geojson_marks_a_country_level_point(data_db):
    features = {f["id"]: f for f in json.loads(run("export", "incidents", "--format", "geojson").output)["features"]}
    assert features["EV-600"]["geometry"]["coordinates"] == [38.5, 35.0]
    assert features["EV-600"]["properties"]["country_level"] is True
    assert features["EV-600"]["properties"]["geo_precision"] == 4
    assert features["EV-100"]["properties"]["country_level"] is False
    assert features["EV-100"]["properties"]["incident_id"] == "EV-100"


def test_export_refuses_what_a_format_cannot_carry(data_db):
    claims_geo = run("export", "claims", "--format", "geojson")
    assert claims_geo.exit_code == 2 and "incidents only" in claims_geo.output  # usage errors: 2, before any query
    no_file = run("export", "incidents", "--format", "parquet")
    assert no_file.exit_code == 2 and "--output" in no_file.output
    no_date = run("export", "actors", "--since", "2024-01-01")
    assert no_date.exit_code == 1 and "no date column" in no_date.output
    since = [json.loads(line)["incident_id"] for line in
             run("export", "incidents", "--format", "jsonl", "--since", "2024-02-01").output.splitlines()]
    assert since == ["EV-600", "EV-500"]


def test_the_incidents_view_gives_precision_codes_and_country_names(data_db):
    engine = database.make_engine(data_db)
    with engine.connect() as conn:
        got = {r.incident_id: r for r in conn.execute(text("SELECT * FROM reports.incidents"))}
    engine.dispose()
    assert (got["EV-100"].geo_precision, got["EV-100"].time_precision, got["EV-100"].country) == (1, 1, "Iraq")
    assert (got["EV-300"].geo_precision, got["EV-300"].country) == (4, "Syria")  # an unresolved place: the country is known
    assert (got["EV-400"].geo_precision, got["EV-400"].time_precision) == (4, 3)
    assert (got["EV-600"].geo_precision, got["EV-600"].time_precision) == (4, 2)
    assert got["EV-700"].time_precision is None
