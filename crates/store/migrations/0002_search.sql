-- Search index, schema version 2. Derived from the record tables and rebuilt by `terroir
-- reindex`; written in the same transaction as each change. `kind`: 0 gi, 1 enterprise,
-- 2 user, 3 trademark.

CREATE TABLE search_doc (
    doc       INTEGER PRIMARY KEY,
    kind      INTEGER NOT NULL,
    record_id TEXT NOT NULL UNIQUE,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    -- Credit code of an enterprise, registration number of a trademark.
    key       TEXT,
    archived  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX search_doc_name ON search_doc(kind, archived, name);
CREATE INDEX search_doc_key ON search_doc(kind, archived, key);
CREATE INDEX search_doc_code ON search_doc(kind, archived, code);

-- Full pinyin and initials of each reading of a name from every syllable on, truncated
-- (terroir_core::search::pinyin_keys): pinyin queries are prefix lookups here.
CREATE TABLE search_alt (
    kind     INTEGER NOT NULL,
    initials INTEGER NOT NULL,
    alt      TEXT NOT NULL,
    doc      INTEGER NOT NULL,
    PRIMARY KEY (kind, initials, alt, doc)
) STRICT, WITHOUT ROWID;

-- Every distinct one- and two-character substring of a name: what trigrams cannot find.
CREATE TABLE search_gram (
    kind INTEGER NOT NULL,
    gram TEXT NOT NULL,
    doc  INTEGER NOT NULL,
    PRIMARY KEY (kind, gram, doc)
) STRICT, WITHOUT ROWID;

-- Substrings of three or more characters of names; one table per kind, so a query for one
-- kind never walks another kind's matches.
CREATE VIRTUAL TABLE search_fts_gi USING fts5(name, content='', contentless_delete=1, tokenize='trigram');
CREATE VIRTUAL TABLE search_fts_enterprise USING fts5(name, content='', contentless_delete=1, tokenize='trigram');
CREATE VIRTUAL TABLE search_fts_user USING fts5(name, content='', contentless_delete=1, tokenize='trigram');
CREATE VIRTUAL TABLE search_fts_trademark USING fts5(name, content='', contentless_delete=1, tokenize='trigram');
