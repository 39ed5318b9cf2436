-- reports.actor_network: the affiliation graph closed transitively.
-- One row per path from an actor to each actor it is related to, directly or
-- through others: Islamic Resistance in Iraq -member_of-> ... -backed_by-> IRGC.
--
-- Relations are followed in their stored direction (actor -> related actor).
-- A path never visits an actor twice (cycles in the data are cut), is at most
-- 12 steps long, and exists only while all its relations hold at once: its
-- validity is the intersection of theirs, and paths whose relations never
-- overlap in time are dropped.
--
-- depends:
-- date-column:
-- actor-columns: actor, ancestor
-- order-by: actor, depth, ancestor
-- table-columns: actor, ancestor, depth, relations, path, valid_from, valid_to

CREATE VIEW reports.actor_network AS
WITH RECURSIVE paths AS (
    -- One step: each stored relation.
    SELECT f.actor_id,
           f.related_actor_id               AS ancestor_id,
           1                                AS depth,
           ARRAY[f.actor_id, f.related_actor_id] AS path_ids,
           ARRAY[f.relation]                AS relations,
           f.valid_from,
           f.valid_to,
           ARRAY[f.evidence_key]            AS evidence
    FROM affiliations f
    UNION ALL
    -- One step further from the ancestor reached so far.
    SELECT p.actor_id,
           f.related_actor_id,
           p.depth + 1,
           p.path_ids || f.related_actor_id,
           p.relations || f.relation,
           GREATEST(p.valid_from, f.valid_from),  -- GREATEST/LEAST ignore NULLs (open ends)
           LEAST(p.valid_to, f.valid_to),
           p.evidence || f.evidence_key
    FROM paths p
    JOIN affiliations f ON f.actor_id = p.ancestor_id
    WHERE f.related_actor_id <> ALL (p.path_ids)    -- cycle guard
      AND p.depth < 12
      AND (GREATEST(p.valid_from, f.valid_from) IS NULL
           OR LEAST(p.valid_to, f.valid_to) IS NULL
           OR GREATEST(p.valid_from, f.valid_from) <= LEAST(p.valid_to, f.valid_to))
)
SELECT
    actor.name      AS actor,
    ancestor.name   AS ancestor,
    p.depth,
    (SELECT array_agg(a.name ORDER BY step.n)
       FROM unnest(p.path_ids) WITH ORDINALITY AS step (actor_id, n)
       JOIN actors a ON a.id = step.actor_id) AS path,
    p.relations,
    p.valid_from,
    p.valid_to,
    p.evidence,
    actor.kind      AS actor_kind,
    ancestor.kind   AS ancestor_kind,
    p.actor_id,
    p.ancestor_id
FROM paths p
JOIN actors actor    ON actor.id = p.actor_id
JOIN actors ancestor ON ancestor.id = p.ancestor_id;

COMMENT ON VIEW reports.actor_network IS
    'Affiliations closed transitively: every path from an actor to an actor it is related to directly or through others (member_of, backed_by, front_for, part_of, commands, allied_with), with the relations along it, when the whole chain holds and the evidence for each step. Cycle-safe.';
COMMENT ON COLUMN reports.actor_network.actor IS 'Actor the path starts from (the member, the backed group, the front).';
COMMENT ON COLUMN reports.actor_network.ancestor IS 'Actor the path reaches (the coalition, the backer, the group fronted for).';
COMMENT ON COLUMN reports.actor_network.depth IS 'Number of relations along the path (1 = direct).';
COMMENT ON COLUMN reports.actor_network.path IS 'Actor names along the path, from actor to ancestor.';
COMMENT ON COLUMN reports.actor_network.relations IS 'Relation of each step, in order (path[k] relations[k] path[k+1]).';
COMMENT ON COLUMN reports.actor_network.valid_from IS 'First day every relation along the path holds; NULL when none has a known start.';
COMMENT ON COLUMN reports.actor_network.valid_to IS 'Last day every relation along the path holds; NULL when none has ended.';
COMMENT ON COLUMN reports.actor_network.evidence IS 'Evidence of each step, in order: ''reference:<file>'' for curated relations, ''claim:<claim_id>'' for a statement in an article.';
COMMENT ON COLUMN reports.actor_network.actor_kind IS 'Kind of the starting actor (militia, militia_coalition, state_force, ...).';
COMMENT ON COLUMN reports.actor_network.ancestor_kind IS 'Kind of the actor reached.';
COMMENT ON COLUMN reports.actor_network.actor_id IS 'Key of the starting actor (actors.id).';
COMMENT ON COLUMN reports.actor_network.ancestor_id IS 'Key of the actor reached (actors.id).';
