-- Exchange bundles: for each source workspace and record, the SHA-256 of the record's data as
-- last received from (or sent to) that source. A record changed on both sides since then is a
-- conflict; one changed on one side only is merged without asking.
CREATE TABLE exchange_seen (
    source      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    data_sha256 TEXT NOT NULL,
    PRIMARY KEY (source, record_id)
) STRICT, WITHOUT ROWID;
