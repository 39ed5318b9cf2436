-- reports.claims: one row per current claim, with everything needed to check it
-- against the article it comes from (quote, offsets, url, outlet, extractor).
--
-- Also creates reports.claims_naming(likes): the keys of the claims an
-- actor filter can match, found in the tables' indexes and small columns rather
-- than by computing every claim's names (`eventdb report claims --actor` narrows
-- to them before testing the claimant, perpetrator and target columns).
--
-- depends:
-- date-column: published_on
-- actor-columns: claimant, perpetrator, target
-- order-by: published_on DESC NULLS LAST, source_id, char_start
-- actor-rows: claim_id = ANY(ARRAY(SELECT reports.claims_naming(:actor_likes)))
-- table-columns: published_on, claimant, stance, quote, claim_type, incident_id, perpetrator, target, occurred_on_text, place, outlet, claim_id

CREATE VIEW reports.claims AS
SELECT
    c.id                AS claim_id,
    incident.public_id  AS incident_id,
    c.incident_id       AS incident_key,
    c.claim_type,
    c.stance,
    -- Who asserts it, most specific first: a reference actor, an outlet the
    -- article cites ("the Times of Israel reported"), the words used for an
    -- unresolved claimant ("Iraqi sources"), and otherwise the publishing
    -- outlet speaking in its own voice (its name, else the url's host, else
    -- the outlet it says it was republished from); NULL when nothing names it.
    COALESCE(
        claimant_actor.name,
        cited_outlet.name,
        c.claimant_text,
        outlet.name,
        substring(s.url FROM '^[a-zA-Z]+://(?:www\.)?([^/:]+)'),
        republished.name,
        s.republished_from_text
    )                   AS claimant,
    CASE
        WHEN claimant_actor.id IS NOT NULL THEN 'actor'
        WHEN cited_outlet.id IS NOT NULL THEN 'cited_outlet'
        WHEN c.claimant_text IS NOT NULL THEN 'unresolved'
        ELSE 'own_voice'
    END                 AS claimant_kind,
    c.claimant_text,
    -- Actors the claim names, by role: canonical names, else as written.
    -- The first of each role comes from a join on claim_actors' key
    -- (claim_id, role, position 0), which PostgreSQL can hash-join on scans
    -- and drop when the column is not read; further ones (positions 1, 2...)
    -- are appended with '; ' by a subquery that runs only when they exist.
    COALESCE(perpetrator0_actor.name, perpetrator0.actor_text)
        || CASE WHEN perpetrator1.claim_id IS NULL THEN '' ELSE
           (SELECT string_agg('; ' || COALESCE(a.name, ca.actor_text), '' ORDER BY ca.position)
              FROM claim_actors ca LEFT JOIN actors a ON a.id = ca.actor_id
             WHERE ca.claim_id = c.id AND ca.role = 'perpetrator' AND ca.position > 0) END
                        AS perpetrator,
    COALESCE(target0_actor.name, target0.actor_text)
        || CASE WHEN target1.claim_id IS NULL THEN '' ELSE
           (SELECT string_agg('; ' || COALESCE(a.name, ca.actor_text), '' ORDER BY ca.position)
              FROM claim_actors ca LEFT JOIN actors a ON a.id = ca.actor_id
             WHERE ca.claim_id = c.id AND ca.role = 'target' AND ca.position > 0) END
                        AS target,
    -- Where the claim stands on who is responsible (NULL when it says nothing
    -- about it); reports.incident_disputes compares these across sources.
    CASE
        WHEN c.claim_type IN ('responsibility_denied', 'involvement_denied')
          OR (c.claim_type IN ('responsibility_claimed', 'attribution') AND c.stance = 'denied')
            THEN 'denies'
        WHEN c.claim_type = 'non_confirmation'
          OR (c.claim_type IN ('responsibility_claimed', 'attribution', 'confirmation') AND c.stance = 'not_confirmed')
            THEN 'does_not_confirm'
        WHEN c.claim_type = 'responsibility_claimed' THEN 'claims'
        WHEN c.claim_type = 'attribution' THEN 'attributes'
        WHEN c.claim_type = 'confirmation' THEN 'confirms'
    END                 AS responsibility_position,
    COALESCE(place.name, c.place_text) AS place,
    COALESCE(c.country_code, place.country_code) AS country_code,
    c.event_type,
    -- The date as precise as it is known: 2024-01-28 (day), 2024-W04 (an ISO
    -- week), 2024-01-27/2024-02-02 (seven days from another weekday), 2024-01
    -- (month), 2024 (year); NULL when unknown. Same expression in sql/incidents.sql.
    CASE c.date_precision
        WHEN 'day'   THEN to_char(c.occurred_on, 'YYYY-MM-DD')
        WHEN 'week'  THEN CASE WHEN extract(isodow FROM c.occurred_on) = 1 THEN to_char(c.occurred_on, 'IYYY-"W"IW')
                               ELSE to_char(c.occurred_on, 'YYYY-MM-DD') || '/' || to_char(c.occurred_on + 6, 'YYYY-MM-DD') END
        WHEN 'month' THEN to_char(c.occurred_on, 'YYYY-MM')
        WHEN 'year'  THEN to_char(c.occurred_on, 'YYYY')
    END                 AS occurred_on_text,
    c.occurred_on,
    c.date_precision,
    c.weapons,
    c.killed,
    c.injured,
    c.projectiles,
    c.quote,
    c.char_start,
    c.char_end,
    c.confidence,
    c.source_id,
    s.url               AS source_url,
    outlet.name         AS outlet,
    s.published_on,
    c.extractor_version,
    -- The state or coalition each named actor belongs to (first actor of each role), as
    -- reports.actor_sides defines it, stored on actors (eventdb.sides). Subqueries rather than
    -- joins, so that queries which do not read them do not pay for them.
    (SELECT side.name FROM actors side WHERE side.id = perpetrator0_actor.side_actor_id) AS perpetrator_side,
    (SELECT side.name FROM actors side WHERE side.id = target0_actor.side_actor_id)      AS target_side,
    (SELECT side.name FROM actors side WHERE side.id = claimant_actor.side_actor_id)     AS claimant_side,
    s.copy_of           AS copy_of_source_id,
    cardinality(c.judgement_ids) > 0 AS curated,
    c.judgement_ids
