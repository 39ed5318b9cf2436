-- reports.incident_changes: one row per changed field of each new incident
-- version (old -> new), and one per incident created: the release notes.
-- `eventdb report incident_changes --since DATE` lists what changed since then,
-- step by step.
--
-- Also creates reports.incident_diff(since): the net difference between the
-- incidents at that time and now, as `eventdb diff --since ...` prints it:
-- incidents added, changed (each field, old -> new) and withdrawn (merged into
-- another, or no longer reported).
--   SELECT * FROM reports.incident_diff('2024-05-01 00:00+00');
-- And reports.incident_value(field, value): how both show a place, an actor or
-- a merged incident (by name or public id; other values show as text).
--
-- depends: reports.incident_redirects
-- date-column: changed_at
-- actor-columns:
-- order-by: changed_at DESC, incident_id, field

DROP FUNCTION IF EXISTS reports.incident_diff(timestamptz);
DROP FUNCTION IF EXISTS reports.incident_value(text, jsonb);
DROP FUNCTION IF EXISTS reports.incident_field(text);

CREATE FUNCTION reports.incident_field(field text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE $1 WHEN 'place_id' THEN 'place' WHEN 'perpetrator_actor_id' THEN 'perpetrator'
                   WHEN 'target_actor_id' THEN 'target' WHEN 'public_id' THEN 'incident_id'
                   WHEN 'merged_into_id' THEN 'merged_into' ELSE $1 END
$$;
COMMENT ON FUNCTION reports.incident_field(text) IS 'The name a column of incidents goes by in reports (place for place_id, incident_id for public_id, ...).';

CREATE FUNCTION reports.incident_value(field text, value jsonb) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT CASE
        WHEN $2 IS NULL OR jsonb_typeof($2) = 'null' THEN NULL
        WHEN $1 = 'place_id' THEN (SELECT name FROM places WHERE id = ($2 #>> '{}')::int)
        WHEN $1 IN ('perpetrator_actor_id', 'target_actor_id') THEN (SELECT name FROM actors WHERE id = ($2 #>> '{}')::int)
        WHEN $1 = 'merged_into_id' THEN (SELECT public_id FROM incidents WHERE id = ($2 #>> '{}')::bigint)
        ELSE $2 #>> '{}' END
$$;
COMMENT ON FUNCTION reports.incident_value(text, jsonb) IS 'A recorded value of a column of incidents as reports show it: names for places and actors, the public id of the incident merged into, else the value as text.';

CREATE VIEW reports.incident_changes AS
SELECT
    i.public_id                                 AS incident_id,
    h.version,
    h.valid_from                                AS changed_at,
    h.change,
    reports.incident_field(f.name)              AS field,
    CASE WHEN f.name IN ('place_id', 'perpetrator_actor_id', 'target_actor_id', 'merged_into_id')
         THEN reports.incident_value(f.name, h.previous -> f.name) ELSE h.previous ->> f.name END AS old_value,
    CASE WHEN f.name IN ('place_id', 'perpetrator_actor_id', 'target_actor_id', 'merged_into_id')
         THEN reports.incident_value(f.name, h.fields -> f.name) ELSE h.fields ->> f.name END AS new_value,
    h.ingest_run_id,
    h.judgement_id
FROM incident_history h
LEFT JOIN incidents i ON i.id = h.incident_id
CROSS JOIN LATERAL unnest(CASE WHEN h.version = 1 THEN ARRAY[NULL::text] ELSE h.changed_fields END) AS f(name);

COMMENT ON VIEW reports.incident_changes IS
    'What changed in the incidents, step by step: a row per incident created (field NULL) and per field changed in each later version, with old and new values and what caused it (an ingest run or a curator''s judgement).';
COMMENT ON COLUMN reports.incident_changes.incident_id IS 'The incident''s public id now (a change of id is a row with field incident_id).';
COMMENT ON COLUMN reports.incident_changes.version IS 'The version the change made (reports.incident_history).';
COMMENT ON COLUMN reports.incident_changes.changed_at IS 'When the change was written (transaction time).';
COMMENT ON COLUMN reports.incident_changes.change IS 'created, updated, curated, renamed, merged, withdrawn or restored.';
COMMENT ON COLUMN reports.incident_changes.field IS 'The field that changed (place, perpetrator, target, incident_id, killed_high, status, ...); NULL for created.';
COMMENT ON COLUMN reports.incident_changes.old_value IS 'Its value before, as text (names for places and actors).';
COMMENT ON COLUMN reports.incident_changes.new_value IS 'Its value after.';
COMMENT ON COLUMN reports.incident_changes.ingest_run_id IS 'The ingest or reextract run that made the change (ingest_runs.id), when one did.';
COMMENT ON COLUMN reports.incident_changes.judgement_id IS 'The curator''s judgement that made the change (reports.judgements), when one did.';

-- Fields left out of the diff: status and merged_into are what added and
-- withdrawn say; judgement_ids and curated_fields are bookkeeping.
CREATE FUNCTION reports.incident_diff(since timestamptz)
RETURNS TABLE (incident_id text, change text, field text, old_value text, new_value text, changed_at timestamptz)
LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH touched AS (
        SELECT DISTINCT h.incident_id FROM incident_history h WHERE h.valid_from > $1
    ), pairs AS (
        SELECT t.incident_id, old.public_id AS old_id, old.fields AS old, new.public_id AS new_id, new.fields AS new,
               new.valid_from AS changed_at,
               coalesce(old.fields ->> 'status' = 'current', false) AS was_current,
               new.fields ->> 'status' = 'current' AS is_current
        FROM touched t
        JOIN incident_history new ON new.incident_id = t.incident_id AND new.valid_to IS NULL
        LEFT JOIN incident_history old ON old.incident_id = t.incident_id
             AND old.valid_from <= $1 AND (old.valid_to IS NULL OR old.valid_to > $1)
    )
    SELECT new_id, 'added', NULL, NULL, NULL, changed_at FROM pairs WHERE is_current AND NOT was_current
    UNION ALL
    SELECT old_id, 'withdrawn', 'status', 'current',
           CASE WHEN new ->> 'status' = 'merged' THEN 'merged into ' || reports.resolve_incident_id(old_id) ELSE new ->> 'status' END,
           changed_at
    FROM pairs WHERE was_current AND NOT is_current
    UNION ALL
    SELECT p.new_id, 'changed', reports.incident_field(f.key),
           CASE WHEN f.key IN ('place_id', 'perpetrator_actor_id', 'target_actor_id')
                THEN reports.incident_value(f.key, p.old -> f.key) ELSE p.old ->> f.key END,
           CASE WHEN f.key IN ('place_id', 'perpetrator_actor_id', 'target_actor_id')
                THEN reports.incident_value(f.key, f.value) ELSE f.value #>> '{}' END,
           p.changed_at
    FROM pairs p CROSS JOIN LATERAL jsonb_each(p.new) f
    WHERE p.was_current AND p.is_current AND p.old ? f.key AND f.value IS DISTINCT FROM p.old -> f.key
      AND f.key NOT IN ('status', 'merged_into_id', 'judgement_ids', 'curated_fields')
$$;
COMMENT ON FUNCTION reports.incident_diff(timestamptz) IS
    'The difference between the incidents at a time and now: added (current now, not then), withdrawn (current then, not now: merged into another, or no longer reported) and changed (a row per field, old -> new).';
