"""What people read: dates at their precision in every output, and terminal tables that fit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from eventdb import database, output
from eventdb.cli import main
from eventdb.reports import Table
from tests.test_reports import rows
from tests.test_reports_data import load_dataset

# Incidents 100-500 come from the shared dataset (400 is month-precise: 2024-01); these add the others.
MORE_DATES = """
INSERT INTO incidents (id, occurred_on, date_precision, event_type, place_text, country_code, outcome, weapons,
                       perpetrator_basis) VALUES
  (600, DATE '2024-01-15', 'week', 'attack', 'Erbil', 'IQ', 'unknown', '{}', 'unknown'),
  (700, DATE '2024-01-13', 'week', 'attack', 'Erbil', 'IQ', 'unknown', '{}', 'unknown'),
  (800, DATE '2023-01-01', 'year', 'attack', 'Erbil', 'IQ', 'unknown', '{}', 'unknown'),
  (900, NULL, 'unknown', 'attack', 'Erbil', 'IQ', 'unknown', '{}', 'unknown');
INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, incident_id, occurred_on, date_precision,
                    place_text, quote, char_start, char_end, sentence_index, confidence) VALUES
  (6001, 1, 't1', 'incident_report', 'asserted', 600, DATE '2024-01-15', 'week', 'Erbil', 'last week', 0, 9, 6, 0.5),
  (7001, 1, 't1', 'incident_report', 'asserted', 700, DATE '2024-01-13', 'week', 'Erbil', 'the weekend', 0, 9, 7, 0.5),
  (8001, 1, 't1', 'incident_report', 'asserted', 800, DATE '2023-01-01', 'year', 'Erbil', 'in 2023', 0, 9, 8, 0.5),
  (9001, 1, 't1', 'incident_report', 'asserted', 900, NULL, 'unknown', 'Erbil', 'once', 0, 9, 9, 0.5);
