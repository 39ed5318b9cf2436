-- reports.unresolved_names: names used as actors or places that match no
-- reference entry, most frequent first: the curators' to-do list.
--
-- Three places record them: name_mentions (what the extractor saw), actor
-- names in claims (claim_actors without actor_id) and claim places
-- (place_text without place_id). The same name can be counted by more than
-- one of them; `found_in` says which. Names a curator resolved to a reference
-- actor or place (`eventdb curate resolve`) are left out.
--
-- depends:
-- date-column: last_seen_on
-- actor-columns:
-- order-by: mentions DESC, name
-- table-columns: name, kind, mentions, sources, last_seen_on, example_quote, found_in

CREATE VIEW reports.unresolved_names AS
WITH mentions AS (
    SELECT nm.name, nm.kind, 'name_mentions' AS found_in, nm.quote, nm.source_id
    FROM name_mentions nm
    WHERE nm.superseded_at IS NULL
    UNION ALL
    SELECT ca.actor_text, 'actor', 'claim_actors.' || ca.role, c.quote, c.source_id
    FROM claim_actors ca
    JOIN claims c ON c.id = ca.claim_id
    WHERE ca.actor_id IS NULL AND c.superseded_at IS NULL
      -- a claimant that names a known outlet ("the Times of Israel reported") is resolved
      AND NOT (ca.role = 'claimant' AND c.claimant_outlet_id IS NOT NULL)
    UNION ALL
    SELECT c.place_text, 'place', 'claims.place_text', c.quote, c.source_id
    FROM claims c
    WHERE c.place_id IS NULL AND c.place_text IS NOT NULL AND c.superseded_at IS NULL
)
SELECT
    m.name,
    m.kind,
    count(*)                        AS mentions,
    count(DISTINCT m.source_id)     AS sources,
    array_agg(DISTINCT m.found_in)  AS found_in,
    min(s.published_on)             AS first_seen_on,
    max(s.published_on)             AS last_seen_on,
    -- The most recent example; both arrays use the same order, so quote and
    -- url come from the same mention.
    (array_agg(m.quote ORDER BY s.published_on DESC NULLS LAST, m.source_id, m.quote))[1] AS example_quote,
    (array_agg(s.url   ORDER BY s.published_on DESC NULLS LAST, m.source_id, m.quote))[1] AS example_source_url
FROM mentions m
JOIN sources s ON s.id = m.source_id
-- names a curator resolved (eventdb curate resolve) are done
WHERE NOT EXISTS (SELECT 1 FROM judgements j WHERE j.kind = 'resolve_name' AND j.withdrawn_by IS NULL
                  AND j.field = m.kind AND lower(j.target) = lower(m.name))
GROUP BY m.name, m.kind;

COMMENT ON VIEW reports.unresolved_names IS
    'Names used as an actor or a place that match no reference actor or place, with how often and where they occur and an example quote: what to add to seeds/reference/.';
COMMENT ON COLUMN reports.unresolved_names.name IS 'The name as written.';
COMMENT ON COLUMN reports.unresolved_names.kind IS 'actor or place: what the name was used as.';
COMMENT ON COLUMN reports.unresolved_names.mentions IS 'Number of times it was recorded (across the places listed in found_in).';
COMMENT ON COLUMN reports.unresolved_names.sources IS 'Number of distinct articles it occurs in.';
COMMENT ON COLUMN reports.unresolved_names.found_in IS 'Where it was recorded: name_mentions, claim_actors.<role>, claims.place_text.';
COMMENT ON COLUMN reports.unresolved_names.first_seen_on IS 'Earliest publication date of an article using it.';
COMMENT ON COLUMN reports.unresolved_names.last_seen_on IS 'Latest publication date of an article using it.';
COMMENT ON COLUMN reports.unresolved_names.example_quote IS 'A sentence or claim quote using the name (from the most recent article).';
COMMENT ON COLUMN reports.unresolved_names.example_source_url IS 'URL of the article the example quote comes from.';
