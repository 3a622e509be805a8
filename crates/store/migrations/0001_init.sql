-- Terroir workspace schema, version 1.
-- Records keep their identity, references and searchable keys in columns; the aggregate's
-- owned value objects (protections, status history, renewals, licences, reviews...) live in
-- `data` as JSON written by terroir-core's serde types.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE code_counter (
    kind TEXT PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE division (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    table_version TEXT NOT NULL,
    user_added    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE category (
    name   TEXT PRIMARY KEY,
    parent TEXT REFERENCES category(name),
    code   TEXT,
    seeded INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE enterprise (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    credit_code TEXT UNIQUE,
    division    TEXT REFERENCES division(code),
    data        TEXT NOT NULL,
    sample      INTEGER NOT NULL DEFAULT 0,
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL
) STRICT;

CREATE TABLE gi_product (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    category    TEXT REFERENCES category(name),
    data        TEXT NOT NULL,
    sample      INTEGER NOT NULL DEFAULT 0,
    archived_at TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL
) STRICT;

CREATE TABLE trademark (
    id            TEXT PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    reg_no        TEXT NOT NULL UNIQUE,
    registrant_id TEXT NOT NULL REFERENCES enterprise(id),
    expires_on    TEXT,
    data          TEXT NOT NULL,
    sample        INTEGER NOT NULL DEFAULT 0,
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL
) STRICT;
CREATE INDEX trademark_registrant ON trademark(registrant_id);
CREATE INDEX trademark_expires ON trademark(expires_on);

CREATE TABLE authorised_user (
    id            TEXT PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    gi_id         TEXT NOT NULL REFERENCES gi_product(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    stage         TEXT NOT NULL,
    data          TEXT NOT NULL,
    sample        INTEGER NOT NULL DEFAULT 0,
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL
) STRICT;
CREATE INDEX authorised_user_gi ON authorised_user(gi_id);
CREATE INDEX authorised_user_enterprise ON authorised_user(enterprise_id);

CREATE TABLE mark_candidate (
    id            TEXT PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    trademark_id  TEXT NOT NULL REFERENCES trademark(id),
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
    data          TEXT NOT NULL,
    sample        INTEGER NOT NULL DEFAULT 0,
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL
) STRICT;

-- Derived from gi_product.data's GI-trademark protections, so the database itself guards
-- those references.
CREATE TABLE gi_trademark (
    gi_id        TEXT NOT NULL REFERENCES gi_product(id),
    trademark_id TEXT NOT NULL REFERENCES trademark(id),
    PRIMARY KEY (gi_id, trademark_id)
) STRICT, WITHOUT ROWID;

-- Files in files/ by SHA-256; the original name is metadata only.
CREATE TABLE file_object (
    sha256        TEXT PRIMARY KEY,
    size          INTEGER NOT NULL,
    original_name TEXT NOT NULL,
    added_at      TEXT NOT NULL
) STRICT;

-- Append-only, hash-chained.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    reason    TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;
