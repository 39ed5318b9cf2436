-- reports.source_coverage: per outlet, how much it contributes and what kind
-- of claims its articles make. Current articles and claims only.
--
-- depends:
-- date-column:
-- actor-columns:
-- order-by: claims DESC, outlet
-- table-columns: outlet, outlet_kind, articles, claims, incidents, first_published_on, last_published_on

CREATE VIEW reports.source_coverage AS
WITH per_outlet AS (
    SELECT
        s.outlet_id,
        count(DISTINCT s.id)            AS articles,
        count(c.id)                     AS claims,
        count(DISTINCT c.incident_id)   AS incidents,
        min(s.published_on)             AS first_published_on,
        max(s.published_on)             AS last_published_on,
        count(*) FILTER (WHERE c.claim_type = 'incident_report')        AS n_incident_report,
        count(*) FILTER (WHERE c.claim_type = 'responsibility_claimed') AS n_responsibility_claimed,
        count(*) FILTER (WHERE c.claim_type = 'responsibility_denied')  AS n_responsibility_denied,
        count(*) FILTER (WHERE c.claim_type = 'attribution')            AS n_attribution,
        count(*) FILTER (WHERE c.claim_type = 'involvement_denied')     AS n_involvement_denied,
        count(*) FILTER (WHERE c.claim_type = 'interception')           AS n_interception,
        count(*) FILTER (WHERE c.claim_type = 'casualty_report')        AS n_casualty_report,
        count(*) FILTER (WHERE c.claim_type = 'confirmation')           AS n_confirmation,
        count(*) FILTER (WHERE c.claim_type = 'non_confirmation')       AS n_non_confirmation,
        count(*) FILTER (WHERE c.claim_type = 'affiliation')            AS n_affiliation
    FROM sources s
    LEFT JOIN claims c ON c.source_id = s.id AND c.superseded_at IS NULL AND NOT c.rejected
    WHERE s.superseded_at IS NULL
    GROUP BY s.outlet_id
)
SELECT
    COALESCE(o.name, '(unknown outlet)') AS outlet,
    o.kind          AS outlet_kind,
    o.country_code  AS outlet_country,
    p.articles,
    p.claims,
    p.incidents,
    p.first_published_on,
    p.last_published_on,
    -- Shares of the outlet's claims by type, 0 to 1 (NULL when it has none).
    round(p.n_incident_report        / NULLIF(p.claims, 0)::numeric, 3) AS share_incident_report,
    round(p.n_responsibility_claimed / NULLIF(p.claims, 0)::numeric, 3) AS share_responsibility_claimed,
    round(p.n_responsibility_denied  / NULLIF(p.claims, 0)::numeric, 3) AS share_responsibility_denied,
    round(p.n_attribution            / NULLIF(p.claims, 0)::numeric, 3) AS share_attribution,
    round(p.n_involvement_denied     / NULLIF(p.claims, 0)::numeric, 3) AS share_involvement_denied,
    round(p.n_interception           / NULLIF(p.claims, 0)::numeric, 3) AS share_interception,
    round(p.n_casualty_report        / NULLIF(p.claims, 0)::numeric, 3) AS share_casualty_report,
    round(p.n_confirmation           / NULLIF(p.claims, 0)::numeric, 3) AS share_confirmation,
    round(p.n_non_confirmation       / NULLIF(p.claims, 0)::numeric, 3) AS share_non_confirmation,
    round(p.n_affiliation            / NULLIF(p.claims, 0)::numeric, 3) AS share_affiliation
FROM per_outlet p
LEFT JOIN outlets o ON o.id = p.outlet_id;

COMMENT ON VIEW reports.source_coverage IS
    'Per outlet: current articles, claims and incidents it contributes, its publication range, and the share of its claims of each claim type.';
COMMENT ON COLUMN reports.source_coverage.outlet IS 'Outlet name; ''(unknown outlet)'' for articles whose outlet is not known.';
COMMENT ON COLUMN reports.source_coverage.outlet_kind IS 'state_media, newspaper, wire, broadcaster, think_tank, aggregator, news_site or unknown.';
COMMENT ON COLUMN reports.source_coverage.outlet_country IS 'ISO 3166-1 alpha-2 country the outlet is based in.';
COMMENT ON COLUMN reports.source_coverage.articles IS 'Current articles from the outlet.';
COMMENT ON COLUMN reports.source_coverage.claims IS 'Current claims in those articles.';
COMMENT ON COLUMN reports.source_coverage.incidents IS 'Distinct incidents those claims are about.';
COMMENT ON COLUMN reports.source_coverage.first_published_on IS 'Earliest publication date of its articles.';
COMMENT ON COLUMN reports.source_coverage.last_published_on IS 'Latest publication date of its articles.';
COMMENT ON COLUMN reports.source_coverage.share_incident_report IS 'Share of its claims that are incident reports (0 to 1).';
COMMENT ON COLUMN reports.source_coverage.share_responsibility_claimed IS 'Share of its claims that report a claim of responsibility.';
COMMENT ON COLUMN reports.source_coverage.share_responsibility_denied IS 'Share of its claims that report a denial of responsibility.';
COMMENT ON COLUMN reports.source_coverage.share_attribution IS 'Share of its claims that attribute an incident to someone.';
COMMENT ON COLUMN reports.source_coverage.share_involvement_denied IS 'Share of its claims that report a denial of involvement.';
COMMENT ON COLUMN reports.source_coverage.share_interception IS 'Share of its claims that report an interception.';
COMMENT ON COLUMN reports.source_coverage.share_casualty_report IS 'Share of its claims that report casualties.';
COMMENT ON COLUMN reports.source_coverage.share_confirmation IS 'Share of its claims that report a confirmation.';
COMMENT ON COLUMN reports.source_coverage.share_non_confirmation IS 'Share of its claims that report a refusal or failure to confirm.';
COMMENT ON COLUMN reports.source_coverage.share_affiliation IS 'Share of its claims that state an affiliation between actors.';
