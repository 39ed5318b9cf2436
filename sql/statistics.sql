-- reports.statistics: aggregate statements that are not single incidents
-- ("approximately 40 strikes in recent weeks"), with their source.
--
-- depends:
-- date-column: published_on
-- actor-columns: actor
-- order-by: published_on DESC NULLS LAST, statistic_id
-- table-columns: statistic_id, published_on, actor, qualifier, count, what, period, stance, quote, outlet

CREATE VIEW reports.statistics AS
SELECT
    st.id               AS statistic_id,
    COALESCE(actor.name, st.actor_text) AS actor,
    st.count,
    st.count_text,
    st.qualifier,
    st.what,
    st.target_text      AS target,
    st.period_text      AS period,
    st.period_start,
    st.period_end,
    st.stance,
    st.quote,
    st.source_id,
    s.url               AS source_url,
    outlet.name         AS outlet,
    s.published_on
FROM statistics st
JOIN sources s           ON s.id = st.source_id
LEFT JOIN outlets outlet ON outlet.id = s.outlet_id
LEFT JOIN actors actor   ON actor.id = st.actor_id
WHERE st.superseded_at IS NULL;  -- current statements only

COMMENT ON VIEW reports.statistics IS
    'Aggregate statements found in articles (''some 200 attacks since October''): who is counted, the number with its qualifier, the period as written and resolved, the quote and its source.';
COMMENT ON COLUMN reports.statistics.statistic_id IS 'Statement key (statistics.id).';
COMMENT ON COLUMN reports.statistics.actor IS 'Actor whose activity is counted: canonical name, else as written.';
COMMENT ON COLUMN reports.statistics.count IS 'The number stated.';
COMMENT ON COLUMN reports.statistics.count_text IS 'The number as written (''some 200'', ''dozens'').';
COMMENT ON COLUMN reports.statistics.qualifier IS 'exact, approx, at_least, more_than, at_most or less_than.';
COMMENT ON COLUMN reports.statistics.what IS 'What is counted (''strikes'', ''missile and drone launches'').';
COMMENT ON COLUMN reports.statistics.target IS 'Target of the counted acts, as written.';
COMMENT ON COLUMN reports.statistics.period IS 'Period as written (''since November 2023'').';
COMMENT ON COLUMN reports.statistics.period_start IS 'Resolved first day of the period.';
COMMENT ON COLUMN reports.statistics.period_end IS 'Resolved last day of the period.';
COMMENT ON COLUMN reports.statistics.stance IS 'asserted, denied, not_confirmed or hedged.';
COMMENT ON COLUMN reports.statistics.quote IS 'The exact words of the article.';
COMMENT ON COLUMN reports.statistics.source_id IS 'Key of the article (sources.id).';
COMMENT ON COLUMN reports.statistics.source_url IS 'URL of the article, when known.';
COMMENT ON COLUMN reports.statistics.outlet IS 'Outlet that published the article.';
COMMENT ON COLUMN reports.statistics.published_on IS 'Publication date of the article.';
