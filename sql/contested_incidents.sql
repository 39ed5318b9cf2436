-- reports.contested_incidents: incidents whose sources disagree, with the
-- competing statements and who makes each. Which incidents and why is
-- decided in sql/incident_disputes.sql; this view adds what the incident is
-- and who says what.
--
-- depends: reports.incidents, reports.incident_disputes
-- date-column: occurred_on
-- actor-columns: perpetrator, claimed_by, attributed_to, denied_by
-- order-by: occurred_on DESC NULLS LAST, incident_id
-- table-columns: incident_id, occurred_on_text, place, perpetrator, disputes, claimed_by, attributed_to, denied_by, not_confirmed_by, killed_values, injured_values, projectiles_values

CREATE VIEW reports.contested_incidents AS
SELECT
    i.incident_id,
    i.occurred_on_text,
    i.occurred_on,
    i.event_type,
    i.place,
    i.country_code,
    i.perpetrator,
    i.perpetrator_basis,
    i.target,
    i.source_count,
    d.disputes,
    -- Who takes which position on responsibility (see
    -- reports.claims.responsibility_position). These are subqueries in the
    -- select list so that PostgreSQL computes them only for the rows left
    -- after filters and LIMIT.
    (SELECT string_agg(DISTINCT COALESCE(c.claimant, 'an unnamed outlet'), '; ')
       FROM reports.claims c
      WHERE c.incident_id = i.incident_id AND c.responsibility_position = 'claims')           AS claimed_by,
    (SELECT string_agg(DISTINCT COALESCE(c.perpetrator, '?') || ' (by ' || COALESCE(c.claimant, 'an unnamed outlet') || ')', '; ')
       FROM reports.claims c
      WHERE c.incident_id = i.incident_id AND c.responsibility_position = 'attributes')       AS attributed_to,
    (SELECT string_agg(DISTINCT COALESCE(c.claimant, 'an unnamed outlet'), '; ')
       FROM reports.claims c
      WHERE c.incident_id = i.incident_id AND c.responsibility_position = 'denies')           AS denied_by,
    (SELECT string_agg(DISTINCT COALESCE(c.claimant, 'an unnamed outlet'), '; ')
       FROM reports.claims c
      WHERE c.incident_id = i.incident_id AND c.responsibility_position = 'does_not_confirm') AS not_confirmed_by,
    -- The competing numbers, each with who states it, highest first:
    -- "30 (Revenge of al-Muhandis Brigade); 14 (Asharq Al-Awsat)".
    CASE WHEN 'killed' = ANY (d.disputes) THEN
        (SELECT string_agg(n.value || ' (' || n.stated_by || ')', '; ' ORDER BY n.value DESC)
           FROM (SELECT c.killed AS value, string_agg(DISTINCT COALESCE(c.claimant, 'an unnamed outlet'), ', ') AS stated_by
                   FROM reports.claims c WHERE c.incident_id = i.incident_id AND c.killed IS NOT NULL
                  GROUP BY c.killed) n) END                                                 AS killed_values,
    CASE WHEN 'injured' = ANY (d.disputes) THEN
        (SELECT string_agg(n.value || ' (' || n.stated_by || ')', '; ' ORDER BY n.value DESC)
           FROM (SELECT c.injured AS value, string_agg(DISTINCT COALESCE(c.claimant, 'an unnamed outlet'), ', ') AS stated_by
                   FROM reports.claims c WHERE c.incident_id = i.incident_id AND c.injured IS NOT NULL
                  GROUP BY c.injured) n) END                                                AS injured_values,
    CASE WHEN 'projectiles' = ANY (d.disputes) THEN
        (SELECT string_agg(n.value || ' (' || n.stated_by || ')', '; ' ORDER BY n.value DESC)
           FROM (SELECT c.projectiles AS value, string_agg(DISTINCT COALESCE(c.claimant, 'an unnamed outlet'), ', ') AS stated_by
                   FROM reports.claims c WHERE c.incident_id = i.incident_id AND c.projectiles IS NOT NULL
                  GROUP BY c.projectiles) n) END                                            AS projectiles_values
FROM reports.incident_disputes d
JOIN reports.incidents i ON i.incident_id = d.incident_id;

COMMENT ON VIEW reports.contested_incidents IS
    'Incidents whose sources disagree: responsibility claimed and denied, attribution denied or not confirmed, or differing numbers killed, injured or of projectiles; with the competing values and who states each.';
COMMENT ON COLUMN reports.contested_incidents.incident_id IS 'Public incident id (as in reports.incidents).';
COMMENT ON COLUMN reports.contested_incidents.occurred_on_text IS 'Date of the event written to its precision (see reports.incidents.occurred_on_text).';
COMMENT ON COLUMN reports.contested_incidents.occurred_on IS 'Date of the event.';
COMMENT ON COLUMN reports.contested_incidents.event_type IS 'attack, airstrike, assassination or sabotage.';
COMMENT ON COLUMN reports.contested_incidents.place IS 'Where it happened.';
COMMENT ON COLUMN reports.contested_incidents.country_code IS 'ISO 3166-1 alpha-2 country where it happened.';
COMMENT ON COLUMN reports.contested_incidents.perpetrator IS 'Perpetrator the incident is assigned to (claimed over attributed over reported).';
COMMENT ON COLUMN reports.contested_incidents.perpetrator_basis IS 'claimed, attributed, reported or unknown.';
COMMENT ON COLUMN reports.contested_incidents.target IS 'Target of the incident.';
COMMENT ON COLUMN reports.contested_incidents.source_count IS 'Number of articles with a current claim about the incident.';
COMMENT ON COLUMN reports.contested_incidents.disputes IS 'What the sources disagree on: responsibility, attribution, killed, injured, projectiles.';
COMMENT ON COLUMN reports.contested_incidents.claimed_by IS 'Who claims responsibility, joined with ''; ''.';
COMMENT ON COLUMN reports.contested_incidents.attributed_to IS 'Attributions: ''perpetrator (by who attributes it)'', joined with ''; ''.';
COMMENT ON COLUMN reports.contested_incidents.denied_by IS 'Who denies responsibility or involvement, joined with ''; ''.';
COMMENT ON COLUMN reports.contested_incidents.not_confirmed_by IS 'Who declines to confirm the claim or attribution, joined with ''; ''.';
COMMENT ON COLUMN reports.contested_incidents.killed_values IS 'Differing numbers killed with who states each, highest first; NULL when sources agree.';
COMMENT ON COLUMN reports.contested_incidents.injured_values IS 'Differing numbers injured with who states each, highest first; NULL when sources agree.';
COMMENT ON COLUMN reports.contested_incidents.projectiles_values IS 'Differing numbers of rockets, missiles or drones with who states each, highest first, e.g. ''30 (Revenge of al-Muhandis Brigade); 14 (Asharq Al-Awsat)''.';
