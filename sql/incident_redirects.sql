-- reports.incident_redirects: public incident ids that no longer name a current
-- incident, and the id each leads to now. An id changes when an earlier report
-- of the incident arrives (the id is that of its earliest-published report) or
-- when two incidents are merged; the old id keeps resolving.
--
-- Also creates reports.resolve_incident_id(id): the current id of the incident
-- any id ever shown names (itself when current). Use it to look an old id up:
--   SELECT * FROM reports.incidents WHERE incident_id = reports.resolve_incident_id('EV-...');
--
-- depends:
-- date-column: redirected_at
-- actor-columns:
-- order-by: redirected_at DESC, old_incident_id

DROP FUNCTION IF EXISTS reports.resolve_incident_id(text);
CREATE FUNCTION reports.resolve_incident_id(incident_id text) RETURNS text
LANGUAGE sql STABLE STRICT SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH RECURSIVE chain(id, merged_into_id, public_id, depth) AS (
        SELECT i.id, i.merged_into_id, i.public_id, 0
        FROM incidents i
        WHERE i.id = coalesce(
            (SELECT id FROM incidents WHERE public_id = upper(btrim($1)) AND status <> 'merged'),
            (SELECT r.incident_id FROM incident_redirects r WHERE r.public_id = upper(btrim($1))),
            (SELECT id FROM incidents WHERE public_id = upper(btrim($1))))
        UNION ALL
        SELECT i.id, i.merged_into_id, i.public_id, c.depth + 1
        FROM chain c JOIN incidents i ON i.id = c.merged_into_id
        WHERE c.depth < 1000
    )
    SELECT public_id FROM chain WHERE merged_into_id IS NULL
$$;
COMMENT ON FUNCTION reports.resolve_incident_id(text) IS
    'The current public id of the incident an incident id names: the id itself while it is current, else where its redirects and merges lead; NULL for an id no incident ever had.';

CREATE VIEW reports.incident_redirects AS
SELECT
    r.public_id                             AS old_incident_id,
    reports.resolve_incident_id(r.public_id) AS incident_id,
    r.reason,
    r.judgement_id,
    r.created_at                            AS redirected_at
FROM incident_redirects r
-- an id that is again some incident's current id (a split gave it back) no longer redirects
WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.public_id = r.public_id AND i.status <> 'merged');

COMMENT ON VIEW reports.incident_redirects IS
    'Incident ids that no longer name a current incident (renamed when an earlier report arrived, or merged into another), with the id each leads to now.';
COMMENT ON COLUMN reports.incident_redirects.old_incident_id IS 'The old public incident id.';
COMMENT ON COLUMN reports.incident_redirects.incident_id IS 'The current id it resolves to (reports.resolve_incident_id).';
COMMENT ON COLUMN reports.incident_redirects.reason IS 'renamed (an earlier report joined the incident) or merged (the incident was absorbed by another).';
COMMENT ON COLUMN reports.incident_redirects.judgement_id IS 'The curator''s judgement that caused it, when one did (reports.judgements).';
COMMENT ON COLUMN reports.incident_redirects.redirected_at IS 'When the id started to redirect.';
