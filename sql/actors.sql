-- reports.actors: one row per reference actor, with its aliases and the side it
-- rolls up to (reports.actor_sides), for `eventdb export actors` and lookups.
--
-- depends: reports.actor_sides
-- date-column:
-- actor-columns: name, side
-- order-by: name

CREATE VIEW reports.actors AS
SELECT
    a.id                AS actor_id,
    a.key,
    a.name,
    a.kind,
    a.country_code,
    country.name        AS country,
    side.side,
    side.side_kind,
    side.path           AS side_path,
    side.relations      AS side_relations,
    (SELECT array_agg(al.alias ORDER BY al.alias)
       FROM actor_aliases al WHERE al.actor_id = a.id AND NOT al.is_adjective) AS aliases,
    (SELECT array_agg(al.alias ORDER BY al.alias)
       FROM actor_aliases al WHERE al.actor_id = a.id AND al.is_adjective) AS adjectives,
    a.description
FROM actors a
LEFT JOIN countries country       ON country.code = a.country_code
LEFT JOIN reports.actor_sides side ON side.actor_id = a.id;

COMMENT ON VIEW reports.actors IS
    'Reference actors: kind, country, the names they are written as, and the state or coalition each rolls up to (its side).';
COMMENT ON COLUMN reports.actors.actor_id IS 'Actor key (actors.id).';
COMMENT ON COLUMN reports.actors.key IS 'Stable key from seeds/reference/actors.toml.';
COMMENT ON COLUMN reports.actors.name IS 'Canonical name, as the other reports print it.';
COMMENT ON COLUMN reports.actors.kind IS 'state, state_force, state_agency, government_body, militia, militia_coalition, armed_group, political_party, person or international_org.';
COMMENT ON COLUMN reports.actors.country_code IS 'ISO 3166-1 alpha-2 country the actor belongs to or operates from.';
COMMENT ON COLUMN reports.actors.country IS 'Name of that country (pycountry).';
COMMENT ON COLUMN reports.actors.side IS 'State or coalition the actor rolls up to (reports.actor_sides); the actor itself when it belongs to nothing.';
COMMENT ON COLUMN reports.actors.side_kind IS 'Kind of the side.';
COMMENT ON COLUMN reports.actors.side_path IS 'Actor names from the actor up to its side.';
COMMENT ON COLUMN reports.actors.side_relations IS 'Relation of each step of side_path.';
COMMENT ON COLUMN reports.actors.aliases IS 'Names the actor is written as in articles (its canonical name included).';
COMMENT ON COLUMN reports.actors.adjectives IS 'Demonyms that name the actor as perpetrator or target (''Israeli'').';
COMMENT ON COLUMN reports.actors.description IS 'Curator''s one-line description.';