FROM claims c
-- Every claim has its source; LEFT JOIN lets PostgreSQL skip the join when a
-- query reads no source column (reports.incident_disputes counts rely on it).
LEFT JOIN sources s             ON s.id = c.source_id
LEFT JOIN outlets outlet        ON outlet.id = s.outlet_id
LEFT JOIN actors claimant_actor ON claimant_actor.id = c.claimant_actor_id
LEFT JOIN outlets cited_outlet  ON cited_outlet.id = c.claimant_outlet_id
LEFT JOIN outlets republished   ON republished.id = s.republished_from_outlet_id
LEFT JOIN places place          ON place.id = c.place_id
LEFT JOIN incidents incident    ON incident.id = c.incident_id
LEFT JOIN claim_actors perpetrator0  ON perpetrator0.claim_id = c.id AND perpetrator0.role = 'perpetrator' AND perpetrator0.position = 0
LEFT JOIN actors perpetrator0_actor  ON perpetrator0_actor.id = perpetrator0.actor_id
LEFT JOIN claim_actors perpetrator1  ON perpetrator1.claim_id = c.id AND perpetrator1.role = 'perpetrator' AND perpetrator1.position = 1
LEFT JOIN claim_actors target0       ON target0.claim_id = c.id AND target0.role = 'target' AND target0.position = 0
LEFT JOIN actors target0_actor       ON target0_actor.id = target0.actor_id
LEFT JOIN claim_actors target1       ON target1.claim_id = c.id AND target1.role = 'target' AND target1.position = 1
WHERE c.superseded_at IS NULL  -- only the claims of the current text and extractor
  AND NOT c.rejected;           -- and not rejected by a curator (reports.judgements)

