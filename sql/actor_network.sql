-- reports.actor_network: the affiliation graph closed over relations that compose.
-- One row per path from an actor to each actor it is related to, directly or
-- through others, with the relation the whole path stands for:
-- Revenge of al-Muhandis Brigade -front_for-> Kata'ib Hezbollah -member_of->
-- Islamic Resistance in Iraq is a member_of path.
--
-- Relations are followed in their stored direction (actor -> related actor), and
-- a path goes on only while its relations compose:
--   membership with membership: part_of then part_of is part_of; part_of or
--     member_of (or commands, as the first step) then part_of or member_of is
--     member_of (a commander belongs to what his unit belongs to);
--   backing with backing: backed_by then backed_by is backed_by, and backed_by then
--     part_of is backed_by (backed by the Quds Force, part of the IRGC, is backed by
--     the IRGC);
--   a front stands for its group: front_for then member_of, part_of or backed_by
--     is that relation;
--   nothing else composes (membership then backing, alliances), and no path goes on
--     past a state: Iraq's membership of the coalition against Daesh is not its
--     armed forces' or their units'.
-- A path never visits an actor twice (cycles in the data are cut), is at most 12
-- steps long, and exists only while all its relations hold at once: its validity is
-- the intersection of theirs, and paths whose relations never overlap in time are
-- dropped.
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
           f.relation                       AS relation,
           f.valid_from,
           f.valid_to,
           ARRAY[f.evidence_key]            AS evidence
    FROM affiliations f
    UNION ALL
    -- One step further from the ancestor reached so far, when the relations compose.
    SELECT p.actor_id,
           f.related_actor_id,
           p.depth + 1,
           p.path_ids || f.related_actor_id,
           p.relations || f.relation,
           step.relation,
           GREATEST(p.valid_from, f.valid_from),  -- GREATEST/LEAST ignore NULLs (open ends)
           LEAST(p.valid_to, f.valid_to),
           p.evidence || f.evidence_key
    FROM paths p
    JOIN actors via     ON via.id = p.ancestor_id
    JOIN affiliations f ON f.actor_id = p.ancestor_id
    CROSS JOIN LATERAL (SELECT CASE
        WHEN p.relation = 'front_for' AND f.relation IN ('member_of', 'part_of', 'backed_by') THEN f.relation
        WHEN p.relation = 'part_of' AND f.relation = 'part_of' THEN 'part_of'
        WHEN p.relation IN ('part_of', 'member_of', 'commands') AND f.relation IN ('part_of', 'member_of') THEN 'member_of'
        WHEN p.relation = 'backed_by' AND f.relation IN ('backed_by', 'part_of') THEN 'backed_by'
    END AS relation) step
    WHERE step.relation IS NOT NULL
      AND via.kind <> 'state'                       -- a state's relations are its own
      AND f.related_actor_id <> ALL (p.path_ids)    -- cycle guard
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
    p.relation,
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
    'Affiliations closed over relations that compose (membership with membership, backing with backing, a front as its group; never past a state): every path from an actor to an actor it is related to directly or through others, the relation the path stands for, the relations along it, when the whole chain holds and the evidence for each step. Cycle-safe.';
COMMENT ON COLUMN reports.actor_network.actor IS 'Actor the path starts from (the member, the backed group, the front).';
COMMENT ON COLUMN reports.actor_network.ancestor IS 'Actor the path reaches (the coalition, the backer, the group fronted for).';
COMMENT ON COLUMN reports.actor_network.depth IS 'Number of relations along the path (1 = direct).';
COMMENT ON COLUMN reports.actor_network.path IS 'Actor names along the path, from actor to ancestor.';
COMMENT ON COLUMN reports.actor_network.relations IS 'Relation of each step, in order (path[k] relations[k] path[k+1]).';
COMMENT ON COLUMN reports.actor_network.relation IS 'What the whole path says the actor is to the ancestor: part_of (part_of steps only), member_of (other membership chains, a commander''s), backed_by (backing, and the backer''s parents), front_for, commands or allied_with (direct only).';
COMMENT ON COLUMN reports.actor_network.valid_from IS 'First day every relation along the path holds; NULL when none has a known start.';
COMMENT ON COLUMN reports.actor_network.valid_to IS 'Last day every relation along the path holds; NULL when none has ended.';
COMMENT ON COLUMN reports.actor_network.evidence IS 'Evidence of each step, in order: ''reference:<file>'' for curated relations, ''claim:<claim_id>'' for a statement in an article.';
COMMENT ON COLUMN reports.actor_network.actor_kind IS 'Kind of the starting actor (militia, militia_coalition, state_force, ...).';
COMMENT ON COLUMN reports.actor_network.ancestor_kind IS 'Kind of the actor reached.';
COMMENT ON COLUMN reports.actor_network.actor_id IS 'Key of the starting actor (actors.id).';
COMMENT ON COLUMN reports.actor_network.ancestor_id IS 'Key of the actor reached (actors.id).';
