-- reports.incident_disputes: which incidents' current claims disagree, and on what.
-- A building block shared by reports.incidents (its `contested` flag) and
-- reports.contested_incidents (which adds who says what), so both use one
-- definition.
--
-- Kinds of disagreement (the `disputes` array), from the claims'
-- responsibility_position (see reports.claims) and the numbers they state:
--   responsibility  someone claims responsibility and someone denies
--                   responsibility or involvement;
--   attribution     an attribution meets a denial or a refusal to confirm, or
--                   a claim of responsibility is not confirmed;
--   killed, injured, projectiles
--                   sources state different numbers.
--
-- Shape: one aggregate over the claims, cheap for all incidents at once and
-- narrowed to one incident's claims when filtered by incident_key. Keep
-- per-row subqueries out of it: PostgreSQL would run them for every disputed
-- incident before any filter or LIMIT of the view that reads this one.
--
-- depends: reports.claims
-- date-column:
-- actor-columns:
-- order-by: incident_key

CREATE VIEW reports.incident_disputes AS
WITH stated AS (
    -- What each incident's current claims say about responsibility, and how
    -- many different numbers they state. A query for one incident (or the
    -- correlated lookup behind reports.incidents.contested) is narrowed to
    -- that incident's claims before grouping.
    SELECT c.incident_key,
           min(c.incident_id)            AS incident_id,  -- the public id, the same on every claim of the incident
           array_agg(DISTINCT c.responsibility_position) AS positions,
           count(DISTINCT c.killed)      AS killed_values,
           count(DISTINCT c.injured)     AS injured_values,
           count(DISTINCT c.projectiles) AS projectiles_values
    FROM reports.claims c
    WHERE c.incident_key IS NOT NULL
    GROUP BY c.incident_key
),
flagged AS (
    SELECT incident_key, incident_id,
           array_remove(ARRAY[
               CASE WHEN 'claims' = ANY (positions) AND 'denies' = ANY (positions)
                    THEN 'responsibility' END,
               CASE WHEN ('attributes' = ANY (positions)
                          AND ('denies' = ANY (positions) OR 'does_not_confirm' = ANY (positions)))
                      OR ('claims' = ANY (positions) AND 'does_not_confirm' = ANY (positions))
                    THEN 'attribution' END,
               CASE WHEN killed_values > 1 THEN 'killed' END,
               CASE WHEN injured_values > 1 THEN 'injured' END,
               CASE WHEN projectiles_values > 1 THEN 'projectiles' END
           ], NULL) AS disputes
    FROM stated
)
-- Grouped by the internal key, which the claims' index is in order of: the first
-- rows come without sorting every claim.
SELECT incident_id, incident_key, disputes
FROM flagged
WHERE cardinality(disputes) > 0;

COMMENT ON VIEW reports.incident_disputes IS
    'Building block: one row per incident whose current claims disagree (responsibility claimed and denied, attribution denied or not confirmed, differing casualty or projectile counts) and on what. reports.contested_incidents adds the incident and who states what.';
COMMENT ON COLUMN reports.incident_disputes.incident_id IS 'The incident (its public id, as in reports.incidents).';
COMMENT ON COLUMN reports.incident_disputes.incident_key IS 'Internal key of the incident (incidents.id), for joins between eventdb''s views; use incident_id.';
COMMENT ON COLUMN reports.incident_disputes.disputes IS 'What the sources disagree on: responsibility, attribution, killed, injured, projectiles.';
