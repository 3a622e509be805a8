-- When a calendar year was entered (RFC 3339, UTC), so that bundles carrying calendar years
-- between workspaces let the newer entry win. Years entered before this column existed count
-- as the oldest ('').
ALTER TABLE calendar_year ADD COLUMN entered_at TEXT NOT NULL DEFAULT '';
