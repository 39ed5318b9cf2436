"""Country names for reports and exports, from ISO 3166-1 as the pycountry package ships it.

Analysts filter and label by country name; every table stores the alpha-2 code. The names
come from a maintained package rather than a hand list: the common name when ISO gives one
("Iran" for "Iran, Islamic Republic of", "Syria" for "Syrian Arab Republic"), else the
ISO name.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, text


def country_rows() -> list[dict]:
    import pycountry

    return [
        {"code": c.alpha_2, "alpha_3": c.alpha_3, "numeric": int(c.numeric),
         "name": getattr(c, "common_name", None) or c.name, "official_name": getattr(c, "official_name", None)}
        for c in pycountry.countries
    ]


def load_countries(conn: Connection) -> tuple[int, int, int]:
    """Upsert every country; returns how many were inserted, updated and unchanged."""
    rows = country_rows()
    written = conn.execute(text("""
        INSERT INTO countries (code, alpha_3, "numeric", name, official_name)
        SELECT code, alpha_3, "numeric", name, official_name
        FROM jsonb_to_recordset(CAST(:rows AS jsonb))
             AS r(code text, alpha_3 text, "numeric" int, name text, official_name text)
        ON CONFLICT (code) DO UPDATE SET alpha_3 = excluded.alpha_3, "numeric" = excluded."numeric",
            name = excluded.name, official_name = excluded.official_name
        WHERE (countries.alpha_3, countries."numeric", countries.name, countries.official_name)
              IS DISTINCT FROM (excluded.alpha_3, excluded."numeric", excluded.name, excluded.official_name)
        RETURNING xmax = 0 AS inserted"""), {"rows": json.dumps(rows, ensure_ascii=False)}).scalars().all()
    inserted = sum(written)
    return inserted, len(written) - inserted, len(rows) - len(written)