"""
EXPECTED = {100: "2024-01-20", 400: "2024-01", 600: "2024-W03", 700: "2024-01-13/2024-01-19", 800: "2023", 900: None}


def key(incident_id: str) -> int:
    """The internal id of an incident inserted by hand (its public id is EV-<id>)."""
    return int(incident_id.removeprefix("EV-"))


@pytest.fixture()
def dated_db(use_db):
    engine = database.make_engine(use_db)
    load_dataset(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(MORE_DATES)
    yield engine
    engine.dispose()


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_dates_keep_their_precision_in_the_views(dated_db):
    incidents = {key(r["incident_id"]): r for r in rows(dated_db, "SELECT * FROM reports.incidents")}
    assert {k: incidents[k]["occurred_on_text"] for k in EXPECTED} == EXPECTED
    assert incidents[400]["occurred_on"] == dt.date(2024, 1, 1)  # the typed column stays for SQL
    claims = {r["claim_id"]: r["occurred_on_text"] for r in rows(dated_db, "SELECT * FROM reports.claims")}
    assert (claims[4001], claims[6001], claims[8001], claims[9001]) == ("2024-01", "2024-W03", "2023", None)
    contested = {key(r["incident_id"]): r["occurred_on_text"] for r in rows(dated_db, "SELECT * FROM reports.contested_incidents")}
    assert contested[100] == "2024-01-20"


def test_dates_keep_their_precision_in_csv_json_geojson_and_the_terminal(dated_db, monkeypatch):
    as_csv = {key(r["incident_id"]): r["occurred_on_text"]
              for r in csv.DictReader(io.StringIO(run("export", "incidents", "--format", "csv").output))}
    assert as_csv[400] == "2024-01" and as_csv[600] == "2024-W03" and as_csv[900] == ""
    as_json = {key(r["incident_id"]): r["occurred_on_text"] for r in json.loads(run("report", "incidents", "--format", "json").output)}
    assert as_json == {**{k: v for k, v in as_json.items() if k not in EXPECTED}, **EXPECTED}
    geo = {key(f["id"]): f["properties"]["occurred_on_text"]  # ids are strings in JSON exports
           for f in json.loads(run("export", "incidents", "--format", "geojson").output)["features"]}
    assert geo[800] == "2023"
    monkeypatch.setenv("COLUMNS", "120")
    table = run("report", "incidents").stdout
    assert "2024-01 " in table and "2024-01-01" not in table and "2024-W03" in table


# --- terminal tables -----------------------------------------------------------------------------

QUOTE = ("The Islamic Resistance in Iraq said it had targeted the base with a swarm of drones, "
         "and that more operations would follow until the occupation forces leave the country")


def test_a_wide_table_fits_the_width_wrapping_long_text_at_word_boundaries():
    table = Table(["claim_id", "claimant", "quote"], [(1, "Islamic Resistance in Iraq", QUOTE), (22, "Reuters", "short")])
    laid = output.format_table(table, width=60)
    lines = laid.text.splitlines()
    assert max(map(len, lines)) <= 60 and laid.hidden == []
    words = set(QUOTE.split()) | {"short"}
    quote_start = lines[0].index("quote")
    for line in lines[2:-1]:
        piece = line[quote_start:].strip()
        assert all(w in words or w == "…" for w in piece.split()), line  # no word is cut
    assert lines[-1] == "(2 rows)"
    assert "\n      22  Reuters" in laid.text  # numbers right-aligned under their header


def test_a_very_long_cell_is_cut_with_an_ellipsis_after_a_few_lines():
    laid = output.format_table(Table(["quote"], [(QUOTE * 4,)]), width=40)
    body = laid.text.splitlines()[2:-1]
    assert len(body) == output.MAX_CELL_LINES and body[-1].endswith(" …")
    assert body[-1][:-2].split()[-1] in QUOTE.split()


def test_columns_that_do_not_fit_are_left_out_and_named():
    headers = ["incident_id", "place", "perpetrator", "target", "source_count"]
    table = Table(headers, [(1, "Ain al-Asad Air Base", "Kata'ib Hezbollah", "United States", 3)])
    laid = output.format_table(table, width=50)
    assert laid.hidden and laid.hidden == headers[len(headers) - len(laid.hidden):]
    assert max(map(len, laid.text.splitlines())) <= 50
    assert output.format_table(table, width=200).hidden == []


def test_no_rows_says_so_instead_of_printing_headers():
    assert output.format_table(Table(["a", "b"], []), width=80).text == "no rows"


def test_control_characters_in_cells_are_shown_not_obeyed():
    laid = output.format_table(Table(["title"], [("Strike\x1b[2J on\nbase",)]), width=80)
    assert "\x1b" not in laid.text and "\\x1b[2J" in laid.text and "Strike\\x1b[2J on base" in laid.text


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_long_output_to_a_terminal_goes_through_the_pager(monkeypatch):
    paged: list[str] = []
    monkeypatch.setattr("click.echo_via_pager", lambda text: paged.append(text))
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("COLUMNS", "80")
    long = Table(["n"], [(i,) for i in range(30)])
    screen = FakeTerminal()
    output.write_table(long, screen)
    assert paged and "(30 rows)" in paged[0] and screen.getvalue() == ""

    paged.clear()
    output.write_table(Table(["n"], [(1,)]), screen)  # fits the screen: printed as it is
    assert not paged and "(1 row)" in screen.getvalue()
    piped = io.StringIO()
    output.write_table(long, piped)  # not a terminal: never paged
    assert not paged and "(30 rows)" in piped.getvalue()


def test_report_names_the_columns_left_out_and_prints_no_rows(dated_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    narrow = run("report", "claims")
    assert max(map(len, narrow.stdout.splitlines())) <= 60
    assert "more columns: " in narrow.stderr and "quote" in narrow.stdout.splitlines()[0]
    empty = run("report", "claims", "--actor", "nobody at all")
    assert empty.stdout == "no rows\n" and empty.stderr == ""


# --- the weekly chart ----------------------------------------------------------------------------


def test_weekly_chart_has_one_panel_of_bars_per_actor(tmp_path):
    import matplotlib.image

    from eventdb import chart

    week = dt.date(2024, 1, 1)
    table = Table(["week_start", "actor", "incidents"],
                  [(week, "A", 2), (week, "B", 2), (week + dt.timedelta(weeks=3), "A", 1), (week, "C", 1)])
    weeks, series = chart.weekly_series(table)
    assert len(weeks) == 4 and series["A"] == [2, 0, 0, 1] and series["B"] == [2, 0, 0, 0]  # empty weeks are 0
    heights = {}
    for n in (1, 3):
        path = tmp_path / f"{n}.png"
        chart.plot_weekly(Table(table.columns, [r for r in table.rows if r[1] in "ABC"[:n]]), path)
        heights[n] = matplotlib.image.imread(path).shape[0]
    assert heights[3] - heights[1] == round(2 * 1.15 * 120)  # A and B coincide but each has its own panel
    few = chart.weekly_series(table, top=1)[1]
    assert list(few) == ["A", "other actors (2)"] and few["other actors (2)"] == [3, 0, 0, 0]
