-- Administrative enforcement cases (案件). Besides identity, the columns the statistics form
-- sums by (kind, jurisdiction, the day of each step, the fine and turnover in fen) so a year's
-- form is counted by index, never by decoding every case.
CREATE TABLE enforcement_case (
    id             TEXT PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    case_no        TEXT NOT NULL,
    jurisdiction   TEXT NOT NULL,
    kind           TEXT NOT NULL,
    state          TEXT NOT NULL,
    opened_on      TEXT NOT NULL,
    decided_on     TEXT,
    closed_on      TEXT,
    transferred_on TEXT,
    -- Key columns hold text, as every key column does; sums cast them.
    fine_fen       TEXT,
    turnover_fen   TEXT,
    -- The first party's credit code (search finds a case by it).
    party_code     TEXT,
    data           TEXT NOT NULL,
    sample         INTEGER NOT NULL DEFAULT 0,
    archived_at    TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL
) STRICT;
CREATE INDEX enforcement_case_name ON enforcement_case(name);
CREATE INDEX enforcement_case_no ON enforcement_case(case_no);
-- Covering the statistics form's sums (crates/store/src/cases.rs): a year's form reads these
-- indexes only, never the cases' rows.
CREATE INDEX enforcement_case_opened ON enforcement_case(opened_on, jurisdiction, kind, archived_at);
CREATE INDEX enforcement_case_decided
    ON enforcement_case(decided_on, jurisdiction, kind, archived_at, fine_fen, turnover_fen);
CREATE INDEX enforcement_case_closed ON enforcement_case(closed_on, jurisdiction, kind, archived_at);
CREATE INDEX enforcement_case_transferred
    ON enforcement_case(transferred_on, jurisdiction, kind, archived_at);
CREATE INDEX enforcement_case_jurisdiction ON enforcement_case(jurisdiction);
-- The list in code order, a page at a time, and its fines total, from indexes (each starts
-- with archived_at, so no index of archived_at alone: SQLite would take it and sort every case).
CREATE INDEX enforcement_case_live_code ON enforcement_case(archived_at, length(code), code);
CREATE INDEX enforcement_case_fine ON enforcement_case(archived_at, kind, jurisdiction, fine_fen);
-- The list sorted by 立案日期, either way.
CREATE INDEX enforcement_case_live_opened ON enforcement_case(archived_at, opened_on);
-- A list narrowed by state counts and totals from this index alone.
CREATE INDEX enforcement_case_state ON enforcement_case(state, archived_at, fine_fen);

-- Who and what a case concerns: each party's identity (`enterprise:<id>`, `credit:<code>`,
-- `person:<name>`, `name:<name>`; role 0) and each related record's id (role 1). Derived:
-- rewritten with the case (api: records::save_links). A repeat infringer and the cases shown
-- on a record are found here by index.
CREATE TABLE case_ref (
    ref     TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES enforcement_case(id) ON DELETE CASCADE,
    role    INTEGER NOT NULL,
    PRIMARY KEY (ref, case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_ref_case ON case_ref(case_id);

-- Search: cases by their number and parties' names (kind 4 of the index).
CREATE VIRTUAL TABLE search_fts_case USING fts5(name, content='', contentless_delete=1, tokenize='trigram');

-- Fine limits the bureau sets for the kinds of case the law gives no formula for (fen, with
-- what the limit rests on). Changes are audited as entity `fine_limit`, id the kind. None is
-- shipped: no limit was verified.
CREATE TABLE case_fine_limit (
    kind    TEXT PRIMARY KEY,
    max_fen INTEGER NOT NULL CHECK (max_fen >= 0),
    basis   TEXT NOT NULL
) STRICT;

-- The rows of the enforcement statistics form (案件统计表), bureau data: a label, the case
-- kinds counted (comma-separated keys; empty for all), and the measure. Changes are audited as
-- entity `stats_form`.
CREATE TABLE stats_form_row (
    position INTEGER PRIMARY KEY,
    label    TEXT NOT NULL,
    kinds    TEXT NOT NULL,
    measure  TEXT NOT NULL,
    sample   INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The sample rows, after the kinds domain.md names (the official form was not available here):
-- marked sample; the bureau edits them.
INSERT INTO stats_form_row (position, label, kinds, measure, sample) VALUES
    (0, '商标侵权案件（件）', 'mark_infringement', 'cases', 1),
    (1, '地理标志、集体商标、证明商标违法案件（件）', 'gi_misuse', 'cases', 1),
    (2, '地理标志专用标志违法使用案件（件）', 'special_mark_misuse', 'cases', 1),
    (3, '违法使用“驰名商标”字样案件（件）', 'well_known_wording', 'cases', 1),
    (4, '立案合计（件）', '', 'cases', 1),
    (5, '结案（件）', '', 'closed', 1),
    (6, '作出处罚决定（件）', '', 'penalised', 1),
    (7, '罚款（元）', '', 'fines', 1),
    (8, '违法经营额（元）', '', 'turnover', 1),
    (9, '移送司法机关（件）', '', 'transfers', 1);
