-- reports.judgements: every curator's judgement (`eventdb curate ...`), who made
-- it, when and why, and what it applies to now. A judgement on a claim follows
-- the claim through re-extraction and revised texts (by its claim key); when no
-- current claim has that key any more (a new extractor no longer produces it),
-- it is listed here as `unmatched`, not lost, and applies again if the claim
-- comes back.
--
-- depends: reports.incident_redirects
-- date-column: made_at
-- actor-columns: curator
-- order-by: judgement_id DESC
-- table-columns: judgement_id, kind, target, field, value, status, incident_id, curator, made_at, reason

CREATE VIEW reports.judgements AS
SELECT
    j.id                              AS judgement_id,
    j.kind,
    j.target,
    j.field,
    j.value #>> '{}'                  AS value,
    j.previous_value #>> '{}'         AS previous_value,
    CASE
        WHEN j.kind = 'undo' THEN 'undo'
        WHEN j.withdrawn_by IS NOT NULL THEN 'withdrawn'
        WHEN j.claim_key IS NOT NULL AND current_claims.claim_ids IS NULL THEN 'unmatched'
        ELSE 'in_force'
    END                               AS status,
    current_claims.claim_ids,
    -- The incident it bears on now: an incident judgement's (followed through
    -- merges), else the incident of the claim it applies to.
    COALESCE(reports.resolve_incident_id(incident.public_id), current_claims.incident_id) AS incident_id,
    other.public_id                   AS other_incident_id,
    j.undoes,
    j.withdrawn_by,
    j.curator,
    j.db_role,
    j.reason,
    j.created_at                      AS made_at
FROM judgements j
LEFT JOIN incidents incident ON incident.id = j.incident_id
LEFT JOIN incidents other    ON other.id = j.other_incident_id
LEFT JOIN LATERAL (
    SELECT array_agg(c.id ORDER BY c.id) AS claim_ids, min(i.public_id) AS incident_id
    FROM claims c LEFT JOIN incidents i ON i.id = c.incident_id
    WHERE c.claim_key = j.claim_key AND c.superseded_at IS NULL
) current_claims ON j.claim_key IS NOT NULL;

COMMENT ON VIEW reports.judgements IS
    'Curators'' judgements (reject a claim, correct a field of a claim or an incident, merge incidents, split a report off an incident, resolve a name, undo), with who, when, why, whether each is in force and what it applies to now.';
COMMENT ON COLUMN reports.judgements.judgement_id IS 'Judgement id (views show it in judgement_ids).';
COMMENT ON COLUMN reports.judgements.kind IS 'reject_claim, correct_claim, correct_incident, merge_incidents, split_report, resolve_name or undo.';
COMMENT ON COLUMN reports.judgements.target IS 'What the curator named: a claim id, an incident id, a name, or the judgement undone.';
COMMENT ON COLUMN reports.judgements.field IS 'Corrections: the field set; resolve_name: actor or place.';
COMMENT ON COLUMN reports.judgements.value IS 'Corrections: the value set (reference keys for places and actors); resolve_name: the reference key.';
COMMENT ON COLUMN reports.judgements.previous_value IS 'Corrections: the value before.';
COMMENT ON COLUMN reports.judgements.status IS 'in_force, withdrawn (undone), unmatched (its claim is not among the current claims: re-extraction no longer produces it) or undo.';
COMMENT ON COLUMN reports.judgements.claim_ids IS 'Claim judgements: the current claims it applies to (normally one).';
COMMENT ON COLUMN reports.judgements.incident_id IS 'The incident it bears on now (current public id).';
COMMENT ON COLUMN reports.judgements.other_incident_id IS 'A merge: the incident absorbed (its id, which now redirects); a split: the incident the report went to.';
COMMENT ON COLUMN reports.judgements.undoes IS 'undo: the judgement it withdrew.';
COMMENT ON COLUMN reports.judgements.withdrawn_by IS 'The undo that withdrew this judgement, when one did.';
COMMENT ON COLUMN reports.judgements.curator IS 'Who made it.';
COMMENT ON COLUMN reports.judgements.db_role IS 'The database role that recorded it.';
COMMENT ON COLUMN reports.judgements.reason IS 'Why, in the curator''s words.';
COMMENT ON COLUMN reports.judgements.made_at IS 'When it was made.';
