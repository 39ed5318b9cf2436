-- reports.incident_history: every version of every incident, with the time it
-- was current in the database (transaction time: valid_from to valid_to), what
-- changed and why (an ingest run, or a curator's judgement). Written by a
-- trigger on incidents; nothing in it is ever deleted.
--
-- Also creates reports.incidents_as_of(at): the incidents as the database held
-- them at that time, with the columns of reports.incidents it can know then
-- (`eventdb report incidents --as-of ...` reads it):
--   SELECT * FROM reports.incidents_as_of('2024-05-01 00:00+00');
--
-- depends:
-- date-column: valid_from
-- actor-columns: perpetrator, target
-- order-by: valid_from DESC, incident_id, version
-- table-columns: incident_id, incident_id_then, version, valid_from, valid_to, change, changed_fields, occurred_on, place, perpetrator, killed_high, source_count

CREATE VIEW reports.incident_history AS
SELECT
    i.public_id                                   AS incident_id,
    h.public_id                                   AS incident_id_then,
    h.version,
    h.valid_from,
    h.valid_to,
    h.change,
    h.changed_fields,
    h.fields ->> 'status'                         AS status,
    (h.fields ->> 'occurred_on')::date            AS occurred_on,
    h.fields ->> 'date_precision'                 AS date_precision,
    h.fields ->> 'event_type'                     AS event_type,
    COALESCE((SELECT p.name FROM places p WHERE p.id = (h.fields ->> 'place_id')::int), h.fields ->> 'place_text') AS place,
    COALESCE((SELECT a.name FROM actors a WHERE a.id = (h.fields ->> 'perpetrator_actor_id')::int),
             h.fields ->> 'perpetrator_text')     AS perpetrator,
    COALESCE((SELECT a.name FROM actors a WHERE a.id = (h.fields ->> 'target_actor_id')::int),
             h.fields ->> 'target_text')          AS target,
    (h.fields ->> 'killed_low')::int              AS killed_low,
    (h.fields ->> 'killed_high')::int             AS killed_high,
    (h.fields ->> 'injured_low')::int             AS injured_low,
    (h.fields ->> 'injured_high')::int            AS injured_high,
    (h.fields ->> 'source_count')::int            AS source_count,
    h.ingest_run_id,
    h.judgement_id,
    h.fields
FROM incident_history h
LEFT JOIN incidents i ON i.id = h.incident_id;

COMMENT ON VIEW reports.incident_history IS
    'Every version of every incident with the time it was current in the database (valid_from to valid_to), what changed and what caused it. reports.incidents_as_of(time) gives the incidents as they stood at a time.';
COMMENT ON COLUMN reports.incident_history.incident_id IS 'The incident''s public id now (for a merged incident its last id, which redirects to the incident it was merged into).';
COMMENT ON COLUMN reports.incident_history.incident_id_then IS 'Its public id in this version.';
COMMENT ON COLUMN reports.incident_history.version IS '1 as created, then one more per transaction that changed the incident.';
COMMENT ON COLUMN reports.incident_history.valid_from IS 'When this version became current in the database (start of the transaction that wrote it).';
COMMENT ON COLUMN reports.incident_history.valid_to IS 'When the next version replaced it; NULL for the current version.';
COMMENT ON COLUMN reports.incident_history.change IS 'created, updated (a new or re-extracted claim changed it), curated (a judgement did), renamed (its id changed), merged (absorbed into another incident), withdrawn (no current claim reports it any more) or restored.';
COMMENT ON COLUMN reports.incident_history.changed_fields IS 'Columns of incidents whose value differs from the previous version (reports.incident_changes has old and new values).';
COMMENT ON COLUMN reports.incident_history.status IS 'current, withdrawn or merged, in this version.';
COMMENT ON COLUMN reports.incident_history.occurred_on IS 'Date of the event in this version.';
COMMENT ON COLUMN reports.incident_history.date_precision IS 'Precision of occurred_on in this version.';
COMMENT ON COLUMN reports.incident_history.event_type IS 'attack, airstrike, assassination or sabotage, in this version.';
COMMENT ON COLUMN reports.incident_history.place IS 'Where it happened, in this version (reference name, else as written).';
COMMENT ON COLUMN reports.incident_history.perpetrator IS 'Perpetrator in this version (canonical name, else as written).';
COMMENT ON COLUMN reports.incident_history.target IS 'Target in this version.';
COMMENT ON COLUMN reports.incident_history.killed_low IS 'Lowest number killed, in this version.';
COMMENT ON COLUMN reports.incident_history.killed_high IS 'Highest number killed, in this version.';
COMMENT ON COLUMN reports.incident_history.injured_low IS 'Lowest number injured, in this version.';
COMMENT ON COLUMN reports.incident_history.injured_high IS 'Highest number injured, in this version.';
COMMENT ON COLUMN reports.incident_history.source_count IS 'Articles reporting it, in this version.';
COMMENT ON COLUMN reports.incident_history.ingest_run_id IS 'The ingest or reextract run that wrote this version (ingest_runs.id), when one did.';
COMMENT ON COLUMN reports.incident_history.judgement_id IS 'The curator''s judgement that wrote this version (reports.judgements), when one did.';
COMMENT ON COLUMN reports.incident_history.fields IS 'Every column of the incident in this version, as JSON.';

DROP FUNCTION IF EXISTS reports.incidents_as_of(timestamptz);
CREATE FUNCTION reports.incidents_as_of(at timestamptz)
RETURNS TABLE (
    incident_id text, occurred_on_text text, occurred_on date, date_precision text, event_type text, outcome text, weapons text[],
    place text, country_code text, latitude double precision, longitude double precision,
    perpetrator text, perpetrator_basis text, target text,
    killed_low int, killed_high int, injured_low int, injured_high int, projectiles_low int, projectiles_high int,
    killed_best int, injured_best int, source_count int, claim_count int, curated boolean, judgement_ids bigint[], version int, valid_from timestamptz
)
LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = public, pg_temp AS $$
    -- An incident whose current version began before the time is read from the incidents table
    -- (it has not changed since); only those changed since are rebuilt from their JSON version.
    WITH versions AS (
        SELECT i AS v, h.version, h.valid_from
        FROM incident_history h JOIN incidents i ON i.id = h.incident_id
        WHERE h.valid_to IS NULL AND h.valid_from <= $1
        UNION ALL
        SELECT jsonb_populate_record(NULL::incidents, h.fields), h.version, h.valid_from
        FROM incident_history h
        WHERE h.valid_from <= $1 AND h.valid_to > $1
    )
    SELECT (v).public_id,
           -- the date at its precision, as reports.incidents.occurred_on_text writes it
           CASE (v).date_precision
               WHEN 'day'   THEN to_char((v).occurred_on, 'YYYY-MM-DD')
               WHEN 'week'  THEN CASE WHEN extract(isodow FROM (v).occurred_on) = 1 THEN to_char((v).occurred_on, 'IYYY-"W"IW')
                                      ELSE to_char((v).occurred_on, 'YYYY-MM-DD') || '/' || to_char((v).occurred_on + 6, 'YYYY-MM-DD') END
               WHEN 'month' THEN to_char((v).occurred_on, 'YYYY-MM')
               WHEN 'year'  THEN to_char((v).occurred_on, 'YYYY')
           END,
           (v).occurred_on, (v).date_precision, (v).event_type, (v).outcome, (v).weapons,
           COALESCE(place.name, (v).place_text), COALESCE((v).country_code, place.country_code), place.latitude, place.longitude,
           COALESCE(perpetrator.name, (v).perpetrator_text), (v).perpetrator_basis, COALESCE(target.name, (v).target_text),
           (v).killed_low, (v).killed_high, (v).injured_low, (v).injured_high, (v).projectiles_low, (v).projectiles_high,
           (v).killed_best, (v).injured_best, (v).source_count, (v).claim_count, COALESCE(cardinality((v).judgement_ids), 0) > 0, (v).judgement_ids,
           version, valid_from
    FROM versions
    LEFT JOIN places place       ON place.id = (v).place_id
    LEFT JOIN actors perpetrator ON perpetrator.id = (v).perpetrator_actor_id
    LEFT JOIN actors target      ON target.id = (v).target_actor_id
    WHERE (v).status = 'current'
$$;
COMMENT ON FUNCTION reports.incidents_as_of(timestamptz) IS
    'The current incidents as the database held them at a time (transaction time, from incident_history): the columns of reports.incidents that history records, with names from today''s reference data, plus the version and when it became current.';
