-- Which entry of a calendar year is newer, so that bundles carrying calendar years between
-- workspaces let the newer entry win: `revision` counts the entries of the year along the chain
-- of workspaces it travelled (an entry made here is one more than the revision it replaces), and
-- `entered_at` (RFC 3339, UTC) breaks a tie between two entries made apart. Years entered
-- before these columns existed are revision 0, entered ''.
ALTER TABLE calendar_year ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calendar_year ADD COLUMN entered_at TEXT NOT NULL DEFAULT '';