DROP FUNCTION IF EXISTS reports.claims_naming(text[]);
CREATE FUNCTION reports.claims_naming(likes text[]) RETURNS SETOF bigint
-- PL/pgSQL rather than SQL: its first runs are planned for the patterns given, so the index on
-- claim_actors(actor_id) is used for a rare name (a SQL function's generic plan scanned the tables).
LANGUAGE plpgsql STABLE STRICT SECURITY DEFINER SET search_path = public, pg_temp ROWS 1000 AS $$
BEGIN
    -- Every claim whose claimant, perpetrator or target column in reports.claims could contain
    -- words LIKE one of `likes` (a superset: the caller still tests the columns). Reference
    -- actors are found by name first, then their claims through the indexes on
    -- claim_actors(actor_id) and claims(claimant_actor_id); words as written only where no
    -- reference actor stands in that place.
    RETURN QUERY
    SELECT claim_id FROM claim_actors WHERE actor_id IN (SELECT id FROM actors WHERE name ILIKE ANY(likes))
    UNION
    SELECT id FROM claims WHERE claimant_actor_id IN (SELECT id FROM actors WHERE name ILIKE ANY(likes))
    UNION
    SELECT claim_id FROM claim_actors WHERE actor_id IS NULL AND actor_text ILIKE ANY(likes)
    UNION
    SELECT c.id FROM claims c
    WHERE c.claimant_actor_id IS NULL
      AND (c.claimant_text ILIKE ANY(likes)
           OR c.claimant_outlet_id IN (SELECT id FROM outlets WHERE name ILIKE ANY(likes))
           OR c.source_id IN (  -- the outlet's own voice: its name, the url's host, the outlet it republishes
               SELECT s.id FROM sources s
               WHERE s.outlet_id IN (SELECT id FROM outlets WHERE name ILIKE ANY(likes))
                  OR s.republished_from_outlet_id IN (SELECT id FROM outlets WHERE name ILIKE ANY(likes))
                  OR s.republished_from_text ILIKE ANY(likes)
                  OR (s.outlet_id IS NULL AND s.url ILIKE ANY(likes))));
END
$$;
COMMENT ON FUNCTION reports.claims_naming(text[]) IS
    'Keys of the claims whose claimant, perpetrator or target (reports.claims) may contain words LIKE one of the patterns: a superset that `eventdb report claims --actor` narrows to before testing those columns.';

COMMENT ON VIEW reports.claims IS
    'One row per current claim (an assertion of one article) with full provenance: who asserts it, the exact quote and its offsets, the article''s url and outlet, and the extractor version.';
COMMENT ON COLUMN reports.claims.claim_id IS 'Claim key (claims.id).';
COMMENT ON COLUMN reports.claims.incident_id IS 'Public id of the incident the claim is about (reports.incidents); NULL when not linked to an incident (e.g. affiliation statements).';
COMMENT ON COLUMN reports.claims.incident_key IS 'Internal key of the incident (incidents.id), for joins between eventdb''s views: it is not stable across databases or merges; use incident_id.';
COMMENT ON COLUMN reports.claims.claim_type IS 'incident_report, responsibility_claimed, responsibility_denied, attribution, involvement_denied, interception, casualty_report, confirmation, non_confirmation or affiliation.';
COMMENT ON COLUMN reports.claims.stance IS 'asserted, denied, not_confirmed or hedged (''reportedly'', ''sources said'').';
COMMENT ON COLUMN reports.claims.claimant IS 'Who asserts it: the reference actor''s name, else the cited outlet, else the claimant as written, else the publishing outlet (its own voice: its name, the url''s host or the outlet it was republished from; NULL when the article names none).';
COMMENT ON COLUMN reports.claims.claimant_kind IS 'actor (a reference actor), cited_outlet (an outlet the article cites), unresolved (a claimant as written, not in the reference data) or own_voice (the publishing outlet itself).';
COMMENT ON COLUMN reports.claims.claimant_text IS 'The words the article uses for the claimant; NULL for the outlet''s own voice.';
COMMENT ON COLUMN reports.claims.perpetrator IS 'Perpetrator(s) the claim names (canonical names, else as written), joined with ''; ''.';
COMMENT ON COLUMN reports.claims.target IS 'Target(s) the claim names (canonical names, else as written), joined with ''; ''.';
COMMENT ON COLUMN reports.claims.responsibility_position IS 'Where the claim stands on who is responsible: claims (responsibility claimed), attributes, confirms, denies (responsibility or involvement denied) or does_not_confirm; NULL when it says nothing about responsibility.';
COMMENT ON COLUMN reports.claims.place IS 'Place as this source states it: reference name, else as written.';
COMMENT ON COLUMN reports.claims.country_code IS 'ISO 3166-1 alpha-2 country of the place, when known.';
COMMENT ON COLUMN reports.claims.event_type IS 'attack, airstrike, assassination or sabotage, as this source states it.';
COMMENT ON COLUMN reports.claims.occurred_on_text IS 'Event date as this source states it, written to its precision: 2024-01-28, 2024-W04, 2024-01-27/2024-02-02, 2024-01 or 2024; NULL when unknown.';
COMMENT ON COLUMN reports.claims.occurred_on IS 'Event date as this source states it (first day of the period when less precise than a day).';
COMMENT ON COLUMN reports.claims.date_precision IS 'Precision of occurred_on: day, week, month, year or unknown.';
COMMENT ON COLUMN reports.claims.weapons IS 'Weapon keys this source names (seeds/reference/weapons.toml).';
COMMENT ON COLUMN reports.claims.killed IS 'Number killed this source states.';
COMMENT ON COLUMN reports.claims.injured IS 'Number injured this source states.';
COMMENT ON COLUMN reports.claims.projectiles IS 'Number of rockets, missiles or drones this source states.';
COMMENT ON COLUMN reports.claims.quote IS 'The exact words of the article that make the claim.';
COMMENT ON COLUMN reports.claims.char_start IS 'Offset of the quote''s first character in the article text (0-based, in characters).';
COMMENT ON COLUMN reports.claims.char_end IS 'Offset just past the quote''s last character.';
COMMENT ON COLUMN reports.claims.confidence IS 'Extractor''s confidence in the claim, 0 to 1.';
COMMENT ON COLUMN reports.claims.source_id IS 'Key of the article (sources.id).';
COMMENT ON COLUMN reports.claims.source_url IS 'URL of the article, when known.';
COMMENT ON COLUMN reports.claims.outlet IS 'Outlet that published the article.';
COMMENT ON COLUMN reports.claims.published_on IS 'Publication date of the article.';
COMMENT ON COLUMN reports.claims.extractor_version IS 'Version of the extraction rules that produced the claim.';
COMMENT ON COLUMN reports.claims.curated IS 'True when a curator''s judgement is in force on the claim: a corrected field holds the curator''s value (claims.extracted keeps the extractor''s).';
COMMENT ON COLUMN reports.claims.judgement_ids IS 'Judgements in force on the claim (reports.judgements).';
COMMENT ON COLUMN reports.claims.perpetrator_side IS 'State or coalition the (first) perpetrator belongs to (reports.actor_sides); NULL when unresolved.';
COMMENT ON COLUMN reports.claims.target_side IS 'State or coalition the (first) target belongs to (reports.actor_sides); NULL when unresolved.';
COMMENT ON COLUMN reports.claims.claimant_side IS 'State or coalition the claimant belongs to: what CENTCOM, the Pentagon or "US officials" say is what the United States says (reports.actor_sides); NULL when the claimant is not a reference actor.';
COMMENT ON COLUMN reports.claims.copy_of_source_id IS 'When the article republishes another (sources.copy_of): the original''s key; NULL for an independent report.';
