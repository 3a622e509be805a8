-- A record's snapshots are stored once (crates/store/src/audit.rs). From this version on, an
-- audit row about a record refers to its snapshots by SHA-256 instead of holding their JSON:
-- the content a record holds now is its own row, and a content it no longer holds is kept in
-- audit_snapshot, moved there by the change that replaced it. Rows written before keep their
-- JSON in `before`/`after`; their hashes do not change.
ALTER TABLE audit_log ADD COLUMN before_sha BLOB;
ALTER TABLE audit_log ADD COLUMN after_sha BLOB;

CREATE TABLE audit_snapshot (
    sha  BLOB PRIMARY KEY,
    json TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER audit_snapshot_no_update BEFORE UPDATE ON audit_snapshot
BEGIN
    SELECT RAISE(ABORT, 'audit_snapshot is append-only: rows cannot be changed');
END;

CREATE TRIGGER audit_snapshot_no_delete BEFORE DELETE ON audit_snapshot
BEGIN
    SELECT RAISE(ABORT, 'audit_snapshot is append-only: rows cannot be deleted');
END;
