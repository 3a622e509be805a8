-- The working-day calendar (工作日历): one row a year, as the State Council's notice lists it.
-- Years without a row move a period's last day over weekends only; Terroir's shipped years
-- (core::calendar) stand where the workspace has no row of its own. Audited as entity
-- `calendar`, id the year.
CREATE TABLE calendar_year (
    year     INTEGER PRIMARY KEY,
    holidays TEXT NOT NULL,  -- JSON array of ISO dates
    workdays TEXT NOT NULL,  -- JSON array of ISO dates
    source   TEXT NOT NULL
) STRICT;
