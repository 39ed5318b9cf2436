"""What the database said at a time, and what changed since: incident history (transaction time).

Every change to an incident is a version in incident_history, written by a trigger (see the
migration 0005_incident_history) with the time it became true in the database. Reading it is SQL
in sql/incident_history.sql (reports.incidents_as_of) and sql/incident_changes.sql
(reports.incident_diff); this module runs those for `eventdb report incidents --as-of` and
`eventdb diff`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, text

from eventdb import reports

AS_OF = "reports.incidents_as_of(CAST(:as_of AS timestamptz))"
DIFF_ORDER = {"added": 0, "changed": 1, "withdrawn": 2}


def parse_time(value: str) -> dt.datetime:
    """An ISO date or date-time ('2024-05-01', '2024-05-01T12:00', '2024-05-01 12:00+02:00'); without
    an offset it is this machine's local time."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise reports.ReportError(f"not a time: {value!r} (give 2024-05-01 or 2024-05-01T12:00, with +00:00 for UTC)") from None
    return moment if moment.tzinfo else moment.astimezone()


def incidents_as_of(conn: Connection, at: dt.datetime, filters: reports.Filters = reports.Filters()) -> reports.Table:
    """reports.incidents as the database held it at `at`, filtered and ordered like the report."""
    sql, params = reports.build_query(reports.get_spec("incidents"), filters, relation=AS_OF)
    result = conn.execute(text(sql), {**params, "as_of": at})
    return reports.Table(list(result.keys()), [tuple(row) for row in result])


def diff(conn: Connection, since: dt.datetime) -> reports.Table:
    """Incidents added, changed (a row per field, old -> new) and withdrawn since `since`."""
    result = conn.execute(text("SELECT * FROM reports.incident_diff(CAST(:since AS timestamptz))"), {"since": since})
    rows = sorted(result, key=lambda r: (DIFF_ORDER[r.change], r.incident_id, r.field or ""))
    return reports.Table(list(result.keys()), [tuple(row) for row in rows])
