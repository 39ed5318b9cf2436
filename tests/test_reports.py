"""What the reports views say about a small hand-built dataset, and the report/export/grant-reader commands."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, ProgrammingError

from eventdb import chart, database, reports, views
from eventdb.cli import main
from tests.test_reports_data import load_dataset


@pytest.fixture()
def data_engine(engine):
    load_dataset(engine)
    return engine


@pytest.fixture()
def data_db(use_db):
    engine = database.make_engine(use_db)
    load_dataset(engine)
    engine.dispose()
    return use_db


def rows(engine, sql: str, **params) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def by_id(engine, view: str, key: str) -> dict:
    return {r[key]: r for r in rows(engine, f"SELECT * FROM reports.{view}")}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- view contents -------------------------------------------------------------------------------


def test_incidents_use_canonical_names_and_count_current_claims_only(data_engine):
    incidents = by_id(data_engine, "incidents", "incident_id")
    assert set(incidents) == {"EV-100", "EV-200", "EV-300", "EV-400", "EV-500"}
    ain = incidents["EV-100"]
    assert ain["perpetrator"] == "Revenge of al-Muhandis Brigade" and ain["perpetrator_basis"] == "claimed"
    assert ain["target"] == "United States" and ain["place"] == "Ain al-Asad Air Base"
    assert (ain["latitude"], ain["longitude"]) == (33.8, 42.44)
    assert (ain["source_count"], ain["claim_count"]) == (2, 2)
    assert (str(ain["first_reported_on"]), str(ain["last_reported_on"])) == ("2024-01-21", "2024-01-22")
    assert ain["weapons"] == ["rocket"]
    kalsu = incidents["EV-400"]
    assert kalsu["place"] == "Kalsu base" and kalsu["perpetrator"] == "unknown gunmen"  # unresolved: as written
    assert (kalsu["killed_low"], kalsu["injured_high"]) == (1, 6)
    assert incidents["EV-500"]["claim_count"] == 1  # the superseded claim does not count
    assert {i for i, r in incidents.items() if r["contested"]} == {"EV-100", "EV-200", "EV-300"}


def test_differing_projectile_counts_are_contested_with_who_states_each(data_engine):
    contested = by_id(data_engine, "contested_incidents", "incident_id")
    assert set(contested) == {"EV-100", "EV-200", "EV-300"}
    ain = contested["EV-100"]
    assert ain["disputes"] == ["projectiles"]
    assert ain["projectiles_values"] == "30 (Revenge of al-Muhandis Brigade); 14 (Asharq Al-Awsat)"
    assert ain["killed_values"] is None and ain["injured_values"] is None


def test_claimed_and_denied_responsibility_is_contested(data_engine):
    contested = by_id(data_engine, "contested_incidents", "incident_id")
    assert contested["EV-300"]["disputes"] == ["responsibility"]
    assert contested["EV-300"]["claimed_by"] == "Islamic Resistance in Iraq"
    assert contested["EV-300"]["denied_by"] == "Iran"
    assert contested["EV-200"]["disputes"] == ["attribution"]
    assert contested["EV-200"]["attributed_to"] == "Kata'ib Hezbollah; Unknown Brigade (by United States)"
    assert contested["EV-200"]["denied_by"] == "Kata'ib Hezbollah"


def test_superseded_claims_do_not_make_an_incident_contested(data_engine):
    assert rows(data_engine, "SELECT * FROM reports.incident_disputes WHERE incident_id = 'EV-500'") == []


def test_claims_carry_provenance_and_the_claimant_falls_back_to_the_outlet(data_engine):
    claims = by_id(data_engine, "claims", "claim_id")
    assert 5002 not in claims  # superseded
    assert (claims[1002]["claimant"], claims[1002]["claimant_kind"]) == ("Revenge of al-Muhandis Brigade", "actor")
    assert (claims[4001]["claimant"], claims[4001]["claimant_kind"]) == ("Reuters", "cited_outlet")
    assert (claims[5001]["claimant"], claims[5001]["claimant_kind"]) == ("Iraqi sources", "unresolved")
    assert (claims[1001]["claimant"], claims[1001]["claimant_kind"]) == ("Asharq Al-Awsat", "own_voice")
    assert claims[2001]["perpetrator"] == "Kata'ib Hezbollah; Unknown Brigade"
    assert claims[1001]["target"] == "United States"
    one = claims[1001]
    assert (one["source_url"], one["outlet"], str(one["published_on"])) == ("https://aawsat.com/a/1", "Asharq Al-Awsat", "2024-01-21")
    assert (one["char_start"], one["char_end"], one["extractor_version"]) == (0, 10, "t1")


def test_own_voice_of_a_source_without_outlet_names_the_url_host(data_engine):
    with data_engine.begin() as conn:
        conn.exec_driver_sql("""INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, incident_id,
            quote, char_start, char_end, sentence_index, confidence)
            VALUES (9001, 3, 't1', 'incident_report', 'asserted', 400, 'q', 0, 1, 0, 0.5)""")
    assert by_id(data_engine, "claims", "claim_id")[9001]["claimant"] == "example.org"


def test_actor_network_follows_only_relations_that_compose_and_survives_the_cycle(data_engine):
    paths = rows(data_engine, "SELECT * FROM reports.actor_network")

    def between(actor: str, ancestor: str) -> list[dict]:
        return [p for p in paths if p["actor"] == actor and p["ancestor"] == ancestor]

    # A front stands for its group: front_for then member_of is a membership path.
    [revenge_iri] = between("Revenge of al-Muhandis Brigade", "Islamic Resistance in Iraq")
    assert revenge_iri["relations"] == ["front_for", "member_of"] and revenge_iri["relation"] == "member_of"
    assert revenge_iri["path"] == ["Revenge of al-Muhandis Brigade", "Kata'ib Hezbollah", "Islamic Resistance in Iraq"]
    assert str(revenge_iri["valid_from"]) == "2023-10-01"  # intersection along the path
    # Membership then backing does not compose: the IRI's backer is not thereby its members' backer.
    assert between("Kata'ib Hezbollah", "Islamic Revolutionary Guard Corps") == []
    assert between("Revenge of al-Muhandis Brigade", "Islamic Revolutionary Guard Corps") == []
    [iri_irgc] = between("Islamic Resistance in Iraq", "Islamic Revolutionary Guard Corps")
    assert iri_irgc["relation"] == "backed_by" and iri_irgc["depth"] == 1
    # An alliance is a direct relation only; the cycle IRGC -> Revenge -> KH -> IRI -> IRGC is cut anyway.
    assert [p["ancestor"] for p in paths if p["actor"] == "Islamic Revolutionary Guard Corps"] == ["Revenge of al-Muhandis Brigade"]
    assert all(len(set(p["path"])) == len(p["path"]) for p in paths)
    assert not any(p["actor"] == p["ancestor"] for p in paths)
    # Old Group left KH (2020) before KH joined the IRI (2023): no path through both.
    assert [p["ancestor"] for p in paths if p["actor"] == "Old Group"] == ["Kata'ib Hezbollah"]


def test_actor_network_stops_at_a_state_and_composes_backing_with_the_backers_parents(engine):
    with engine.begin() as conn:
        conn.exec_driver_sql("""
            INSERT INTO actors (id, key, name, kind) VALUES
              (1, 'kh', 'KH', 'militia'), (2, 'pmf', 'PMF', 'militia_coalition'), (3, 'iaf', 'Iraqi Armed Forces', 'state_force'),
              (4, 'iraq', 'Iraq', 'state'), (5, 'coalition', 'Coalition', 'international_org'),
              (6, 'qf', 'Quds Force', 'state_force'), (7, 'irgc', 'IRGC', 'state_force'), (8, 'iran', 'Iran', 'state');
            INSERT INTO affiliations (actor_id, related_actor_id, relation, evidence_key, reference_file) VALUES
              (1, 2, 'part_of', 'reference:t', 't'), (2, 3, 'part_of', 'reference:t', 't'), (3, 4, 'part_of', 'reference:t', 't'),
              (4, 5, 'member_of', 'reference:t', 't'), (1, 6, 'backed_by', 'reference:t', 't'),
              (6, 7, 'part_of', 'reference:t', 't'), (7, 8, 'part_of', 'reference:t', 't')""")
    paths = {(p["actor"], p["ancestor"]): p for p in rows(engine, "SELECT * FROM reports.actor_network")}
    assert paths[("KH", "Iraq")]["relation"] == "part_of"
    assert ("KH", "Coalition") not in paths and ("Iraqi Armed Forces", "Coalition") not in paths
    assert paths[("Iraq", "Coalition")]["relation"] == "member_of"
    assert paths[("KH", "Iran")]["relations"] == ["backed_by", "part_of", "part_of"]
    assert paths[("KH", "Iran")]["relation"] == "backed_by"


def test_weekly_activity_counts_day_and_week_dated_incidents_by_iso_week(data_engine):
    weekly = rows(data_engine, "SELECT * FROM reports.actor_activity_weekly ORDER BY week_start, actor")
    keyed = {(r["iso_week"], r["actor"]): r for r in weekly}
    revenge = keyed[("2024-W03", "Revenge of al-Muhandis Brigade")]
    assert str(revenge["week_start"]) == "2024-01-15"  # the Monday of the week of Sat 20 January
    assert (revenge["incidents"], revenge["claimed"], revenge["attributed"]) == (1, 1, 0)
    assert revenge["by_country"] == {"IQ": 1}
    assert keyed[("2024-W04", "Kata'ib Hezbollah")]["attributed"] == 1
    assert not any(r["actor"] == "unknown gunmen" for r in weekly)  # month-precision incident left out


def test_statistics_coverage_and_unresolved_names(data_engine):
    stats = rows(data_engine, "SELECT * FROM reports.statistics")
    assert [(s["actor"], s["count"], s["qualifier"], s["period"]) for s in stats] == [
        ("Islamic Resistance in Iraq", 150, "more_than", "since October")]
    coverage = by_id(data_engine, "source_coverage", "outlet")
    assert (coverage["Reuters"]["articles"], coverage["Reuters"]["claims"], coverage["Reuters"]["incidents"]) == (1, 2, 2)
    assert float(coverage["Reuters"]["share_attribution"]) == 0.5
    assert coverage["(unknown outlet)"]["claims"] == 4  # the superseded claim is not counted
    names = by_id(data_engine, "unresolved_names", "name")
    assert names["Unknown Brigade"]["mentions"] == 2
    assert sorted(names["Unknown Brigade"]["found_in"]) == ["claim_actors.perpetrator", "name_mentions"]
    assert names["Kalsu base"]["kind"] == "place"
    assert "Superseded Name" not in names


# --- report command ------------------------------------------------------------------------------


def test_report_list_shows_every_view_with_its_description(data_db):
    result = run("report", "--list")
    assert result.exit_code == 0
    for name in ("incidents", "claims", "contested_incidents", "actor_network", "unresolved_names"):
        assert f"{name}\n" in result.output
    assert "One row per incident" in result.output


def test_report_formats(data_db):
    table = run("report", "incidents", "--columns", "incident_id,occurred_on_text,date_precision")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["incident_id", "occurred_on_text", "date_precision"]
    assert set(lines[1]) <= {"-", " "} and lines[-1] == "(5 rows)"
    assert re.search(r"EV-400\s+2024-01\s+month", table.stdout)  # the month-precision date as 2024-01

    as_csv = list(csv.DictReader(io.StringIO(run("report", "incidents", "--format", "csv").output)))
    assert [r["incident_id"] for r in as_csv] == ["EV-500", "EV-300", "EV-200", "EV-100", "EV-400"]  # newest first
    assert as_csv[3]["contested"] == "yes"

    as_json = json.loads(run("report", "contested_incidents", "--format", "json").output)
    assert {r["incident_id"]: r["disputes"] for r in as_json} == {"EV-100": ["projectiles"], "EV-200": ["attribution"], "EV-300": ["responsibility"]}


def test_report_filters_by_date_actor_and_limit(data_db):
    def ids(*args: str) -> list[str]:
        return [r["incident_id"] for r in json.loads(run("report", "incidents", "--format", "json", *args).output)]

    assert ids("--since", "2024-01-21", "--until", "2024-01-31") == ["EV-300", "EV-200"]
    assert ids("--actor", "kata'ib") == ["EV-500", "EV-200"]
    assert ids("--actor", "united states", "--limit", "2") == ["EV-500", "EV-300"]
    network = json.loads(run("report", "actor_network", "--actor", "Revenge", "--format", "json").output)
    assert network and all("Revenge" in (r["actor"] + r["ancestor"]) for r in network)


def test_report_rejects_unknown_names_and_filters_a_report_lacks(data_db):
    unknown = run("report", "incidentz")
    assert unknown.exit_code == 2
    assert "unknown report 'incidentz'" in unknown.output and "contested_incidents" in unknown.output
    no_date = run("report", "actor_network", "--since", "2024-01-01")
    assert no_date.exit_code == 2 and "no date column" in no_date.output
    no_actor = run("report", "source_coverage", "--actor", "Iran")
    assert no_actor.exit_code == 2 and "no actor column" in no_actor.output


# --- exports and the chart -----------------------------------------------------------------------


def test_export_geojson_is_a_feature_collection_with_null_geometry_for_unplaced_incidents(data_db, tmp_path):
    out = tmp_path / "incidents.geojson"
    result = run("export", "incidents", "--format", "geojson", "--output", str(out))
    assert result.exit_code == 0
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {"EV-100", "EV-200", "EV-300", "EV-400", "EV-500"}
    for feature in features.values():
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry is None or (geometry["type"] == "Point" and len(geometry["coordinates"]) == 2)
    assert features["EV-100"]["geometry"]["coordinates"] == [42.44, 33.8]  # [lon, lat]
    assert features["EV-200"]["geometry"] is None  # Camp Nowhere has no coordinates
    assert features["EV-100"]["properties"]["perpetrator"] == "Revenge of al-Muhandis Brigade"


def test_export_csv_and_jsonl(data_db):
    lines = run("export", "incidents", "--format", "jsonl").output.splitlines()
    assert sorted(json.loads(line)["incident_id"] for line in lines) == ["EV-100", "EV-200", "EV-300", "EV-400", "EV-500"]
    table = list(csv.DictReader(io.StringIO(run("export", "incidents", "--format", "csv").output)))
    assert {r["place"] for r in table} >= {"Kalsu base", "Ain al-Asad Air Base"}


def test_weekly_plot_is_a_png(data_db, tmp_path):
    out = tmp_path / "weekly.png"
    result = run("report", "actor_activity_weekly", "--plot", str(out))
    assert result.exit_code == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert run("report", "incidents", "--plot", str(out)).exit_code == 2


def test_weekly_series_fills_empty_weeks_with_zero():
    import datetime as dt

    table = reports.Table(["week_start", "actor", "incidents"],
                          [(dt.date(2024, 1, 1), "A", 2), (dt.date(2024, 1, 22), "A", 1), (dt.date(2024, 1, 8), "B", 5)])
    weeks, series = chart.weekly_series(table)
    assert weeks == [dt.date(2024, 1, 1), dt.date(2024, 1, 8), dt.date(2024, 1, 15), dt.date(2024, 1, 22)]
    assert series == {"B": [0, 5, 0, 0], "A": [2, 0, 0, 1]}


# --- the read-only role --------------------------------------------------------------------------


@pytest.fixture()
def reader(data_db):
    role, password = f"eventdb_reader_{uuid.uuid4().hex[:8]}", "s3cret-Pw"
    yield role, password, make_url(data_db).set(username=role, password=password).render_as_string(hide_password=False)
    admin = database.make_engine(data_db)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
    admin.dispose()


def test_reader_role_reads_views_and_nothing_else(reader, data_db, monkeypatch):
    role, password, reader_url = reader
    monkeypatch.setenv("READER_PASSWORD", password)
    result = run("grant-reader", role, "--password-env", "READER_PASSWORD", "--revoke-public")
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.output

    engine = database.make_engine(reader_url)
    # The same role with its read-only default switched off, to show the privileges themselves refuse.
    writable = create_engine(database.normalize_url(reader_url), connect_args={"options": "-c default_transaction_read_only=off"})
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM reports.incidents")).scalar_one() == 5
        with engine.connect() as conn, pytest.raises(DBAPIError, match="read-only transaction"):
            conn.exec_driver_sql("INSERT INTO incidents (id, date_precision, event_type) VALUES (9, 'unknown', 'attack')")
        for forbidden in ("INSERT INTO incidents (id, date_precision, event_type) VALUES (9, 'unknown', 'attack')",
                          "SELECT count(*) FROM public.claims",
                          "CREATE TABLE public.mine (x int)",
                          "CREATE VIEW reports.mine AS SELECT 1 AS x"):
            with writable.connect() as conn, pytest.raises(ProgrammingError, match="permission denied"):
                conn.exec_driver_sql(forbidden)

        # Re-creating the views (a later migration, `eventdb views sync`) keeps the grant.
        assert run("views", "sync").exit_code == 0
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM reports.contested_incidents")).scalar_one() == 3
    finally:
        engine.dispose()
        writable.dispose()


def test_views_sync_command(data_db):
    result = run("views", "sync")
    assert result.exit_code == 0
    assert result.output.startswith(f"{len(views.view_files())} views in schema reports")


def test_table_shows_the_main_columns_and_columns_can_be_chosen(data_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    default = run("report", "incidents")
    header = default.stdout.splitlines()[0].split()
    assert header == list(reports.get_spec("incidents").table_columns)
    assert "more columns" in default.stderr

    chosen = run("report", "incidents", "--columns", "place,incident_id")
    assert chosen.stdout.splitlines()[0].split() == ["place", "incident_id"]
    assert "more columns" not in chosen.stderr

    every = json.loads(run("report", "incidents", "--format", "json").output)
    assert "latitude" in every[0]  # machine formats keep every column

    unknown = run("report", "incidents", "--columns", "nope")
    assert unknown.exit_code == 1 and "unknown column 'nope'" in unknown.output


def test_own_voice_is_never_a_source_id(data_engine):
    """With no outlet and no url, the own voice names the outlet the article was republished from, else nothing."""
    with data_engine.begin() as conn:
        conn.exec_driver_sql("""INSERT INTO sources (id, content_sha256, url, outlet_id, published_on, text, origin,
            extractor_version, republished_from_text) VALUES
            (4, md5('4') || md5('a'), NULL, NULL, NULL, 'text four', 'test', 't1', 'www.kurdistan24.net'),
            (5, md5('5') || md5('a'), NULL, NULL, NULL, 'text five', 'test', 't1', NULL)""")
        conn.exec_driver_sql("""INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, incident_id,
            quote, char_start, char_end, sentence_index, confidence)
            VALUES (9004, 4, 't1', 'incident_report', 'asserted', 400, 'q', 0, 1, 0, 0.5),
                   (9005, 5, 't1', 'incident_report', 'asserted', 400, 'q', 0, 1, 0, 0.5)""")
    claims = by_id(data_engine, "claims", "claim_id")
    assert claims[9004]["claimant"] == "www.kurdistan24.net"
    assert (claims[9005]["claimant"], claims[9005]["claimant_kind"]) == (None, "own_voice")
