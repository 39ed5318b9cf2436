-- reports.actor_sides: the state or coalition each actor belongs to (its "side"),
-- so that "who attacked the United States" is a filter on one column:
-- US Central Command -part_of-> Pentagon -part_of-> United States.
--
-- The roll-up follows curated affiliations only (seeds/reference/affiliations.toml;
-- relations read from articles do not move an actor to another side), one parent
-- per actor, up to the top:
--   * a state is a top: its own alliances (Iraq member_of the coalition against
--     Daesh) are not its organs' side;
--   * an actor's parent is chosen among its part_of, member_of, front_for and
--     commands relations (backing and alliances are not belonging), in this order:
--       state forces, agencies and government bodies: part_of, member_of, commands, front_for
--       persons:                                        commands, member_of, part_of, front_for
--       militias, armed groups, coalitions, parties, international organisations:
--                                                       front_for, member_of, part_of, commands
--     then relations that still hold before ended ones, then the parent's key;
--   * a non-state armed actor (militia, armed group, militia coalition, party) does
--     not roll up into a state's institutions: the Popular Mobilization Forces are
--     formally part of the Iraqi armed forces, but the attacks of their factions are
--     not the Iraqi state's;
--   * an actor that belongs to nothing is its own side.
--
-- depends:
-- date-column:
-- actor-columns: actor, side
-- order-by: side, actor

CREATE VIEW reports.actor_sides AS
WITH RECURSIVE parent AS (
    SELECT DISTINCT ON (f.actor_id)
           f.actor_id, f.related_actor_id, f.relation
    FROM affiliations f
    JOIN actors a ON a.id = f.actor_id
    JOIN actors r ON r.id = f.related_actor_id
    WHERE f.reference_file IS NOT NULL
      AND f.relation IN ('part_of', 'member_of', 'front_for', 'commands')
      AND a.kind <> 'state'
      AND NOT (a.kind IN ('militia', 'armed_group', 'militia_coalition', 'political_party')
               AND r.kind IN ('state', 'state_force', 'state_agency', 'government_body'))
    ORDER BY f.actor_id,
             CASE
                 WHEN a.kind IN ('state_force', 'state_agency', 'government_body')
                     THEN array_position(ARRAY['part_of', 'member_of', 'commands', 'front_for'], f.relation)
                 WHEN a.kind = 'person'
                     THEN array_position(ARRAY['commands', 'member_of', 'part_of', 'front_for'], f.relation)
                 ELSE array_position(ARRAY['front_for', 'member_of', 'part_of', 'commands'], f.relation)
             END,
             f.valid_to IS NOT NULL,
             r.key
), chain AS (
    SELECT a.id AS actor_id, a.id AS side_id, ARRAY[a.id] AS path_ids, ARRAY[]::text[] AS relations
    FROM actors a
    UNION ALL
    SELECT c.actor_id, p.related_actor_id, c.path_ids || p.related_actor_id, c.relations || p.relation
    FROM chain c
    JOIN parent p ON p.actor_id = c.side_id
    WHERE p.related_actor_id <> ALL (c.path_ids)  -- cycle guard
), top AS (
    SELECT DISTINCT ON (actor_id) actor_id, side_id, path_ids, relations
    FROM chain
    ORDER BY actor_id, cardinality(path_ids) DESC
)
SELECT
    t.actor_id,
    actor.name      AS actor,
    t.side_id,
    side.name       AS side,
    side.kind       AS side_kind,
    (SELECT array_agg(a.name ORDER BY step.n)
       FROM unnest(t.path_ids) WITH ORDINALITY AS step (actor_id, n)
       JOIN actors a ON a.id = step.actor_id) AS path,
    t.relations
FROM top t
JOIN actors actor ON actor.id = t.actor_id
JOIN actors side  ON side.id = t.side_id;

COMMENT ON VIEW reports.actor_sides IS
    'The side of each reference actor: the state or coalition it belongs to through curated part_of / member_of / front_for / commands relations (CENTCOM -> Pentagon -> United States), or the actor itself when it belongs to none.';
COMMENT ON COLUMN reports.actor_sides.actor_id IS 'Key of the actor (actors.id).';
COMMENT ON COLUMN reports.actor_sides.actor IS 'The actor''s canonical name.';
COMMENT ON COLUMN reports.actor_sides.side_id IS 'Key of its side (actors.id); the actor''s own key when it belongs to nothing.';
COMMENT ON COLUMN reports.actor_sides.side IS 'Name of the state or coalition the actor rolls up to (the actor itself when it belongs to nothing).';
COMMENT ON COLUMN reports.actor_sides.side_kind IS 'Kind of the side: state, militia_coalition, international_org, ... (the actor''s own kind when it is its own side).';
COMMENT ON COLUMN reports.actor_sides.path IS 'Actor names from the actor up to its side.';
COMMENT ON COLUMN reports.actor_sides.relations IS 'Relation of each step of the path (path[k] relations[k] path[k+1]); empty when the actor is its own side.';
