-- The plan's own records (seed 一(二), 二(二), 四(九)): targets, pledge financing and
-- demonstration zones, each a record kind with its key columns; a GI product's yearly
-- statistics and the bureau's KPI rule sets for zones, as audited bureau data; and the facts
-- every record contributes to the targets' metrics (`plan_fact`), derived from its data and
-- rewritten with it, so a metric is summed by division and day from one index.
CREATE TABLE plan_target (
    id           TEXT PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    metric       TEXT NOT NULL,
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    data         TEXT NOT NULL,
    sample       INTEGER NOT NULL DEFAULT 0,
    archived_at  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL
) STRICT;
CREATE INDEX plan_target_name ON plan_target(name);
CREATE INDEX plan_target_jurisdiction ON plan_target(jurisdiction);

CREATE TABLE financing (
    id           TEXT PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    pledgor_id   TEXT NOT NULL REFERENCES enterprise(id),
    loan_on      TEXT NOT NULL,
    amount_fen   TEXT NOT NULL,
    data         TEXT NOT NULL,
    sample       INTEGER NOT NULL DEFAULT 0,
    archived_at  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL
) STRICT;
CREATE INDEX financing_name ON financing(name);
CREATE INDEX financing_jurisdiction ON financing(jurisdiction, loan_on);
CREATE INDEX financing_pledgor ON financing(pledgor_id);

CREATE TABLE zone (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    gi_id       TEXT NOT NULL REFERENCES gi_product(id),
    -- The responsible government's division.
    jurisdiction TEXT NOT NULL,
    status      TEXT NOT NULL,
    data        TEXT NOT NULL,
    sample      INTEGER NOT NULL DEFAULT 0,
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL
) STRICT;
CREATE INDEX zone_name ON zone(name);
CREATE INDEX zone_gi ON zone(gi_id);

-- A GI product's figures for a year (core plan::GiYearStat as JSON), audited as entity
-- `gi_stats`.
CREATE TABLE gi_year_stat (
    gi_id  TEXT NOT NULL REFERENCES gi_product(id),
    year   INTEGER NOT NULL,
    data   TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (gi_id, year)
) STRICT, WITHOUT ROWID;

-- The bureau's KPI rule sets for demonstration zones (core plan::KpiRules as JSON), audited
-- as entity `kpi_set`. The sample set is domain.md's Hunan example, marked sample.
CREATE TABLE zone_kpi_set (
    key    TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    basis  TEXT NOT NULL,
    rules  TEXT NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO zone_kpi_set (key, name, basis, rules, sample) VALUES (
    'hunan',
    '省级示范区建设标准（湖南示例）',
    '湖南省地理标志产品保护示范区建设标准（示例，据公开报道整理，待核实）',
    '{"min_users":5,"min_authorised_pct":50,"min_output":10000000000,"min_sector_pct":50}',
    1
);

-- What each live record counts for (core plan::Fact): a metric, where (a division; for a
-- record placed by its enterprise, `via` names the enterprise and `division` follows it), and
-- the days it counts on. Archived records have none.
CREATE TABLE plan_fact (
    record_id TEXT NOT NULL,
    code      TEXT NOT NULL,
    via       TEXT,
    metric    TEXT NOT NULL,
    division  TEXT,
    from_day  TEXT,
    to_day    TEXT,
    amount    INTEGER NOT NULL
) STRICT;
CREATE INDEX plan_fact_metric ON plan_fact(metric, division, from_day, to_day, amount);
CREATE INDEX plan_fact_record ON plan_fact(record_id);
CREATE INDEX plan_fact_via ON plan_fact(via) WHERE via IS NOT NULL;
-- Existing records' facts are made by the api on the next open (they need the core's rules).
INSERT INTO meta (key, value) VALUES ('plan_facts', 'stale');

-- Freshness: for each division whose records a merged bundle carried, the newest such bundle
-- (its source workspace and name, the moment it was made) and when it was merged here.
CREATE TABLE bundle_merged (
    division    TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    source_name TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    merged_at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;
