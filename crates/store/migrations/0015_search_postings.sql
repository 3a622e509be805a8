-- The search index's grams, pinyin keys and initials keys as posting lists: one row per block
-- of up to 128 documents of a term, instead of one row per term and document (the term was
-- repeated in every row). `field`: 0 gram, 1 full pinyin, 2 initials. `docs` holds the block's
-- documents after `first` as varint gaps (crates/store/src/postings.rs). The store fills the
-- new table from the records when it upgrades a workspace to this version.
DROP TABLE search_gram;
DROP TABLE search_alt;
CREATE TABLE search_post (
    kind  INTEGER NOT NULL,
    field INTEGER NOT NULL,
    term  TEXT NOT NULL,
    first INTEGER NOT NULL,
    docs  BLOB NOT NULL,
    PRIMARY KEY (kind, field, term, first)
) STRICT, WITHOUT ROWID;
