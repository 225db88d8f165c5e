-- The consent log (issue 17): one row per choice a visitor made on the site's pages, so that the
-- company can show that the visitor consented (Art. 7(1) GDPR). No IP address, no user agent.
-- The same SQL runs on SQLite and PostgreSQL (integers as BIGINT, booleans as 0 and 1).
CREATE TABLE consent_log (
    -- The record's random id: the visitor's receipt names it, and it stays across their choices.
    id TEXT NOT NULL,
    -- When the choice was made, in milliseconds since 1970 UTC (the visitor's clock).
    time BIGINT NOT NULL,
    -- When the log stored it, in milliseconds since 1970 UTC (the server's clock): the export,
    -- the chart and the retention count from it.
    received BIGINT NOT NULL,
    -- The texts shown: consent/<revision>.json beside the site.
    revision TEXT NOT NULL,
    lang TEXT NOT NULL,
    analytics BIGINT NOT NULL,
    marketing BIGINT NOT NULL,
    gpc BIGINT NOT NULL,
    -- The page the choice was made on, without query or fragment.
    path TEXT NOT NULL,
    -- The record exactly as the visitor's browser stored it (and their receipt holds).
    record TEXT NOT NULL,
    PRIMARY KEY (id, time)
);

CREATE INDEX consent_log_received ON consent_log (received);
