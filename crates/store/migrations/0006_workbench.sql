-- The enterprise workbench: applications for guidance and incentive awards, the incentive rules
-- they are judged by, and yearly award budgets per paying jurisdiction.
CREATE TABLE application (
    id            TEXT PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    -- A candidate, trademark, GI product or authorised user (the kind is in data).
    subject_id    TEXT,
    state         TEXT NOT NULL,
    data          TEXT NOT NULL,
    sample        INTEGER NOT NULL DEFAULT 0,
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL
) STRICT;
CREATE INDEX application_enterprise ON application(enterprise_id);
CREATE INDEX application_subject ON application(subject_id);
CREATE INDEX application_state ON application(state);
CREATE INDEX application_archived ON application(archived_at);
CREATE INDEX application_name ON application(name);

CREATE TABLE incentive_rule (
    id            TEXT PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    jurisdiction  TEXT NOT NULL,
    item          TEXT NOT NULL,
    data          TEXT NOT NULL,
    sample        INTEGER NOT NULL DEFAULT 0,
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL
) STRICT;
CREATE INDEX incentive_rule_archived ON incentive_rule(archived_at);
CREATE INDEX incentive_rule_name ON incentive_rule(name);

-- The award budget of a paying jurisdiction for a year, in fen. Changes are audited as
-- entity `budget`, id `JURISDICTION/YEAR`.
CREATE TABLE budget (
    jurisdiction TEXT NOT NULL,
    year         INTEGER NOT NULL,
    amount_fen   INTEGER NOT NULL CHECK (amount_fen >= 0),
    PRIMARY KEY (jurisdiction, year)
) STRICT, WITHOUT ROWID;
