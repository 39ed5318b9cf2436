-- reports.incidents: one row per incident, with names instead of ids and the
-- evidence behind it (how many sources and current claims, when reported,
-- whether the sources disagree).
--
-- depends: reports.incident_disputes
-- date-column: occurred_on
-- actor-columns: perpetrator, target
-- order-by: occurred_on DESC NULLS LAST, incident_id
-- table-columns: incident_id, occurred_on_text, event_type, place, perpetrator, perpetrator_basis, target, killed_high, injured_high, source_count, contested

CREATE VIEW reports.incidents AS
SELECT
    i.public_id         AS incident_id,  -- stable: see reports.incident_redirects
    -- The date as precise as it is known: 2024-01-28 (day), 2024-W04 (an ISO
    -- week), 2024-01-27/2024-02-02 (seven days from another weekday), 2024-01
    -- (month), 2024 (year); NULL when unknown. Same expression in sql/claims.sql.
    CASE i.date_precision
        WHEN 'day'   THEN to_char(i.occurred_on, 'YYYY-MM-DD')
        WHEN 'week'  THEN CASE WHEN extract(isodow FROM i.occurred_on) = 1 THEN to_char(i.occurred_on, 'IYYY-"W"IW')
                               ELSE to_char(i.occurred_on, 'YYYY-MM-DD') || '/' || to_char(i.occurred_on + 6, 'YYYY-MM-DD') END
        WHEN 'month' THEN to_char(i.occurred_on, 'YYYY-MM')
        WHEN 'year'  THEN to_char(i.occurred_on, 'YYYY')
    END                 AS occurred_on_text,
    i.occurred_on,
    i.date_precision,
    i.event_type,
    i.outcome,
    i.weapons,
    COALESCE(place.name, i.place_text)          AS place,
    COALESCE(i.country_code, place.country_code) AS country_code,
    place.admin1,
    place.admin1_code,
    place.latitude,
    place.longitude,
    -- Canonical reference names; the text as written when unresolved.
    COALESCE(perpetrator.name, i.perpetrator_text) AS perpetrator,
    i.perpetrator_basis,
    COALESCE(target.name, i.target_text)        AS target,
    i.killed_low,
    i.killed_high,
    i.injured_low,
    i.injured_high,
    i.projectiles_low,
    i.projectiles_high,
    evidence.source_count,
    evidence.claim_count,
    evidence.first_reported_on,
    evidence.last_reported_on,
    -- A correlated lookup (not EXISTS, which PostgreSQL may turn into a hash
    -- of every incident's disputes even when only a few rows are read).
    COALESCE((SELECT true FROM reports.incident_disputes d WHERE d.incident_key = i.id), false) AS contested,
    -- For plotting and comparing: names, precision codes, best estimates, sides.
    country.name        AS country,
    CASE
        WHEN place.kind IN ('base', 'airport', 'facility', 'embassy', 'oil_field', 'border_crossing') THEN 1
        WHEN place.kind IN ('city', 'town', 'district') THEN 2
        WHEN place.kind IN ('region', 'sea') THEN 3
        WHEN COALESCE(i.country_code, place.country_code) IS NOT NULL THEN 4
    END                 AS geo_precision,
    CASE i.date_precision WHEN 'day' THEN 1 WHEN 'week' THEN 2 WHEN 'month' THEN 3 WHEN 'year' THEN 3 END
                        AS time_precision,
    i.killed_best,
    i.injured_best,
    -- A republished copy (sources.copy_of) is the same report as its original. A select-list
    -- subquery, so that queries which do not read it (reports.contested_incidents) do not pay for it.
    (SELECT count(DISTINCT COALESCE(s.copy_of, s.id))
       FROM claims c JOIN sources s ON s.id = c.source_id
      WHERE c.incident_id = i.id AND c.superseded_at IS NULL AND NOT c.rejected) AS independent_source_count,
    -- Sides as reports.actor_sides defines them, stored on actors (eventdb.sides). Select-list
    -- subqueries rather than joins: a query that does not read them does not pay for them, and
    -- the FROM list stays within PostgreSQL's join_collapse_limit (8), so that the views built on
    -- this one (contested_incidents) keep their plans.
    (SELECT side.name FROM actors side WHERE side.id = perpetrator.side_actor_id) AS perpetrator_side,
    (SELECT side.name FROM actors side WHERE side.id = target.side_actor_id)      AS target_side,
    cardinality(i.judgement_ids) > 0            AS curated,
    i.judgement_ids,
    i.curated_fields
FROM incidents i
LEFT JOIN places place       ON place.id = i.place_id
LEFT JOIN actors perpetrator ON perpetrator.id = i.perpetrator_actor_id
LEFT JOIN actors target      ON target.id = i.target_actor_id
LEFT JOIN countries country  ON country.code = COALESCE(i.country_code, place.country_code)
-- Only current claims (not superseded by a revision or a newer extractor) count.
LEFT JOIN LATERAL (
    SELECT count(DISTINCT c.source_id) AS source_count,
           count(*)                    AS claim_count,
           min(s.published_on)         AS first_reported_on,
           max(s.published_on)         AS last_reported_on
    FROM claims c
    JOIN sources s ON s.id = c.source_id
    WHERE c.incident_id = i.id AND c.superseded_at IS NULL AND NOT c.rejected
) evidence ON true
-- An incident whose every claim was superseded (its article revised, or re-extracted
-- without it) or rejected is withdrawn, and one merged into another is merged: both
-- stay in the incidents table, but no current source reports them.
WHERE i.status = 'current';

COMMENT ON VIEW reports.incidents IS
    'One row per incident (a real-world attack, strike or sabotage merged across the articles that report it), with canonical actor and place names, casualty ranges and how well it is sourced.';
COMMENT ON COLUMN reports.incidents.incident_id IS 'Public incident id (EV- and 13 characters): the same reports give the same id whatever the ingest order; an old id resolves with reports.resolve_incident_id.';
COMMENT ON COLUMN reports.incidents.occurred_on_text IS 'Date of the event written to its precision: 2024-01-28, 2024-W04 (ISO week), 2024-01-27/2024-02-02 (a week from another weekday), 2024-01 (month), 2024 (year); NULL when unknown. For display and exports; filter and sort on occurred_on.';
COMMENT ON COLUMN reports.incidents.occurred_on IS 'Date of the event (first day of the week, month or year when less precise; see date_precision).';
COMMENT ON COLUMN reports.incidents.date_precision IS 'Precision of occurred_on: day, week, month, year or unknown.';
COMMENT ON COLUMN reports.incidents.event_type IS 'attack, airstrike, assassination or sabotage.';
COMMENT ON COLUMN reports.incidents.outcome IS 'hit, intercepted or unknown.';
COMMENT ON COLUMN reports.incidents.weapons IS 'Weapon keys named by any source (seeds/reference/weapons.toml).';
COMMENT ON COLUMN reports.incidents.place IS 'Where it happened: reference place name, else the place as written.';
COMMENT ON COLUMN reports.incidents.country_code IS 'ISO 3166-1 alpha-2 country where it happened.';
COMMENT ON COLUMN reports.incidents.admin1 IS 'First-level subdivision (governorate, province) of the place: English name, from GeoNames and ISO 3166-2; NULL for a country-level or unresolved place.';
COMMENT ON COLUMN reports.incidents.admin1_code IS 'ISO 3166-2 code of that subdivision (IQ-AN, YE-HU).';
COMMENT ON COLUMN reports.incidents.latitude IS 'WGS84 latitude of the reference place; NULL when the place is unresolved.';
COMMENT ON COLUMN reports.incidents.longitude IS 'WGS84 longitude of the reference place; NULL when the place is unresolved.';
COMMENT ON COLUMN reports.incidents.perpetrator IS 'Perpetrator: canonical actor name, else the name as written.';
COMMENT ON COLUMN reports.incidents.perpetrator_basis IS 'Why this perpetrator: claimed (it says so), attributed (a third party blames it), reported (the outlet''s own voice) or unknown.';
COMMENT ON COLUMN reports.incidents.target IS 'Target: canonical actor name, else the name as written.';
COMMENT ON COLUMN reports.incidents.killed_low IS 'Lowest number killed stated by any source; a zero only when no source states more (a zero is nearly always said of other people: "no US personnel were hurt").';
COMMENT ON COLUMN reports.incidents.killed_high IS 'Highest number killed stated by any source.';
COMMENT ON COLUMN reports.incidents.injured_low IS 'Lowest number injured stated by any source; a zero only when no source states more.';
COMMENT ON COLUMN reports.incidents.injured_high IS 'Highest number injured stated by any source.';
COMMENT ON COLUMN reports.incidents.projectiles_low IS 'Lowest number of rockets, missiles or drones stated by any source.';
COMMENT ON COLUMN reports.incidents.projectiles_high IS 'Highest number of rockets, missiles or drones stated by any source.';
COMMENT ON COLUMN reports.incidents.source_count IS 'Number of articles with a current claim about the incident, republished copies included.';
COMMENT ON COLUMN reports.incidents.claim_count IS 'Number of current claims about the incident.';
COMMENT ON COLUMN reports.incidents.first_reported_on IS 'Earliest publication date among those articles.';
COMMENT ON COLUMN reports.incidents.last_reported_on IS 'Latest publication date among those articles.';
COMMENT ON COLUMN reports.incidents.contested IS 'True when the sources disagree (see reports.contested_incidents for how).';
COMMENT ON COLUMN reports.incidents.curated IS 'True when a curator''s judgement shaped the incident (judgement_ids; reports.judgements).';
COMMENT ON COLUMN reports.incidents.judgement_ids IS 'Judgements in force on the incident and its claims (reports.judgements).';
COMMENT ON COLUMN reports.incidents.curated_fields IS 'Fields whose value a curator set; the others are derived from the claims.';
COMMENT ON COLUMN reports.incidents.country IS 'Name of the country where it happened (ISO 3166 via pycountry: the common name when there is one, e.g. Iran, Syria).';
COMMENT ON COLUMN reports.incidents.geo_precision IS 'How precisely latitude/longitude place it: 1 exact site (base, airport, facility, embassy, oil field, border crossing), 2 town, city or district, 3 province, region or sea, 4 country only (the point is the country''s reference point); NULL when even the country is unknown.';
COMMENT ON COLUMN reports.incidents.time_precision IS 'How precisely occurred_on dates it, as in ACLED: 1 the day, 2 the week, 3 the month or the year; NULL when undated.';
COMMENT ON COLUMN reports.incidents.killed_best IS 'Best estimate killed: the figure of the most recently published independent source that gives one (its highest; the lower one when two such sources of the same day differ); zeros only when no source states more. Between killed_low and killed_high.';
COMMENT ON COLUMN reports.incidents.injured_best IS 'Best estimate injured, by the rule of killed_best.';
COMMENT ON COLUMN reports.incidents.independent_source_count IS 'Number of distinct original stories among those articles: a republished copy (sources.copy_of) counts with its original.';
COMMENT ON COLUMN reports.incidents.perpetrator_side IS 'State or coalition the perpetrator belongs to (reports.actor_sides): Kata''ib Hezbollah -> Axis of Resistance, US Central Command -> United States; NULL when the perpetrator is unresolved.';
COMMENT ON COLUMN reports.incidents.target_side IS 'State or coalition the target belongs to (reports.actor_sides); WHERE target_side = ''United States'' finds the attacks on US forces, bases and officials.';
