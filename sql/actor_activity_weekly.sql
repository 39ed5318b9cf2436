-- reports.actor_activity_weekly: incidents per ISO week and perpetrator, split
-- by why the perpetrator is named and by the country where they happened.
--
-- Only incidents dated to the day or the week are counted: an incident known
-- only to the month or year would land arbitrarily in the period's first week.
-- Incidents without a perpetrator count under '(unknown)'.
--
-- depends: reports.incidents
-- date-column: week_start
-- actor-columns: actor
-- order-by: week_start DESC, incidents DESC, actor
-- table-columns: iso_week, actor, incidents, claimed, attributed, reported, by_country

CREATE VIEW reports.actor_activity_weekly AS
WITH dated AS (
    SELECT date_trunc('week', occurred_on)::date AS week_start,  -- ISO weeks start on Monday
           to_char(occurred_on, 'IYYY-"W"IW')    AS iso_week,
           COALESCE(perpetrator, '(unknown)')    AS actor,
           perpetrator_basis,
           COALESCE(country_code, '??')          AS country_code
    FROM reports.incidents
    WHERE occurred_on IS NOT NULL
      AND date_precision IN ('day', 'week')
),
per_country AS (
    SELECT week_start, iso_week, actor, country_code,
           count(*)                                                  AS incidents,
           count(*) FILTER (WHERE perpetrator_basis = 'claimed')     AS claimed,
           count(*) FILTER (WHERE perpetrator_basis = 'attributed')  AS attributed,
           count(*) FILTER (WHERE perpetrator_basis = 'reported')    AS reported
    FROM dated
    GROUP BY week_start, iso_week, actor, country_code
)
SELECT
    week_start,
    iso_week,
    actor,
    sum(incidents)::int   AS incidents,
    sum(claimed)::int     AS claimed,
    sum(attributed)::int  AS attributed,
    sum(reported)::int    AS reported,
    jsonb_object_agg(country_code, incidents ORDER BY country_code) AS by_country
FROM per_country
GROUP BY week_start, iso_week, actor;

COMMENT ON VIEW reports.actor_activity_weekly IS
    'Incidents per ISO week (Monday to Sunday) and perpetrator: how many, on what basis the perpetrator is named, and in which countries. Counts incidents dated to the day or week only.';
COMMENT ON COLUMN reports.actor_activity_weekly.week_start IS 'Monday that starts the ISO week.';
COMMENT ON COLUMN reports.actor_activity_weekly.iso_week IS 'ISO week as YYYY-Www (e.g. 2024-W05).';
COMMENT ON COLUMN reports.actor_activity_weekly.actor IS 'Perpetrator: canonical actor name, else as written; ''(unknown)'' when no perpetrator is known.';
COMMENT ON COLUMN reports.actor_activity_weekly.incidents IS 'Incidents in the week attributed to the actor on any basis.';
COMMENT ON COLUMN reports.actor_activity_weekly.claimed IS 'Of those, incidents the actor claimed itself.';
COMMENT ON COLUMN reports.actor_activity_weekly.attributed IS 'Of those, incidents a third party attributed to the actor.';
COMMENT ON COLUMN reports.actor_activity_weekly.reported IS 'Of those, incidents the outlet attributed to the actor in its own voice.';
COMMENT ON COLUMN reports.actor_activity_weekly.by_country IS 'Incidents per country where they happened, as a JSON object {"IQ": 3, "SY": 1} (''??'' when unknown).';
